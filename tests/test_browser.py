"""Real-browser quality gate: accessibility (axe, WCAG 2.2 AA), phones, no JavaScript, valid HTML.

Runs Debian's Chromium through Playwright against the built site served on 127.0.0.1 by the tests.
Every failure names the page and the rule, so an editor knows what to fix.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_support import DESKTOP, PHONE
from browser_support import axe as _axe
from conftest import LANGUAGES, ROOT, RULES
from playwright.sync_api import Browser, BrowserContext, Page

from borgerguide.guidance.glossary import GLOSSARY_SOURCE
from borgerguide.guidance.pages import page_url
from borgerguide.site.strings import ui_strings
from borgerguide.site.urls import node_source, overview_source, start_source, url_of
from borgerguide.teaching.cases import CASES_FILE, load_cases
from borgerguide.teaching.kit import generated_sources

pytestmark = pytest.mark.browser

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# vnu messages we filter, each with its reason. Nothing else may be filtered.
VNU_FILTERS = {
    "Attribute “autocomplete” is only allowed when the input type is": (
        "mkdocs-material's hidden drawer/search toggles are checkboxes with autocomplete=off so a browser does "
        "not restore them on back navigation; harmless, and only changeable by forking the theme's base.html"
    ),
}


def _all_paths() -> list[str]:
    guidance = [
        page_url(p.relative_to(ROOT / "docs" / "da").as_posix()) for p in sorted((ROOT / "docs" / "da").rglob("*.md"))
    ]
    generated = []
    for tree in RULES.trees.values():
        generated += [url_of(start_source(tree.id)), url_of(overview_source(tree.id))]
        generated += [url_of(node_source(tree.id, node_id)) for node_id in tree.nodes]
    # The teaching kit's generated pages: overview, cases, handouts and booklet.
    pages = [p.relative_to(ROOT / "docs" / "da").as_posix() for p in (ROOT / "docs" / "da").rglob("*.md")]
    cases = load_cases(ROOT / CASES_FILE, RULES, CASES_FILE)
    generated += [url_of(source) for source in generated_sources(RULES, cases, pages)]
    generated.append(url_of(GLOSSARY_SOURCE))  # the glossary page, made from data/glossary.yml
    return [f"/{p}" for p in guidance + generated] + [f"/en/{p}" for p in guidance + generated]


PATHS = _all_paths()


class Watch:
    """Collects what a page does that a reader would not want: requests elsewhere, console errors."""

    def __init__(self, context: BrowserContext) -> None:
        self.foreign: list[str] = []
        self.errors: list[str] = []
        context.on("request", self._request)

    def _request(self, request) -> None:  # type: ignore[no-untyped-def]
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host != "127.0.0.1":
            self.foreign.append(request.url)

    def attach(self, page: Page) -> None:
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def reset(self) -> None:
        self.foreign.clear()
        self.errors.clear()


@pytest.fixture(scope="session")
def phone(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(viewport={"width": PHONE, "height": 780}, device_scale_factor=1)
    watch = Watch(context)
    page = context.new_page()
    watch.attach(page)
    yield page, watch
    context.close()


@pytest.fixture(scope="session")
def desktop(browser: Browser) -> Iterator[Page]:
    """A tab of its own at desktop width: a page is loaded at the width it is judged at, since right after a
    resize the theme's sidebar is still animating."""
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, device_scale_factor=1)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PATHS)
def test_page_is_accessible_private_and_fits_a_phone(
    phone: tuple[Page, Watch], desktop: Page, base_url: str, path: str
) -> None:
    page, watch = phone
    watch.reset()
    response = page.goto(base_url + path, wait_until="load")
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    failures = []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        failures.append(f"scrolls sideways by {overflow}px at {PHONE}px wide")
    failures += [f"axe at {PHONE}px: {v}" for v in _axe(page)]
    desktop.goto(base_url + path, wait_until="load")
    failures += [f"axe at {DESKTOP}px: {v}" for v in _axe(desktop)]
    # The theme's scripts fetch things after "load" (the search worker's scripts, the favicon); a late request
    # to another host or a late console error must be caught too, so the phone's page is judged once its
    # network has been quiet for half a second ("networkidle"), which mostly passed while axe ran.
    page.wait_for_load_state("networkidle")
    failures += [f"request left 127.0.0.1: {url}" for url in watch.foreign]
    failures += [f"console error: {text}" for text in watch.errors]
    for context in (page.context, desktop.context):
        if context.cookies():
            failures.append(f"sets cookies: {context.cookies()}")
    assert not failures, f"{path}:\n  " + "\n  ".join(failures)


@pytest.mark.parametrize("path", ["/", "/mitid/", "/guide/undtagelse/saerlige-forhold/", "/guide/hjaelp/nemsms/"])
def test_language_switcher_reaches_the_counterpart(phone: tuple[Page, Watch], base_url: str, path: str) -> None:
    page, _ = phone
    for start, expected, name in ((path, "/en" + path, "English"), ("/en" + path, path, "Dansk")):
        page.goto(base_url + start)
        with page.expect_navigation():
            page.get_by_role("link", name=name, exact=True).click()
        assert urlparse(page.url).path == expected
        assert page.evaluate("document.documentElement.lang") == ("en" if name == "English" else "da")


WALKS = [(tree.id, steps, outcome.id) for tree in RULES.trees.values() for steps, outcome in tree.paths()]


@pytest.fixture(scope="session")
def walkers(browser: Browser) -> Iterator[dict[str, Page]]:
    """A phone-sized tab with JavaScript and one without."""
    contexts = {
        mode: browser.new_context(viewport={"width": PHONE, "height": 780}, java_script_enabled=mode == "js")
        for mode in ("js", "nojs")
    }
    yield {mode: context.new_page() for mode, context in contexts.items()}
    for context in contexts.values():
        context.close()


# Every path in every language without JavaScript, as the guides are built to work; and every path with
# JavaScript in the default language, since the theme's scripts are the same for every language (the
# right-to-left test project clicks its paths with JavaScript in each of its three languages).
WALK_MODES = [("nojs", language) for language in LANGUAGES] + [("js", LANGUAGES.default)]


@pytest.mark.parametrize(("mode", "language"), WALK_MODES, ids=[f"{m}-{language}" for m, language in WALK_MODES])
@pytest.mark.parametrize(("tree_id", "steps", "outcome_id"), WALKS, ids=[f"{w[0]}->{w[2]}" for w in WALKS])
def test_walk_every_path_by_clicking(
    walkers: dict[str, Page], base_url: str, mode: str, language: str, tree_id: str, steps, outcome_id: str
) -> None:
    walker = walkers[mode]
    prefix = "/" + LANGUAGES.prefix(language)
    tree = RULES.trees[tree_id]
    walker.goto(f"{base_url}{prefix}guide/{tree_id}/")
    with walker.expect_navigation():
        walker.locator("a.dd-button--start").click()
    for step in steps:
        assert walker.locator("h1").inner_text() == step.question.question[language]
        with walker.expect_navigation():
            walker.locator("a.dd-answer").get_by_text(step.answer.label[language], exact=True).click()
    assert urlparse(walker.url).path == f"{prefix}guide/{tree_id}/{outcome_id}/"
    assert walker.locator("h1").inner_text() == tree.nodes[outcome_id].heading[language]


def test_keyboard_only_walk_with_visible_focus(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()
    tree = RULES.trees["undtagelse"]
    steps, outcome = tree.paths()[0]
    page.goto(f"{base_url}/guide/{tree.id}/")
    targets = [ui_strings("da")["start"]] + [step.answer.label["da"] for step in steps]
    invisible = []
    for target in targets:
        for _ in range(80):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                """() => { const e = document.activeElement; const s = getComputedStyle(e);
                    return {text: e.innerText.trim(), tag: e.tagName, shadow: s.boxShadow !== 'none',
                            outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }"""
            )
            if focused["tag"] != "BODY" and not (focused["outline"] or focused["shadow"]):
                invisible.append(f"{page.url}: {focused['tag']} '{focused['text'][:30]}'")
            if focused["text"] == target:
                break
        else:
            pytest.fail(f"could not reach '{target}' with Tab on {page.url}")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert urlparse(page.url).path == f"/guide/{tree.id}/{outcome.id}/"
    assert invisible == [], "focus not visible on:\n" + "\n".join(invisible)
    context.close()


def _search(browser: Browser, base_url: str, path: str, query: str) -> tuple[list[str], list[str], Watch]:
    """Search from a page at desktop width: the result links and the search indexes the page fetched."""
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    watch = Watch(context)
    indexes: list[str] = []
    context.on("request", lambda request: "search_index" in request.url and indexes.append(urlparse(request.url).path))
    page = context.new_page()
    watch.attach(page)
    page.goto(f"{base_url}{path}")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    # The list is drawn again after each letter: read it whole, once it stays the same for 300 ms.
    read = "links => links.map(a => a.getAttribute('href'))"
    links, previous = page.eval_on_selector_all(".md-search-result__link", read), None
    while links != previous:
        page.wait_for_timeout(300)
        links, previous = page.eval_on_selector_all(".md-search-result__link", read), links
    hrefs = [urlparse(href or "").path for href in links]
    context.close()
    return hrefs, indexes, watch


def test_search_in_english_finds_english_pages_only(browser: Browser, base_url: str) -> None:
    hrefs, indexes, watch = _search(browser, base_url, "/en/", "lasting power of attorney")
    assert any("/en/hjaelp-andre/fremtidsfuldmagt/" in href for href in hrefs), hrefs
    assert all(href.startswith("/en/") for href in hrefs), hrefs
    assert indexes == ["/en/search/search_index.json"]
    assert watch.foreign == [] and watch.errors == []


def test_search_in_danish_finds_danish_pages_only_and_whole_inflected_words(browser: Browser, base_url: str) -> None:
    # "fritagelsen" (the exemption) as a reader types it: a stemmer in the index would lose it (README).
    hrefs, indexes, watch = _search(browser, base_url, "/nemsms/", "fritagelsen")
    assert hrefs and not any(href.startswith("/en/") for href in hrefs), hrefs
    assert any(href.startswith("/guide/undtagelse/") for href in hrefs), hrefs
    assert indexes == ["/search/search_index.json"]
    hrefs, _, _ = _search(browser, base_url, "/", "fuldmagt")
    assert any(href.startswith("/hjaelp-andre/fuldmagt/") for href in hrefs), hrefs
    assert not any(href.startswith("/en/") for href in hrefs), hrefs
    assert watch.foreign == [] and watch.errors == []


def test_a_danish_word_finds_nothing_on_the_english_pages(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/en/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("fritagelsen")
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="No matching documents").wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").count() == 0
    context.close()


def test_print_shows_content_address_and_date_without_navigation(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/hjaelp-andre/fuldmagt/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".dd-print-address").is_visible()
    assert page.locator(".dd-footer__reviewed").is_visible()
    assert page.locator("h1").is_visible()
    context.close()


@pytest.mark.parametrize("tree_id", list(RULES.trees))
def test_overview_prints_on_a4(browser: Browser, base_url: str, tree_id: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/guide/{tree_id}/oversigt/")
    page.emulate_media(media="print")
    # A4 at 96 dpi is 794 px wide; the print style has 15 mm margins on each side.
    page.set_viewport_size({"width": 794 - 2 * 57, "height": 1000})
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    svg = page.locator("svg.dd-flowchart__svg").bounding_box()
    assert svg is not None and svg["width"] <= 794 - 2 * 57
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    context.close()


def test_html_is_valid(site: Path) -> None:
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if not any(key in m.get("message", "") for key in VNU_FILTERS)]
    report = [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in errors]
    assert errors == [], "HTML errors:\n" + "\n".join(report[:40])
