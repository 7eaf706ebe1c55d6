"""make review: the pages and outcomes not reviewed for a while (12 months unless MONTHS=... says otherwise),
oldest first, so editors know what to check against its sources next."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from borgerguide import read_languages

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = read_languages(ROOT)
sys.path.insert(0, str(ROOT / "src"))

from borgerguide.editors.review import DEFAULT_MONTHS, due_for_review  # noqa: E402
from borgerguide.errors import RulesError  # noqa: E402
from borgerguide.project import load_project  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--months", type=int, default=DEFAULT_MONTHS, help="how old a review may be")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv)
    try:
        project = load_project(ROOT, LANGUAGES)
    except RulesError as error:
        print(error.report(), file=sys.stderr)
        return 1
    due = due_for_review(project.pages, project.rules, args.today, args.months)
    age = f"{args.months} month" + ("" if args.months == 1 else "s")
    if not due:
        print(f"Everything was reviewed within the last {age}.")
        return 0
    print(f"{len(due)} to review (last reviewed more than {age} before {args.today}), oldest first:")
    for item in due:
        print(f"  {item.reviewed}  {item.where}  {item.title}")
    print("\nCheck each against its sources, correct it, and set last_reviewed to today's date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
