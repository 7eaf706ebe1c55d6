"""The model's walks through a tree (follow an answer, the trail to a node, every path, questions left) and
the flowchart laid out from them, on hand-made trees (small, 30 and 80 levels deep, seven answers wide) and
on the real guides."""

from __future__ import annotations

import pytest
from conftest import ROOT

from borgerguide import load_rules, read_languages
from borgerguide.rules.model import Answer, Node, Outcome, Question, Text, Tree
from borgerguide.site.flowchart import CHAR_WIDTH, MIN_BOX_WIDTH, PADDING, WIDTH, Flowchart, layout

RULES = load_rules(ROOT / "data" / "rules.yml", languages=read_languages(ROOT))


def _text(words: str) -> Text:
    return Text(da=words, en=words)


def _question(node_id: str, *answers: tuple[str, str], text: str | None = None) -> Question:
    return Question(node_id, _text(text or f"Spørgsmål {node_id}?"), tuple(Answer(_text(a), n) for a, n in answers))


def _outcome(node_id: str, heading: str | None = None) -> Outcome:
    return Outcome(node_id, _text(heading or f"Resultat {node_id}"), _text("."), (_text("."),), (), ())


def _tree(start: str, *nodes: Node) -> Tree:
    return Tree("t", _text("T"), _text("T"), _text("T"), start, {node.id: node for node in nodes})


# q1 -Ja-> q2 -B-> q3 -X-> o4
#                     -Y-> o5
#             -A-> o3
#    -Nej-> o1
#    -Ved ikke-> o2
SMALL = _tree(
    "q1",
    _question("q1", ("Ja", "q2"), ("Nej", "o1"), ("Ved ikke", "o2")),
    _question("q2", ("A", "o3"), ("B", "q3")),
    _question("q3", ("X", "o4"), ("Y", "o5")),
    *(_outcome(f"o{n}") for n in range(1, 6)),
)


def chain(depth: int, heading: str | None = None, label: str = "Videre") -> Tree:
    """``depth`` questions in a row; each offers an outcome or the next question."""
    nodes: list[Node] = []
    for level in range(depth):
        after = f"q{level + 1}" if level + 1 < depth else f"end{level}"
        nodes += [_question(f"q{level}", ("Stop", f"o{level}"), (label, after)), _outcome(f"o{level}", heading)]
    nodes.append(_outcome(f"end{depth - 1}", heading))
    return _tree("q0", *nodes)


def bushy(depth: int, answers: int) -> Tree:
    """Every question has ``answers`` answers, down to ``depth`` levels of questions."""
    nodes: list[Node] = []

    def grow(node_id: str, level: int) -> None:
        if level == depth:
            nodes.append(_outcome(node_id))
            return
        children = [f"{node_id}-{n}" for n in range(answers)]
        nodes.append(_question(node_id, *((f"Svar {child}", child) for child in children)))
        for child in children:
            grow(child, level + 1)

    grow("q", 0)
    return _tree("q", *nodes)


# -- the walks ---------------------------------------------------------------------------------------


def test_following_an_answer_reaches_the_node_it_names() -> None:
    q1 = SMALL.node("q1")
    assert isinstance(q1, Question)
    assert [SMALL.follow(answer).id for answer in q1.answers] == ["q2", "o1", "o2"]


def test_an_answer_is_found_by_where_it_leads() -> None:
    step = SMALL.step("q2", "q3")
    assert step is not None and step.question.id == "q2" and step.answer.label["da"] == "B"
    assert SMALL.step("q1", "o3") is None  # o3 is reached from q2, not from q1
    assert SMALL.step("o1", "q2") is None  # an outcome has no answers
    assert SMALL.step("nowhere", "q2") is None


def test_the_trail_to_a_node_lists_the_answers_that_lead_there() -> None:
    assert SMALL.trail("q1") == ()
    assert [(s.question.id, s.answer.label["da"]) for s in SMALL.trail("o4")] == [
        ("q1", "Ja"),
        ("q2", "B"),
        ("q3", "X"),
    ]
    assert [(s.question.id, s.answer.label["da"]) for s in SMALL.trail("o2")] == [("q1", "Ved ikke")]


def test_the_walk_meets_every_node_once_in_reading_order() -> None:
    visits = [(visit.node.id, visit.depth) for visit in SMALL.walk()]
    assert visits == [("q1", 0), ("q2", 1), ("o3", 2), ("q3", 2), ("o4", 3), ("o5", 3), ("o1", 1), ("o2", 1)]
    assert [o.id for o in SMALL.outcomes_in_order()] == ["o3", "o4", "o5", "o1", "o2"]


def test_every_path_lists_its_answers_and_outcome() -> None:
    paths = [([s.answer.label["da"] for s in steps], outcome.id) for steps, outcome in SMALL.paths()]
    assert paths == [
        (["Ja", "A"], "o3"),
        (["Ja", "B", "X"], "o4"),
        (["Ja", "B", "Y"], "o5"),
        (["Nej"], "o1"),
        (["Ved ikke"], "o2"),
    ]


def test_questions_left_is_the_longest_chain_of_questions_below() -> None:
    assert [SMALL.questions_left(n) for n in ("q1", "q2", "q3", "o1", "o4")] == [2, 1, 0, 0, 0]


def test_the_walks_do_not_hit_the_recursion_limit_on_a_very_deep_tree() -> None:
    tree = chain(3000)
    assert tree.questions_left("q0") == 2999
    assert len(tree.trail("end2999")) == 3000
    assert len(tree.paths()) == 3001


def test_every_path_of_the_real_guides_follows_its_answers_from_the_start() -> None:
    for tree in RULES.trees.values():
        assert {outcome.id for _, outcome in tree.paths()} == {o.id for o in tree.outcomes}
        for steps, outcome in tree.paths():
            node = tree.node(tree.start)
            for step in steps:
                assert step.question is node and step.answer in step.question.answers
                node = tree.follow(step.answer)
            assert node is outcome, f"{tree.id}: the trail to {outcome.id} ends at {node.id}"


# -- the flowchart drawn from the walk ---------------------------------------------------------------

LONG_HEADING = "Du kan blive fritaget for Digital Post, hvis du har svært ved at bruge en computer " * 2
UNBROKEN = "Selvbetjeningsløsningsundtagelsesansøgningsblanket" * 2
CHARTS = {
    "30 levels": chain(30, LONG_HEADING),
    "80 levels": chain(80, UNBROKEN, label=UNBROKEN[:70]),
    "7 answers, 3 levels": bushy(3, 7),
    **{f"guide {tree.id}": tree for tree in RULES.trees.values()},
    "one outcome under one question": _tree(
        "q", _question("q", ("Ja", "a"), ("Nej", "b")), _outcome("a"), _outcome("b")
    ),
}


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


@pytest.mark.parametrize("name", list(CHARTS))
def test_flowchart_boxes_fit_never_overlap_and_hold_their_text(name: str) -> None:
    tree = CHARTS[name]
    chart: Flowchart = layout(tree, "da", "Svar")
    assert sorted(box.node_id for box in chart.boxes) == sorted(tree.nodes)
    for box in chart.boxes:
        assert box.width >= MIN_BOX_WIDTH and box.height > 0, f"{name}: {box.node_id} is {box.width} wide"
        assert box.x >= 0 and box.x + box.width <= chart.width, f"{name}: {box.node_id} leaves the chart"
        assert box.y >= 0 and box.y + box.height <= chart.height, f"{name}: {box.node_id} leaves the chart"
        assert box.lines, f"{name}: {box.node_id} has no text"
        for line in box.lines:
            # Wrapped to the box: the estimated text width stays inside the padding, the baseline inside the box.
            assert len(line.text) * CHAR_WIDTH <= box.width - 2 * PADDING, f"{name}: '{line.text}' overflows"
            assert line.x >= box.x + PADDING
            assert box.y + PADDING < line.y <= box.y + box.height - PADDING
    rectangles = sorted((box.x, box.y, box.width, box.height) for box in chart.boxes)
    for index, first in enumerate(rectangles):
        for second in rectangles[index + 1 :]:
            assert not _overlap(first, second), f"{name}: boxes overlap at {first} and {second}"
    if max(visit.depth for visit in tree.walk()) <= 30:
        assert chart.width == WIDTH, f"{name}: a tree up to 30 levels deep fits the column"


@pytest.mark.parametrize("name", ["30 levels", "7 answers, 3 levels"])
def test_flowchart_lines_join_each_question_to_its_answers_boxes(name: str) -> None:
    tree = CHARTS[name]
    chart = layout(tree, "da", "Svar")
    boxes = {box.node_id: box for box in chart.boxes}
    assert len(chart.connectors) == len(tree.nodes) - 1
    children = [visit for visit in tree.walk() if visit.step is not None]
    for line, visit in zip(chart.connectors, children, strict=True):
        parent, child = boxes[visit.step.question.id], boxes[visit.node.id]  # type: ignore[union-attr]
        assert parent.x < line.x < child.x == line.right
        assert line.top == parent.y + parent.height
        assert child.y < line.bottom < child.y + child.height
        assert line.path == f"M{line.x} {line.top} V{line.bottom} H{line.right}"
