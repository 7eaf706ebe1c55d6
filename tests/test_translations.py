"""Missing translations: the build stops naming each with file, line and language, all at once; `make
translations` lists per language what is missing and which translated pages are older than their Danish page."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, Build, assert_clear_failure

from borgerguide import read_languages
from borgerguide.editors.translations import translation_report
from borgerguide.errors import RulesError
from borgerguide.project import MUNICIPALITY_ENV, load_project
from borgerguide.site.strings import STRINGS_FOLDER, strings_problems

STRINGS = f"{STRINGS_FOLDER}/da.yml"


def _drop_line(file: Path, line: str) -> int:
    """Remove the first line that is exactly ``line`` (indentation included); return its 1-based number."""
    lines = file.read_text("utf-8").splitlines(keepends=True)
    number = next(index for index, text in enumerate(lines) if text.rstrip("\n") == line)
    file.write_text("".join(lines[:number] + lines[number + 1 :]), "utf-8")
    return number + 1


def _line_starting(file: Path, start: str) -> int:
    return next(n for n, text in enumerate(file.read_text("utf-8").splitlines(), 1) if text.startswith(start))


def _set_reviewed(page: Path, date: str) -> None:
    text = page.read_text("utf-8")
    old = next(line for line in text.splitlines() if line.startswith("last_reviewed:"))
    page.write_text(text.replace(old, f"last_reviewed: {date}", 1), "utf-8")


class Broken:
    """A copy of the project with one missing English translation of each kind, and where each is written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "docs" / "en" / "demo.md").unlink()
        rules, cases, glossary = (root / "data" / name for name in ("rules.yml", "cases.yml", "glossary.yml"))
        # A contact's name and a question: each key two lines above its English text (the contact first, as
        # removing its line moves the question up).
        self.contact = _drop_line(rules, "      en: MitID support") - 2
        self.question = _drop_line(rules, '          en: "Are you exempt from Digital Post?"') - 2
        # A case's second question: its 'question:' key two lines above its English text.
        self.case = _drop_line(cases, '          en: "Who should she contact first?"') - 2
        self.term = _drop_line(glossary, "      en: Digital Post") - 2
        self.strings = _drop_line(root / STRINGS_FOLDER / "en.yml", "back: Back")


@pytest.fixture
def broken(project_copy: Path) -> Broken:
    return Broken(project_copy)


def test_every_kind_of_missing_translation_stops_the_build_at_once(
    broken: Broken, build_copy: Callable[[], Build]
) -> None:
    build = build_copy()
    assert_clear_failure(build)
    english = "no English (en) text"
    expected = [
        "docs/da/demo.md:1: the page has no counterpart docs/en/demo.md (no English (en) translation).",
        f"data/rules.yml:{broken.question}: [tree undtagelse / node fritaget-digital-post] 'question' has {english}.",
        f"data/rules.yml:{broken.contact}: [contact mitid-support] 'name' has {english}.",
        f"data/cases.yml:{broken.case}: [case karen-udbetaling-danmark] 'question' has {english}.",
        f"data/glossary.yml:{broken.term}: [term digital-post] 'term' has {english}.",
    ]
    for line in expected:
        assert line in build.output, f"{line!r} not in:\n{build.output}"
    # The contact that lacks a text is still known: the outcomes naming it are not reported as well.
    assert "unknown contact" not in build.output


def test_a_missing_interface_text_is_located_at_the_text_to_translate(broken: Broken) -> None:
    """The build checks the package's strings (tests/test_build_failures.py builds a language without any);
    here the same check reads the copy's folder, with 'back' removed from en.yml."""
    problems = strings_problems(LANGUAGES, broken.root / STRINGS_FOLDER)
    assert [str(problem).splitlines()[0] for problem in problems] == [
        f"{STRINGS}:{broken.strings}: the interface text 'back' has no English (en) text in en.yml."
    ]
    assert f"{STRINGS_FOLDER}/en.yml" in str(problems[0].hint)


def test_tools_that_load_the_project_report_a_glossary_term_without_translation(project_copy: Path) -> None:
    """Not only the build: make review and the other tools load the project without the pages' HTML."""
    line = _drop_line(project_copy / "data" / "glossary.yml", "      en: Digital Post") - 2
    with pytest.raises(RulesError) as raised:
        load_project(project_copy, LANGUAGES)
    assert [str(p).splitlines()[0] for p in raised.value.problems] == [
        f"data/glossary.yml:{line}: [term digital-post] 'term' has no English (en) text."
    ]


def test_the_report_names_each_missing_translation_and_stale_page(broken: Broken) -> None:
    _set_reviewed(broken.root / "docs" / "en" / "mitid.md", "2020-01-02")
    stale_line = _line_starting(broken.root / "docs" / "en" / "mitid.md", "last_reviewed:")
    report = translation_report(broken.root, read_languages(broken.root))
    assert not report.complete and not report.problems
    [english] = report.languages
    assert english.label == "English (en)"
    missing = [(item.where, item.what) for item in english.missing]
    assert ("docs/da/demo.md:1", "page 'Demo af MitID og Digital Post': create docs/en/demo.md") in missing
    assert (
        f"data/rules.yml:{broken.question}",
        "tree undtagelse / node fritaget-digital-post / question",
    ) in missing
    assert (f"data/rules.yml:{broken.contact}", "contact mitid-support / name") in missing
    assert (f"data/cases.yml:{broken.case}", "case karen-udbetaling-danmark / question 2 / question") in missing
    assert (f"data/glossary.yml:{broken.term}", "term digital-post / term") in missing
    assert (
        f"{STRINGS}:{broken.strings}",
        f"interface text 'back': add it to {STRINGS_FOLDER}/en.yml",
    ) in missing
    assert len(missing) == 6, missing
    [stale] = english.stale
    assert stale.where == f"docs/en/mitid.md:{stale_line}"
    assert "reviewed 2020-01-02" in stale.what and "docs/da/mitid.md" in stale.what


def _run_tool(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "tools/translations_report.py"], cwd=root, capture_output=True, text=True, check=False
    )


def test_make_translations_prints_per_language_and_fails_on_missing(broken: Broken) -> None:
    result = _run_tool(broken.root)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "English (en): 6 missing, 0 out of date"
    assert f"    data/rules.yml:{broken.question}  tree undtagelse / node fritaget-digital-post / question" in lines
    assert "    docs/da/demo.md:1  page 'Demo af MitID og Digital Post': create docs/en/demo.md" in lines


def test_pages_only_out_of_date_do_not_fail_the_report(project_copy: Path) -> None:
    _set_reviewed(project_copy / "docs" / "en" / "nemsms.md", "2020-01-02")
    _set_reviewed(project_copy / "docs" / "da" / "hjaelp.md", "2099-01-01")
    result = _run_tool(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "English (en): 0 missing, 2 out of date"
    assert any(
        line.startswith("    docs/en/hjaelp.md:") and "docs/da/hjaelp.md was reviewed 2099-01-01" in line
        for line in lines
    )
    assert any(line.startswith("    docs/en/nemsms.md:") and "reviewed 2020-01-02" in line for line in lines)


def test_a_new_language_lists_everything_to_translate(project_copy: Path) -> None:
    """Adding a language is configuration first: the report then lists the whole work, per kind."""
    config = project_copy / "mkdocs.yml"
    german = "        - locale: de\n          name: Deutsch\n          build: true\n"
    config.write_text(config.read_text("utf-8").replace("      languages:\n", "      languages:\n" + german, 1))
    report = translation_report(project_copy, read_languages(project_copy))
    by_label = {language.label: language for language in report.languages}
    assert list(by_label) == ["Deutsch (de)", "English (en)"]  # in the configured order
    assert by_label["English (en)"].missing == ()
    german_report = by_label["Deutsch (de)"]
    files = {item.file for item in german_report.missing}
    assert files == {
        *(f"docs/da/{p.relative_to(ROOT / 'docs' / 'da').as_posix()}" for p in (ROOT / "docs" / "da").rglob("*.md")),
        "data/rules.yml",
        "data/cases.yml",
        "data/glossary.yml",
        STRINGS,
    }
    assert (STRINGS, None, f"every interface text: create {STRINGS_FOLDER}/de.yml") in {
        (item.file, item.line, item.what) for item in german_report.missing
    }


def test_the_municipality_file_in_use_is_read_too(project_copy: Path) -> None:
    """The build reads the municipality file BORGERGUIDE_MUNICIPALITY names; so does the report."""
    ready = project_copy / "tests" / "fixtures" / "municipality-ready.yml"
    line = _drop_line(ready, "      en: Every day 8:00-20:00") - 2
    env = {**os.environ, MUNICIPALITY_ENV: "tests/fixtures/municipality-ready.yml"}
    result = subprocess.run(
        [sys.executable, "tools/translations_report.py"],
        cwd=project_copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"    tests/fixtures/municipality-ready.yml:{line}  contact digital-hotline / opening_hours" in result.stdout


def test_the_real_project_has_nothing_missing() -> None:
    report = translation_report(ROOT, LANGUAGES)
    assert report.problems == ()
    assert [(language.label, language.missing) for language in report.languages] == [("English (en)", ())]
