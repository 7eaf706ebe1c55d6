"""Bad input stops the build with a located message and no traceback, and never replaces the last good site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Build, assert_clear_failure, publish


def test_unknown_contact_marker_names_page_and_id(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    page = project_copy / "docs" / "en" / "mitid.md"
    text = page.read_text("utf-8") + "\nCall [[contact:mitid-helpdesk]].\n"
    page.write_text(text, "utf-8")
    line = text.count("\n")
    assert_clear_failure(build_copy(), f"docs/en/mitid.md:{line}:", "mitid-helpdesk", "Did you mean")


def test_dead_links_fail_the_build_each_named_with_its_page(
    project_copy: Path, build_copy: Callable[[], Build]
) -> None:
    """A page that does not exist, a heading that does not exist and a guide step that does not exist: one
    build names all three, so an editor mends them in one go."""
    nemsms = project_copy / "docs" / "da" / "nemsms.md"
    nemsms.write_text(
        nemsms.read_text("utf-8") + "\nSe [siden](findes-ikke.md) og [MitID](mitid.md#ingen-overskrift).\n", "utf-8"
    )
    help_page = project_copy / "docs" / "da" / "hjaelp.md"
    help_page.write_text(help_page.read_text("utf-8") + "\nSe [trinnet](guide/hjaelp/findes-ikke.md).\n", "utf-8")
    build = build_copy()
    assert_clear_failure(build, "Aborted with 3 warnings")
    for page, link in (
        ("da/nemsms.md", "'findes-ikke.md'"),
        ("da/nemsms.md", "'#ingen-overskrift'"),
        ("da/hjaelp.md", "'guide/hjaelp/findes-ikke.md'"),
    ):
        assert any(page in line and link in line for line in build.output.splitlines()), (page, link, build.output)


def test_broken_rules_file_fails_with_located_message(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    rules = project_copy / "data" / "rules.yml"
    rules.write_text(rules.read_text("utf-8").replace("next: nemsms", "next: nem-sms", 1), "utf-8")
    assert_clear_failure(
        build_copy(),
        "data/rules.yml:",
        "[tree hjaelp / node hvad-hjaelp]",
        "'nem-sms'",
        "Did you mean 'nemsms'?",
        "The site was not built",
    )


def test_page_in_one_language_only_fails_the_build(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    (project_copy / "docs" / "en" / "demo.md").unlink()
    assert_clear_failure(build_copy(), "docs/da/demo.md", "no counterpart docs/en/demo.md")


def test_failure_midway_keeps_the_last_good_site(published_copy: Path) -> None:
    site = published_copy / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")}
    # The Danish half builds; the English build, which runs second, stops on this page.
    page = published_copy / "docs" / "en" / "nemsms.md"
    page.write_text(page.read_text("utf-8") + "\n[[contact:no-such-contact]]\n", "utf-8")
    danish = published_copy / "docs" / "da" / "nemsms.md"
    danish.write_text(danish.read_text("utf-8") + "\nNy sætning.\n", "utf-8")
    failed = publish(published_copy)
    assert failed.returncode == 1 and "no-such-contact" in failed.stdout + failed.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")}
    assert after == before, "the published site changed although the build failed"


def test_failed_build_keeps_the_last_good_site(published_copy: Path) -> None:
    good = (published_copy / "site" / "mitid" / "index.html").read_text("utf-8")
    rules = published_copy / "data" / "rules.yml"
    rules.write_text(rules.read_text("utf-8") + "\n\tbroken: [\n", "utf-8")
    failed = publish(published_copy)
    assert failed.returncode == 1
    assert "nothing was published" in failed.stderr and "last good site" in failed.stderr
    assert (published_copy / "site" / "mitid" / "index.html").read_text("utf-8") == good
    assert (published_copy / "site" / "en" / "index.html").is_file()
    assert not (published_copy / "site.new").exists()


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
    assert_clear_failure(
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
    assert_clear_failure(
        build,
        "docs/de/: the folder of the language Deutsch (de) does not exist.",
        "src/borgerguide/site/strings/de.yml: the interface strings of Deutsch (de) are missing.",
        f"data/rules.yml:{first_text}:",
        "has no Deutsch (de) text.",
        "data/glossary.yml:",
        "data/cases.yml:",
    )


def test_publishing_refuses_a_folder_that_is_not_a_site(project_copy: Path) -> None:
    """Publishing replaces its folder as a whole, so a slip in --site-dir must not wipe the project."""
    before = sorted(path.relative_to(project_copy) for path in project_copy.rglob("*"))
    for folder in (".", "docs", "docs/da/ny", "data", ".."):
        result = publish(project_copy, "--site-dir", folder)
        assert result.returncode == 2, (folder, result.stdout + result.stderr)
        assert f"--site-dir {folder}:" in result.stderr and "Nothing was built or removed" in result.stderr
    assert sorted(path.relative_to(project_copy) for path in project_copy.rglob("*")) == before
