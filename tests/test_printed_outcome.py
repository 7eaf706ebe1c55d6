"""A result to take along: every outcome prints on one A4 page, with a QR code that opens the same outcome.

A reader, a relative or a volunteer prints the outcome and carries it to Borgerservice, or scans the code to
pick up where the reader left off. Chromium prints each outcome exactly as "Print" would (A4, the site's print
stylesheet); pypdf counts the PDF's pages and reads back its text, so what is checked is what is on paper.
The QR code is decoded with zxing-cpp from a picture of the printed page, as a phone camera would read it.

The outcomes are printed from the site published with the filled-in municipality fixture (what a citizen
prints once the site is live): there every contact card has its phone number, opening hours and address, so
each outcome is at its longest. The QR code is decoded from the real site (a preview), whose address it holds.

The last tests need no browser: the QR code drawn on each built outcome encodes the page's canonical address.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import segno
import yaml
import zxingcpp
from browser_support import print_a4, serve
from conftest import LANGUAGES, MUNICIPALITY, READY_MUNICIPALITY, ROOT, soup
from PIL import Image
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from borgerguide import load_rules
from borgerguide.municipality import load_municipality
from borgerguide.project import load_project
from borgerguide.rules.model import Outcome, Tree
from borgerguide.site.qr import QR_ERROR
from borgerguide.site.render import Renderer
from borgerguide.site.strings import format_date, ui_strings

PROJECT = load_project(ROOT, LANGUAGES)
RULES = PROJECT.rules  # the contacts with the municipality's details filled in, as the site has them
SITE_URL = MUNICIPALITY["site_url"].rstrip("/") + "/"
# The contacts as the published copy has them: with the filled-in municipality's details.
READY_RULES = load_rules(
    ROOT / "data" / "rules.yml",
    municipality=load_municipality(READY_MUNICIPALITY, LANGUAGES, "tests/fixtures/municipality-ready.yml"),
    languages=LANGUAGES,
)
READY_SITE_URL = yaml.safe_load(READY_MUNICIPALITY.read_text("utf-8"))["site_url"]
# A4 at 96 dpi is 794 px wide; an outcome prints with 15 mm (57 px) margins on each side.
A4_CONTENT_WIDTH = 794 - 2 * 57

OUTCOMES = [
    (language, tree, outcome) for language in LANGUAGES for tree in RULES.trees.values() for outcome in tree.outcomes
]
IDS = [f"{language}:{tree.id}/{outcome.id}" for language, tree, outcome in OUTCOMES]
# The QR code is decoded on the first and the last outcome of every guide, in both languages.
SAMPLE = [
    (language, tree, outcome)
    for language in LANGUAGES
    for tree in RULES.trees.values()
    for outcome in dict.fromkeys([tree.outcomes[0], tree.outcomes[-1]])
]


def _path(language: str, tree: Tree, outcome: Outcome) -> str:
    return LANGUAGES.prefix(language) + f"guide/{tree.id}/{outcome.id}/"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _printed(page: Page, url: str) -> tuple[int, list[str]]:
    """The HTTP status and the text of each A4 page Chromium prints for ``url``."""
    status, pdf = print_a4(page, url)
    # A line may end after a word's hyphen ("self-\nservice"): the word is whole again without the break.
    sheets = [_flat(sheet.extract_text().replace("-\n", "-")) for sheet in PdfReader(io.BytesIO(pdf)).pages]
    return status, sheets


def _one_sheet(printer: Page, base_url: str, path: str, advice: str) -> str:
    """The outcome's printed text, after checking that it loads and fits one A4 sheet (``advice`` begins
    what to do when it does not)."""
    status, sheets = _printed(printer, f"{base_url}/{path}")
    assert status == 200, f"/{path}: HTTP {status}"
    assert len(sheets) == 1, (
        f"/{path} prints on {len(sheets)} A4 pages: {advice}compact the print style (overrides/assets/site.css)"
    )
    return sheets[0]


@pytest.fixture(scope="module")
def printer(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH, "height": 1000}, device_scale_factor=2)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def ready_url(published: Path) -> Iterator[str]:
    """The site published from the filled-in municipality fixture, served on 127.0.0.1."""
    with serve(published / "site") as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize(("language", "tree", "outcome"), OUTCOMES, ids=IDS)
def test_outcome_prints_on_one_a4_page_with_what_a_reader_needs(
    printer: Page, ready_url: str, language: str, tree: Tree, outcome: Outcome
) -> None:
    path = _path(language, tree, outcome)
    text = _one_sheet(printer, ready_url, path, "shorten the outcome's text or steps in data/rules.yml, or ")
    ui = ui_strings(language)
    expected = [outcome.heading[language]]
    expected += [_flat(step[language]) for step in outcome.next_steps]
    for step in tree.trail(outcome.id):  # the answers given
        expected += [_flat(step.question.question[language]), _flat(step.answer.label[language])]
    for contact in (READY_RULES.contacts[c] for c in outcome.contacts):
        expected.append(contact.name[language])
        expected += [detail for detail in (contact.phone, contact.address) if detail]
        if contact.opening_hours:
            expected.append(_flat(contact.opening_hours[language]))
    expected += [ui["sources"], ui["no_personal_data"], format_date(outcome.last_reviewed, language)]
    missing = [item for item in expected if item not in text]
    assert not missing, f"/{path}: the printed page lacks {missing}"
    # The address under the code may wrap anywhere; what matters is that every character is printed.
    assert READY_SITE_URL + path in text.replace(" ", ""), f"/{path}: the printed page lacks its address"
    # Links to follow, starting again and the other ways to get help stay on screen (the code leads there).
    assert ui["start_again"] not in text and ui["other_ways"] not in text, f"/{path}: screen-only parts printed"


@pytest.mark.browser
@pytest.mark.parametrize(("language", "tree", "outcome"), SAMPLE, ids=[f"{s[0]}:{s[1].id}/{s[2].id}" for s in SAMPLE])
def test_printed_qr_code_opens_the_same_outcome(
    printer: Page, base_url: str, language: str, tree: Tree, outcome: Outcome
) -> None:
    path = _path(language, tree, outcome)
    printer.goto(f"{base_url}/{path}", wait_until="load")
    printer.emulate_media(media="print")
    try:
        code = printer.locator(".dd-take-along svg.dd-qr__code")
        assert code.is_visible(), f"/{path}: the QR code is not printed"
        box = code.bounding_box()
        assert box is not None and box["width"] >= 100, f"/{path}: the printed QR code is narrower than 26 mm"
        picture = printer.screenshot(full_page=True)  # the whole printed page, as a phone camera sees it
    finally:
        printer.emulate_media(media="null")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(picture)))
    assert [(result.format, result.text) for result in decoded] == [(zxingcpp.BarcodeFormat.QRCode, SITE_URL + path)], (
        f"/{path}: the printed QR code does not open this outcome"
    )


# -- without a browser: the code drawn on each built page ------------------------------------------------


def _qr_path(url: str) -> str:
    svg = segno.make(url, error=QR_ERROR, micro=False).svg_inline(omitsize=True)
    return re.search(r' d="([^"]+)"', svg).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize(("language", "tree", "outcome"), OUTCOMES, ids=IDS)
def test_outcome_qr_code_encodes_its_own_canonical_address(
    site: Path, language: str, tree: Tree, outcome: Outcome
) -> None:
    path = _path(language, tree, outcome)
    page = soup(site / path / "index.html")
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == SITE_URL + path, f"/{path}: canonical address {canonical}"
    box = page.select_one(".dd-take-along")
    assert box is not None, f"/{path}: no 'take this result with you' box"
    svg = box.select_one("svg.dd-qr__code")
    assert svg is not None and svg.get("role") == "img", f"/{path}: no QR code an assistive technology can name"
    assert svg.title is not None and outcome.heading[language] in svg.title.get_text()
    assert svg.path["d"] == _qr_path(canonical), f"/{path}: the QR code does not encode {canonical}"
    written = box.select_one(".dd-qr__url")
    assert written.get_text() == canonical, "the address is written beside the code"
    assert written.find("a") is None, f"/{path}: a link (a glossary term?) inside the address to type"
    assert box.select_one(".dd-take-along__privacy").get_text() == ui_strings(language)["no_personal_data"]


def test_no_qr_code_without_the_sites_address() -> None:
    """Without a site address the renderer cannot know the code's target, so it draws none; the privacy
    sentence still stands."""
    renderer = Renderer(RULES, PROJECT.pages)
    outcome_pages = [p for p in renderer.all_pages("da") if p.kind == "outcome"]
    assert outcome_pages
    for generated in outcome_pages:
        assert "dd-qr" not in generated.markdown
        assert ui_strings("da")["no_personal_data"] in generated.markdown
    with_address = Renderer(RULES, PROJECT.pages, site_url="https://example.test/")
    assert all("dd-qr__code" in p.markdown for p in with_address.all_pages("en") if p.kind == "outcome")
