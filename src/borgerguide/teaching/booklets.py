"""Booklets to print: the whole guidance (undervisning/haefte/), and one booklet per topic
(undervisning/haefter/<topic>/), each made of the pages of one menu section and the guide that goes with it.

Page numbers: Chromium (since version 131) prints CSS page-margin boxes, so teaching.css puts "page n of m"
at the foot of every printed sheet of a booklet (a named ``@page booklet``); the browser's own Print and
Playwright's ``page.pdf`` give the same numbers. No section is forced onto a sheet of its own, so no sheet is
left nearly empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from borgerguide.guidance.pages import page_url

BOOKLET_FOLDER = "undervisning/haefter"


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

    def pages(item: Any) -> list[str]:
        if isinstance(item, str):
            return [item] if item.endswith(".md") else []
        if isinstance(item, list):
            return [path for value in item for path in pages(value)]
        if isinstance(item, dict):
            return [path for value in item.values() for path in pages(value)]
        return []

    def walk(item: Any) -> None:
        if isinstance(item, list):
            for value in item:
                walk(value)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key == name:
                    found.extend(pages(value))
                else:
                    walk(value)

    walk(nav)
    return found


def topic_keys(topic: Topic, nav: Any, pages: Iterable[str], trees: Sequence[str]) -> list[tuple[str, str]]:
    """The booklet's parts as (kind, key): the guides first, then the section's pages in menu order."""
    known = set(pages)
    parts = [("tree", tree) for tree in topic.guides if tree in trees]
    parts += [("page", path) for path in section_paths(nav, topic.nav_section) if path in known]
    return parts


def topic_of(source: str) -> Topic | None:
    return next((topic for topic in TOPICS if topic.source == source), None)


__all__ = ["BOOKLET_FOLDER", "TOPICS", "Topic", "page_url", "section_paths", "topic_keys", "topic_of"]
