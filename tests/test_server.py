"""The production web server configuration (Debian's nginx) serving the built site on 127.0.0.1."""

from __future__ import annotations

import gzip
import http.client
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MUNICIPALITY, ROOT
from playwright.sync_api import Browser

# Needs Debian's nginx (make test installs it); `make check` leaves these out.
pytestmark = pytest.mark.server
STATEMENT = MUNICIPALITY["accessibility_statement"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def nginx(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).exists(), "nginx is missing: run `make test` (it installs Debian's nginx package)"
    state = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    config = state / "nginx.conf"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "nginx_config.py"),
            "--site",
            str(site),
            "--listen",
            f"127.0.0.1:{port}",
            "--state",
            str(state),
            "--out",
            str(config),
        ],
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen(
        [binary, "-c", str(config), "-p", str(state), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stdout.read().decode() if process.stdout else ''}")
            time.sleep(0.05)
    yield "127.0.0.1", port
    process.terminate()
    process.wait(timeout=10)


def _get(server: tuple[str, int], path: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*server, timeout=5)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    response = connection.getresponse()
    body = response.read()
    headers = {name.lower(): value for name, value in response.getheaders()}
    connection.close()
    return response.status, headers, body


def _asset(site: Path, pattern: str) -> str:
    return "/" + next(site.glob(pattern)).relative_to(site).as_posix()


def test_pages_and_assets_are_compressed(nginx: tuple[str, int], site: Path) -> None:
    for path in (
        "/",
        "/en/mitid/",
        _asset(site, "assets/stylesheets/main.*.min.css"),
        _asset(site, "assets/javascripts/bundle.*.min.js"),
        "/assets/site.css",
    ):
        status, headers, body = _get(nginx, path)
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        assert len(gzip.decompress(body)) > len(body)


def test_hashed_assets_are_cached_for_a_year_and_pages_revalidated(nginx: tuple[str, int], site: Path) -> None:
    _, headers, _ = _get(nginx, _asset(site, "assets/javascripts/bundle.*.min.js"))
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    _, headers, _ = _get(nginx, "/guide/hjaelp/")
    assert headers["cache-control"] == "no-cache"
    _, headers, _ = _get(nginx, "/assets/site.css")
    assert headers["cache-control"] == "no-cache", "site.css has no hash in its name, so it must be revalidated"


def test_security_headers_on_every_kind_of_response(nginx: tuple[str, int], site: Path) -> None:
    for path in ("/", _asset(site, "assets/stylesheets/main.*.min.css"), "/findes-ikke/"):
        _, headers, _ = _get(nginx, path)
        csp = headers["content-security-policy"]
        script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src, path
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert "server" not in headers or "/" not in headers["server"], "no version in the Server header"


def test_not_found_page_per_language(nginx: tuple[str, int]) -> None:
    status, _, body = _get(nginx, "/findes-ikke/", gzip_ok=False)
    assert status == 404 and b'<html lang="da" dir="ltr">' in body
    status, _, body = _get(nginx, "/en/does-not-exist/", gzip_ok=False)
    assert status == 404 and b'<html lang="en" dir="ltr">' in body


def test_was_redirects_to_the_accessibility_statement(nginx: tuple[str, int]) -> None:
    for path in ("/was", "/was/"):
        status, headers, _ = _get(nginx, path)
        assert status in (301, 302) and headers["location"] == STATEMENT


@pytest.mark.browser
def test_pages_run_under_the_content_security_policy(nginx: tuple[str, int], browser: Browser) -> None:
    host, port = nginx
    base = f"http://{host}:{port}"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    for path in (
        "/",
        "/en/",
        "/guide/undtagelse/saerlige-forhold/",
        "/en/guide/hjaelp/nemsms/",
        "/guide/hjaelp-andre/oversigt/",
        "/hjaelp-andre/fuldmagt/",
    ):
        page.goto(base + path)
        assert page.evaluate("window.__csp") == [], path
    page.locator("input.md-search__input").click()
    page.keyboard.type("fuldmagt")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert page.evaluate("window.__csp") == []
    assert not [m for m in messages if "Content Security Policy" in m], messages
    page.close()
