"""Case exercises for teachers: short stories of citizens, checked against the decision trees.

A case is a worksheet (a story and numbered questions) with an answer to each question, and the route its
answers rely on: the answers the citizen gives in one guide and the outcome they reach. A story often has
more than one right way through the guides (Birgit may say she has no MitID, or that she cannot get one);
``also_accepted`` lists those other complete routes, each with the outcome it reaches, possibly in another
guide. Every route is walked through its tree with the rules engine's own model, so a case whose story
contradicts the rules stops the build with a located message instead of teaching citizens something the
guide would not say.

An answer is named by the node it leads to (the answer's ``next:`` in data/rules.yml), not by its label:
node IDs are stable, the same in both languages and part of the guide's addresses, while labels get reworded.
Every node has exactly one answer leading to it, so this names one answer unambiguously.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from borgerguide.errors import Problem, RulesError
from borgerguide.languages import Languages
from borgerguide.rules.checks.base import line_of as _line
from borgerguide.rules.checks.base import suggest as _suggest
from borgerguide.rules.load import read_yaml
from borgerguide.rules.model import ID_PATTERN, Outcome, Question, Rules, Step, Text, Tree

CASES_FILE = "data/cases.yml"

TOP_KEYS = {"last_reviewed": True, "cases": True}
CASE_KEYS = {
    "tree": True,
    "title": True,
    "story": True,
    "questions": True,
    "answers": True,
    "outcome": True,
    "also_accepted": False,
    "sources": False,
}
QUESTION_KEYS = {"question": True, "answer": True}
ANSWER_KEYS = {"question": True, "answer": True}
ROUTE_KEYS = {"tree": False, "answers": True, "outcome": True}
# Short titles fit the list of exercises and a projector; the stories stay a few sentences.
MAX_LENGTH = {"title": 100, "question": 200, "answer": 600}
DEFAULT_MAX_LENGTH = 900
# A worksheet prints on one A4 page at 14 pt with three ruled lines under each question: four questions fit
# beside a story of a few sentences (tests/test_exercises_browser.py prints every worksheet).
MAX_QUESTIONS = 4
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&#?\w+;|javascript:|\[\[", re.IGNORECASE)


@dataclass(frozen=True)
class CaseAnswer:
    question: str  # ID of the question node
    answer: str  # ID of the node the chosen answer leads to


@dataclass(frozen=True)
class CaseQuestion:
    """One question of the worksheet and its answer on the answer sheet."""

    question: Text
    answer: Text


@dataclass(frozen=True)
class Route:
    """A complete way through one guide: the answers given, in order, and the outcome they reach."""

    tree: str
    answers: tuple[CaseAnswer, ...]
    outcome: str

    def steps(self, tree: Tree) -> tuple[Step, ...]:
        """The route's answers as the model's steps (question and chosen answer), in order."""
        assert tree.id == self.tree, f"route in guide {self.tree} walked in guide {tree.id}"
        steps: list[Step] = []
        for given in self.answers:
            step = tree.step(given.question, given.answer)
            assert step is not None, "load_cases checks every answer against the guide"
            steps.append(step)
        return tuple(steps)


@dataclass(frozen=True)
class Case:
    id: str
    tree: str
    title: Text
    story: Text
    questions: tuple[CaseQuestion, ...]
    answers: tuple[CaseAnswer, ...]
    outcome: str
    also_accepted: tuple[Route, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def route(self) -> Route:
        """The route the answers rely on."""
        return Route(self.tree, self.answers, self.outcome)

    @property
    def routes(self) -> tuple[Route, ...]:
        """Every route accepted as right: the main one first, then ``also_accepted`` in file order."""
        return (self.route, *self.also_accepted)

    def steps(self, tree: Tree) -> tuple[Step, ...]:
        """The main route's answers as the model's steps (question and chosen answer), in order."""
        return self.route.steps(tree)


@dataclass(frozen=True)
class Cases:
    cases: Mapping[str, Case]  # in file order, which is the order teachers see them in
    last_reviewed: str  # ISO date

    def __iter__(self) -> Iterator[Case]:
        return iter(self.cases.values())

    def __len__(self) -> int:
        return len(self.cases)


def load_cases(
    path: Path,
    rules: Rules | None,
    display_name: str | None = None,
    languages: Languages | None = None,
    sources: Mapping[str, Any] | None = None,
) -> Cases:
    """Read data/cases.yml and check every case against the rules; raise RulesError listing every problem.

    Without rules (the rules file itself is broken) the cases are checked alone, in ``languages``, so their own
    problems are reported in the same run; no case comes back then, since none could be walked. A case's
    ``sources`` are checked against ``sources`` (data/sources.yml), or the rules' registry when not given."""
    name = display_name or str(path)
    return build_cases(read_yaml(path, name), rules, name, languages, sources)


def build_cases(
    data: Any,
    rules: Rules | None,
    file: str,
    languages: Languages | None = None,
    sources: Mapping[str, Any] | None = None,
) -> Cases:
    configured = languages or (rules.languages if rules is not None else None)
    assert configured is not None, "cases are checked in the rules' languages or in the languages given"
    registry = sources if sources is not None else (rules.sources if rules is not None else None)
    checker = _CaseChecker(file, rules, configured, registry or None)
    cases = checker.document(data)
    if checker.problems:
        raise RulesError(checker.problems)
    assert cases is not None
    return cases


def _did_you_mean(word: object, options: Any, otherwise: str) -> str:
    guess = _suggest(word, options)
    return f"Did you mean '{guess}'?" if guess else otherwise


def _choices(question: Question, language: str) -> str:
    return ", ".join(f"'{a.next}' ({a.label[language]})" for a in question.answers)


class _CaseChecker:
    """Collects every problem in the file before anything is raised, so an editor fixes them in one go."""

    def __init__(self, file: str, rules: Rules | None, languages: Languages, sources: Mapping[str, Any] | None) -> None:
        self.file = file
        self.rules = rules
        self.sources = sources  # None: no registry to check against (a test's rules loaded without one)
        self.languages = languages
        # Messages quote the guides' texts in the default language, as the editors write them first.
        self.default = languages.default
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str, case: str | None = None, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, message, f"case {case}" if case else None, hint))

    def keys(
        self, data: Mapping[Any, Any], allowed: dict[str, bool], what: str, case: str | None, reported: str = ""
    ) -> None:
        """Unknown and missing keys; ``reported`` is a key already reported with a message of its own."""
        for key in data:
            if key not in allowed and key != reported:
                hint = _did_you_mean(key, allowed, f"Allowed keys: {', '.join(allowed)}.")
                self.problem(_line(data, key), f"unknown key '{key}' in {what}.", case, hint)
        for key, required in allowed.items():
            if required and key not in data:
                self.problem(_line(data), f"{what} has no '{key}'.", case, f"Add '{key}:' to {what}.")

    # -- the document -----------------------------------------------------------------------------

    def document(self, data: Any) -> Cases | None:
        if not isinstance(data, dict):
            self.problem(
                _line(data) or 1,
                "the file must start with 'last_reviewed:' and 'cases:'.",
                hint="See the comment at the top of data/cases.yml for the shape of a case.",
            )
            return None
        self.keys(data, TOP_KEYS, "the file", None)
        reviewed = data.get("last_reviewed")
        if "last_reviewed" in data and not isinstance(reviewed, datetime.date):
            self.problem(
                _line(data, "last_reviewed"),
                f"'last_reviewed' must be a date like 2026-11-26, not {reviewed!r}.",
                hint="Write the date as YYYY-MM-DD without quotes.",
            )
        raw_cases = data.get("cases")
        cases: dict[str, Case] = {}
        if "cases" in data:
            if not isinstance(raw_cases, dict) or not raw_cases:
                self.problem(
                    _line(data, "cases"),
                    "'cases' must list at least one case, each under its ID.",
                    hint="Write each case as '  case-id:' followed by its keys, indented.",
                )
            else:
                for case_id, raw in raw_cases.items():
                    case = self.case(case_id, raw, _line(raw_cases, case_id))
                    if case is not None:
                        cases[case.id] = case
        if self.problems or not isinstance(reviewed, datetime.date):
            return None
        return Cases(cases, reviewed.isoformat())

    def case(self, case_id: Any, raw: Any, line: int | None) -> Case | None:
        ident = str(case_id)
        if not isinstance(case_id, str) or not ID_PATTERN.match(case_id):
            self.problem(
                line,
                f"the case ID '{case_id}' is not a valid ID.",
                ident,
                "Use lowercase letters a-z, digits and single hyphens, e.g. 'karen-udbetaling-danmark'. "
                "The ID becomes the exercise's web address.",
            )
        if not isinstance(raw, dict):
            self.problem(
                line, "a case must be a list of keys and values.", ident, "Indent the case's keys under its ID."
            )
            return None
        found = len(self.problems)
        if "solution" in raw:
            self.problem(
                _line(raw, "solution"),
                "'solution' is no longer used: each question has its own answer.",
                ident,
                "Move the solution's sentences into the questions, as '- question: {da: ..., en: ...}' with "
                "'answer: {da: ..., en: ...}' below it, and delete 'solution:'.",
            )
        self.keys(raw, CASE_KEYS, "the case", ident, reported="solution")
        texts = {key: self.text(raw, key, ident) for key in ("title", "story")}
        questions = self.questions(raw, ident)
        sources = self.case_sources(raw, ident)
        tree = self.tree(raw.get("tree"), raw, ident)
        route = self.route(raw, tree, ident, "the case's route") if tree is not None else None
        others = self.also_accepted(raw, tree, ident)
        if len(self.problems) > found or route is None or others is None:
            return None
        title, story = texts["title"], texts["story"]
        assert title is not None and story is not None and questions is not None and tree is not None
        return Case(ident, tree.id, title, story, questions, route.answers, route.outcome, others, sources)

    def case_sources(self, raw: Mapping[Any, Any], case: str) -> tuple[str, ...]:
        value = raw.get("sources", [])
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            self.problem(
                _line(raw, "sources"),
                "'sources' must be a list of source IDs.",
                case,
                "Write it as 'sources: [kommunen-digital-borger, mitid-support]' with IDs from data/sources.yml.",
            )
            return ()
        if self.sources is not None:
            for index, source in enumerate(value):
                if source not in self.sources:
                    hint = _did_you_mean(source, self.sources, "Add the source to data/sources.yml first.")
                    self.problem(
                        _line(value, index) or _line(raw, "sources"), f"unknown source '{source}'.", case, hint
                    )
        return tuple(value)

    # -- texts ------------------------------------------------------------------------------------

    def text(
        self, data: Mapping[Any, Any], key: str, case: str, value: Any = None, line: int | None = None
    ) -> Text | None:
        if value is None:
            if key not in data:
                return None
            value, line = data[key], _line(data, key)
        if not isinstance(value, dict):
            self.problem(
                line,
                f"'{key}' must have a text per language.",
                case,
                f"Write it as:\n       {key}:\n         da: ...\n         en: ...",
            )
            return None
        languages = self.languages
        for language_key in value:
            if language_key not in languages:
                hint = _did_you_mean(language_key, languages.codes, f"The languages are {languages.listed()}.")
                self.problem(_line(value, language_key), f"unknown language '{language_key}' in '{key}'.", case, hint)
        texts: dict[str, str] = {}
        for language in languages:
            name = languages.label(language)
            item = value.get(language)
            item_line = _line(value, language)
            if language not in value:
                self.problem(
                    line,
                    f"'{key}' has no {name} text.",
                    case,
                    f"Add '{language}:' with the {name} text (a missing translation).",
                )
            elif not isinstance(item, str) or not item.strip():
                self.problem(
                    item_line, f"the {name} text of '{key}' is empty or not text.", case, "Write the text in quotes."
                )
            elif MARKUP.search(item):
                self.problem(
                    item_line,
                    f"the {name} text of '{key}' contains HTML, code or a marker ({MARKUP.search(item).group(0)!r}).",  # type: ignore[union-attr]
                    case,
                    "Write plain text only; the page adds the links to the guide and its result itself.",
                )
            elif len(item) > MAX_LENGTH.get(key, DEFAULT_MAX_LENGTH):
                limit = MAX_LENGTH.get(key, DEFAULT_MAX_LENGTH)
                self.problem(
                    item_line,
                    f"the {name} text of '{key}' is {len(item)} characters; at most {limit}.",
                    case,
                    "Shorten it: a case is read aloud and shown on a projector.",
                )
            else:
                texts[language] = " ".join(item.split())
        return Text(texts) if len(texts) == len(languages) else None

    def questions(self, raw: Mapping[Any, Any], case: str) -> tuple[CaseQuestion, ...] | None:
        if "questions" not in raw:
            return None
        value = raw["questions"]
        shape = (
            "Write each as '- question: {da: ..., en: ...}' with 'answer: {da: ..., en: ...}' below it: "
            "the answer says what the person should do, ending in the concrete next step."
        )
        if not isinstance(value, list) or not value:
            self.problem(_line(raw, "questions"), "'questions' must be a list of at least one question.", case, shape)
            return None
        if len(value) > MAX_QUESTIONS:
            self.problem(
                _line(value, MAX_QUESTIONS),
                f"the case has {len(value)} questions; a worksheet has room for at most {MAX_QUESTIONS}.",
                case,
                "Merge or drop questions, so the worksheet prints on one A4 page with room to write.",
            )
        found: list[CaseQuestion | None] = []
        for index, item in enumerate(value):
            line = _line(value, index)
            if not isinstance(item, dict) or ("question" not in item and "answer" not in item):
                self.problem(line, f"question {index + 1} must have 'question' and 'answer'.", case, shape)
                found.append(None)
                continue
            if "answer" not in item:
                self.problem(
                    _line(item, "question") or line,
                    f"question {index + 1} has no answer.",
                    case,
                    "Add 'answer: {da: ..., en: ...}' under it: the answer sheet gives one answer per question.",
                )
            else:
                self.keys(item, QUESTION_KEYS, f"question {index + 1}", case)
            question = self.text(item, "question", case)
            answer = self.text(item, "answer", case) if "answer" in item else None
            found.append(CaseQuestion(question, answer) if question is not None and answer is not None else None)
        return tuple(q for q in found if q is not None) if all(found) else None

    # -- the case against the rules ---------------------------------------------------------------

    def tree(self, tree_id: Any, raw: Mapping[Any, Any], case: str) -> Tree | None:
        if self.rules is None:  # the rules file is broken and reported on its own: nothing to walk
            return None
        if "tree" in raw and tree_id not in self.rules.trees:
            hint = _did_you_mean(tree_id, self.rules.trees, f"The guides are: {', '.join(self.rules.trees)}.")
            self.problem(_line(raw, "tree"), f"unknown guide '{tree_id}'.", case, hint)
            return None
        return self.rules.trees.get(tree_id) if isinstance(tree_id, str) else None

    def route(self, raw: Mapping[Any, Any], tree: Tree, case: str, what: str) -> Route | None:
        """Check one route (``answers`` and ``outcome`` in ``raw``) and walk it through ``tree``."""
        answers = self.answers(raw, case, what)
        outcome = raw.get("outcome")
        found = len(self.problems)
        self.check_outcome(raw, tree, case)
        # The walk compares with the claimed result, so only a result that exists can be compared.
        if answers is not None and isinstance(outcome, str) and isinstance(tree.nodes.get(outcome), Outcome):
            self.walk(raw, tree, answers, outcome, case, what)
        if len(self.problems) > found or answers is None or not isinstance(outcome, str):
            return None
        return Route(tree.id, answers, outcome)

    def also_accepted(self, raw: Mapping[Any, Any], tree: Tree | None, case: str) -> tuple[Route, ...] | None:
        """The other right routes: each a complete walk, in its own guide or the case's, to the outcome it names."""
        if "also_accepted" not in raw:
            return ()
        value = raw["also_accepted"]
        shape = (
            "Write each route as '- answers: [...]' with 'outcome: <result ID>' below it, and 'tree: <guide ID>' "
            "when the route goes through another guide than the case's."
        )
        if not isinstance(value, list) or not value:
            self.problem(_line(raw, "also_accepted"), "'also_accepted' must list at least one route.", case, shape)
            return None
        routes: list[Route] = []
        for index, item in enumerate(value):
            what = f"accepted route {index + 1}"
            if not isinstance(item, dict):
                self.problem(_line(value, index), f"{what} must have 'answers' and 'outcome'.", case, shape)
                continue
            self.keys(item, ROUTE_KEYS, what, case)
            route_tree = self.tree(item.get("tree"), item, case) if "tree" in item else tree
            if route_tree is None or "answers" not in item or "outcome" not in item:
                continue
            route = self.route(item, route_tree, case, what)
            if route is None:
                continue
            main = Route(tree.id, self.main_answers(raw), raw.get("outcome")) if tree is not None else None
            if route in routes or route == main:
                self.problem(_line(value, index), f"{what} repeats a route the case already gives.", case, "Remove it.")
                continue
            routes.append(route)
        return tuple(routes) if len(routes) == len(value) else None

    @staticmethod
    def main_answers(raw: Mapping[Any, Any]) -> tuple[CaseAnswer, ...]:
        items = raw.get("answers")
        if not isinstance(items, list):
            return ()
        return tuple(
            CaseAnswer(item["question"], item["answer"])
            for item in items
            if isinstance(item, dict) and isinstance(item.get("question"), str) and isinstance(item.get("answer"), str)
        )

    def answers(self, raw: Mapping[Any, Any], case: str, what: str) -> tuple[CaseAnswer, ...] | None:
        if "answers" not in raw:
            return None
        value = raw["answers"]
        line = _line(raw, "answers")
        if not isinstance(value, list) or not value:
            self.problem(
                line,
                f"'answers' of {what} must list the answers the citizen gives in the guide, in order.",
                case,
                "Write each as '- {question: <question node ID>, answer: <ID of the node the answer leads to>}'.",
            )
            return None
        answers: list[CaseAnswer] = []
        for index, item in enumerate(value):
            item_line = _line(value, index)
            if not isinstance(item, dict):
                self.problem(
                    item_line,
                    f"answer {index + 1} of {what} must have 'question' and 'answer'.",
                    case,
                    "Write it as '- {question: <question node ID>, answer: <ID of the node the answer leads to>}'.",
                )
                continue
            self.keys(item, ANSWER_KEYS, f"answer {index + 1}", case)
            question, answer = item.get("question"), item.get("answer")
            if isinstance(question, str) and isinstance(answer, str):
                answers.append(CaseAnswer(question, answer))
        return tuple(answers) if len(answers) == len(value) else None

    def check_outcome(self, raw: Mapping[Any, Any], tree: Tree, case: str) -> None:
        outcome = raw.get("outcome")
        if "outcome" not in raw:
            return
        node = tree.nodes.get(outcome) if isinstance(outcome, str) else None
        if isinstance(node, Outcome):
            return
        outcomes = [o.id for o in tree.outcomes]
        if isinstance(node, Question):
            message = f"'outcome' names '{outcome}', which is a question in guide '{tree.id}', not a result."
        else:
            message = f"'outcome' names '{outcome}', which is not a result in guide '{tree.id}'."
        hint = _did_you_mean(outcome, outcomes, f"The results of this guide are: {', '.join(outcomes)}.")
        self.problem(_line(raw, "outcome"), message, case, hint)

    def walk(
        self, raw: Mapping[Any, Any], tree: Tree, answers: tuple[CaseAnswer, ...], outcome: str, case: str, what: str
    ) -> None:
        """Give the route's answers to the guide, one by one, and compare where they lead with the claim."""
        items = raw["answers"]
        node_id = tree.start
        for index, given in enumerate(answers):
            item = items[index]
            node = tree.nodes[node_id]
            if isinstance(node, Outcome):
                self.problem(
                    _line(item, "question"),
                    f"answer {index + 1} of {what} is one too many: the answers before it already reach the result "
                    f"'{node_id}' ({node.heading[self.default]}).",
                    case,
                    "Remove this answer and the ones after it.",
                )
                return
            if given.question != node_id:
                if given.question in tree.nodes:
                    message = (
                        f"answer {index + 1} of {what} answers '{given.question}', but after the answers before it "
                        f"the guide asks '{node_id}' ({node.question[self.default]})."
                    )
                    hint = "List the answers in the order the guide asks, starting with its first question."
                else:
                    message = (
                        f"answer {index + 1} of {what} names the question '{given.question}', which is not in "
                        f"guide '{tree.id}'."
                    )
                    hint = _did_you_mean(given.question, tree.nodes, f"The guide asks '{node_id}' here.")
                self.problem(_line(item, "question"), message, case, hint)
                return
            if tree.step(node_id, given.answer) is None:
                self.problem(
                    _line(item, "answer"),
                    f"'{given.answer}' is not an answer to '{node_id}' ({node.question[self.default]}).",
                    case,
                    "Name the answer by the node it leads to (its 'next:' in data/rules.yml): "
                    f"{_choices(node, self.default)}.",
                )
                return
            node_id = given.answer
        reached = tree.nodes[node_id]
        if isinstance(reached, Question):
            self.problem(
                _line(items, len(items) - 1),
                f"the answers of {what} stop at the question '{node_id}' ({reached.question[self.default]}); "
                "a route must answer every question up to a result.",
                case,
                f"Add '- {{question: {node_id}, answer: ...}}' with one of: {_choices(reached, self.default)}.",
            )
            return
        if node_id != outcome:
            claimed = tree.nodes[outcome]
            assert isinstance(claimed, Outcome) and isinstance(reached, Outcome)
            self.problem(
                _line(raw, "outcome"),
                f"the case contradicts the rules: {what} leads to '{node_id}' ({reached.heading[self.default]}) "
                f"in guide '{tree.id}', but names '{outcome}' ({claimed.heading[self.default]}).",
                case,
                "Check the story and the answers against the guide. If the answers are right, set "
                f"'outcome: {node_id}' and rewrite the answers to match that result.",
            )
