"""Exercises on paper and on screen: a worksheet per case, and its answer sheet on a page of its own.

The worksheet is what a participant gets: the story, the questions numbered with ruled space to write, and
the guide's address with a QR code. It holds no answer, on screen or in print, so a teacher can print it and
hand it out. The answer sheet is for the teacher: the answer to each question, every route through the
guides that counts as right (the case's own and its ``also_accepted`` ones), each with the result it reaches,
and the sources. The routes come from the rules, so the answer sheet shows the guides' own questions and
answers.

Like the rest of the kit this turns the model into HTML bodies from Jinja2 templates; the page's front matter
and wrapping are the kit's (``common.make_page``), so this module needs nothing from kit.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from borgerguide.languages import Language
from borgerguide.rules.model import Outcome, Rules
from borgerguide.site import urls
from borgerguide.site.qr import absolute_url, qr_svg
from borgerguide.site.strings import ui_strings
from borgerguide.teaching.cases import Case, Cases, Route
from borgerguide.teaching.common import TeachingPage, answers_source, case_source, make_page, page_context

# Lines to write on under each question of a printed worksheet: room for two or three short sentences.
WRITING_LINES = 3


def exercise_sources(cases: Cases) -> list[str]:
    """Every page this module makes: each case's worksheet, then its answer sheet."""
    return [source for case in cases for source in (case_source(case.id), answers_source(case.id))]


@dataclass(frozen=True)
class _Neighbour:
    title: str
    url: str


class ExerciseRenderer:
    """Renders the worksheet and the answer sheet of each case."""

    def __init__(
        self,
        rules: Rules,
        cases: Cases,
        env: Environment,
        site_url: str,
    ) -> None:
        self.rules = rules
        self.cases = cases
        self.env = env
        self.site_url = site_url

    def pages(self, language: Language) -> list[Any]:
        case_list = list(self.cases)
        pages = []
        for index, case in enumerate(case_list):
            previous = case_list[index - 1] if index > 0 else None
            following = case_list[index + 1] if index + 1 < len(case_list) else None
            pages.append(self.worksheet(case, language, previous, following))
            pages.append(self.answer_sheet(case, language, previous, following))
        return pages

    def number(self, case: Case) -> int:
        return list(self.cases.cases).index(case.id) + 1

    def _neighbours(
        self, source: str, language: Language, previous: Case | None, following: Case | None, to: Callable[[str], str]
    ) -> dict[str, _Neighbour | None]:
        def link(case: Case | None) -> _Neighbour | None:
            return case and _Neighbour(case.title[language], urls.relative(source, to(case.id)))

        return {"previous": link(previous), "following": link(following)}

    def worksheet(self, case: Case, language: Language, previous: Case | None, following: Case | None) -> Any:
        source = case_source(case.id)
        ui = ui_strings(language)
        tree = self.rules.trees[case.tree]
        number = self.number(case)
        address = absolute_url(self.site_url, self.rules.languages, language, urls.url_of(urls.start_source(tree.id)))
        body = self.env.get_template("teaching_case.html.j2").render(
            **page_context(language, source),
            case=case,
            number=number,
            tree=tree,
            questions=[q.question[language] for q in case.questions],
            lines=range(WRITING_LINES),
            address=address,
            qr=Markup(qr_svg(address, f"{ui['qr_label']}: {tree.title[language]}")),
            start_url=urls.relative(source, urls.start_source(tree.id)),
            answers_url=urls.relative(source, answers_source(case.id)),
            **self._neighbours(source, language, previous, following, case_source),
        )
        return self._page(source, "case", f"{ui['case']} {number}: {case.title[language]}", case, language, body)

    def route_view(self, source: str, route: Route, language: Language) -> dict[str, Any]:
        tree = self.rules.trees[route.tree]
        outcome = tree.nodes[route.outcome]
        assert isinstance(outcome, Outcome)
        return {
            "tree": tree.title[language],
            "tree_url": urls.relative(source, urls.start_source(tree.id)),
            "steps": [
                {
                    "question": step.question.question[language],
                    "answer": step.answer.label[language],
                    "url": urls.relative(source, urls.node_source(tree.id, step.question.id)),
                }
                for step in route.steps(tree)
            ],
            "outcome": outcome.heading[language],
            "outcome_url": urls.relative(source, urls.node_source(tree.id, outcome.id)),
        }

    def answer_sheet(self, case: Case, language: Language, previous: Case | None, following: Case | None) -> Any:
        source = answers_source(case.id)
        ui = ui_strings(language)
        number = self.number(case)
        registry: Mapping[str, Any] = self.rules.sources
        body = self.env.get_template("teaching_answers.html.j2").render(
            **page_context(language, source),
            case=case,
            number=number,
            tree=self.rules.trees[case.tree],
            questions=[{"question": q.question[language], "answer": q.answer[language]} for q in case.questions],
            routes=[self.route_view(source, route, language) for route in case.routes],
            sources=[registry[s] for s in case.sources if s in registry],
            worksheet_url=urls.relative(source, case_source(case.id)),
            **self._neighbours(source, language, previous, following, answers_source),
        )
        return self._page(
            source, "answers", f"{ui['answers_title']} {number}: {case.title[language]}", case, language, body
        )

    def _page(self, source: str, kind: str, title: str, case: Case, language: Language, body: str) -> TeachingPage:
        """A worksheet or an answer sheet: out of the menu and the search, the case's story as description."""
        return make_page(
            source,
            kind,
            title,
            case.story[language],
            self.cases.last_reviewed,
            body,
            in_nav=False,
            in_search=False,
            hide=["toc", "navigation"],
        )
