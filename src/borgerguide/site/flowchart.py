"""Lay out a tree as an indented flowchart, drawn at build time as inline SVG (no JavaScript, no CDN).

An indented layout (each answer one step to the right, one row per node) stays narrow however many answers
a question has, so it fits an A4 page and a projector alike.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from borgerguide.rules.model import Language, Outcome, Question, Tree

WIDTH = 720
INDENT = 34
MARGIN = 8
GAP = 12
LINE_HEIGHT = 20
PADDING = 10
# Average glyph width of the system sans-serif at 15 px; wrapping errs on the short side.
CHAR_WIDTH = 8.4


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int
    kind: str  # "question" or "outcome"
    label: str | None  # the answer that leads here
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Connector:
    x: int
    top: int
    bottom: int
    right: int


@dataclass(frozen=True)
class Flowchart:
    width: int
    height: int
    boxes: tuple[Box, ...]
    connectors: tuple[Connector, ...]


def layout(tree: Tree, language: Language, answer_word: str) -> Flowchart:
    boxes: list[Box] = []
    connectors: list[Connector] = []
    y = MARGIN

    def place(node_id: str, depth: int, label: str | None, parent: Box | None) -> None:
        nonlocal y
        node = tree.nodes[node_id]
        x = MARGIN + depth * INDENT
        width = WIDTH - x - MARGIN
        chars = max(12, int((width - 2 * PADDING) / CHAR_WIDTH))
        text = node.question[language] if isinstance(node, Question) else node.heading[language]
        lines = textwrap.wrap(text, chars)
        label_lines = textwrap.wrap(f"{answer_word}: {label}", chars) if label else []
        height = 2 * PADDING + LINE_HEIGHT * (len(lines) + len(label_lines))
        box = Box(
            x,
            y,
            width,
            height,
            "question" if isinstance(node, Question) else "outcome",
            "\n".join(label_lines) if label_lines else None,
            tuple(lines),
        )
        boxes.append(box)
        if parent is not None:
            connectors.append(Connector(parent.x + INDENT // 2, parent.y + parent.height, y + height // 2, x))
        y += height + GAP
        if isinstance(node, Question):
            for answer in node.answers:
                place(answer.next, depth + 1, answer.label[language], box)
        assert isinstance(node, (Question, Outcome))

    place(tree.start, 0, None, None)
    return Flowchart(WIDTH, y - GAP + MARGIN, tuple(boxes), tuple(connectors))
