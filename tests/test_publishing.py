"""The municipality's own details in one file, and the gate that refuses to publish while a citizen would meet
a detail that is missing: a contact without a way to reach it, an example site address, the WAS-Tool's front
page instead of the municipality's accessibility statement."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import LANGUAGES, READY_MUNICIPALITY, ROOT, content_pages, page_language, publish, run_build, soup

from borgerguide import RulesError
from borgerguide.municipality import load_municipality, publishing_problems
from borgerguide.project import load_project
from borgerguide.rules.load import load_rules, load_sources
from borgerguide.site.strings import ui_strings

RULES = ROOT / "data" / "rules.yml"
READY_SITE_URL = yaml.safe_load(READY_MUNICIPALITY.read_text("utf-8"))["site_url"]
RTL_PROJECT = ROOT / "tests" / "fixtures" / "rtl-project"


def _municipality(tmp_path: Path, text: str):
    path = tmp_path / "municipality.yml"
    path.write_text(text, "utf-8")
    return load_municipality(path, LANGUAGES, "data/municipality.yml")


def _ready_text() -> str:
    return READY_MUNICIPALITY.read_text("utf-8")


def _line(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def _rules(municipality):
    return load_rules(
        RULES,
        display_name="data/rules.yml",
        municipality=municipality,
        sources=load_sources(ROOT / "data" / "sources.yml", "data/sources.yml", LANGUAGES),
        languages=LANGUAGES,
    )


# -- the municipality file --------------------------------------------------------------------------------


def test_a_wrongly_written_detail_is_a_located_error(tmp_path: Path) -> None:
    text = _ready_text().replace('phone: "11 22 33 44"', 'phone: "1122-3344"').replace("email: dpo@", "emial: dpo@")
    with pytest.raises(RulesError) as error:
        _municipality(tmp_path, text)
    report = str(error.value)
    assert f"data/municipality.yml:{_line(text, '1122-3344')}: [municipality / borgerservice]" in report
    assert "'33 98 00 10'" in report
    assert f"data/municipality.yml:{_line(text, 'emial')}:" in report and "Did you mean 'email'?" in report


def test_the_footer_must_name_an_entry(tmp_path: Path) -> None:
    text = _ready_text().replace("footer_contact: borgerservice", "footer_contact: borgerservise")
    with pytest.raises(RulesError) as error:
        _municipality(tmp_path, text)
    assert "Did you mean 'borgerservice'?" in str(error.value)


def test_contacts_take_the_municipality_details(tmp_path: Path) -> None:
    rules = _rules(_municipality(tmp_path, _ready_text()))
    borgerservice = rules.contacts["borgerservice"]
    assert borgerservice.phone == "11 22 33 44" and borgerservice.tel_uri == "tel:+4511223344"
    assert borgerservice.opening_hours is not None and "torsdag" in borgerservice.opening_hours["da"]
    assert borgerservice.email == "borgerservice@testkommune.dk"


def test_a_contact_may_not_repeat_a_municipality_detail(tmp_path: Path) -> None:
    text = RULES.read_text("utf-8").replace(
        "    municipality: borgerservice\n", '    municipality: borgerservice\n    phone: "11 22 33 44"\n', 1
    )
    path = tmp_path / "rules.yml"
    path.write_text(text, "utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(
            path,
            display_name="data/rules.yml",
            municipality=_municipality(tmp_path, _ready_text()),
            languages=LANGUAGES,
        )
    report = str(error.value)
    assert f"data/rules.yml:{_line(text, '11 22 33 44')}: [contact borgerservice]" in report
    assert "write it under 'borgerservice:' in data/municipality.yml" in report


def test_a_contact_must_name_an_existing_municipality_entry(tmp_path: Path) -> None:
    text = RULES.read_text("utf-8").replace("municipality: borgerservice", "municipality: borgerservic", 1)
    path = tmp_path / "rules.yml"
    path.write_text(text, "utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(
            path,
            display_name="data/rules.yml",
            municipality=_municipality(tmp_path, _ready_text()),
            languages=LANGUAGES,
        )
    assert "Did you mean 'borgerservice'?" in str(error.value)


# -- the publishing gate ----------------------------------------------------------------------------------


def test_a_filled_in_municipality_may_publish(tmp_path: Path) -> None:
    municipality = _municipality(tmp_path, _ready_text())
    assert publishing_problems(municipality, _rules(municipality), "data/rules.yml") == []


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        ((f"site_url: {READY_SITE_URL}", "site_url: https://x.example.invalid/"), "site_url", "example"),
        ((f"site_url: {READY_SITE_URL}", "site_url:"), "site_url", "not set"),
        (
            (
                "accessibility_statement: https://www.was.digst.dk/digital-testkommune-dk",
                "accessibility_statement: https://www.was.digst.dk/",
            ),
            "accessibility_statement",
            "WAS-Tool's front page",
        ),
        (('phone: "11 22 33 44"', "phone:"), "borgerservice:", "'phone' of 'borgerservice' is not set"),
        (('phone: "11 22 33 44"', 'phone: "XX XX XX XX"'), "borgerservice:", "'phone' of 'borgerservice' is not set"),
        (("email: borgerservice@testkommune.dk", "email:"), "borgerservice:", "'email' or 'web' of 'borgerservice'"),
        (("email: dpo@testkommune.dk", "email:"), "databeskyttelsesraadgiver:", "databeskyttelsesraadgiver"),
    ],
)
def test_each_missing_or_placeholder_detail_stops_publishing(
    tmp_path: Path, change: tuple[str, str], key: str, words: str
) -> None:
    text = _ready_text().replace(*change)
    assert text != _ready_text()
    municipality = _municipality(tmp_path, text)
    problems = publishing_problems(municipality, _rules(municipality), "data/rules.yml")
    found = [p for p in problems if words in p.message]
    assert found, problems
    assert found[0].file == "data/municipality.yml"
    assert found[0].line == _line(text, key)
    assert found[0].hint


def test_the_real_details_list_what_is_still_missing() -> None:
    project = load_project(ROOT, LANGUAGES)
    for problem in project.not_ready:
        assert problem.file in ("data/municipality.yml", "data/rules.yml") and problem.hint, problem


def test_publishing_refuses_while_details_are_missing(project_copy: Path) -> None:
    (project_copy / "data" / "municipality.yml").write_text(
        _ready_text().replace('phone: "11 22 33 44"', "phone:"), "utf-8"
    )
    published = project_copy / "site"
    published.mkdir()
    (published / "index.html").write_text("the last good site", "utf-8")
    result = publish(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "The site was not published" in output
    assert "data/municipality.yml:" in output and "'phone' of 'borgerservice' is not set" in output
    assert "make site PREVIEW=1" in output and "Traceback" not in output
    assert (published / "index.html").read_text("utf-8") == "the last good site"


def _part(html: str, tag: str) -> BeautifulSoup:
    """One element of a page, parsed alone: the published copy's ~400 pages are read once, not parsed whole."""
    start, end = html.index(f"<{tag}"), html.index(f"</{tag}>") + len(tag) + 3
    return BeautifulSoup(html[start:end], "html.parser")


def test_the_site_publishes_from_a_filled_in_municipality(published: Path) -> None:
    site = published / "site"
    for page in content_pages(site):
        html = page.read_text("utf-8")
        assert "dd-preview" not in html, f"{page}: a published page says it is a preview"
        footer = _part(html, "footer")
        assert "Testkommune" in footer.get_text(), page
        assert footer.find("a", href="tel:+4511223344") is not None, page
        assert footer.find("a", href="https://www.was.digst.dk/digital-testkommune-dk") is not None, page
        hours = "Monday to Friday" if page_language(site, page) == "en" else "Mandag til fredag"
        assert hours in footer.get_text(), page
    canonical = soup(site / "mitid" / "index.html").find("link", rel="canonical")
    assert canonical["href"] == READY_SITE_URL + "mitid/"
    assert READY_SITE_URL + "en/mitid/" in (site / "sitemap.xml").read_text("utf-8")


# -- the preview notice on the real site (the tests' own site is built with `make site PREVIEW=1`) -----------


def test_every_page_of_a_preview_says_whether_it_is_ready(site: Path) -> None:
    missing = len(load_project(ROOT, LANGUAGES).not_ready)
    for page in content_pages(site):
        notice = soup(page).find(class_="dd-preview")
        if missing:
            assert notice is not None, page
            text = notice.get_text(" ", strip=True)
            says = ui_strings(page_language(site, page))["preview_title"]
            assert says in text and f"{missing}." in text, page
        else:
            assert notice is None, page


def test_a_preview_builds_while_a_detail_is_missing_and_says_so(tmp_path: Path) -> None:
    """`make site PREVIEW=1` builds although a detail is missing, and every page says it is not ready. Shown
    on the small test project (tests/fixtures/rtl-project, da, en and ar) with Borgerservice's phone taken
    out, so it holds however complete the real municipality file becomes."""
    municipality = RTL_PROJECT / "data" / "municipality.yml"
    missing_phone = tmp_path / "municipality.yml"
    missing_phone.write_text(municipality.read_text("utf-8").replace('phone: "11 22 33 44"', "phone:", 1), "utf-8")
    build = run_build(RTL_PROJECT, tmp_path / "site", BORGERGUIDE_MUNICIPALITY=str(missing_phone))
    assert build.returncode == 0, build.output
    pages = {"index.html": "da", "en/index.html": "en", "ar/index.html": "ar", "guide/proeve/index.html": "da"}
    for page, language in pages.items():
        notice = soup(build.site / page).find(class_="dd-preview")
        assert notice is not None, page
        text = notice.get_text(" ", strip=True)
        assert ui_strings(language)["preview_title"] in text and "1." in text, f"{page}: {text}"
