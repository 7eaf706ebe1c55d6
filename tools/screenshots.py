"""Photograph the home page, a question and an outcome at phone and desktop width (screenshots/)."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402

PAGES = {
    "home": "/",
    "question": "/guide/undtagelse/saerlige-forhold/",
    "outcome": "/guide/undtagelse/fritaget-anden-myndighed/",
}
WIDTHS = {"phone": 360, "desktop": 1280}


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
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
