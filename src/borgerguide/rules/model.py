"""Typed, immutable model of the rules file: contacts and decision trees."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from borgerguide.languages import Language, Languages

# IDs become URL segments and CSS-safe names, so only lowercase ASCII letters, digits and single hyphens.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Page names generated beside the node pages of a tree; a node may not take them.
RESERVED_NODE_IDS = frozenset({"index", "oversigt"})


class Text(Mapping[Language, str]):
    """A text in every language of the site: an immutable mapping from language code to text.

    ``Text({"da": "Ja", "en": "Yes"})`` or ``Text(da="Ja", en="Yes")``; ``text[language]`` or
    ``text.get(language)``. The validators build it in the configured order, the default language first.
    """

    __slots__ = ("_texts",)
    _texts: dict[Language, str]

    def __init__(self, texts: Mapping[Language, str] | None = None, /, **by_language: str) -> None:
        object.__setattr__(self, "_texts", {**(texts or {}), **by_language})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Text is immutable")

    def __getitem__(self, language: Language) -> str:
        return self._texts[language]

    def __iter__(self) -> Iterator[Language]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __hash__(self) -> int:
        return hash(tuple(self._texts.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._texts) == dict(other)

    def __repr__(self) -> str:
        return f"Text({self._texts!r})"

    def __reduce__(self) -> tuple[type[Text], tuple[dict[Language, str]]]:
        return Text, (dict(self._texts),)


@dataclass(frozen=True)
class Contact:
    """Someone a reader can turn to, with the channels that reach them.

    A contact whose details belong to the municipality (``municipality`` names its entry in
    data/municipality.yml) takes its channels from there, so they are typed in one place only.
    """

    id: str
    name: Text
    about: Text | None = None
    phone: str | None = None
    address: str | None = None
    web: str | None = None
    email: str | None = None
    opening_hours: Text | None = None
    municipality: str | None = None

    @property
    def has_channel(self) -> bool:
        """Whether a reader can actually reach the contact: a phone, a web address, an e-mail address,
        or an address with opening hours (an address alone does not say when someone is there)."""
        return bool(self.phone or self.web or self.email or (self.address and self.opening_hours))

    @property
    def tel_uri(self) -> str | None:
        """The phone number as a ``tel:`` URI in international form, so it dials from any phone."""
        if self.phone is None:
            return None
        digits = re.sub(r"\D", "", self.phone)
        return f"tel:+45{digits}" if len(digits) == 8 else f"tel:+{digits}"

    @property
    def web_label(self) -> str | None:
        """The web address as people say it: without scheme and trailing slash."""
        if self.web is None:
            return None
        return re.sub(r"^https?://", "", self.web).rstrip("/")


# Answers for a reader who cannot choose: every question offers one of them (see rules/checks/nodes.py).
FALLBACK_KINDS = ("dont-know", "something-else")


@dataclass(frozen=True)
class Answer:
    label: Text
    next: str
    # "dont-know" or "something-else" for the answer that catches a reader none of the others fit.
    kind: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a fact on the site comes from: a public page (title and address) or a named document."""

    id: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    question: Text
    answers: tuple[Answer, ...]
    hint: Text | None = None


@dataclass(frozen=True)
class Outcome:
    id: str
    heading: Text
    result: Text
    next_steps: tuple[Text, ...]
    contacts: tuple[str, ...]
    pages: tuple[str, ...]
    sources: tuple[str, ...] = ()
    last_reviewed: str = ""  # ISO date of the last check of this outcome against its sources
    # Guides the reader belongs in next (tree IDs), e.g. from "where do I go for help" to the exemption guide.
    guides: tuple[str, ...] = ()


Node = Question | Outcome


@dataclass(frozen=True)
class Step:
    """One answered question on the way to a node."""

    question: Question
    answer: Answer


@dataclass(frozen=True)
class Visit:
    """A node met on a walk through a tree: how many answers deep it sits and the step that led there."""

    node: Node
    depth: int
    step: Step | None  # None for the first question


@dataclass(frozen=True)
class Tree:
    """A decision tree. The walks through it live here, so rendering, the flowchart, the golden file, the
    case exercises and the teaching kit all follow an answer the same way.

    The validator guarantees what the walks rely on: every node is reached from the start by exactly one
    answer, and no answers go round in a circle.
    """

    id: str
    title: Text
    intro: Text
    needs: Text
    start: str
    nodes: Mapping[str, Node]

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(node for node in self.nodes.values() if isinstance(node, Question))

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(node for node in self.nodes.values() if isinstance(node, Outcome))

    def follow(self, answer: Answer) -> Node:
        """The node an answer leads to."""
        return self.nodes[answer.next]

    def step(self, question_id: str, leads_to: str) -> Step | None:
        """Answering the question with the answer that leads to ``leads_to``, or None if the node is not a
        question or has no such answer. An answer is named by where it leads: unique, because every node
        has exactly one answer leading to it."""
        question = self.nodes.get(question_id)
        if not isinstance(question, Question):
            return None
        answer = next((a for a in question.answers if a.next == leads_to), None)
        return Step(question, answer) if answer is not None else None

    def trail(self, node_id: str) -> tuple[Step, ...]:
        """The answers that lead from the start to a node, in order (empty for the first question)."""
        return self._trails[node_id]

    def walk(self) -> Iterator[Visit]:
        """Every node once, in the order a reader meets them: depth first, answers in their listed order.
        Iterative, so a very deep tree cannot hit Python's recursion limit."""
        pending: list[Visit] = [Visit(self.nodes[self.start], 0, None)]
        while pending:
            visit = pending.pop()
            yield visit
            if isinstance(visit.node, Question):
                question = visit.node
                pending += [
                    Visit(self.follow(answer), visit.depth + 1, Step(question, answer))
                    for answer in reversed(question.answers)
                ]

    def questions_left(self, node_id: str) -> int:
        """The most questions a reader can still meet after this node: the longest chain of questions
        below it, not counting the node itself (0 for an outcome, and for a question whose answers all
        lead straight to outcomes)."""
        return self._questions_left[node_id]

    def paths(self) -> list[tuple[tuple[Step, ...], Outcome]]:
        """Every way through the tree: the answers given, in order, and the outcome they reach."""
        return [(self.trail(outcome.id), outcome) for outcome in self.outcomes_in_order()]

    def outcomes_in_order(self) -> list[Outcome]:
        """Outcomes in the order a reader meets them: depth first, answers in their listed order."""
        return [visit.node for visit in self.walk() if isinstance(visit.node, Outcome)]

    # Computed once per tree on first use; cached_property writes past the frozen dataclass's __setattr__.
    @cached_property
    def _trails(self) -> dict[str, tuple[Step, ...]]:
        trails: dict[str, tuple[Step, ...]] = {}
        for visit in self.walk():
            trails[visit.node.id] = (*trails[visit.step.question.id], visit.step) if visit.step else ()
        return trails

    @cached_property
    def _questions_left(self) -> dict[str, int]:
        left: dict[str, int] = {}
        # Children come after their parent in the walk, so in reverse every child is counted before its parent.
        for visit in reversed(list(self.walk())):
            node = visit.node
            if isinstance(node, Outcome):
                left[node.id] = 0
                continue
            left[node.id] = max(
                (0 if isinstance(self.follow(a), Outcome) else 1 + left[a.next] for a in node.answers), default=0
            )
        return left


@dataclass(frozen=True)
class Rules:
    languages: Languages  # the site's languages, the default first; every Text holds each of them
    contacts: Mapping[str, Contact]
    trees: Mapping[str, Tree]
    last_reviewed: str  # ISO date, e.g. "2026-11-26"
    # Contacts offered on every guide page as the way to get help without the guide.
    other_help: tuple[str, ...] = ()
    sources: Mapping[str, Source] = field(default_factory=dict)
