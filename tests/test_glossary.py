"""The glossary of hard words (data/glossary.yml): located mistakes, first-use links, the glossary page.

A reader meets a hard word ("fuldmagt", "myndighed") and follows it to a plain explanation, with or without
JavaScript; an editor who misspells a field, a source or a [[term:ID]], or keeps a word no page uses, gets a
message with file, line and a hint. The checks on the built site read it with BeautifulSoup, independently of
the linker (which uses the standard library's HTML parser).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown as python_markdown
import pytest
from bs4 import BeautifulSoup, Comment
from conftest import LANGUAGES, ROOT, Build, assert_clear_failure, content_pages, page_language, soup
from test_schema import _danish_and_english, _described, editor_load, errors

from borgerguide import RulesError, load_rules
from borgerguide.guidance.glossary import (
    GLOSSARY_FILE,
    GLOSSARY_SOURCE,
    SKIP_CLASSES,
    SKIP_TAGS,
    find_uses,
    link_terms,
    load_glossary,
    unused_problems,
)
from borgerguide.guidance.markers import expand_markers
from borgerguide.guidance.pages import page_url
from borgerguide.rules.load import load_sources
from borgerguide.site.render import Renderer
from borgerguide.site.urls import url_of
from borgerguide.teaching.kit import booklet_sources

SOURCES = load_sources(ROOT / "data" / "sources.yml", "data/sources.yml", LANGUAGES)
RULES = load_rules(ROOT / "data" / "rules.yml", sources=SOURCES, languages=LANGUAGES)
GLOSSARY = load_glossary(ROOT / GLOSSARY_FILE, LANGUAGES, GLOSSARY_FILE, SOURCES)
PREFIX = {"da": "", "en": "en/"}

VALID = """\
last_reviewed: 2026-11-26
terms:
  fuldmagt:
    term:
      da: fuldmagt
      en: power of attorney
    forms:
      da: [fuldmagten, fuldmagter]
      en: [powers of attorney]
    explanation:
      da: Med en fuldmagt giver du en anden lov til at handle for dig.
      en: With a power of attorney you give someone else permission to act for you.
    sources: [borger-dk-digital-fuldmagt]
  fremtidsfuldmagt:
    term:
      da: fremtidsfuldmagt
      en: lasting power of attorney
    explanation:
      da: En fuldmagt, der først gælder, hvis du senere ikke selv kan klare dine ting.
      en: A power of attorney that only applies if you later cannot manage your own affairs.
    sources: [domstol-fremtidsfuldmagt]
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "glossary.yml"
    path.write_text(text, "utf-8")
    with pytest.raises(RulesError) as caught:
        load_glossary(path, LANGUAGES, GLOSSARY_FILE, SOURCES)
    return [str(problem) for problem in caught.value.problems]


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# -- reading data/glossary.yml ----------------------------------------------------------------------


def test_the_real_glossary_explains_every_term_in_both_languages() -> None:
    assert {"myndighed", "selvbetjening", "fritaget", "undtaget", "fuldmagt", "laeseadgang"} <= set(GLOSSARY.terms)
    assert {"sagsportal", "ydelse"} <= set(GLOSSARY.terms)
    for term in GLOSSARY.terms.values():
        assert term.sources, term.id
        for language in ("da", "en"):
            assert 20 <= len(term.explanation[language]) <= 320, (term.id, language)


def test_the_explanations_tell_fritaget_and_undtaget_apart() -> None:
    # Fritaget is said about Digital Post, undtaget about digital self-service: each explanation says which.
    for term_id in ("fritaget", "undtaget"):
        danish = GLOSSARY.terms[term_id].explanation["da"]
        assert "fritaget" in danish and "Digital Post" in danish and "selvbetjening" in danish, term_id
    assert "self-service" in GLOSSARY.terms["fritaget"].explanation["en"]
    assert "Digital Post" in GLOSSARY.terms["undtaget"].explanation["en"]


def test_valid_glossary_is_read(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(VALID, "utf-8")
    glossary = load_glossary(path, LANGUAGES, GLOSSARY_FILE, SOURCES)
    assert glossary.terms["fuldmagt"].forms_in("da") == ("fuldmagt", "fuldmagten", "fuldmagter")
    assert glossary.terms["fremtidsfuldmagt"].forms_in("en") == ("lasting power of attorney",)


MISTAKES = {
    # name: (old, new, where the message points, what it says, the hint)
    "unknown key": ("    explanation:\n      da: Med", "    explanaton:\n      da: Med", "    explanaton:",
                    "unknown key 'explanaton'", "Did you mean 'explanation'?"),
    "missing language": ("      en: With a power of attorney you give someone else permission to act for you.\n", "",
                         "    explanation:\n      da: Med", "'explanation' has no English (en) text", "Add 'en:'"),
    "unknown source": ("[borger-dk-digital-fuldmagt]", "[borger-dk-digital-fuldmagten]", "    sources: [borger-dk-dig",
                       "unknown source 'borger-dk-digital-fuldmagten'", "Did you mean 'borger-dk-digital-fuldmagt'?"),
    "unknown language in forms": ("      da: [fuldmagten", "      dk: [fuldmagten", "      dk: [fuldmagten",
                                  "unknown language 'dk' in 'forms'", "Did you mean 'da'?"),
    "a pattern instead of a word": ("[fuldmagten, fuldmagter]", "[fuldmagt*]", "      da: [fuldmagt*]",
                                    "the da form 'fuldmagt*' is not a plain word", "no patterns"),
    "a form in two terms": ("      en: [powers of attorney]", "      en: [lasting power of attorney]",
                            "  fremtidsfuldmagt:", "belongs to both 'fuldmagt' and 'fremtidsfuldmagt'",
                            "keep it under one of the two terms"),
    "ID that is not URL-safe": ("  fremtidsfuldmagt:", "  Fremtidsfuldmagt:", "  Fremtidsfuldmagt:",
                                "is not a valid ID", "e.g. 'fremtidsfuldmagt'"),
    "explanation too long": ("      da: En fuldmagt, der først", "      da: " + "Meget lang tekst. " * 20 + "Der først",
                             "      da: Meget lang", "at most 320 fit", "short sentences"),
    "no sources": ("    sources: [domstol-fremtidsfuldmagt]\n", "", "  fremtidsfuldmagt:",
                   "has no 'sources'", "Add 'sources:'"),
}  # fmt: skip


@pytest.mark.parametrize(("old", "new", "at", "message", "hint"), MISTAKES.values(), ids=MISTAKES.keys())
def test_mistake_in_the_glossary_is_located(tmp_path: Path, old: str, new: str, at: str, message: str, hint: str):
    assert old in VALID
    text = VALID.replace(old, new, 1)
    found = _problems(tmp_path, text)
    expected = f"{GLOSSARY_FILE}:{_line(text, at)}:"
    matching = [p for p in found if message in p]
    assert matching, f"no '{message}' in {found}"
    assert matching[0].startswith(expected), matching[0]
    assert hint in matching[0], matching[0]


# -- where the terms are used ---------------------------------------------------------------------------


def _to_html(text: str) -> str:
    return python_markdown.markdown(text, extensions=["attr_list", "md_in_html", "admonition", "toc", "tables"])


def _docs(tmp_path: Path, danish: str, english: str) -> Path:
    docs = tmp_path / "docs"
    for language, body in (("da", danish), ("en", english)):
        (docs / language).mkdir(parents=True)
        (docs / language / "side.md").write_text(f"---\ntitle: Side\n---\n\n# Side\n\n{body}\n", "utf-8")
    return docs


def test_a_term_no_page_uses_stops_the_build_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(VALID, "utf-8")
    glossary = load_glossary(path, LANGUAGES, GLOSSARY_FILE, SOURCES)
    # "fremtidsfuldmagt" only in a heading and a link, which do not count; "fuldmagt" in a sentence.
    docs = _docs(
        tmp_path,
        "## Fremtidsfuldmagt\n\nGiv en fuldmagt. Læs om [fremtidsfuldmagt](x.md).",
        "Give a power of attorney.",
    )
    uses, problems = find_uses(glossary, docs, replace(RULES, trees={}), _to_html)
    assert problems == []
    assert [u.key for u in uses["da"]["fuldmagt"]] == ["side.md"]
    report = [str(p) for p in unused_problems(glossary, uses)]
    # Each language has one unused term: fremtidsfuldmagt.
    assert len(report) == 2, report
    danish, english = report
    assert danish.startswith(f"{GLOSSARY_FILE}:{_line(VALID, '      da: fremtidsfuldmagt')}: [term fremtidsfuldmagt]")
    assert (
        "no Dansk (da) page or guide uses the term 'fremtidsfuldmagt'" in danish
        and "[[term:fremtidsfuldmagt]]" in danish
    )
    assert english.startswith(f"{GLOSSARY_FILE}:{_line(VALID, '      en: lasting power of attorney')}:")
    assert "'lasting power of attorney'" in english and "'forms: en:'" in english


def test_every_real_term_is_used_in_both_languages() -> None:
    uses, problems = find_uses(GLOSSARY, ROOT / "docs", RULES, _to_html)
    assert problems == [] and unused_problems(GLOSSARY, uses) == []


def test_an_editors_term_marker_counts_as_a_use_and_an_unknown_id_is_located(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(VALID, "utf-8")
    glossary = load_glossary(path, LANGUAGES, GLOSSARY_FILE, SOURCES)
    docs = _docs(tmp_path, "Se [[term:fremtidsfuldmagt]].\n\nOg [[term:fuldmagd]].", "See [[term:fuldmagt]].")
    uses, problems = find_uses(glossary, docs, replace(RULES, trees={}), _to_html)
    assert [u.key for u in uses["da"]["fremtidsfuldmagt"]] == ["side.md"]
    assert [str(p) for p in problems] == [
        "docs/da/side.md:9: unknown glossary term 'fuldmagd' in [[term:fuldmagd]].\n    -> Did you mean 'fuldmagt'?"
    ]


def test_term_marker_becomes_a_link_in_the_page_language_or_a_located_problem() -> None:
    renderer = Renderer(RULES, {"da": {}, "en": {}})
    markdown = "# Side\n\nGiv en [[term:fuldmagt]].\n\nSe [[term:fuldmagd]].\n"
    text, problems = expand_markers(
        markdown, RULES, "da", "hjaelp-andre/side.md", "docs/da/hjaelp-andre/side.md", renderer, 0, GLOSSARY
    )
    assert '<a href="../../ordliste/#fuldmagt" class="dd-term">fuldmagt</a>' in text
    assert [str(p) for p in problems] == [
        "docs/da/hjaelp-andre/side.md:5: unknown glossary term 'fuldmagd' in [[term:fuldmagd]].\n"
        "    -> Did you mean 'fuldmagt'?"
    ]
    english, _ = expand_markers(
        "A [[term:fuldmagt]].", RULES, "en", "index.md", "docs/en/index.md", renderer, 0, GLOSSARY
    )
    assert english == 'A <a href="ordliste/#fuldmagt" class="dd-term">power of attorney</a>.'


def test_the_build_stops_on_an_unused_term_and_an_unknown_term_marker(
    project_copy: Path, build_copy: Callable[[], Build]
) -> None:
    glossary = project_copy / "data" / "glossary.yml"
    extra = (
        "  personbogen:\n    term: {da: Personbogen, en: Personbogen}\n"
        "    explanation: {da: Et register hos retten., en: A register kept by the courts.}\n"
        "    sources: [domstol-fremtidsfuldmagt]\n"
    )
    text = glossary.read_text("utf-8") + extra
    glossary.write_text(text, "utf-8")
    page = project_copy / "docs" / "da" / "nemsms.md"
    page_text = page.read_text("utf-8") + "\nSe [[term:fuldmagd]].\n"
    page.write_text(page_text, "utf-8")
    term_line = _line(text, "    term: {da: Personbogen")
    assert_clear_failure(
        build_copy(),
        f"data/glossary.yml:{term_line}: [term personbogen] no Dansk (da) page or guide uses the term 'personbogen'",
        f"docs/da/nemsms.md:{page_text.count(chr(10))}: unknown glossary term 'fuldmagd'",
        "Did you mean 'fuldmagt'?",
        "The site was not built",
    )


# -- linking the first use ----------------------------------------------------------------------------


def _links(markup: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="[^"]*#([a-z0-9-]+)" class="dd-term">([^<]*)</a>', markup)


def test_only_the_first_use_of_a_term_is_linked() -> None:
    markup = "<p>Fuldmagt her. En fuldmagt der.</p><p>Og fuldmagten.</p>"
    linked = link_terms(markup, GLOSSARY, "da", "hjaelp-andre/fuldmagt.md")
    assert linked == (
        '<p><a href="../../ordliste/#fuldmagt" class="dd-term">Fuldmagt</a> her. En fuldmagt der.</p>'
        "<p>Og fuldmagten.</p>"
    )


def test_headings_links_buttons_summaries_and_code_are_never_linked() -> None:
    markup = (
        '<h2 id="fuldmagt">Fuldmagt</h2><p><a href="x/">fuldmagt</a> <code>fuldmagt</code> '
        "<button>fuldmagt</button></p><details><summary>fuldmagt</summary></details>"
        '<section class="dd-summary"><dl><dt>Har du en fuldmagt?</dt></dl></section>'
        '<p class="dd-caption">Guide: fuldmagt</p><p>Til sidst en fuldmagt.</p>'
    )
    linked = link_terms(markup, GLOSSARY, "da", "side.md")
    assert _links(linked) == [("fuldmagt", "fuldmagt")]
    assert linked.endswith('<p>Til sidst en <a href="../ordliste/#fuldmagt" class="dd-term">fuldmagt</a>.</p>')


def test_only_whole_words_are_linked() -> None:
    markup = "<p>En fuldmagtshaver, MitID-appen og ikke-fritaget.</p><p>Ring, hvis du har MitID.</p>"
    assert _links(link_terms(markup, GLOSSARY, "da", "side.md")) == [("mitid", "MitID")]


def test_the_longest_form_wins_and_a_later_shorter_form_is_its_own_term() -> None:
    markup = "<p>A lasting power of attorney. A power of\nattorney.</p>"
    assert _links(link_terms(markup, GLOSSARY, "en", "side.md")) == [
        ("fremtidsfuldmagt", "lasting power of attorney"),
        ("fuldmagt", "power of\nattorney"),
    ]


def test_a_term_linked_by_the_editor_is_not_linked_again_and_the_rest_is_unchanged() -> None:
    markup = (
        '<p>Se &amp; læs: <a href="../ordliste/#fuldmagt" class="dd-term">fuldmagt</a>.</p>'
        "<p>En fuldmagt &mdash; og <em>Digital Post</em>.</p>"
    )
    linked = link_terms(markup, GLOSSARY, "da", "side.md")
    assert _links(linked) == [("fuldmagt", "fuldmagt"), ("digital-post", "Digital Post")]
    assert re.sub(r'<a href="[^"]*" class="dd-term">([^<]*)</a>', r"\1", linked) == re.sub(
        r'<a href="[^"]*" class="dd-term">([^<]*)</a>', r"\1", markup
    )


def test_the_glossary_page_itself_is_left_alone() -> None:
    markup = "<p>En fuldmagt.</p>"
    assert link_terms(markup, GLOSSARY, "da", GLOSSARY_SOURCE) == markup


# -- the built site -------------------------------------------------------------------------------------


def _glossary_page(site: Path, language: str) -> BeautifulSoup:
    return soup(site / PREFIX[language] / url_of(GLOSSARY_SOURCE) / "index.html")


def _site_url(site: Path, page: Path) -> str:
    return "/" + page.relative_to(site).as_posix().removesuffix("index.html")


@pytest.mark.parametrize("language", ["da", "en"])
def test_glossary_page_lists_every_term_with_its_id_and_explanation(site: Path, language: str) -> None:
    doc = _glossary_page(site, language)
    assert doc.html["lang"] == language
    entries = doc.select("article dl.dd-glossary > div.dd-glossary__entry")
    assert [entry.dt["id"] for entry in entries] == sorted(
        GLOSSARY.terms, key=lambda t: GLOSSARY.terms[t].term[language].casefold()
    )
    for entry in entries:
        term = GLOSSARY.terms[entry.dt["id"]]
        assert entry.dt.get_text(" ", strip=True).startswith(term.term[language])
        assert entry.select_one("dd.dd-glossary__explanation").get_text(strip=True) == term.explanation[language]
        assert entry.select("dd.dd-glossary__used a[href]"), f"{term.id}: no page is named where it is used"
    listed = [item.get_text(strip=True) for item in doc.select(".dd-sources__list li")]
    cited = dict.fromkeys(s for t in GLOSSARY.terms.values() for s in t.sources)
    assert listed == [SOURCES[s].title for s in cited]


@pytest.mark.parametrize(("language", "section"), [("da", "Om siden"), ("en", "About the site")])
def test_glossary_is_in_the_menu_under_about_the_site(site: Path, language: str, section: str) -> None:
    nav = soup(site / PREFIX[language] / "index.html").find("nav", class_="md-nav--primary")
    link = next(a for a in nav.find_all("a", href=True) if a["href"].rstrip("/").endswith("ordliste"))
    assert section in link.find_parent("li", class_="md-nav__item--section").get_text()


def _resolve(site: Path, page: Path, href: str) -> tuple[str, str]:
    target = urlsplit(urljoin(_site_url(site, page), href))
    return target.path, target.fragment


def test_every_term_link_leads_to_an_explanation_in_the_same_language(site: Path) -> None:
    anchors = {
        language: {dt["id"] for dt in _glossary_page(site, language).select("dl.dd-glossary dt[id]")}
        for language in ("da", "en")
    }
    counted = 0
    for page in content_pages(site):
        language = page_language(site, page)
        for link in soup(page).select("article a.dd-term"):
            path, fragment = _resolve(site, page, link["href"])
            assert path == "/" + PREFIX[language] + url_of(GLOSSARY_SOURCE), (page, link["href"])
            assert fragment in anchors[language], (page, link["href"])
            # Never a link inside a heading, another link, a button, a summary, code or the reader's answers.
            inside = link.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "summary", "code", "pre"])
            assert inside is None and link.find_parent(class_="dd-summary") is None, (page, link)
            counted += 1
    assert counted > 200


def _owner_pattern(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    owner = {
        " ".join(form.lower().split()): term.id for term in GLOSSARY.terms.values() for form in term.forms_in(language)
    }
    forms = sorted(owner, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), owner


def _skipped(node: object, article: object) -> bool:
    for parent in node.parents:  # type: ignore[attr-defined]
        if parent is article:
            return False
        if parent.name in SKIP_TAGS or set(parent.get("class") or []) & SKIP_CLASSES:
            return True
    return False


def _readable_strings(article: BeautifulSoup) -> Iterator[tuple[object, str | None]]:
    """Each text of the article a reader reads in the flow, with the term it links to (or None)."""
    for string in article.find_all(string=True):
        if isinstance(string, Comment) or not string.strip():
            continue
        parent = string.parent
        if parent.name == "a" and "dd-term" in (parent.get("class") or []):
            if not _skipped(parent, article):
                yield string, parent["href"].rpartition("#")[2]
        elif not _skipped(string, article):
            yield string, None


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_page_links_the_first_use_of_each_term_and_only_that(site: Path, language: str) -> None:
    pattern, owner = _owner_pattern(language)
    # Many pages in one: the whole guidance's booklet and each topic's.
    booklets = {site / PREFIX[language] / url_of(source) / "index.html" for source in booklet_sources()}
    glossary_page = site / PREFIX[language] / url_of(GLOSSARY_SOURCE) / "index.html"
    failures = []
    for page in content_pages(site):
        if page_language(site, page) != language or page in booklets or page == glossary_page:
            continue
        article = soup(page).select_one("article")
        seen: set[str] = set()
        for string, linked in _readable_strings(article):
            if linked is not None:
                if linked in seen:
                    failures.append(f"{_site_url(site, page)}: '{linked}' is linked after its first use")
                if owner.get(" ".join(string.lower().split())) != linked:
                    failures.append(f"{_site_url(site, page)}: the link to '{linked}' reads '{string}'")
                seen.add(linked)
                continue
            for match in pattern.finditer(string):
                term_id = owner[" ".join(match.group(0).lower().split())]
                if term_id not in seen:
                    failures.append(f"{_site_url(site, page)}: the first use of '{term_id}' is not linked: {string!r}")
                    seen.add(term_id)
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_glossary_names_the_pages_that_link_each_term(site: Path, language: str) -> None:
    linking: dict[str, set[str]] = {term_id: set() for term_id in GLOSSARY.terms}
    for page in content_pages(site):
        if page_language(site, page) == language:
            for link in soup(page).select("article a.dd-term"):
                linking[_resolve(site, page, link["href"])[1]].add(_site_url(site, page))
    # The hand-written pages; the generated ones are named by their guide.
    written = {"/" + PREFIX[language] + page_url(p.relative_to(ROOT / "docs" / language).as_posix())
               for p in (ROOT / "docs" / language).rglob("*.md")}  # fmt: skip
    glossary_page = site / PREFIX[language] / url_of(GLOSSARY_SOURCE) / "index.html"
    for entry in _glossary_page(site, language).select("div.dd-glossary__entry"):
        term_id = entry.dt["id"]
        named = {_resolve(site, glossary_page, a["href"])[0] for a in entry.select("dd.dd-glossary__used a")}
        guides = {path for path in named if path not in written}
        # A named page links the term, and so does one of the pages of a named guide.
        assert named - guides <= linking[term_id], (term_id, sorted(named - guides - linking[term_id]))
        for guide in guides:
            assert any(url.startswith(guide) for url in linking[term_id]), (term_id, guide)
        # Every hand-written page that links the term is named.
        assert linking[term_id] & written <= named, (term_id, sorted(linking[term_id] & written - named))


# -- the schema -----------------------------------------------------------------------------------------


def test_glossary_schema_describes_every_field_in_danish_and_english() -> None:
    import json

    from jsonschema import Draft202012Validator

    document = json.loads((ROOT / "schema" / "glossary.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(document)
    assert _danish_and_english(document["description"])
    missing = [path for path, sub in _described(document, "#") if not _danish_and_english(sub.get("description", ""))]
    assert not missing, missing


def test_glossary_file_names_its_schema_and_passes_it() -> None:
    text = (ROOT / GLOSSARY_FILE).read_text("utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/glossary.schema.json"
    assert errors("glossary", editor_load(text)) == []
    assert errors("glossary", editor_load(VALID)) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [(old, new) for name, (old, new, *_) in MISTAKES.items() if name not in ("unknown source", "a form in two terms")],
    ids=[name for name in MISTAKES if name not in ("unknown source", "a form in two terms")],
)
def test_glossary_schema_rejects_mistake(old: str, new: str) -> None:
    # An unknown source and a form in two terms are cross-references the schema cannot see.
    assert errors("glossary", editor_load(VALID.replace(old, new, 1)))


# -- in Chromium ----------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize(
    ("path", "word", "term_id"),
    [("/hjaelp-andre/fuldmagt/", "fuldmagt", "fuldmagt"), ("/en/selvbetjening/domstole/", "case portal", "sagsportal")],
)
def test_clicking_a_term_shows_its_explanation(
    browser, base_url: str, javascript: bool, path: str, word: str, term_id: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(base_url + path)
        link = page.locator("article a.dd-term", has_text=word).first
        with page.expect_navigation():
            link.click()
        assert urlsplit(page.url).path.endswith("/ordliste/") and urlsplit(page.url).fragment == term_id
        page.wait_for_timeout(300)  # let the browser finish scrolling to the target
        # The explanation is on screen and not under the sticky header.
        seen = page.evaluate(
            """id => {
                const term = document.getElementById(id);
                const box = term.getBoundingClientRect();
                const hit = document.elementFromPoint(box.left + 5, box.top + box.height / 2);
                const explanation = term.nextElementSibling.getBoundingClientRect();
                return {top: box.top, hit: term.contains(hit), explained: explanation.bottom <= innerHeight};
            }""",
            term_id,
        )
        assert seen["top"] >= 0 and seen["hit"] and seen["explained"], seen
        assert (
            page.locator(f"#{term_id} + dd").inner_text()
            == GLOSSARY.terms[term_id].explanation["en" if path.startswith("/en/") else "da"]
        )
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/ordliste/", "/en/ordliste/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_glossary_page_is_accessible(browser, base_url: str, path: str, width: int) -> None:
    from test_browser import _axe

    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + path + "#fuldmagt", wait_until="load")
        assert _axe(page) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    finally:
        context.close()
