"""Another municipality reuses the project by changing one file: data/municipality.yml."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import ROOT, Build, assert_clear_failure, fresh_soup, run_build


def test_municipality_identity_comes_from_one_place(published: Path) -> None:
    """Another municipality changes data/municipality.yml, and every page, guide and footer follows: the
    published copy's file is the test municipality's (tests/fixtures/municipality-ready.yml)."""
    for page in ("index.html", "en/mitid/index.html", "guide/hjaelp/index.html"):
        doc = fresh_soup(published / "site" / page)
        footer = doc.find("footer")
        assert "Testkommune" in footer.get_text()
        assert footer.find("a", href="https://www.was.digst.dk/digital-testkommune-dk") is not None
        assert footer.find("a", href="tel:+4511223344") is not None
        assert "Testkommune" in doc.find("header").get_text()
        for sources in doc.select(".dd-sources"):  # a source may be the first municipality's own page
            sources.decompose()
        assert "Ringkøbing-Skjern" not in doc.get_text()
    canonical = fresh_soup(published / "site" / "index.html").find("link", rel="canonical")
    assert canonical["href"].startswith("https://den-digitale-borger.testkommune-eksempel.dk/")


def test_the_footer_shows_the_contact_the_municipality_chooses(tmp_path: Path) -> None:
    """footer_contact picks the entry every page's footer shows (the published copy shows the default one).
    Built from the small test project (tests/fixtures/rtl-project) with its file pointed at another entry."""
    project = ROOT / "tests" / "fixtures" / "rtl-project"
    municipality = tmp_path / "municipality.yml"
    municipality.write_text(
        (project / "data" / "municipality.yml")
        .read_text("utf-8")
        .replace("footer_contact: borgerservice", "footer_contact: digital-hotline"),
        "utf-8",
    )
    build = run_build(project, tmp_path / "site", preview=False, BORGERGUIDE_MUNICIPALITY=str(municipality))
    assert build.returncode == 0, build.output
    for page in ("index.html", "en/kontakt/index.html", "ar/index.html", "guide/proeve/index.html"):
        footer = fresh_soup(build.site / page).find("footer")
        assert footer.find("a", href="tel:+4511223355") is not None, f"{page}: the chosen contact's phone"
        assert footer.find("a", href="tel:+4511223344") is None, f"{page}: still Borgerservice's phone"


def test_unknown_footer_contact_is_a_clear_error(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    municipality_file = project_copy / "data" / "municipality.yml"
    text = municipality_file.read_text("utf-8").replace("footer_contact: borgerservice", "footer_contact: radhuset")
    municipality_file.write_text(text, "utf-8")
    assert_clear_failure(build_copy(), "data/municipality.yml:", "'footer_contact' is 'radhuset'")


def test_preview_rebuilds_when_rules_templates_or_strings_change() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert {"data", "overrides", "src"} <= set(config["watch"])
