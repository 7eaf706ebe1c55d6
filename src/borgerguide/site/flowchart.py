"""Lay out a tree as an indented flowchart, drawn at build time as inline SVG (no JavaScript, no CDN).

An indented layout (each answer one step to the right, one row per node) stays narrow however many answers
a question has, so it fits an A4 page and a projector alike. Every coordinate is decided here; the template
(templates/overview.html.j2) only writes the SVG elements.

A deep tree does not push boxes off the chart: the step to the right shrinks so the deepest box keeps
MIN_BOX_WIDTH, and only beyond MIN_INDENT per level does the chart grow wider than WIDTH (the page's CSS
then scales it down to the column).

A language written right to left gets the same chart mirrored: each answer one step to the left, the
connecting lines down the questions' right edges, each text starting at its box's right edge (the SVG
inherits the page's direction, so a text's start is its right end).
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, replace

from borgerguide.languages import Language
from borgerguide.rules.model import Question, Tree

WIDTH = 720  # the width of the column the chart is drawn for; site.css caps the SVG at it
INDENT = 34  # the step to the right per answer, when the tree is shallow enough
MIN_INDENT = 12  # narrower, and the elbow of the connecting line would be too short to see
MIN_BOX_WIDTH = 240  # room for about 26 characters a line
MARGIN = 8
GAP = 12
LINE_HEIGHT = 20
PADDING = 10
# From the top of a line to its baseline, for the 15 px font of the chart (site.css).
BASELINE = 15
# Average glyph width of the system sans-serif at 15 px; wrapping errs on the short side.
CHAR_WIDTH = 8.4


@dataclass(frozen=True)
class TextLine:
    x: int  # where the text starts: its left end, or its right end in a right-to-left chart
    y: int  # the baseline
    text: str
    kind: str  # "label" (the answer that leads to the box) or "text" (the question or the outcome)


@dataclass(frozen=True)
class Box:
    node_id: str
    x: int
    y: int
    width: int
    height: int
    kind: str  # "question" or "outcome"
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class Connector:
    """The line from a question down its left edge and right into one of the boxes its answers lead to
    (down its right edge and left into the box, in a right-to-left chart)."""

    x: int
    top: int
    bottom: int
    right: int  # where the line meets the answer's box: its left edge, or its right edge when mirrored

    @property
    def path(self) -> str:
        """SVG path data: down from the question, then across to the middle of the answer's box."""
        return f"M{self.x} {self.top} V{self.bottom} H{self.right}"


@dataclass(frozen=True)
class Flowchart:
    width: int
    height: int
    boxes: tuple[Box, ...]
    connectors: tuple[Connector, ...]
    direction: str = "ltr"  # "rtl": laid out from the right, for a language written right to left


def indent_for(depth: int) -> int:
    """The step to the right per level, so a box at ``depth`` keeps MIN_BOX_WIDTH within WIDTH if it can."""
    if depth == 0:
        return INDENT
    fitting = (WIDTH - 2 * MARGIN - MIN_BOX_WIDTH) // depth
    return max(MIN_INDENT, min(INDENT, fitting))


def layout(tree: Tree, language: Language, answer_word: str, direction: str = "ltr") -> Flowchart:
    """The chart of ``tree`` in ``language``; ``direction`` "rtl" mirrors it for a language written right
    to left."""
    chart = _layout(tree, language, answer_word)
    return mirrored(chart) if direction == "rtl" else chart


def mirrored(chart: Flowchart) -> Flowchart:
    """The chart flipped left to right: the same boxes and lines, laid out from the right edge."""

    def flip(x: int) -> int:
        return chart.width - x

    boxes = tuple(
        replace(
            box,
            x=flip(box.x + box.width),
            lines=tuple(replace(line, x=flip(line.x)) for line in box.lines),
        )
        for box in chart.boxes
    )
    connectors = tuple(replace(line, x=flip(line.x), right=flip(line.right)) for line in chart.connectors)
    return Flowchart(chart.width, chart.height, boxes, connectors, "rtl")


def _layout(tree: Tree, language: Language, answer_word: str) -> Flowchart:
    visits = list(tree.walk())
    deepest = max(visit.depth for visit in visits)
    indent = indent_for(deepest)
    width = max(WIDTH, 2 * MARGIN + deepest * indent + MIN_BOX_WIDTH)
    boxes: dict[str, Box] = {}
    connectors: list[Connector] = []
    y = MARGIN
    for visit in visits:
        node = visit.node
        x = MARGIN + visit.depth * indent
        box_width = width - MARGIN - x
        chars = math.floor((box_width - 2 * PADDING) / CHAR_WIDTH)
        text = node.question[language] if isinstance(node, Question) else node.heading[language]
        label = f"{answer_word}: {visit.step.answer.label[language]}" if visit.step else None
        wrapped = [("label", line) for line in (textwrap.wrap(label, chars) if label else [])]
        wrapped += [("text", line) for line in textwrap.wrap(text, chars)]
        lines = tuple(
            TextLine(x + PADDING, y + PADDING + BASELINE + row * LINE_HEIGHT, line, kind)
            for row, (kind, line) in enumerate(wrapped)
        )
        height = 2 * PADDING + LINE_HEIGHT * len(lines)
        kind = "question" if isinstance(node, Question) else "outcome"
        boxes[node.id] = Box(node.id, x, y, box_width, height, kind, lines)
        if visit.step is not None:
            parent = boxes[visit.step.question.id]
            connectors.append(Connector(parent.x + indent // 2, parent.y + parent.height, y + height // 2, x))
        y += height + GAP
    return Flowchart(width, y - GAP + MARGIN, tuple(boxes.values()), tuple(connectors))
