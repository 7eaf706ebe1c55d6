"""Node checks of a decision tree: a question with two to seven answers, one of them for a reader who cannot
choose; an outcome with its texts, contacts, sources, pages and guides."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from borgerguide.languages import Languages
from borgerguide.rules.checks.base import describe, line_of, suggest
from borgerguide.rules.checks.references import Checker
from borgerguide.rules.model import (
    FALLBACK_KINDS,
    RESERVED_NODE_IDS,
    Answer,
    Contact,
    Node,
    Outcome,
    Question,
    Source,
)

if TYPE_CHECKING:
    from borgerguide.municipality import Municipality

QUESTION_KEYS = {"question": True, "hint": False, "answers": True}
OUTCOME_KEYS = {
    "heading": True,
    "result": True,
    "next_steps": True,
    "contacts": True,
    "pages": False,
    "guides": False,
    "sources": True,
    "last_reviewed": True,
}
ANSWER_KEYS = {"label": True, "next": True, "kind": False}
# A phone screen shows about seven large answer buttons before the reader has to scroll past the question.
MAX_ANSWERS = 7
NO_CONTACT_HINT = "Add the contact under 'contacts:' first."


class NodeChecker(Checker):
    """Checks the nodes of a rules document; ``known_pages`` are the guidance pages outcomes may link to (None:
    not looked up)."""

    def __init__(
        self,
        file: str,
        languages: Languages,
        known_pages: frozenset[str] | None,
        municipality: Municipality | None = None,
        sources: Mapping[str, Source] | None = None,
    ) -> None:
        super().__init__(file, languages, sources=sources, municipality=municipality)
        self.known_pages = known_pages
        self.tree_ids: list[str] = []
        # The answers' targets per question node of the tree being checked, as written in the file.
        self.edges: dict[str, list[str]] = {}

    def node(
        self,
        tree_id: str,
        node_id: Any,
        body: Any,
        line: int | None,
        contacts: Mapping[str, Contact],
        answer_lines: dict[tuple[str, int], int | None],
    ) -> Node | None:
        where = f"tree {tree_id} / node {node_id}"
        id_ok = self.identifier(node_id, line, "node ID", where)
        if id_ok and node_id in RESERVED_NODE_IDS:
            self.problem(
                line,
                f"the node ID '{node_id}' is reserved for the tree's own pages.",
                where,
                f"Choose another ID, e.g. '{node_id}-1'.",
            )
            id_ok = False
        fields = self.mapping(body, line, f"node '{node_id}'", where)
        if fields is None:
            return None
        is_question = "answers" in fields or "question" in fields
        is_outcome = any(key in fields for key in ("heading", "result", "next_steps"))
        if is_question and is_outcome:
            self.problem(
                line,
                "the node mixes a question (question/answers) and an outcome (heading/result/next_steps).",
                where,
                "A question leads on with 'answers'; an outcome ends the path and has none. Split it in two nodes.",
            )
            return None
        if not is_question and not is_outcome:
            keys = ", ".join(str(key) for key in fields) or "nothing"
            self.problem(
                line,
                f"cannot tell whether this node is a question or an outcome (it has: {keys}).",
                where,
                "A question needs 'question' and 'answers'; an outcome needs 'heading', 'result' and 'next_steps'.",
            )
            return None
        if is_question:
            self.keys(fields, QUESTION_KEYS, f"question '{node_id}'", where, line)
            question = self.text(fields, "question", where)
            hint = self.text(fields, "hint", where)
            answers = self.answers(node_id, fields, where, answer_lines)
            if id_ok and question is not None and answers is not None:
                return Question(str(node_id), question, answers, hint)
            return None
        self.keys(fields, OUTCOME_KEYS, f"outcome '{node_id}'", where, line)
        outcome = self.outcome(str(node_id), fields, where, contacts)
        return outcome if id_ok else None

    def outcome(
        self, node_id: str, fields: Mapping[Any, Any], where: str, contacts: Mapping[str, Contact]
    ) -> Outcome | None:
        heading = self.text(fields, "heading", where)
        result = self.text(fields, "result", where)
        steps = self.steps(fields, where)
        contact_ids = self.id_list(fields, "contacts", where)
        known_contacts = {*contacts, *self.declared_contacts}
        self.unknown_ids(contact_ids, known_contacts, "unknown contact '{}'.", where, NO_CONTACT_HINT)
        if "contacts" in fields and not contact_ids and isinstance(fields.get("contacts"), list):
            self.problem(
                line_of(fields, "contacts"),
                "the outcome names no contact, so a reader who needs help has nowhere to turn.",
                where,
                "Add at least one contact with a phone, web or e-mail address, e.g. [borgerservice].",
            )
        source_ids = self.source_ids(fields, where)
        reviewed = self.date(fields, "last_reviewed", where)
        guide_ids = self.id_list(fields, "guides", where)
        tree_list = f"Use a tree ID: {', '.join(self.tree_ids)}."
        self.unknown_ids(guide_ids, self.tree_ids, "unknown guide '{}' in 'guides'.", where, tree_list)
        pages = self.id_list(fields, "pages", where)
        if self.known_pages is not None:
            example = "Use the path of a page under docs/da/, e.g. 'mitid.md'."
            self.unknown_ids(pages, self.known_pages, "the guidance page '{}' does not exist.", where, example)
        if heading and result and steps is not None and reviewed is not None:
            return Outcome(
                node_id,
                heading,
                result,
                steps,
                tuple(c for c, _ in contact_ids),
                tuple(p for p, _ in pages),
                sources=tuple(source_ids),
                last_reviewed=reviewed,
                guides=tuple(g for g, _ in guide_ids),
            )
        return None

    def answers(
        self, node_id: Any, fields: Mapping[Any, Any], where: str, answer_lines: dict[tuple[str, int], int | None]
    ) -> tuple[Answer, ...] | None:
        data = fields.get("answers")
        if not isinstance(data, list):
            if "answers" in fields:
                self.problem(
                    line_of(fields, "answers"),
                    f"'answers' must be a list of answers, not {describe(data)}.",
                    where,
                    "Start each answer on its own line under 'answers:' with '- label:', and give it 'next:' with "
                    "the ID of the node it leads to.",
                )
            return None
        if len(data) < 2:
            self.problem(
                line_of(fields, "answers"),
                f"a question needs at least two answers; this one has {len(data)}.",
                where,
                "Add another answer, or make this node an outcome if there is nothing to choose.",
            )
        if len(data) > MAX_ANSWERS:
            self.problem(
                line_of(fields, "answers"),
                f"the question has {len(data)} answers; at most {MAX_ANSWERS} fit on a phone screen.",
                where,
                "Group related answers under one answer that leads to a new question (e.g. all powers of attorney).",
            )
        answers: list[Answer] = []
        fallbacks = 0
        for index, item in enumerate(data):
            line = line_of(data, index)
            body = self.mapping(item, line, f"answer {index + 1}", where)
            if body is None:
                continue
            self.keys(body, ANSWER_KEYS, f"answer {index + 1}", where)
            label = self.text(body, "label", where)
            target = self.string(body, "next", where)
            kind = self.string(body, "kind", where)
            if kind is not None and kind not in FALLBACK_KINDS:
                guess = suggest(kind, FALLBACK_KINDS)
                self.problem(
                    line_of(body, "kind"),
                    f"unknown answer kind '{kind}'.",
                    where,
                    f"Did you mean '{guess}'?" if guess else f"Use one of: {', '.join(FALLBACK_KINDS)}.",
                )
            elif kind is not None:
                fallbacks += 1
            if target is not None:
                # Routes are checked even when a text of this node is wrong, so one run reports both.
                answer_lines[(str(node_id), index)] = line_of(body, "next")
                self.edges.setdefault(str(node_id), []).append(target)
            if label is not None and target is not None:
                answers.append(Answer(label, target, kind))
        if fallbacks == 0 and data:
            self.problem(
                line_of(fields, "answers"),
                "the question has no answer for a reader who does not know or whose case is not listed.",
                where,
                'Add an answer like \'- label: {da: "Det ved jeg ikke", en: "I do not know"}\' with '
                "'kind: dont-know' (or 'Noget andet' / 'Something else' with 'kind: something-else') and "
                "'next:' pointing at an outcome that says who can help.",
            )
        return tuple(answers) if len(answers) == len(data) else None
