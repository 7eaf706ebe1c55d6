"""LIX of a guidance page as a reader meets it: without front matter, markers, link targets or markup."""

from __future__ import annotations

import re
from pathlib import Path

import textstat

LIX_TARGET = 35.0


def plain_text(markdown: str) -> str:
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r"\[\[[^\]]*\]\]", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", text)
    text = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    # Headings and list items end without a full stop but are sentences to the reader.
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line if line[-1] in ".!?:" else line + "." for line in lines]
    # "borger.dk" is one word, not the end of a sentence.
    return re.sub(r"\.(dk|com|org)\b", r"\1", " ".join(lines))


def page_lix(path: Path) -> float:
    textstat.set_lang("da")
    return float(textstat.lix(plain_text(path.read_text("utf-8"))))


def tree_text(tree) -> str:  # type: ignore[no-untyped-def]
    """All the Danish text a reader of one guide meets, one sentence-like line per text."""
    from borgerguide.model import Question

    parts = [tree.title.da, tree.intro.da, tree.needs.da]
    for node in tree.nodes.values():
        if isinstance(node, Question):
            parts += [node.question.da, *([node.hint.da] if node.hint else []), *(a.label.da for a in node.answers)]
        else:
            parts += [node.heading.da, node.result.da, *(step.da for step in node.next_steps)]
    return plain_text("\n".join(parts))


def tree_lix(tree) -> float:  # type: ignore[no-untyped-def]
    textstat.set_lang("da")
    return float(textstat.lix(tree_text(tree)))
