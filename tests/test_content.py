"""The hand-written guidance pages: same set in both languages, valid front matter, plain Danish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from readability import LIX_TARGET, page_lix, tree_lix

from borgerguide import load_rules
from borgerguide.errors import RulesError
from borgerguide.pages import check_parity, load_pages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SEEDS = ROOT.parent / "shared" / "seeds"
DANISH_PAGES = sorted((DOCS / "da").rglob("*.md"))


def test_both_languages_have_the_same_pages() -> None:
    assert check_parity(DOCS) == []
    danish = {p.relative_to(DOCS / "da") for p in (DOCS / "da").rglob("*.md")}
    english = {p.relative_to(DOCS / "en") for p in (DOCS / "en").rglob("*.md")}
    assert danish == english and len(danish) >= 20


def test_a_page_in_one_language_only_is_reported(tmp_path: Path) -> None:
    for language in ("da", "en"):
        (tmp_path / language).mkdir()
    (tmp_path / "da" / "ny-side.md").write_text(
        "---\ntitle: Ny\ndescription: Ny side.\nlast_reviewed: 2026-11-26\n---\n"
    )
    problems = check_parity(tmp_path)
    assert [str(p.file) for p in problems] == ["docs/da/ny-side.md"]
    assert "docs/en/ny-side.md" in problems[0].message


def test_every_page_has_valid_front_matter() -> None:
    pages = load_pages(DOCS)  # raises RulesError listing every problem
    for language in ("da", "en"):
        for page in pages[language].values():
            assert page.title and page.description and page.last_reviewed


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("", "has no front matter"),
        ("---\ntitle: X\ndescription: Y\n---\n", "no 'last_reviewed'"),
        ("---\ntitle: X\ndescription: Y\nlast_reviewed: i går\n---\n", "must be a date"),
        ("---\ntitle: X\ndescription: ''\nlast_reviewed: 2026-11-26\n---\n", "'description' is empty"),
        ("---\ntitle: X: Y\ndescription: Y\nlast_reviewed: 2026-11-26\n---\n", "not valid YAML"),
    ],
)
def test_bad_front_matter_is_reported_with_file_and_fix(tmp_path: Path, front_matter: str, expected: str) -> None:
    for language in ("da", "en"):
        (tmp_path / language).mkdir()
        (tmp_path / language / "side.md").write_text(front_matter + "# Side\n")
    with pytest.raises(RulesError) as error:
        load_pages(tmp_path)
    report = str(error.value)
    assert expected in report
    assert "docs/da/side.md" in report and "docs/en/side.md" in report


def test_page_titles_match_their_heading() -> None:
    for page in sorted(DOCS.rglob("*.md")):
        if page.parent == DOCS:
            continue
        text = page.read_text("utf-8")
        title = yaml.safe_load(text.split("---")[1])["title"]
        headings = re.findall(r"^# (.+)$", text, flags=re.MULTILINE)
        assert headings == [title], f"{page}: one '# {title}' heading expected, found {headings}"


@pytest.mark.parametrize("page", DANISH_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_danish_page_is_easy_to_read(page: Path) -> None:
    lix = page_lix(page)
    print(f"LIX {lix:5.1f}  {page.relative_to(ROOT)}")
    assert lix <= LIX_TARGET, f"{page.relative_to(ROOT)} has LIX {lix:.1f}; aim for {LIX_TARGET} or less"


def test_no_phone_number_is_typed_by_hand_in_pages() -> None:
    phone = re.compile(r"\b\d{2} \d{2} \d{2} \d{2}\b|\b\d{8}\b")
    offenders = [str(p.relative_to(ROOT)) for p in DOCS.rglob("*.md") if phone.search(p.read_text("utf-8"))]
    assert offenders == [], f"use [[contact:ID]] instead of typing a number: {offenders}"


def test_every_phone_number_comes_from_the_sources() -> None:
    assert SEEDS.is_dir(), f"the source documents are expected at {SEEDS}"
    sources = " ".join(" ".join(p.read_text("utf-8").split()) for p in SEEDS.iterdir())
    rules = yaml.safe_load((ROOT / "data" / "rules.yml").read_text("utf-8"))
    phones = [c["phone"] for c in rules["contacts"].values() if "phone" in c]
    assert len(phones) >= 3
    for number in phones:
        assert number in sources, f"{number} is not in the source documents"


@pytest.mark.parametrize("tree", load_rules(ROOT / "data" / "rules.yml").trees.values(), ids=lambda tree: tree.id)
def test_danish_guide_text_is_easy_to_read(tree) -> None:  # type: ignore[no-untyped-def]
    lix = tree_lix(tree)
    print(f"LIX {lix:5.1f}  guide {tree.id}")
    assert lix <= LIX_TARGET, f"the Danish texts of guide {tree.id} have LIX {lix:.1f}; aim for {LIX_TARGET} or less"
