"""The hand-written guidance pages: same set in both languages, valid front matter, plain Danish."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import LANGUAGES, ROOT

from borgerguide import load_rules
from borgerguide.editors.readability import LIX_TARGET, MAX_SENTENCE_WORDS, long_sentences, page_lix, tree_lix
from borgerguide.editors.terms import term_slips
from borgerguide.errors import RulesError
from borgerguide.guidance.pages import check_parity, load_pages, source_problems
from borgerguide.rules.load import load_sources

DOCS = ROOT / "docs"
DANISH_PAGES = sorted((DOCS / "da").rglob("*.md"))


def test_both_languages_have_the_same_pages() -> None:
    assert check_parity(DOCS, LANGUAGES) == []
    danish = {p.relative_to(DOCS / "da") for p in (DOCS / "da").rglob("*.md")}
    english = {p.relative_to(DOCS / "en") for p in (DOCS / "en").rglob("*.md")}
    assert danish == english and len(danish) >= 20


def test_a_page_in_one_language_only_is_reported(tmp_path: Path) -> None:
    for language in ("da", "en"):
        (tmp_path / language).mkdir()
    (tmp_path / "da" / "ny-side.md").write_text(
        "---\ntitle: Ny\ndescription: Ny side.\nlast_reviewed: 2026-11-26\n---\n"
    )
    problems = check_parity(tmp_path, LANGUAGES)
    assert [str(p.file) for p in problems] == ["docs/da/ny-side.md"]
    assert "docs/en/ny-side.md" in problems[0].message


def test_every_page_has_valid_front_matter() -> None:
    pages = load_pages(DOCS, LANGUAGES)  # raises RulesError listing every problem
    for language in ("da", "en"):
        for page in pages[language].values():
            assert page.title and page.description and page.last_reviewed


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("", "has no front matter"),
        ("---\ntitle: X\ndescription: Y\n---\n", "no 'last_reviewed'"),
        ("---\ntitle: X\ndescription: Y\nlast_reviewed: 2026-11-26\n---\n", "no 'sources'"),
        ("---\ntitle: X\ndescription: Y\nlast_reviewed: 2026-11-26\nsources: []\n---\n", "at least one source"),
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
        load_pages(tmp_path, LANGUAGES)
    report = str(error.value)
    assert expected in report
    assert "docs/da/side.md" in report and "docs/en/side.md" in report


def test_page_titles_match_their_heading() -> None:
    for page in sorted(DOCS.rglob("*.md")):
        if page.parent == DOCS:
            continue
        _, front_matter, body = page.read_text("utf-8").split("---\n", 2)
        title = yaml.safe_load(front_matter)["title"]
        headings = re.findall(r"^# (.+)$", body, flags=re.MULTILINE)  # front matter may hold YAML comments
        assert headings == [title], f"{page}: one '# {title}' heading expected, found {headings}"


@pytest.mark.parametrize("page", DANISH_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_danish_page_is_easy_to_read(page: Path) -> None:
    lix = page_lix(page, LANGUAGES.default)
    print(f"LIX {lix:5.1f}  {page.relative_to(ROOT)}")
    assert lix <= LIX_TARGET, f"{page.relative_to(ROOT)} has LIX {lix:.1f}; aim for {LIX_TARGET} or less"


def test_no_phone_number_is_typed_by_hand_in_pages() -> None:
    phone = re.compile(r"\b\d{2} \d{2} \d{2} \d{2}\b|\b\d{8}\b")
    offenders = [str(p.relative_to(ROOT)) for p in DOCS.rglob("*.md") if phone.search(p.read_text("utf-8"))]
    assert offenders == [], f"use [[contact:ID]] instead of typing a number: {offenders}"


def test_every_phone_number_and_address_cites_where_it_is_published() -> None:
    """A number nobody can trace is a number nobody can check: each one names its source."""
    registry = yaml.safe_load((ROOT / "data" / "sources.yml").read_text("utf-8"))
    rules = yaml.safe_load((ROOT / "data" / "rules.yml").read_text("utf-8"))
    municipality = yaml.safe_load((ROOT / "data" / "municipality.yml").read_text("utf-8"))
    entries = [(f"contact {key}", body) for key, body in rules["contacts"].items()]
    entries += [(f"municipality {key}", body or {}) for key, body in municipality["contacts"].items()]
    checked = 0
    for name, body in entries:
        if any(body.get(channel) for channel in ("phone", "address", "email", "opening_hours")):
            checked += 1
            assert body.get("sources"), f"{name}: add 'sources:' naming where its details are published"
            assert set(body["sources"]) <= set(registry), f"{name}: unknown source in {body['sources']}"
    assert checked >= 4


def test_every_page_lists_its_sources_from_the_registry() -> None:
    registry = yaml.safe_load((ROOT / "data" / "sources.yml").read_text("utf-8"))
    pages = load_pages(DOCS, LANGUAGES)
    assert source_problems(pages, registry) == []
    for language in ("da", "en"):
        for page in pages[language].values():
            assert page.sources, page.path
    # A page and its translation state the same facts, so they cite the same sources.
    for path, page in pages["da"].items():
        assert set(page.sources) == set(pages["en"][path].sources), path


def test_an_unknown_source_on_a_page_is_located(tmp_path: Path) -> None:
    for language in ("da", "en"):
        (tmp_path / language).mkdir()
        (tmp_path / language / "side.md").write_text(
            "---\ntitle: X\ndescription: Y\nlast_reviewed: 2026-11-26\nsources: [borger-dkk]\n---\n# X\n"
        )
    problems = source_problems(load_pages(tmp_path, LANGUAGES), {"borger-dk": object()})
    assert [(p.file, p.line) for p in problems] == [("docs/da/side.md", 5), ("docs/en/side.md", 5)]
    assert "unknown source 'borger-dkk'" in problems[0].message and problems[0].hint == "Did you mean 'borger-dk'?"


def test_a_source_address_must_be_https(tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    path.write_text("borger-dk:\n  title: borger.dk\n  url: http://www.borger.dk\n", "utf-8")
    with pytest.raises(RulesError) as error:
        load_sources(path, "data/sources.yml", LANGUAGES)
    assert "data/sources.yml:3: [source borger-dk] the address 'http://www.borger.dk' must start with https://" in str(
        error.value
    )


def test_pages_and_data_follow_the_term_list() -> None:
    slips = term_slips(ROOT)
    assert slips == [], RulesError(slips).report()


def test_a_slip_is_reported_with_file_line_and_the_word_to_use(tmp_path: Path) -> None:
    for part in ("docs/da", "docs/en", "data"):
        (tmp_path / part).mkdir(parents=True)
    shutil.copy2(ROOT / "data" / "terms.yml", tmp_path / "data" / "terms.yml")
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs" / "da" / "side.md").write_text("# Side\n\nDu kan blive undtaget fra Digital Post.\n")
    # In the data files a term belongs to its language: the Danish slip is found, the English text is left alone.
    (tmp_path / "data" / "rules.yml").write_text(
        'x:\n  da: "Åbn MitID app nu."\n  en: "Open the MitID app now."\n  # logge ind (a comment)\n'
    )
    problems = term_slips(tmp_path)
    found = {(p.file, p.line, p.hint.split(".")[0]) for p in problems}  # type: ignore[union-attr]
    assert found == {
        ("docs/da/side.md", 3, "Write 'fritaget fra Digital Post'"),
        ("data/rules.yml", 2, "Write 'MitID-appen'"),
    }


@pytest.mark.parametrize(
    "tree", load_rules(ROOT / "data" / "rules.yml", languages=LANGUAGES).trees.values(), ids=lambda tree: tree.id
)
def test_danish_guide_text_is_easy_to_read(tree) -> None:  # type: ignore[no-untyped-def]
    lix = tree_lix(tree, LANGUAGES.default)
    print(f"LIX {lix:5.1f}  guide {tree.id}")
    assert lix <= LIX_TARGET, f"the Danish texts of guide {tree.id} have LIX {lix:.1f}; aim for {LIX_TARGET} or less"


def test_danish_sentences_are_short() -> None:
    found = long_sentences(ROOT, LANGUAGES.default)
    assert found == [], f"Danish sentences over {MAX_SENTENCE_WORDS} words; split each in two:\n  " + "\n  ".join(found)


def test_a_long_sentence_is_reported_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "docs" / "da").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    long = " ".join(["ord"] * 30)
    (tmp_path / "docs" / "da" / "side.md").write_text(
        f"---\ntitle: Side\n---\n# Side\n\nKort sætning. {long.capitalize()}.\n", "utf-8"
    )
    (tmp_path / "data" / "rules.yml").write_text(f'x:\n  label: {{da: "{long}.", en: "{long}."}}\n', "utf-8")
    (tmp_path / "data" / "cases.yml").write_text("cases: {}\n", "utf-8")
    found = long_sentences(tmp_path, LANGUAGES.default)
    assert [line.split(" words")[0] for line in found] == ["docs/da/side.md:6: 30", "data/rules.yml:2: 30"]
