"""Booklets to print: the whole guidance (undervisning/haefte/), and one booklet per topic
(undervisning/haefter/<topic>/), each made of the pages of one menu section and the guide that goes with it.

Page numbers: Chromium (since version 131) prints CSS page-margin boxes, so teaching.css puts "page n of m"
at the foot of every printed sheet of a booklet (a named ``@page booklet``); the browser's own Print and
Playwright's ``page.pdf`` give the same numbers. No section is forced onto a sheet of its own, so no sheet is
left nearly empty.

:class:`BookletRenderer` draws a booklet twice: first as an empty shell, so MkDocs knows the page, and then,
once MkDocs has turned every page into HTML, with those pages moved onto it (:func:`adapt_page_html`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from markupsafe import Markup

from borgerguide.errors import Problem
from borgerguide.guidance.pages import page_url
from borgerguide.languages import Language
from borgerguide.rules.checks.base import suggest
from borgerguide.site import urls
from borgerguide.site.strings import ui_strings
from borgerguide.teaching.common import (
    TEACHING_ROOT,
    Entry,
    Guidance,
    TeachingPage,
    booklet_source,
    make_page,
    nav_paths,
    page_context,
)

BOOKLET_FOLDER = f"{TEACHING_ROOT}/haefter"


@dataclass(frozen=True)
class Topic:
    """A booklet for one topic: the pages of a menu section (by its Danish name in mkdocs.yml) and guides."""

    slug: str
    nav_section: str
    guides: tuple[str, ...]

    @property
    def source(self) -> str:
        return f"{BOOKLET_FOLDER}/{self.slug}/index.md"

    @property
    def title_key(self) -> str:
        """The key of the booklet's title in the strings files."""
        return f"booklet_topic_{self.slug.replace('-', '_')}"


TOPICS: tuple[Topic, ...] = (
    Topic("mitid-digital-post", "MitID og Digital Post", ("hjaelp",)),
    Topic("selvbetjening-fritagelse", "Digital selvbetjening", ("undtagelse",)),
    Topic("hjaelp-en-anden", "Hjælp en anden", ("hjaelp-andre",)),
)


def section_paths(nav: Any, name: str) -> list[str]:
    """The page paths of the menu section called ``name`` (mkdocs.yml ``nav:``), in menu order."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, list):
            for value in item:
                walk(value)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key == name:
                    found.extend(nav_paths(value))
                else:
                    walk(value)

    walk(nav)
    return found


def _section_names(nav: Any) -> list[str]:
    """Every menu section's name in mkdocs.yml's nav, for a "did you mean" hint."""
    if isinstance(nav, list):
        return [name for item in nav for name in _section_names(item)]
    if isinstance(nav, dict):
        return [name for key, value in nav.items() if isinstance(value, list) for name in (key, *_section_names(value))]
    return []


def topic_entries(topic: Topic, nav: Any, pages: Iterable[str], trees: Sequence[str]) -> list[Entry]:
    """The booklet's parts: the guides first, then the section's pages in menu order."""
    known = set(pages)
    parts = [Entry("tree", tree) for tree in topic.guides if tree in trees]
    parts += [Entry("page", path) for path in section_paths(nav, topic.nav_section) if path in known]
    return parts


def topic_of(source: str) -> Topic | None:
    return next((topic for topic in TOPICS if topic.source == source), None)


def booklet_sources() -> list[str]:
    """The whole guidance's booklet and one booklet per topic."""
    return [booklet_source(), *(topic.source for topic in TOPICS)]


# -- guidance page HTML moved onto one page -------------------------------------------------------

# Python-Markdown and our templates write every attribute in double quotes.
ID_ATTRIBUTE = re.compile(r'(\s(?:id|for|aria-labelledby|aria-describedby|aria-controls)=")([^"]*)(")')
HREF_ATTRIBUTE = re.compile(r'(\shref=")([^"]*)(")')
HEADING_TAG = re.compile(r"<(/?)h([1-6])(?=[\s>])")
FIRST_H1 = re.compile(r"<h1[^>]*>.*?</h1>\s*", re.DOTALL)


def rebase_href(href: str, page_path_url: str, booklet_url: str, prefix: str) -> str:
    """A link from a page, rewritten to work from the booklet (both relative to the language root)."""
    if href.startswith("#"):
        return f"#{prefix}-{href[1:]}" if len(href) > 1 else href
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    base = "https://site.invalid/"
    target = urlsplit(urljoin(urljoin(base, page_path_url), href))
    start = "/" + booklet_url
    link = posixpath.relpath(target.path, start)
    if target.path.endswith("/") and not link.endswith("/"):
        link += "/"
    return link + (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")


def adapt_page_html(html: str, page_path_url: str, booklet_url: str, prefix: str) -> str:
    """Fit a page's body into a booklet section: drop its h1 (the section heading replaces it), move every
    heading one level down, make its IDs unique on the booklet page and its links work from there."""
    body = FIRST_H1.sub("", html, count=1)
    body = HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", body)
    body = ID_ATTRIBUTE.sub(
        lambda m: m.group(1) + " ".join(f"{prefix}-{ident}" for ident in m.group(2).split()) + m.group(3), body
    )
    return HREF_ATTRIBUTE.sub(
        lambda m: m.group(1) + rebase_href(m.group(2), page_path_url, booklet_url, prefix) + m.group(3), body
    )


# -- the booklets' pages --------------------------------------------------------------------------


class BookletRenderer:
    """Renders the whole guidance's booklet and the topic booklets."""

    def __init__(self, guidance: Guidance, nav: Any, env: Environment, municipality_name: str) -> None:
        self.guidance = guidance
        self.rules = guidance.rules
        self.nav = nav
        self.env = env
        self.municipality_name = municipality_name

    def pages(self, language: Language) -> list[TeachingPage]:
        return [self.shell(language, source) for source in booklet_sources()]

    def entries(self, source: str) -> list[Entry]:
        """The parts of one booklet: every page and guide, or one topic's."""
        topic = topic_of(source)
        if topic is None:
            return self.guidance.entries
        default = self.guidance.pages[self.rules.languages.default]
        return topic_entries(topic, self.nav, default, list(self.rules.trees))

    def title(self, source: str, language: Language) -> str:
        ui = ui_strings(language)
        topic = topic_of(source)
        return ui["booklet_title"] if topic is None else ui[topic.title_key]

    def problems(self) -> list[Problem]:
        """A topic whose menu section mkdocs.yml's nav does not have, or whose guide the rules do not have:
        its booklet would come out empty or short, so the build stops and says where the topics are named."""
        found = []
        sections = _section_names(self.nav)
        for topic in TOPICS:
            where = f"booklet {topic.slug}"
            if not section_paths(self.nav, topic.nav_section):
                guess = suggest(topic.nav_section, sections)
                found.append(
                    Problem(
                        "mkdocs.yml",
                        None,
                        f"the topic booklet takes the pages of the menu section '{topic.nav_section}', "
                        "which the nav does not have (or which holds no page).",
                        where,
                        (f"Did you mean '{guess}'? " if guess else "")
                        + "The booklets' sections are named in TOPICS in src/borgerguide/teaching/booklets.py.",
                    )
                )
            for tree in topic.guides:
                if tree not in self.rules.trees:
                    found.append(
                        Problem(
                            "data/rules.yml",
                            None,
                            f"the topic booklet names the guide '{tree}', which the rules do not have.",
                            where,
                            "The booklets' guides are named in TOPICS in src/borgerguide/teaching/booklets.py.",
                        )
                    )
        return found

    def shell(self, language: Language, source: str) -> TeachingPage:
        """A booklet as MkDocs first sees it; :meth:`body` fills in the pages once they are rendered."""
        ui = ui_strings(language)
        entries = self.entries(source)
        reviewed = min(self.guidance.reviewed(entry, language) for entry in entries)
        return make_page(
            source,
            "booklet",
            self.title(source, language),
            ui["booklet_description"],
            reviewed,
            self.body(language, {}, source),
            in_nav=source == booklet_source(),
            in_search=False,
            hide=["toc"],
        )

    def body(self, language: Language, contents: Mapping[str, str], source: str) -> str:
        """A booklet's body: its guidance pages (their rendered HTML from ``contents``) and guides, in
        order. A page missing from ``contents`` is left out (the first render, before pages exist)."""
        booklet_url = urls.url_of(source)
        sections = []
        for number, entry in enumerate(self.entries(source), start=1):
            anchor = f"dd-b{number}"
            section: dict[str, Any] = {
                "id": anchor,
                "kind": entry.kind,
                "title": self.guidance.title(entry, language),
                "reviewed": self.guidance.reviewed(entry, language),
            }
            if entry.kind == "tree":
                tree = self.rules.trees[entry.key]
                section.update(
                    tree=tree,
                    outcomes=[
                        {"node": o, "contacts": self.guidance.contacts(o.contacts)} for o in tree.outcomes_in_order()
                    ],
                )
            elif entry.key in contents:
                html = adapt_page_html(contents[entry.key], page_url(entry.key), booklet_url, anchor)
                section["html"] = Markup(html)
            else:
                continue
            sections.append(section)
        return self.env.get_template("teaching_booklet.html.j2").render(
            **page_context(language, source),
            sections=sections,
            title=self.title(source, language),
            topic=topic_of(source) is not None,
            municipality=self.municipality_name,
        )
