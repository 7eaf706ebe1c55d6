"""Shared fixtures: the real site built once per test run, and throw-away copies of the project to break."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from filelock import FileLock

from borgerguide import load_rules, read_languages
from borgerguide.guidance.pages import load_pages

ROOT = Path(__file__).resolve().parent.parent
# The site's languages, as mkdocs.yml configures them (the default first).
LANGUAGES = read_languages(ROOT)
# The project's rules and guidance pages as the package reads them, loaded once for every test module (many
# parametrize over them when the tests are collected). The teaching cases are not loaded here: a case that
# contradicts the rules must fail its own tests (tests/test_teaching.py), not every module's collection.
RULES = load_rules(ROOT / "data" / "rules.yml", languages=LANGUAGES)
PAGES = load_pages(ROOT / "docs", LANGUAGES)
# The municipality's own details (name, site address, accessibility statement, Borgerservice).
MUNICIPALITY = yaml.safe_load((ROOT / "data" / "municipality.yml").read_text("utf-8"))
# A filled-in municipality file: what a municipality ready to publish has (tests/test_publishing.py).
READY_MUNICIPALITY = ROOT / "tests" / "fixtures" / "municipality-ready.yml"
sys.path.insert(0, str(ROOT / "tools"))
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "overrides", "hooks", "tools", "src", "tests")


@dataclass(frozen=True)
class Build:
    returncode: int
    output: str
    site: Path


_BUILD_VARIABLES = ("SITE_ENGINE", "BORGERGUIDE_MUNICIPALITY", "BORGERGUIDE_PREVIEW")


def _environment(**variables: str) -> dict[str, str]:
    """The shell's environment without the variables that would point a test's build elsewhere (another
    engine, another municipality file, a preview), plus ``variables``."""
    env = {key: value for key, value in os.environ.items() if key not in _BUILD_VARIABLES}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **variables}


def run_build(project: Path, site: Path, preview: bool = True, engine: str = "mkdocs", **variables: str) -> Build:
    """Build a project with the generator directly; a preview by default, since the real municipality file
    still lacks details that the publishing gate requires (the `published` fixture publishes from a
    filled-in file). ``engine`` is the site generator's module: mkdocs, or properdocs (test_properdocs.py)."""
    env = _environment(BORGERGUIDE_PREVIEW="1" if preview else "0", **variables)
    result = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def assert_clear_failure(build: Build, *expected: str) -> None:
    """The build stopped, its output says each of ``expected`` (file, line, what to do), and no traceback."""
    assert build.returncode != 0, "the build should have failed"
    for text in expected:
        assert text in build.output, f"{text!r} not in:\n{build.output}"
    assert "Traceback" not in build.output


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site as `make site PREVIEW=1` builds it from this checkout: tools/build_site.py's strict build
    and the checks it makes before it publishes (every page built, language and direction, no dead link). A
    preview, since the real municipality file still lacks details the publishing gate requires."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = publish(ROOT, "--preview", "--site-dir", str(site))
    assert result.returncode == 0, f"the real site does not build:\n{result.stdout}{result.stderr}"
    return site


def publish(project: Path, *arguments: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """`make site` in a project: tools/build_site.py, which publishes to <project>/site only when the whole
    build and its checks succeed (``--preview`` for `make site PREVIEW=1`)."""
    env = _environment(**{"SITE_ENGINE": "mkdocs", **variables})
    return subprocess.run(
        [sys.executable, "tools/build_site.py", *arguments],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_project(destination: Path) -> Path:
    """A copy of the project's site sources, which a test may break."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def _publish_ready_project(destination: Path) -> Path:
    shutil.rmtree(destination, ignore_errors=True)
    copy_project(destination)
    shutil.copy2(READY_MUNICIPALITY, destination / "data" / "municipality.yml")
    result = publish(destination)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"the site does not publish from a filled-in municipality:\n{output}"
    return destination


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose municipality file is filled in (tests/fixtures/municipality-ready.yml),
    published with `make site` into <copy>/site: what a municipality ready to go live puts online.

    Publishing builds the whole site, so it happens once per run and the test processes share it (a file
    lock, as pytest-xdist's documentation shows): treat it as read-only, and change a copy (published_copy)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:  # one process: nothing to share
        return _publish_ready_project(tmp_path_factory.mktemp("published"))
    shared = tmp_path_factory.getbasetemp().parent / "published"  # the run's folder, common to its processes
    with FileLock(f"{shared}.lock"):
        if not (shared / "site" / "index.html").is_file():
            _publish_ready_project(shared)
    return shared


@pytest.fixture
def published_copy(published: Path, tmp_path: Path) -> Path:
    """A copy of the published project, its last good site included, that a test may break."""
    return Path(shutil.copytree(published, tmp_path / "project", symlinks=True))


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 for the browser tests."""
    from browser_support import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole run: Playwright's sync API allows a single session per thread."""
    from browser_support import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's site sources that a test may break."""
    return copy_project(tmp_path)


@pytest.fixture
def build_copy(project_copy: Path) -> Callable[[], Build]:
    return lambda: run_build(project_copy, project_copy / "site")


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def page_language(site: Path, page: Path) -> str:
    return LANGUAGES.of_path(page.relative_to(site).as_posix())


def soup(page: Path) -> BeautifulSoup:
    """The parsed page, parsed once per run: a dozen tests walk all ~250 pages of the built site.
    Treat it as read-only; a test that changes the tree parses its own copy with fresh_soup()."""
    stat = page.stat()
    return _parsed(page, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _parsed(page: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return fresh_soup(page)


def fresh_soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text("utf-8"), "html.parser")


def content_pages(site: Path) -> Iterator[Path]:
    """Every page a reader can visit (the 404 page aside)."""
    for page in html_pages(site):
        if page.name == "index.html":
            yield page
