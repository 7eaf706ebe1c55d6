"""Where each generated page lives. Node IDs make the addresses, so they stay stable across edits."""

from __future__ import annotations

import posixpath

GUIDE_ROOT = "guide"
OVERVIEW = "oversigt"
# A question shown again with an earlier answer marked, reached from "Ændre" in "Dine svar" (WCAG 3.3.7).
CHANGE_PREFIX = "aendre-"


def start_source(tree_id: str) -> str:
    return f"{GUIDE_ROOT}/{tree_id}/index.md"


def node_source(tree_id: str, node_id: str) -> str:
    return f"{GUIDE_ROOT}/{tree_id}/{node_id}.md"


def change_source(tree_id: str, question_id: str, answer_target: str) -> str:
    """The question again, with the answer that leads to ``answer_target`` marked as the one given.

    Inside the question's own folder, so it can never clash with a node's page; the answer's target
    names it because every node has exactly one answer leading to it.
    """
    return f"{GUIDE_ROOT}/{tree_id}/{question_id}/{CHANGE_PREFIX}{answer_target}.md"


def overview_source(tree_id: str) -> str:
    return f"{GUIDE_ROOT}/{tree_id}/{OVERVIEW}.md"


def url_of(source: str) -> str:
    """The directory URL of a page source path, relative to the language root ("guide/x/y/")."""
    stem = source.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def relative(from_source: str, to_source: str) -> str:
    """A link from one page to another that works in every language folder and on any host."""
    start = url_of(from_source) or "."
    target = url_of(to_source) or "."
    link = posixpath.relpath(target, start)
    return "./" if link == "." else link.rstrip("/") + "/"


def markdown_link(from_source: str, to_source: str) -> str:
    """A Markdown link between page sources, which MkDocs resolves and validates."""
    return posixpath.relpath(to_source, posixpath.dirname(from_source) or ".")
