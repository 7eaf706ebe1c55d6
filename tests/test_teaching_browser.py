"""The teaching kit in Chromium: every handout prints on one A4 page and its QR code scans.

Handouts are printed to PDF exactly as a teacher's "Print" would (A4, the site's print stylesheet) and the
pages of the PDF are counted with pypdf. The QR code is decoded with zxing-cpp from a screenshot of the code
as the printed page shows it, so what is checked is what a phone camera would read.

Playwright's sync API allows one running instance per thread, and tests/test_browser.py keeps its own open
for the whole session. So Chromium runs here on a thread of its own: one session fixture visits every page
once and records what it saw, and the tests judge the records, one test per handout.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from browser_support import CHROMIUM_ARGS, chromium_path, serve
from conftest import MUNICIPALITY
from PIL import Image
from playwright.sync_api import Page, sync_playwright
from pypdf import PdfReader

from borgerguide import load_rules, read_languages
from borgerguide.guidance.pages import load_pages, page_url
from borgerguide.site.urls import url_of
from borgerguide.teaching.kit import booklet_source, page_handout_source, tree_handout_source

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = read_languages(ROOT)
RULES = load_rules(ROOT / "data" / "rules.yml", languages=LANGUAGES)
PAGES = load_pages(ROOT / "docs", LANGUAGES)
SITE_URL = MUNICIPALITY["site_url"].rstrip("/") + "/"
# A4 at 96 dpi is 794 px wide; the print style has 15 mm (57 px) margins on each side.
A4_CONTENT_WIDTH = 794 - 2 * 57
BOOKLETS = ["", "en/"]

HANDOUTS = [
    (prefix + url_of(source), SITE_URL + prefix + target)
    for prefix in ("", "en/")
    for source, target in [
        (page_handout_source(p), page_url(p)) for p in sorted(PAGES["da"]) if not p.startswith("undervisning/")
    ]
    + [(tree_handout_source(t), f"guide/{t}/") for t in RULES.trees]
]


@dataclass(frozen=True)
class Printed:
    """What Chromium made of one handout."""

    status: int
    pdf_pages: int
    lang: str
    qr_visible: bool
    qr_width: float
    qr_png: bytes


@dataclass(frozen=True)
class Visits:
    handouts: dict[str, Printed]
    booklet_sections: dict[str, int]
    booklet_pages: dict[str, int]


def _on_own_thread(work: Callable[[], Any]) -> Any:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the test thread, which raises it
            outcome["error"] = error

    thread = threading.Thread(target=run, name="chromium-teaching")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _pdf_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _print_handout(page: Page, url: str) -> Printed:
    response = page.goto(url, wait_until="load")
    pdf = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="print")
    try:
        code = page.locator("svg.dd-qr__code")
        box = code.bounding_box()
        printed = Printed(
            status=response.status if response else 0,
            pdf_pages=_pdf_pages(pdf),
            lang=page.evaluate("document.documentElement.lang"),
            qr_visible=code.is_visible(),
            qr_width=box["width"] if box else 0.0,
            qr_png=page.locator("figure.dd-qr").screenshot(),
        )
    finally:
        # "null" ends the emulation; "screen" would stick and make the next page.pdf() print with screen CSS.
        page.emulate_media(media="null")
    return printed


@pytest.fixture(scope="session")
def visits(site: Path) -> Iterator[Visits]:
    def work(base: str) -> Visits:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH, "height": 1000}, device_scale_factor=2)
            page = context.new_page()
            handouts = {path: _print_handout(page, f"{base}/{path}") for path, _ in HANDOUTS}
            sections, sheets = {}, {}
            for prefix in BOOKLETS:
                page.goto(f"{base}/{prefix}{url_of(booklet_source())}", wait_until="load")
                sections[prefix] = page.locator("section.dd-booklet__section").count()
                sheets[prefix] = _pdf_pages(page.pdf(format="A4"))
            context.close()
            browser.close()
        return Visits(handouts, sections, sheets)

    with serve(site) as base:
        yield _on_own_thread(lambda: work(base))


@pytest.mark.parametrize(("path", "address"), HANDOUTS, ids=[h[0] for h in HANDOUTS])
def test_handout_prints_on_one_a4_page(visits: Visits, path: str, address: str) -> None:
    printed = visits.handouts[path]
    assert printed.status == 200, f"/{path}: HTTP {printed.status}"
    assert printed.pdf_pages == 1, (
        f"/{path} prints on {printed.pdf_pages} A4 pages; shorten the page's description or headings"
    )
    assert printed.lang == ("en" if path.startswith("en/") else "da")


@pytest.mark.parametrize(("path", "address"), HANDOUTS, ids=[h[0] for h in HANDOUTS])
def test_handout_qr_code_decodes_to_its_page(visits: Visits, path: str, address: str) -> None:
    printed = visits.handouts[path]
    assert printed.qr_visible, "the QR code is printed"
    assert printed.qr_width >= 100, "the printed QR code is at least about 26 mm wide"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(printed.qr_png)))
    assert [(result.format, result.text) for result in decoded] == [(zxingcpp.BarcodeFormat.QRCode, address)]


@pytest.mark.parametrize("prefix", BOOKLETS)
def test_booklet_prints_every_section_from_a_new_sheet(visits: Visits, prefix: str) -> None:
    sections, sheets = visits.booklet_sections[prefix], visits.booklet_pages[prefix]
    guidance = [p for p in PAGES["da"] if not p.startswith("undervisning/")]
    assert sections == len(guidance) + len(RULES.trees)
    # Each section starts on a new sheet after the contents, so there is at least one sheet per section.
    assert sheets >= sections + 1, f"{sheets} pages for {sections} sections"
