"""The built site as a reader and a browser meet it: language, privacy, footer, switcher, search."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml
from conftest import LANGUAGES, MUNICIPALITY, ROOT, content_pages, html_pages, page_language, soup

from borgerguide.guidance.pages import page_url
from borgerguide.project import load_project
from borgerguide.site.urls import node_source, url_of

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
SITE_HOST = urlparse(MUNICIPALITY["site_url"]).hostname

# Hosts named inside the theme's JavaScript bundle that the browser never contacts on this site,
# each with the condition that keeps it dormant; test_dormant_theme_urls_stay_dormant checks them.
DORMANT_JS_HOSTS = {
    "api.github.com": "repository facts, fetched only when repo_url is set",
    "unpkg.com": "mermaid, fetched only for a page with a mermaid diagram",
    "clipboardjs.com": "a licence comment",
}


def _url(page: Path, site: Path) -> str:
    return "/" + page.relative_to(site).as_posix().removesuffix("index.html")


def test_every_page_declares_its_language(site: Path) -> None:
    pages = list(content_pages(site))
    assert len(pages) > 100
    for page in pages:
        html = soup(page).html
        assert html is not None and html.get("lang") == page_language(site, page), page


def test_not_found_pages_speak_their_language_first(site: Path) -> None:
    danish = soup(site / "404.html")
    assert danish.html.get("lang") == "da" and "findes ikke" in danish.h1.get_text()
    english_part = danish.find("section", attrs={"lang": "en"})
    assert english_part is not None and "not found" in english_part.get_text().lower()
    english = soup(site / "en" / "404.html")
    assert english.html.get("lang") == "en" and "not found" in english.h1.get_text().lower()
    assert english.find("section", attrs={"lang": "da"}).find("a")["href"] == "/"


def test_every_page_has_a_description(site: Path) -> None:
    for page in content_pages(site):
        meta = soup(page).find("meta", attrs={"name": "description"})
        assert meta is not None and len(meta["content"]) > 20, page


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    offenders = []
    for page in html_pages(site):
        doc = soup(page)
        for tag in doc.find_all(["script", "img", "iframe", "link", "source", "audio", "video", "embed", "object"]):
            for attribute in ("src", "href", "data", "srcset"):
                value = tag.get(attribute)
                if (
                    tag.name == "link"
                    and attribute == "href"
                    and not set(tag.get("rel", []))
                    & {
                        "stylesheet",
                        "preload",
                        "prefetch",
                        "icon",
                        "modulepreload",
                        "manifest",
                        "preconnect",
                        "dns-prefetch",
                    }
                ):
                    continue  # rel=alternate/canonical are addresses, not requests
                if value and urlparse(value).netloc and urlparse(value).hostname != SITE_HOST:
                    offenders.append(f"{page.relative_to(site)}: <{tag.name} {attribute}={value}>")
        for style in doc.find_all(style=True):
            if re.search(r"url\(\s*['\"]?https?:", style["style"]):
                offenders.append(f"{page.relative_to(site)}: inline style url()")
    for css in site.rglob("*.css"):
        for match in re.findall(r"url\(\s*['\"]?(https?:[^)'\"]+)", css.read_text("utf-8")):
            offenders.append(f"{css.relative_to(site)}: url({match})")
        for match in re.findall(r"@import\s+(?:url\()?['\"]?(https?:[^)'\";]+)", css.read_text("utf-8")):
            offenders.append(f"{css.relative_to(site)}: @import {match}")
    assert offenders == []


def test_javascript_names_no_host_but_known_dormant_ones(site: Path) -> None:
    # The bundle runs on every page. The search worker and its language files name hosts only in licence
    # and reference comments; the browser tests watch every request, search included.
    hosts = set()
    for script in site.glob("assets/javascripts/bundle.*.js"):
        hosts |= set(re.findall(r"https?://([a-z0-9.-]+\.[a-z]{2,})", script.read_text("utf-8")))
    assert hosts <= set(DORMANT_JS_HOSTS) | {"www.w3.org"}, hosts - set(DORMANT_JS_HOSTS)


def test_dormant_theme_urls_stay_dormant(site: Path) -> None:
    assert "repo_url" not in CONFIG
    assert CONFIG["theme"]["font"] == "false"
    for page in content_pages(site):
        assert 'class="mermaid"' not in page.read_text("utf-8"), page


def test_every_page_has_the_municipality_footer(site: Path) -> None:
    statement = MUNICIPALITY["accessibility_statement"]
    for page in content_pages(site):
        footer = soup(page).find("footer")
        assert footer is not None, page
        text = footer.get_text(" ", strip=True)
        label = "Accessibility statement" if page_language(site, page) == "en" else "Tilgængelighedserklæring"
        link = footer.find("a", string=label)
        assert link is not None and link["href"] == statement, page
        assert MUNICIPALITY["name"] in text, page
        reviewed = footer.find("time")
        assert reviewed is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", reviewed["datetime"]), page


def test_the_footer_shows_each_page_its_own_review_date(site: Path) -> None:
    project = load_project(ROOT, LANGUAGES)
    for language, prefix in (("da", ""), ("en", "en/")):
        for path, page in project.pages[language].items():
            built = site / prefix / page_url(path) / "index.html"
            assert soup(built).find("footer").find("time")["datetime"] == page.last_reviewed, built
    for tree in project.rules.trees.values():
        for outcome in tree.outcomes:
            built = site / url_of(node_source(tree.id, outcome.id)) / "index.html"
            assert soup(built).find("footer").find("time")["datetime"] == outcome.last_reviewed, built


def _last_section_heading(doc) -> str:  # type: ignore[no-untyped-def]
    article = doc.find("article")
    return article.find_all("h2")[-1].get_text(strip=True)


def test_every_guidance_page_and_outcome_ends_with_its_sources(site: Path) -> None:
    project = load_project(ROOT, LANGUAGES)
    for language, prefix, heading in (("da", "", "Kilder"), ("en", "en/", "Sources")):
        for path, page in project.pages[language].items():
            doc = soup(site / prefix / page_url(path) / "index.html")
            assert _last_section_heading(doc) == heading, path
            listed = [item.get_text(strip=True) for item in doc.select(".dd-sources__list li")]
            assert listed == [project.rules.sources[s].title for s in page.sources], path
            for source in page.sources:
                url = project.rules.sources[source].url
                assert url is None or doc.select_one(f'.dd-sources a[href="{url}"]') is not None, (path, source)
        for tree in project.rules.trees.values():
            for outcome in tree.outcomes:
                doc = soup(site / prefix / url_of(node_source(tree.id, outcome.id)) / "index.html")
                assert _last_section_heading(doc) == heading, outcome.id
                listed = [item.get_text(strip=True) for item in doc.select(".dd-sources__list li")]
                assert listed == [project.rules.sources[s].title for s in outcome.sources], outcome.id


def test_every_outcome_offers_a_contact_a_reader_can_reach(site: Path) -> None:
    """With the municipality's details filled in, each outcome shows a phone, e-mail or web link; until then
    the publishing gate refuses (test_publishing.py), so here the non-municipal channels are checked."""
    project = load_project(ROOT, LANGUAGES)
    for tree in project.rules.trees.values():
        for outcome in tree.outcomes:
            contacts = [project.rules.contacts[c] for c in outcome.contacts]
            assert contacts, outcome.id
            assert all(c.has_channel or c.municipality for c in contacts), outcome.id


def test_language_switcher_leads_to_the_same_page(site: Path) -> None:
    samples = [
        "",
        "mitid/",
        "selvbetjening/ikke-fritaget/",
        "hjaelp-andre/fuldmagt/",
        "guide/undtagelse/",
        "guide/undtagelse/saerlige-forhold/",
        "guide/undtagelse/saerlige-forhold/aendre-saerlige-hvor/",
        "guide/hjaelp/nemsms/",
        "guide/hjaelp-andre/oversigt/",
    ]
    for path in samples:
        for language, other in (("da", "en"), ("en", "da")):
            url = f"/{path}" if language == "da" else f"/en/{path}"
            page = soup(site / url.lstrip("/") / "index.html")
            # Every configured language in its own name, the current one first and marked, not a link.
            items = page.select(".dd-language__item")
            names = [item.get_text(strip=True) for item in items]
            assert names == [LANGUAGES.info(language).name, LANGUAGES.info(other).name], url
            current = items[0].select_one("[aria-current]")
            assert current is not None and current.get("lang") == language and items[0].find("a") is None, url
            link = page.select_one(".dd-language__link")
            assert link is not None and link.get("lang") == other and link.get("hreflang") == other, url
            target = urljoin(url, link["href"])
            expected = f"/{path}" if other == "da" else f"/en/{path}"
            assert target == expected, f"{url}: switcher leads to {target}, expected {expected}"


def test_phone_numbers_are_links_that_dial(site: Path) -> None:
    page = soup(site / "mitid" / "index.html")
    link = page.find("a", href="tel:+4533980010")
    assert link is not None and link.get_text() == "33 98 00 10"
    all_tel = {a["href"] for p in content_pages(site) for a in soup(p).select('a[href^="tel:"]')}
    # Every number a reader can tap is a number in the contact registry or the municipality file, and back.
    contacts = load_project(ROOT, LANGUAGES).rules.contacts.values()
    assert all_tel == {c.tel_uri for c in contacts if c.tel_uri}


def _index(site: Path, prefix: str = "") -> list[dict]:
    """The search index of one language (hooks/search_index.py writes one per language)."""
    return json.loads((site / prefix / "search" / "search_index.json").read_text("utf-8"))["docs"]


def test_search_finds_danish_and_english_words(site: Path) -> None:
    danish, english = _index(site), _index(site, "en/")

    def locations(docs: list[dict], word: str) -> set[str]:
        return {d["location"] for d in docs if word.lower() in (d["title"] + " " + d["text"]).lower()}

    assert any(loc.startswith("hjaelp-andre/fremtidsfuldmagt/") for loc in locations(danish, "fremtidsfuldmagt"))
    assert any(
        loc.startswith("hjaelp-andre/fremtidsfuldmagt/") for loc in locations(english, "lasting power of attorney")
    )
    assert any(loc.startswith("nemsms/") for loc in locations(danish, "tegnsprog"))
    assert any(loc.startswith("nemsms/") for loc in locations(english, "sign language"))
    assert not locations(danish, "lasting power of attorney") and not locations(english, "tegnsprog")


def test_generated_outcomes_are_searchable_and_questions_are_not(site: Path) -> None:
    for prefix in ("", "en/"):
        locations = {d["location"].split("#")[0] for d in _index(site, prefix)}
        assert "guide/hjaelp/nemsms/" in locations
        assert "guide/hjaelp/hvad-hjaelp/" not in locations
        assert "guide/undtagelse/saerlige-forhold/" not in locations
        # The questions again with an earlier answer marked ("Ændre") are no search results either.
        assert not any("/aendre-" in location for location in locations)


def test_guides_are_in_the_sitemap_and_the_navigation(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "/guide/undtagelse/fritaget-domstole/" in sitemap and "/en/guide/undtagelse/fritaget-domstole/" in sitemap
    change = "guide/undtagelse/saerlige-forhold/aendre-saerlige-hvor/"
    assert f"/{change}" in sitemap and f"/en/{change}" in sitemap
    nav = soup(site / "index.html").find("nav", class_="md-nav--primary")
    links = {a["href"] for a in nav.find_all("a", href=True)}
    assert {"guide/undtagelse/", "guide/hjaelp/", "guide/hjaelp-andre/"} <= links
    assert not any("hvad-hjaelp" in href for href in links)


def test_pages_print_their_address(site: Path) -> None:
    page = soup(site / "en" / "mitid" / "index.html")
    address = page.select_one(".dd-print-address")
    assert address is not None and address.get_text().strip().endswith("/en/mitid/")
    css = (ROOT / "overrides" / "assets" / "site.css").read_text("utf-8")
    assert "@media print" in css
