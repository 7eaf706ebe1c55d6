"""Page weight: what a reader downloads, served with gzip as a production web server would serve it.

The site is served on 127.0.0.1 by a small server that follows the production configuration
(deploy/nginx.conf.j2): gzip level 6 for text of 256 bytes or more; the theme's fingerprinted files
(``main.57a0d79d.min.css``) may be kept a year, everything else is revalidated (``no-cache`` with an ETag,
so an unchanged file costs a 304 without a body); the 404 page of the language. The server counts the body
bytes it sends, so the figures do not depend on what the browser chooses to report.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import re
import statistics
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from borgerguide.languages import Languages

# `python -m bench` runs from the project folder, where tools/ is importable as a namespace package.
from tools.browser_support import CHROMIUM_ARGS, chromium_path

ROOT = Path(__file__).resolve().parent.parent

KB = 1024
GZIP_LEVEL = 6
GZIP_MIN_LENGTH = 256
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
# The page types of the issue, plus the guide start page; "teaching" (the teaching kit under
# /undervisning/, print material for teachers) is measured when the site has it.
PAGE_TYPES = ("home", "guidance", "start", "question", "outcome", "overview")
OPTIONAL_TYPES = ("teaching",)
GUIDE_CLASS = re.compile(r'class="dd-guide dd-guide--(start|question|outcome|overview)"')


@dataclass(frozen=True)
class Served:
    path: str
    status: int
    kind: str  # html, css, js or other
    body_bytes: int

    @property
    def theme(self) -> bool:
        """A file the theme ships (its CSS, JS, favicon, search worker), not one of ours from overrides/."""
        return self.path.startswith("/assets/") and not (ROOT / "overrides" / self.path.lstrip("/")).is_file()


@dataclass(frozen=True)
class View:
    html: int
    css: int
    js: int
    other: int
    total: int
    theme: int  # of the total, bytes of files the theme ships
    requests: int
    not_modified: int  # revalidated files answered with 304 and no body
    third_party_requests: int
    third_party_bytes: int


def _kind(content_type: str) -> str:
    if content_type.startswith("text/html"):
        return "html"
    if content_type.startswith("text/css"):
        return "css"
    if "javascript" in content_type:
        return "js"
    return "other"


class _GzipHandler(http.server.BaseHTTPRequestHandler):
    # HTTP/1.1: over HTTP/1.0 Chromium ignores ETags, and a repeat view would download everything again.
    protocol_version = "HTTP/1.1"
    directory: Path
    served: list[Served]
    lock: threading.Lock

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _file(self) -> tuple[Path | None, str | None]:
        """The file for the request path, or a redirect target for a folder asked without its slash."""
        path = unquote(urlparse(self.path).path)
        target = (self.directory / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.directory):
            return None, None
        if target.is_dir():
            if not path.endswith("/"):
                return None, path + "/"
            target = target / "index.html"
        return (target if target.is_file() else None), None

    def _respond(self, with_body: bool) -> None:
        file, redirect = self._file()
        if redirect:
            self.send_response(301)
            self.send_header("Location", redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = 200
        if file is None:
            # The site's own 404 page in the language of the address, as the production server does.
            english = self.path.startswith("/en/") and (self.directory / "en" / "404.html").is_file()
            status, file = 404, self.directory / ("en/404.html" if english else "404.html")
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type == "application/javascript":
            content_type += "; charset=utf-8"
        stat = file.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self._send(304, content_type, etag, file, b"", False, with_body)
            return
        body = file.read_bytes()
        compress = (
            content_type.startswith(COMPRESSIBLE)
            and len(body) >= GZIP_MIN_LENGTH
            and "gzip" in self.headers.get("Accept-Encoding", "")
        )
        if compress:
            body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        self._send(status, content_type, etag, file, body, compress, with_body)

    def _send(
        self, status: int, content_type: str, etag: str, file: Path, body: bytes, gzipped: bool, with_body: bool
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Vary", "Accept-Encoding")
        immutable = status != 404 and FINGERPRINTED.search(file.name)
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if with_body:
            self.wfile.write(body)
        with self.lock:
            self.served.append(Served(urlparse(self.path).path, status, _kind(content_type), len(body)))


@contextmanager
def serve_gzip(directory: Path) -> Iterator[tuple[str, list[Served]]]:
    """Serve a built site on a free port of 127.0.0.1; yields the base URL and the log of responses."""
    served: list[Served] = []
    handler = type(
        "Handler", (_GzipHandler,), {"directory": directory.resolve(), "served": served, "lock": threading.Lock()}
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


# -- which pages to measure -------------------------------------------------------------------------


def page_type(site: Path, page: Path, languages: Languages) -> str | None:
    """The page type of a built page, or None for pages that are not reader pages (404)."""
    relative = page.relative_to(site).as_posix()
    if relative in {f"{languages.prefix(code)}index.html" for code in languages}:
        return "home"
    if page.name != "index.html":
        return None
    within = relative.removeprefix(languages.prefix(languages.of_path(relative)))
    if within.startswith("undervisning/"):
        return "teaching"
    match = GUIDE_CLASS.search(page.read_text("utf-8"))
    return match.group(1) if match else "guidance"


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def _summary(found: list[tuple[int, str]]) -> dict[str, Any]:
    largest = max(found)
    return {
        "pages": len(found),
        "median_bytes": round(statistics.median(size for size, _ in found)),
        "max_bytes": largest[0],
        "largest": largest[1],
    }


def html_sizes(site: Path, languages: Languages) -> dict[str, dict[str, Any]]:
    """Compressed HTML of every page of each type: count, median, largest and which, over every language
    and (under "languages") per language code."""
    sizes: dict[str, list[tuple[int, str, str]]] = {kind: [] for kind in PAGE_TYPES + OPTIONAL_TYPES}
    for page in sorted(site.rglob("*.html")):
        kind = page_type(site, page, languages)
        if kind:
            relative = page.relative_to(site).as_posix()
            url = "/" + relative.removesuffix("index.html")
            sizes[kind].append((gzip_size(page.read_bytes()), url, languages.of_path(relative)))
    result = {}
    for kind, found in sizes.items():
        if not found and kind in OPTIONAL_TYPES:
            continue
        if not found:
            raise RuntimeError(f"the built site has no page of type '{kind}'")
        result[kind] = _summary([(size, url) for size, url, _ in found])
        result[kind]["languages"] = {
            code: _summary([(size, url) for size, url, language in found if language == code])
            for code in languages
            if any(language == code for _, _, language in found)
        }
    return result


def view_key(kind: str, language: str) -> str:
    """How the results name the first view of a page type in a language: "home (da)"."""
    return f"{kind} ({language})"


def view_paths(html: Mapping[str, Any], languages: Languages) -> dict[str, dict[str, str]]:
    """The page measured in the browser for each page type and language: the home page of the language, else
    the type's largest page in that language."""
    paths = {}
    for kind, found in html.items():
        for code, by_language in found["languages"].items():
            path = "/" + languages.prefix(code) if kind == "home" else by_language["largest"]
            paths[view_key(kind, code)] = {"kind": kind, "language": code, "path": path}
    return paths


# -- the browser views ------------------------------------------------------------------------------


def _view(served: list[Served], third_party: list[int]) -> View:
    by_kind = {kind: sum(s.body_bytes for s in served if s.kind == kind) for kind in ("html", "css", "js", "other")}
    return View(
        **by_kind,
        total=sum(by_kind.values()),
        theme=sum(s.body_bytes for s in served if s.theme),
        requests=len(served),
        not_modified=sum(1 for s in served if s.status == 304),
        third_party_requests=len(third_party),
        third_party_bytes=sum(third_party),
    )


def _load(context: Any, url: str, served: list[Served]) -> tuple[View, list[Served]]:
    """Open one page in a browser context and count what it fetched until the network was idle."""
    served.clear()
    third_party: list[int] = []

    def on_response(response: Any) -> None:
        if urlparse(response.url).hostname not in (None, "127.0.0.1"):
            third_party.append(int(response.headers.get("content-length", 0)))

    def on_failed(request: Any) -> None:
        if urlparse(request.url).hostname not in (None, "127.0.0.1"):
            third_party.append(0)

    page = context.new_page()
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.goto(url, wait_until="load")
    # The theme fetches its search index and sitemaps after the load event.
    page.wait_for_load_state("networkidle")
    page.close()
    files = list(served)
    return _view(files, third_party), files


def measure_views(site: Path, paths: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, Any]]:
    """First view (empty cache) and repeat view (same page again, warm cache) of each page type and language
    (``paths`` as :func:`view_paths` gives them)."""
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, Any]] = {}
    with serve_gzip(site) as (base, served), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for key, target in paths.items():
            path = target["path"]
            # A phone-sized context, as Lighthouse's mobile run; a new context has an empty cache.
            context = browser.new_context(viewport={"width": 360, "height": 780})
            first, files = _load(context, base + path, served)
            repeat, _ = _load(context, base + path, served)
            context.close()
            results[key] = {
                "kind": target["kind"],
                "language": target["language"],
                "path": path,
                "first_view": asdict(first),
                "repeat_view": asdict(repeat),
                "first_view_files": [
                    {**asdict(file), "theme": file.theme} for file in sorted(files, key=lambda f: -f.body_bytes)
                ],
            }
        browser.close()
    return results
