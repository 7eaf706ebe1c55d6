"""Print the readability (LIX) of every Danish guidance page; exit 1 if a page is above the target.

LIX = words per sentence + percentage of words longer than six letters. Digitaliseringsstyrelsen asks for
plain language; we aim for at most 35 ("easy") on every Danish page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from borgerguide import load_rules, read_languages
from borgerguide.editors.readability import LIX_TARGET, page_lix, tree_lix

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = read_languages(ROOT)


def main() -> int:
    language = LANGUAGES.default
    pages = sorted((ROOT / "docs" / language).rglob("*.md"))
    rows = [(path.relative_to(ROOT).as_posix(), page_lix(path, language)) for path in pages]
    rules = load_rules(ROOT / "data" / "rules.yml", display_name="data/rules.yml", languages=LANGUAGES)
    rows += [(f"data/rules.yml: guide {tree.id}", tree_lix(tree, language)) for tree in rules.trees.values()]
    width = max(len(name) for name, _ in rows)
    print(f"{'page':<{width}}  LIX")
    for name, lix in rows:
        flag = "" if lix <= LIX_TARGET else f"  above {LIX_TARGET}: shorten sentences and long words"
        print(f"{name:<{width}}  {lix:5.1f}{flag}")
    over = [name for name, lix in rows if lix > LIX_TARGET]
    print(f"\n{len(rows)} pages and guides, {len(over)} above {LIX_TARGET}.")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
