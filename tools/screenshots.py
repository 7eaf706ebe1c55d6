"""Photograph the home page, a question and an outcome at phone and desktop width, and the outcome and a
teaching handout and a worksheet as they print on an A4 sheet (screenshots/)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

# Run as `python tools/screenshots.py`, so this folder is on the path.
from browser_support import CHROMIUM_ARGS, chromium_path, serve
from PIL import Image, ImageOps
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent

PAGES = {
    "home": "/",
    "question": "/guide/undtagelse/saerlige-forhold/",
    "outcome": "/guide/undtagelse/fritaget-anden-myndighed/",
}
# A handout from the teaching kit: a guidance page's steps and contacts on one A4 sheet.
HANDOUT = "/undervisning/ark/side/digital-post/fritagelse/"
# An exercise as a worksheet: the story, numbered questions with lines to write on, no answer.
WORKSHEET = "/undervisning/oevelser/svindel-besked/"
WIDTHS = {"phone": 360, "desktop": 1280}
# An A4 sheet at 96 dpi, and the margins the print style gives an outcome (overrides/assets/site.css).
A4 = (794, 1123)
A4_MARGIN = (57, 45)  # 15 mm at the sides, 12 mm at the top
HANDOUT_MARGIN = (57, 57)  # the teaching kit's pages print with 15 mm margins


def main() -> int:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with serve(ROOT / "site") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for width_name, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 800})
            for name, path in PAGES.items():
                page.goto(base + path)
                target = out / f"{name}-{width_name}.png"
                page.screenshot(path=target, full_page=True)
                print(f"wrote {target.relative_to(ROOT)}")
            page.close()
        target = out / "outcome-print.png"
        print_sheet(browser, base + PAGES["outcome"], target)
        print(f"wrote {target.relative_to(ROOT)}")
        target = out / "handout-print.png"
        print_sheet(browser, base + HANDOUT, target, HANDOUT_MARGIN)
        print(f"wrote {target.relative_to(ROOT)}")
        target = out / "worksheet-print.png"
        print_sheet(browser, base + WORKSHEET, target)
        print(f"wrote {target.relative_to(ROOT)}")
        browser.close()
    return 0


def print_sheet(browser: Browser, url: str, target: Path, margin: tuple[int, int] = A4_MARGIN) -> None:
    """The page as Chromium prints it (print style, A4 text width), laid on an A4 sheet with its margins."""
    width = A4[0] - 2 * margin[0]
    page = browser.new_page(viewport={"width": width, "height": A4[1]})
    page.goto(url)
    page.emulate_media(media="print")
    shot = _image(page.screenshot(full_page=True))
    page.close()
    sheet = Image.new("RGB", A4, "white")
    sheet.paste(shot.crop((0, 0, width, min(shot.height, A4[1] - 2 * margin[1]))), margin)
    ImageOps.expand(sheet, border=1, fill="#8a8a8a").save(target)


def _image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


if __name__ == "__main__":
    sys.exit(main())
