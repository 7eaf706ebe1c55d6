"""The teaching kit in Chromium: every handout prints on one A4 page and its QR code scans.

Handouts are printed to PDF exactly as a teacher's "Print" would (A4, the site's print stylesheet) and the
pages of the PDF are counted with pypdf. The QR code is decoded with zxing-cpp from a screenshot of the code
as the printed page shows it, so what is checked is what a phone camera would read. Each page is printed once,
by the one test that judges it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
import zxingcpp
from conftest import MUNICIPALITY, PAGES, RULES
from PIL import Image
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from borgerguide.guidance.pages import page_url
from borgerguide.site.urls import url_of
from borgerguide.teaching.booklets import TOPICS
from borgerguide.teaching.kit import booklet_source, page_handout_source, tree_handout_source

pytestmark = pytest.mark.browser

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


@pytest.fixture(scope="module")
def printer(browser: Browser) -> Iterator[Page]:
    """A tab as wide as the printable part of an A4 sheet, at twice the pixel density for a sharp QR code."""
    context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH, "height": 1000}, device_scale_factor=2)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("path", "address"), HANDOUTS, ids=[h[0] for h in HANDOUTS])
def test_handout_prints_on_one_a4_sheet_at_14_pt_with_a_qr_code_that_scans(
    printer: Page, base_url: str, path: str, address: str
) -> None:
    response = printer.goto(f"{base_url}/{path}", wait_until="load")
    assert response is not None and response.status == 200, f"/{path}: HTTP {response and response.status}"
    problems = []
    if printer.evaluate("document.documentElement.lang") != ("en" if path.startswith("en/") else "da"):
        problems.append("the page is not marked with its language")
    sheets = len(PdfReader(io.BytesIO(printer.pdf(format="A4", print_background=True))).pages)
    if sheets != 1:
        problems.append(f"it prints on {sheets} A4 pages; shorten the page's description or headings")
    printer.emulate_media(media="print")
    try:
        code = printer.locator("svg.dd-qr__code")
        box = code.bounding_box() if code.is_visible() else None
        if box is None or box["width"] < 100:
            problems.append(f"the QR code is not printed at least ~26 mm wide ({box})")
        decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(printer.locator("figure.dd-qr").screenshot())))
        found = [(result.format, result.text) for result in decoded]
        if found != [(zxingcpp.BarcodeFormat.QRCode, address)]:
            problems.append(f"the printed QR code reads {found}, not {address}")
        smallest = printer.evaluate(SMALLEST_TEXT)
        if smallest < PT14_PX - 0.01:
            problems.append(f"some text prints at {smallest * 72 / 96:.1f} pt; at least 14 pt")
    finally:
        # "null" ends the emulation; "screen" would stick and make the next page.pdf() print with screen CSS.
        printer.emulate_media(media="null")
    assert not problems, f"/{path}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("prefix", BOOKLETS)
def test_booklet_holds_every_section(printer: Page, base_url: str, prefix: str) -> None:
    printer.goto(f"{base_url}/{prefix}{url_of(booklet_source())}", wait_until="load")
    guidance = [p for p in PAGES["da"] if not p.startswith("undervisning/")]
    assert printer.locator("section.dd-booklet__section").count() == len(guidance) + len(RULES.trees)


def _without_footer(text: str) -> str:
    """A sheet's text without its page number and the site's print footer (address and review date)."""
    lines = [line for line in text.splitlines() if not re.fullmatch(r"\d+ / \d+", line.strip())]
    body = "\n".join(lines)
    body = re.sub(r"(Sidens adresse|Address of this page): \S+(\n\S*/)?", "", body)
    return re.sub(r"(Sidst gennemgået|Last reviewed): .*", "", body)


@pytest.mark.parametrize("path", BOOKLET_PATHS)
def test_booklet_sheets_are_numbered_and_none_is_nearly_empty(printer: Page, base_url: str, path: str) -> None:
    # As the browser's own Print prints it: the page numbers come from the site's CSS.
    printer.goto(f"{base_url}/{path}", wait_until="load")
    sheets = [sheet.extract_text() for sheet in PdfReader(io.BytesIO(printer.pdf(format="A4"))).pages]
    assert len(sheets) >= 2
    for number, text in enumerate(sheets, start=1):
        assert f"{number} / {len(sheets)}" in text, f"/{path}: sheet {number} has no page number"
        body = _without_footer(text).strip()
        assert len(body) > 60, f"/{path}: sheet {number} holds only {len(body)} characters besides the footer"
