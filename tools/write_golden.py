"""Write tests/golden/paths.txt: every path through every guide, so a change of routing shows in review."""

from __future__ import annotations

import sys
from pathlib import Path

from borgerguide import read_languages

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = read_languages(ROOT)
sys.path.insert(0, str(ROOT / "src"))

from borgerguide.rules.golden import GOLDEN_FILE, golden_text  # noqa: E402
from borgerguide.rules.load import load_rules  # noqa: E402


def main() -> int:
    rules = load_rules(ROOT / "data" / "rules.yml", display_name="data/rules.yml", languages=LANGUAGES)
    target = ROOT / GOLDEN_FILE
    target.write_text(golden_text(rules), "utf-8")
    print(f"Wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
