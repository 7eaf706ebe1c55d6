"""Bad input stops the build with a located message and no traceback, and never replaces the last good site."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import READY_MUNICIPALITY, Build


def _assert_clear_failure(build: Build, *expected: str) -> None:
    assert build.returncode != 0, "the build should have failed"
    for text in expected:
        assert text in build.output, f"{text!r} not in:\n{build.output}"
    assert "Traceback" not in build.output


def test_unknown_contact_marker_names_page_and_id(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    page = project_copy / "docs" / "en" / "mitid.md"
    text = page.read_text("utf-8") + "\nCall [[contact:mitid-helpdesk]].\n"
    page.write_text(text, "utf-8")
    line = text.count("\n")
    _assert_clear_failure(build_copy(), f"docs/en/mitid.md:{line}:", "mitid-helpdesk", "Did you mean")


def test_dead_internal_link_fails_the_build(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    page = project_copy / "docs" / "da" / "nemsms.md"
    page.write_text(page.read_text("utf-8") + "\nSe [siden](findes-ikke.md).\n", "utf-8")
    _assert_clear_failure(build_copy(), "nemsms.md", "findes-ikke.md")


def test_missing_anchor_fails_the_build(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    page = project_copy / "docs" / "da" / "nemsms.md"
    page.write_text(page.read_text("utf-8") + "\nSe [MitID](mitid.md#ingen-overskrift).\n", "utf-8")
    _assert_clear_failure(build_copy(), "nemsms.md", "ingen-overskrift")


def test_broken_rules_file_fails_with_located_message(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    rules = project_copy / "data" / "rules.yml"
    rules.write_text(rules.read_text("utf-8").replace("next: nemsms", "next: nem-sms", 1), "utf-8")
    _assert_clear_failure(
        build_copy(),
        "data/rules.yml:",
        "[tree hjaelp / node hvad-hjaelp]",
        "'nem-sms'",
        "Did you mean 'nemsms'?",
        "The site was not built",
    )


def test_page_in_one_language_only_fails_the_build(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    (project_copy / "docs" / "en" / "demo.md").unlink()
    _assert_clear_failure(build_copy(), "docs/da/demo.md", "no counterpart docs/en/demo.md")


def test_link_to_a_missing_guide_step_fails_the_build(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    page = project_copy / "docs" / "da" / "hjaelp.md"
    page.write_text(page.read_text("utf-8") + "\nSe [trinnet](guide/hjaelp/findes-ikke.md).\n", "utf-8")
    _assert_clear_failure(build_copy(), "hjaelp.md", "guide/hjaelp/findes-ikke.md")


def _publish(project: Path) -> subprocess.CompletedProcess[str]:
    """make site, with the municipality's details filled in (the fixture), so that it may publish."""
    env = {**os.environ, "BORGERGUIDE_MUNICIPALITY": str(READY_MUNICIPALITY)}
    return subprocess.run(
        [sys.executable, "tools/build_site.py"], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def test_failure_midway_keeps_the_last_good_site(project_copy: Path) -> None:
    assert _publish(project_copy).returncode == 0
    before = {p.relative_to(project_copy / "site"): p.read_bytes() for p in (project_copy / "site").rglob("*.html")}
    # The Danish half builds; the English build, which runs second, stops on this page.
    page = project_copy / "docs" / "en" / "nemsms.md"
    page.write_text(page.read_text("utf-8") + "\n[[contact:no-such-contact]]\n", "utf-8")
    (project_copy / "docs" / "da" / "nemsms.md").write_text(
        (project_copy / "docs" / "da" / "nemsms.md").read_text("utf-8") + "\nNy sætning.\n", "utf-8"
    )
    failed = _publish(project_copy)
    assert failed.returncode == 1 and "no-such-contact" in failed.stdout + failed.stderr
    after = {p.relative_to(project_copy / "site"): p.read_bytes() for p in (project_copy / "site").rglob("*.html")}
    assert after == before, "the published site changed although the build failed"


def test_failed_build_keeps_the_last_good_site(project_copy: Path) -> None:
    def publish() -> subprocess.CompletedProcess[str]:
        return _publish(project_copy)

    assert publish().returncode == 0
    good = (project_copy / "site" / "mitid" / "index.html").read_text("utf-8")
    rules = project_copy / "data" / "rules.yml"
    rules.write_text(rules.read_text("utf-8") + "\n\tbroken: [\n", "utf-8")
    failed = publish()
    assert failed.returncode == 1
    assert "nothing was published" in failed.stderr and "last good site" in failed.stderr
    assert (project_copy / "site" / "mitid" / "index.html").read_text("utf-8") == good
    assert (project_copy / "site" / "en" / "index.html").is_file()
    assert not (project_copy / "site.new").exists()


def test_a_broken_page_rules_file_and_case_are_reported_together(
    project_copy: Path, build_copy: Callable[[], Build]
) -> None:
    """One run names every problem of every input, so an editor fixes them all at once."""
    page = project_copy / "docs" / "da" / "nemsms.md"
    page.write_text(page.read_text("utf-8").replace("last_reviewed:", "last_reviewed: igår\nold_reviewed:", 1), "utf-8")
    rules = project_copy / "data" / "rules.yml"
    rules.write_text(rules.read_text("utf-8").replace("next: nemsms", "next: nem-sms", 1), "utf-8")
    cases = project_copy / "data" / "cases.yml"
    cases.write_text(cases.read_text("utf-8").replace("    title:", "    titel:", 1), "utf-8")
    _assert_clear_failure(
        build_copy(),
        "docs/da/nemsms.md:",
        "'last_reviewed' must be a date",
        "data/rules.yml:",
        "'nem-sms'",
        "data/cases.yml:",
        "unknown key 'titel'",
    )


def test_a_language_added_to_the_configuration_lists_every_missing_translation(
    project_copy: Path, build_copy: Callable[[], Build]
) -> None:
    """A language is configuration plus translations: until they are written, the build names each missing
    one with file, line and language, across pages, strings, rules, glossary and cases, in one run."""
    config = project_copy / "mkdocs.yml"
    text = config.read_text("utf-8")
    german = "        - locale: de\n          name: Deutsch\n          build: true\n"
    config.write_text(text.replace("      languages:\n", "      languages:\n" + german, 1), "utf-8")
    build = build_copy()
    rules_text = (project_copy / "data" / "rules.yml").read_text("utf-8").splitlines()
    first_text = next(number for number, line in enumerate(rules_text, start=1) if line.strip().startswith("name:"))
    _assert_clear_failure(
        build,
        "docs/de/: the folder of the language Deutsch (de) does not exist.",
        "src/borgerguide/site/strings/de.yml: the interface strings of Deutsch (de) are missing.",
        f"data/rules.yml:{first_text}:",
        "has no Deutsch (de) text.",
        "data/glossary.yml:",
        "data/cases.yml:",
    )
