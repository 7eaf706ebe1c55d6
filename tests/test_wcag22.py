"""WCAG 2.2 criteria that axe-core does not test: focus not obscured (2.4.11) and consistent help (3.2.6).

Target size (2.5.8) is axe's rule "target-size", run on every page by tests/test_browser.py (tag "wcag22aa").
The footer's structure is checked on every built page without a browser (so `make check` runs it); where
things stand on the screen and what the keyboard reaches are checked in Chromium (marker `browser`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import LANGUAGES, MUNICIPALITY, READY_MUNICIPALITY, ROOT, content_pages, page_language, soup
from jinja2 import Environment, FileSystemLoader
from playwright.sync_api import Browser, Page

from borgerguide.project import MUNICIPALITY_ENV, load_project
from borgerguide.rules.model import Contact
from borgerguide.site.strings import ui_strings

PHONE, DESKTOP = 360, 1280
# One page of each kind: home, a guidance page, a guide's start, a question, an outcome, an overview, contact.
SAMPLE = [
    "",
    "mitid/",
    "guide/undtagelse/",
    "guide/undtagelse/saerlige-forhold/",
    "guide/undtagelse/saerlige-anden-myndighed/",
    "guide/hjaelp/oversigt/",
    "kontakt/",
]
SAMPLE_PATHS = [f"/{path}" for path in SAMPLE] + [f"/en/{path}" for path in SAMPLE]
MAX_PRESSES = 200


# -- 3.2.6 Consistent help: the footer's help section ------------------------------------------------------


def _page_path(site: Path, page: Path) -> str:
    return "/" + page.relative_to(site).as_posix().removesuffix("index.html")


def _help_section(doc: BeautifulSoup) -> Tag:
    inner = doc.select_one("footer .dd-footer__inner")
    assert inner is not None, "no footer"
    return inner.find(recursive=False)


def test_every_page_offers_help_first_in_the_footer_built_the_same_way(site: Path) -> None:
    shapes: dict[str, dict[tuple, list[str]]] = {"da": {}, "en": {}}
    pages = list(content_pages(site))
    assert len(pages) > 100
    for page in pages:
        language, path = page_language(site, page), _page_path(site, page)
        ui = ui_strings(language)
        section = _help_section(soup(page))
        assert section.name == "section" and "dd-footer__help" in section["class"], f"{path}: help is not first"
        heading = section.find("h2")
        assert heading.get_text(strip=True) == ui["footer_help"], path
        assert section["aria-labelledby"] == heading["id"], path
        assert MUNICIPALITY["name"] in section.get_text(" ", strip=True), path
        last = section.find_all(recursive=False)[-1]
        link = last.find("a")
        assert link is not None and link.get_text(strip=True) == ui["footer_help_all"], f"{path}: {last}"
        contact_page = "/kontakt/" if language == "da" else "/en/kontakt/"
        assert urljoin(path, link["href"]) == contact_page, f"{path}: the help link goes to {link['href']}"
        # The same parts in the same order with the same words on every page of a language.
        shape = tuple(
            (child.name, tuple(child.get("class", [])), child.get_text(" ", strip=True))
            for child in section.find_all(recursive=False)
        )
        shapes[language].setdefault(shape, []).append(path)
    for language, found in shapes.items():
        assert len(found) == 1, f"{language}: the help section differs between pages: " + "; ".join(
            f"{paths[:3]} has {shape}" for shape, paths in found.items()
        )


def _lines(section: Tag) -> list[str]:
    return [" ".join(child.get_text().split()) for child in section.find_all(recursive=False)]


def _render_footer(contact: Contact, language: str) -> BeautifulSoup:
    """The footer partial on its own, with the context the hooks and MkDocs give it."""
    environment = Environment(loader=FileSystemLoader(ROOT / "overrides" / "partials"), autoescape=True)
    environment.filters["url"] = lambda path: "../../" + path
    config = SimpleNamespace(
        theme=SimpleNamespace(language=language),
        extra={"municipality": {"name": "Testkommune", "accessibility_statement": "https://www.was.digst.dk/x"}},
    )
    nav = SimpleNamespace(homepage=SimpleNamespace(url="" if language == "da" else f"{language}/"))
    html = environment.get_template("footer.html").render(
        config=config, nav=nav, ui=ui_strings(language), municipality_contact=contact
    )
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_help_section_lists_the_municipality_channels_when_they_are_set(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    ui = ui_strings(language)
    monkeypatch.setenv(MUNICIPALITY_ENV, str(READY_MUNICIPALITY))
    ready = load_project(ROOT, LANGUAGES).footer_contact
    section = _help_section(_render_footer(ready, language))
    hours = ready.opening_hours[language]
    assert _lines(section) == [
        ui["footer_help"],
        f"{ready.name[language]}, Testkommune",
        f"{ui['phone']}: 11 22 33 44",
        f"{ui['opening_hours']}: {hours}",
        f"{ui['address']}: Torvet 1, 9999 Testby",
        f"{ui['email']}: borgerservice@testkommune.dk",
        ui["footer_help_all"],
    ]
    assert section.find("a", href="tel:+4511223344") is not None
    assert section.find("a", href="mailto:borgerservice@testkommune.dk") is not None
    # While the details are unset (the preview today), the section still leads to every way to get help.
    unset = dataclasses.replace(ready, phone=None, opening_hours=None, address=None, email=None, web=None)
    unset_section = _help_section(_render_footer(unset, language))
    assert _lines(unset_section) == [ui["footer_help"], "Testkommune", ui["footer_help_all"]]
    contact_page = "../../kontakt/" if language == "da" else "../../en/kontakt/"
    assert unset_section.find("a", string=ui["footer_help_all"])["href"] == contact_page


# -- in Chromium ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def screen(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 780 if width == PHONE else 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["da", "en"])
def test_help_stands_at_the_same_place_in_the_footer_on_every_kind_of_page(
    screen: Page, base_url: str, language: str
) -> None:
    places = {}
    for path in SAMPLE:
        url = f"{base_url}/{path}" if language == "da" else f"{base_url}/en/{path}"
        screen.goto(url, wait_until="load")
        places[path] = screen.evaluate(
            """() => {
                const footer = document.querySelector('footer').getBoundingClientRect();
                const help = document.querySelector('footer .dd-footer__help');
                const link = help.querySelector('.dd-footer__all-help a').getBoundingClientRect();
                const box = help.getBoundingClientRect();
                const at = r => [Math.round(r.left - footer.left), Math.round(r.top - footer.top)];
                return {section: at(box), link: at(link), visible: link.width > 0 && link.height >= 24};
            }"""
        )
    first = places[SAMPLE[0]]
    assert first["visible"], places
    different = {path: place for path, place in places.items() if place != first}
    assert different == {}, f"help is not where it is on the home page {first}: {different}"


# What the focused element looks like, and whether something of the page's own hides it: the sticky header
# over any part of it, or anything at all over the whole of it. The theme's closed menu drawer lies beside
# the screen on phones; its links take focus but are not shown, so they are left out (as is anything
# invisible or of no size). Points are tested with elementFromPoint, so what is painted on top counts.
FOCUS_CHECK = """async () => {
    // After a scroll, wait two frames: the theme fits its sidebars to the screen in the frame after it.
    if (scrollY !== window.ddScrolled) {
        for (let frame = 0; frame < 2; frame++) await new Promise(resolve => requestAnimationFrame(resolve));
        window.ddScrolled = scrollY;
    }
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) return {state: 'none'};
    if (element === window.ddStart) return {state: 'start'};
    window.ddStart = window.ddStart || element;
    const text = (element.innerText || element.getAttribute('aria-label') || element.value || '').trim();
    const name = `${element.tagName.toLowerCase()} "${text.slice(0, 40)}" ${element.getAttribute('href') || ''}`;
    const header = document.querySelector('.md-header');
    if (header.contains(element)) return {state: 'checked', name};
    if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) return {state: 'checked', name};
    let rects = [...element.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    rects = rects.filter(r => r.right > 0 && r.left < innerWidth);
    if (!rects.length) return {state: 'checked', name};
    const points = [];
    for (const r of rects) {
        const inset = Math.min(2, r.width / 4, r.height / 4);
        for (const [x, y] of [[r.left + r.width / 2, r.top + r.height / 2], [r.left + inset, r.top + inset],
                              [r.right - inset, r.top + inset], [r.left + inset, r.bottom - inset],
                              [r.right - inset, r.bottom - inset]]) {
            if (x >= 0 && x < innerWidth && y >= 0 && y < innerHeight) points.push([x, y]);
        }
    }
    if (!points.length) return {state: 'checked', name, problem: 'out of view'};
    const hits = points.map(([x, y]) => document.elementFromPoint(x, y));
    const covering = hits.filter(hit => hit && !element.contains(hit) && !hit.contains(element));
    const describe = hit => `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}`;
    if (covering.some(hit => header.contains(hit))) return {state: 'checked', name, problem: 'partly under the header'};
    if (covering.length === hits.length) {
        return {state: 'checked', name, problem: `covered by ${describe(covering[0])}`};
    }
    return {state: 'checked', name};
}"""


SETTLED = """*, *::before, *::after {
    transition-duration: 0s !important; transition-delay: 0s !important;
    animation-duration: 0s !important; animation-delay: 0s !important;
}"""


def _tab_through(page: Page, key: str) -> tuple[int, list[str]]:
    """Press key until focus comes back to where it started; return how many elements took focus and what
    was hidden."""
    page.evaluate(
        "() => { window.ddStart = document.activeElement === document.body ? null : document.activeElement; }"
    )
    seen, hidden = 0, []
    for _ in range(MAX_PRESSES):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUS_CHECK)
        if focused["state"] == "start":
            break
        if focused["state"] == "checked":
            seen += 1
            if "problem" in focused:
                hidden.append(f"{key}: {focused['name']}: {focused['problem']}")
    return seen, hidden


@pytest.mark.browser
@pytest.mark.parametrize("path", SAMPLE_PATHS)
def test_focus_is_never_hidden_under_the_header(screen: Page, base_url: str, path: str) -> None:
    response = screen.goto(base_url + path, wait_until="load")
    assert response is not None and response.status == 200, path
    # Judge each state as a reader sees it once it has settled: leaving the search field, the theme fades its
    # invisible click-catching overlay out over a quarter of a second.
    screen.add_style_tag(content=SETTLED)
    # Forward through the page and around to the start, then backward: going back, the browser scrolls each
    # link to the top edge of the screen, where the sticky header is.
    forward, hidden = _tab_through(screen, "Tab")
    backward, hidden_back = _tab_through(screen, "Shift+Tab")
    assert forward > 5 and backward > 5, f"{path}: only {forward} / {backward} elements took focus"
    hidden += hidden_back
    width = screen.viewport_size["width"]
    assert hidden == [], f"{path} at {width}px, focus hidden:\n  " + "\n  ".join(hidden)
