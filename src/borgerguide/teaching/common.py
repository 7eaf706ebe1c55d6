"""What every part of the teaching kit shares: the addresses of its pages, the guidance in reading order
(entries), and the page each renderer makes (front matter and one HTML block).

The renderers (exercises.py, handouts.py, booklets.py, plans.py and the overview in kit.py) import from here,
and kit.py composes them; this module imports none of them, so no part depends on another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from borgerguide.guidance.pages import GuidancePage, page_url
from borgerguide.languages import Language
from borgerguide.rules.model import Contact, Rules
from borgerguide.site import urls
from borgerguide.site.strings import ui_strings

# The theme template that adds the kit's stylesheet (overrides/teaching.html); only the kit's pages load it.
TEMPLATE = "teaching.html"

EntryKind = Literal["page", "tree"]


def nav_paths(nav: Any) -> list[str]:
    """The page paths of mkdocs.yml's ``nav:`` in reading order (sections flattened)."""
    found: list[str] = []
    if isinstance(nav, str):
        if nav.endswith(".md"):
            found.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            found += nav_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found += nav_paths(value)
    return found


# -- addresses ------------------------------------------------------------------------------------


TEACHING_ROOT = "undervisning"


def case_source(case_id: str) -> str:
    """The worksheet's source path (its address is undervisning/oevelser/<case>/)."""
    return f"{TEACHING_ROOT}/oevelser/{case_id}.md"


def answers_source(case_id: str) -> str:
    """The answer sheet's source path (its address is undervisning/svar/<case>/)."""
    return f"{TEACHING_ROOT}/svar/{case_id}.md"


def overview_source() -> str:
    return f"{TEACHING_ROOT}/index.md"


def page_handout_source(page_path: str) -> str:
    """The handout of a guidance page mirrors the page's own path ("mitid.md" -> ".../ark/side/mitid.md")."""
    return f"{TEACHING_ROOT}/ark/side/{page_path}"


def tree_handout_source(tree_id: str) -> str:
    return f"{TEACHING_ROOT}/ark/guide/{tree_id}.md"


def booklet_source() -> str:
    return f"{TEACHING_ROOT}/haefte.md"


def volunteers_source() -> str:
    """The volunteers' rules, a hand-written page every session plan links to."""
    return f"{TEACHING_ROOT}/frivillige.md"


def is_teaching(path: str) -> bool:
    return path.startswith(f"{TEACHING_ROOT}/")


# -- the guidance in reading order ----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One part of the guidance, in the order a reader meets it: a page, or a guide (tree)."""

    kind: EntryKind
    key: str  # a page path ("mitid.md") or a tree ID


def handout_source(entry: Entry) -> str:
    return page_handout_source(entry.key) if entry.kind == "page" else tree_handout_source(entry.key)


def guidance_entries(order: Iterable[str], pages: Iterable[str], trees: Iterable[str]) -> list[Entry]:
    """Every guidance page and guide in menu order; those missing from the menu follow, so none is left out."""
    page_set = {p for p in pages if not is_teaching(p)}
    tree_ids = list(trees)
    entries: list[Entry] = []
    for path in order:
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == urls.GUIDE_ROOT and parts[2] == "index.md" and parts[1] in tree_ids:
            entry = Entry("tree", parts[1])
        elif path in page_set:
            entry = Entry("page", path)
        else:
            continue
        if entry not in entries:
            entries.append(entry)
    entries += [Entry("page", p) for p in sorted(page_set) if Entry("page", p) not in entries]
    entries += [Entry("tree", t) for t in tree_ids if Entry("tree", t) not in entries]
    return entries


class Guidance:
    """The guidance the kit is made from: the rules, every language's pages, and the entries in reading order."""

    def __init__(
        self, rules: Rules, pages: Mapping[Language, Mapping[str, GuidancePage]], entries: list[Entry]
    ) -> None:
        self.rules = rules
        self.pages = pages
        self.entries = entries

    def title(self, entry: Entry, language: Language) -> str:
        if entry.kind == "tree":
            return self.rules.trees[entry.key].title[language]
        return self.pages[language][entry.key].title

    def reviewed(self, entry: Entry, language: Language) -> str:
        if entry.kind == "tree":
            return self.rules.last_reviewed
        return self.pages[language][entry.key].last_reviewed

    @staticmethod
    def url(entry: Entry) -> str:
        """The entry's address relative to the language root ("mitid/", "guide/hjaelp/")."""
        if entry.kind == "tree":
            return urls.url_of(urls.start_source(entry.key))
        return page_url(entry.key)

    def contacts(self, ids: Iterable[str]) -> list[Contact]:
        return [self.rules.contacts[c] for c in ids if c in self.rules.contacts]


# -- the page every renderer makes ----------------------------------------------------------------


@dataclass(frozen=True)
class TeachingPage:
    source: str  # language-neutral source path, e.g. "undervisning/oevelser/karen-udbetaling-danmark.md"
    kind: str  # "overview", "case" (a worksheet), "answers", "handout" or "booklet"
    title: str
    markdown: str
    in_nav: bool


def page_context(language: Language, source: str) -> dict[str, Any]:
    """What every teaching template is given: the language, its strings, and the way back to the overview."""
    return {
        "language": language,
        "ui": ui_strings(language),
        "overview_url": urls.relative(source, overview_source()),
    }


def make_page(
    source: str,
    kind: str,
    title: str,
    description: str,
    reviewed: str,
    body: str,
    *,
    in_nav: bool,
    in_search: bool,
    hide: list[str],
) -> TeachingPage:
    meta: dict[str, Any] = {
        "title": title,
        "description": _shorten(description, 160),
        "last_reviewed": reviewed,
        "hide": hide,
        "template": TEMPLATE,
        "teaching": {"kind": kind},
    }
    if not in_search:
        meta["search"] = {"exclude": True}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return TeachingPage(source, kind, title, f"---\n{front}---\n\n{one_block(body)}\n", in_nav)


def one_block(html: str) -> str:
    """One raw HTML block with no blank lines, so Markdown passes it through untouched."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
