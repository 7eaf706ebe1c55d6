"""The built site's search index per language and its pruned theme stylesheets (README, "Search and page
weight"); the browser side (a search finds only its language, a page loads only its index) is in
test_browser.py."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import material
import soupsieve
import tinycss2
from conftest import LANGUAGES, content_pages, soup

THEME_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
# Pages of every type whose elements the pruned stylesheet must still style: home, a guidance page with a
# glossary term, a guide's start, question, outcome and overview, a teaching page (the default language; the
# other languages' pages are built from the same templates, so one outcome of each is enough).
SAMPLE_PAGES = (
    "",
    "hjaelp-andre/fuldmagt/",
    "guide/undtagelse/",
    "guide/undtagelse/saerlige-forhold/",
    "guide/undtagelse/soeg-fritagelse/",
    "guide/hjaelp/oversigt/",
    "undervisning/",
)


DYNAMIC = re.compile(
    r"::?(?:before|after|marker|placeholder|selection|-webkit-[\w-]+|-moz-[\w-]+|-ms-[\w-]+"
    r"|hover|focus-visible|focus-within|focus|active|visited|target)(?![\w-])"
)


def _index(site: Path, code: str) -> dict:
    return json.loads((site / LANGUAGES.prefix(code) / "search" / "search_index.json").read_text("utf-8"))


def _config(page: Path) -> dict:
    script = soup(page).find("script", id="__config")
    assert script is not None, f"{page}: no theme configuration"
    return json.loads(script.string)


def test_each_language_has_an_index_of_its_own_pages_only(site: Path) -> None:
    for code in LANGUAGES:
        index = _index(site, code)
        assert index["config"]["lang"] == [code]
        assert len(index["docs"]) > 50
        folder = site / LANGUAGES.prefix(code)
        for entry in index["docs"]:
            page = entry["location"].split("#")[0]
            # Every address is relative to the language's folder and leads to a page there.
            assert (folder / page / "index.html").is_file(), f"{code}: {entry['location']}"
            others = [LANGUAGES.prefix(other) for other in LANGUAGES.others(code) if LANGUAGES.prefix(other)]
            assert not any(page.startswith(prefix) for prefix in others), f"{code}: {entry['location']}"


def test_the_index_leaves_out_what_every_guide_page_repeats(site: Path) -> None:
    for code in LANGUAGES:
        docs = _index(site, code)["docs"]
        assert not [d["location"] for d in docs if "#dd-" in d["location"]]
        assert not [d["location"] for d in docs if "<" in d["text"]], "the index text still has HTML tags"


# Pages for the person teaching (a session plan, the café flow, using the site in teaching, the kit's overview)
# are reached from the menu; the search a citizen uses lists guidance, including the rules for helpers.
TEACHER_ONLY = (
    "undervisning/",
    "undervisning/brug-siden/",
    "undervisning/forloeb-mitid-digital-post/",
    "undervisning/forloeb-fritaget-hjulpet/",
    "undervisning/cafe-hjaelp/",
)
FOR_HELPERS = ("undervisning/hjaelperens-regler/", "undervisning/frivillige/")


def test_citizens_search_lists_helpers_rules_but_not_teachers_pages(site: Path) -> None:
    for code in LANGUAGES.codes:
        pages = {entry["location"].partition("#")[0] for entry in _index(site, code)["docs"]}
        listed = sorted(page for page in TEACHER_ONLY if page in pages)
        assert not listed, f"{code}: the search index lists pages for the person teaching: {listed}"
        missing = sorted(page for page in FOR_HELPERS if page not in pages)
        assert not missing, f"{code}: the search index lacks the rules for helpers: {missing}"


def test_every_page_looks_for_the_index_of_its_own_language(site: Path) -> None:
    checked = 0
    for page in content_pages(site):
        url = "http://x/" + page.relative_to(site).as_posix().removesuffix("index.html")
        folder = page.relative_to(site).parts[0] + "/"
        language = next((code for code in LANGUAGES if LANGUAGES.prefix(code) == folder), LANGUAGES.default)
        base = urljoin(url, _config(page)["base"])
        assert base == "http://x/" + LANGUAGES.prefix(language), f"{page.relative_to(site)}: base {base}"
        assert urljoin(base, "search/search_index.json").removeprefix("http://x/") == (
            LANGUAGES.prefix(language) + "search/search_index.json"
        )
        checked += 1
    assert checked > 100


def test_pages_link_the_pruned_theme_stylesheets_named_after_their_content(site: Path) -> None:
    sheets = sorted((site / "assets" / "stylesheets").glob("*.css"))
    assert {sheet.name.split(".")[0] for sheet in sheets} == {"main", "palette"}
    assert not list((site / "assets" / "stylesheets").glob("*.map"))
    for sheet in sheets:
        digest = hashlib.sha256(sheet.read_text("utf-8").encode("utf-8")).hexdigest()[:8]
        assert sheet.name.split(".")[1] == digest
        original = next(THEME_CSS.glob(sheet.name.split(".")[0] + ".*.min.css"))
        assert sheet.stat().st_size < 0.75 * original.stat().st_size, f"{sheet.name} was hardly pruned"
    for page in content_pages(site):
        for link in soup(page).find_all("link", rel="stylesheet"):
            target = (page.parent / link["href"]).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links {link['href']}, which is missing"


def _selectors(rules: list) -> set[str]:
    found: set[str] = set()
    for rule in rules:
        if rule.type == "qualified-rule":
            for selector in tinycss2.serialize(rule.prelude).split(","):
                found.add(re.sub(r"\s+", " ", selector).strip())
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            found |= _selectors(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
    return found


def _stylesheet_selectors(path: Path) -> set[str]:
    return _selectors(tinycss2.parse_stylesheet(path.read_text("utf-8"), skip_comments=True, skip_whitespace=True))


def test_every_theme_rule_that_styles_an_element_of_a_page_is_kept(site: Path) -> None:
    # Every selector the pruning dropped is matched with soupsieve against pages of every type; none may match.
    for name in ("main", "palette"):
        original = _stylesheet_selectors(next(THEME_CSS.glob(f"{name}.*.min.css")))
        kept = _stylesheet_selectors(next((site / "assets" / "stylesheets").glob(f"{name}.*.min.css")))
        compiled = []
        for selector in sorted(original - kept):
            # The element a rule styles on hover, focus or with ::before exists without that state.
            static = DYNAMIC.sub("", selector).strip()
            try:
                compiled.append((selector, soupsieve.compile(static)))
            except (soupsieve.SelectorSyntaxError, NotImplementedError):
                continue  # soupsieve cannot read every selector a browser can
        assert len(compiled) > (20 if name == "palette" else 300), f"{name}: too few dropped selectors checked"
        others = [LANGUAGES.prefix(code) + SAMPLE_PAGES[4] for code in LANGUAGES.others(LANGUAGES.default)]
        for path in [*SAMPLE_PAGES, *others]:
            tree = soup(site / path / "index.html")
            matched = [selector for selector, pattern in compiled if pattern.select_one(tree) is not None]
            assert matched == [], f"{name}: dropped selectors match /{path}: {matched}"
