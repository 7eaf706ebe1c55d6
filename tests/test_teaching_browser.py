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
import re
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
from borgerguide.teaching.booklets import TOPICS
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
# Every booklet, in both languages: the whole guidance and one per topic.
BOOKLET_PATHS = [
    prefix + url_of(source) for prefix in BOOKLETS for source in [booklet_source(), *(t.source for t in TOPICS)]
]
# 14 pt in CSS pixels (96 per inch, 72 points per inch).
PT14_PX = 14 * 96 / 72
# The smallest computed font size of any text on a handout, as printed.
SMALLEST_TEXT = """() => {
  const sizes = [];
  for (const el of document.querySelectorAll('.dd-handout *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (own && style.display !== 'none' && style.visibility !== 'hidden') sizes.push(parseFloat(style.fontSize));
  }
  return Math.min(...sizes);
}"""

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
    smallest_text_px: float


@dataclass(frozen=True)
class Visits:
    handouts: dict[str, Printed]
    booklet_sections: dict[str, int]
    booklet_pages: dict[str, int]
    booklet_sheets: dict[str, list[str]]  # the text of every printed sheet of every booklet


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
            smallest_text_px=page.evaluate(SMALLEST_TEXT),
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
            sections, sheets, texts = {}, {}, {}
            for prefix in BOOKLETS:
                page.goto(f"{base}/{prefix}{url_of(booklet_source())}", wait_until="load")
                sections[prefix] = page.locator("section.dd-booklet__section").count()
            for path in BOOKLET_PATHS:
                # As the browser's own Print prints it: the page numbers come from the site's CSS.
                page.goto(f"{base}/{path}", wait_until="load")
                reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
                texts[path] = [sheet.extract_text() for sheet in reader.pages]
            for prefix in BOOKLETS:
                sheets[prefix] = len(texts[prefix + url_of(booklet_source())])
            context.close()
            browser.close()
        return Visits(handouts, sections, sheets, texts)

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


@pytest.mark.parametrize(("path", "address"), HANDOUTS, ids=[h[0] for h in HANDOUTS])
def test_handout_prints_its_text_at_14_pt_or_larger(visits: Visits, path: str, address: str) -> None:
    smallest = visits.handouts[path].smallest_text_px
    assert smallest >= PT14_PX - 0.01, f"/{path}: some text prints at {smallest * 72 / 96:.1f} pt; at least 14 pt"


@pytest.mark.parametrize("prefix", BOOKLETS)
def test_booklet_holds_every_section(visits: Visits, prefix: str) -> None:
    guidance = [p for p in PAGES["da"] if not p.startswith("undervisning/")]
    assert visits.booklet_sections[prefix] == len(guidance) + len(RULES.trees)


def _without_footer(text: str) -> str:
    """A sheet's text without its page number and the site's print footer (address and review date)."""
    lines = [line for line in text.splitlines() if not re.fullmatch(r"\d+ / \d+", line.strip())]
    body = "\n".join(lines)
    body = re.sub(r"(Sidens adresse|Address of this page): \S+(\n\S*/)?", "", body)
    return re.sub(r"(Sidst gennemgået|Last reviewed): .*", "", body)


@pytest.mark.parametrize("path", BOOKLET_PATHS)
def test_booklet_sheets_are_numbered_and_none_is_nearly_empty(visits: Visits, path: str) -> None:
    sheets = visits.booklet_sheets[path]
    assert len(sheets) >= 2
    for number, text in enumerate(sheets, start=1):
        assert f"{number} / {len(sheets)}" in text, f"/{path}: sheet {number} has no page number"
        body = _without_footer(text).strip()
        assert len(body) > 60, f"/{path}: sheet {number} holds only {len(body)} characters besides the footer"
