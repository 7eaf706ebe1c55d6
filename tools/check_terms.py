"""make terms: every slip from the term list (data/terms.yml) in pages and data files, with file and line."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from borgerguide.editors.terms import term_slips  # noqa: E402
from borgerguide.errors import RulesError  # noqa: E402


def main() -> int:
    try:
        slips = term_slips(ROOT)
    except RulesError as error:
        print(error.report(), file=sys.stderr)
        return 1
    if slips:
        print(RulesError(slips).report())
        return 1
    print("No slips: every page and data file follows the term list (data/terms.yml).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
