"""Typed, immutable model of the rules file: contacts and decision trees."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

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


# Answers for a reader who cannot choose: every question offers one of them (see validate.py).
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
class Tree:
    id: str
    title: Text
    intro: Text
    needs: Text
    start: str
    nodes: Mapping[str, Node]
    # The answered questions that lead to each node; unique because every node has exactly one parent.
    trails: Mapping[str, tuple[Step, ...]] = field(repr=False)

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(node for node in self.nodes.values() if isinstance(node, Question))

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(node for node in self.nodes.values() if isinstance(node, Outcome))

    def trail(self, node_id: str) -> tuple[Step, ...]:
        return self.trails[node_id]

    def questions_left(self, node_id: str) -> int:
        """The most questions a reader can still meet after this node: the longest chain of questions
        below it, not counting the node itself (0 for an outcome, and for a question whose answers all
        lead straight to outcomes)."""
        node = self.nodes[node_id]
        if isinstance(node, Outcome):
            return 0
        return max(
            (0 if isinstance(self.nodes[a.next], Outcome) else 1 + self.questions_left(a.next) for a in node.answers),
            default=0,
        )

    def paths(self) -> list[tuple[tuple[Step, ...], Outcome]]:
        """Every way through the tree: the answers given, in order, and the outcome they reach."""
        return [(self.trails[outcome.id], outcome) for outcome in self.outcomes_in_order()]

    def outcomes_in_order(self) -> list[Outcome]:
        """Outcomes in the order a reader meets them: depth first, answers in their listed order."""
        ordered: list[Outcome] = []

        def visit(node_id: str) -> None:
            node = self.nodes[node_id]
            if isinstance(node, Outcome):
                ordered.append(node)
                return
            for answer in node.answers:
                visit(answer.next)

        visit(self.start)
        return ordered


@dataclass(frozen=True)
class Rules:
    languages: Languages  # the site's languages, the default first; every Text holds each of them
    contacts: Mapping[str, Contact]
    trees: Mapping[str, Tree]
    last_reviewed: str  # ISO date, e.g. "2026-11-26"
    # Contacts offered on every guide page as the way to get help without the guide.
    other_help: tuple[str, ...] = ()
    sources: Mapping[str, Source] = field(default_factory=dict)
