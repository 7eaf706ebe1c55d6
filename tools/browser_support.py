"""Serving a built site on 127.0.0.1 and launching Debian's Chromium, for tests and screenshots."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# axe-core 4.14 tags its WCAG 2.2 rules "wcag22aa" only (target size, 2.5.8); there is no "wcag22a" tag.
# The other new WCAG 2.2 criteria are tested in tests/test_wcag22.py.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# The widths every page is checked at: a small phone and a desktop.
PHONE, DESKTOP = 360, 1280
# Without these, Chromium tries Google's hosts at start-up (refused here, and a privacy leak anyway).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Serve the site's own 404 page, as the production server does.
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chromium_path() -> str:
    path = shutil.which("chromium") or CHROMIUM
    if not Path(path).exists():
        raise RuntimeError("Chromium is missing: run `make test` (it installs Debian's chromium package).")
    return path


@functools.cache
def _axe_script() -> str:
    return AXE_SCRIPT.read_text("utf-8")


def axe(page: Any) -> list[str]:
    """axe-core's WCAG 2.2 AA and best-practice violations on a Playwright page, one line each with where."""
    page.evaluate(_axe_script())
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    found = []
    for violation in result["violations"]:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


def print_a4(page: Any, url: str) -> tuple[int, bytes]:
    """The HTTP status of ``url`` and the PDF Chromium prints of it on A4, with the print style."""
    response = page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    try:
        pdf = page.pdf(format="A4")
    finally:
        # "null" ends the emulation; "screen" would stick for the next page.
        page.emulate_media(media="null")
    return (response.status if response else 0), pdf
