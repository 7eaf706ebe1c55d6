"""The teaching kit: an overview for teachers, case exercises, one-page handouts with QR codes, booklets, and
the materials of each session plan.

Everything here is made from the same sources as the guidance (the pages, data/rules.yml, data/cases.yml),
so the kit cannot drift from what the site says. Each part has its own module, which renders its pages from
Jinja2 templates (autoescaped) and imports nothing from MkDocs:

- common.py: the kit's addresses, the guidance in reading order (entries), the page every part makes;
- exercises.py: each case's worksheet and answer sheet (ExerciseRenderer);
- handouts.py: a one-page handout per guidance page and guide, and its line budget (HandoutRenderer);
- booklets.py: the whole guidance's booklet and the topic booklets (BookletRenderer);
- plans.py: the session plans' ``plan:`` front matter, its checks, and the materials it lists (PlanRenderer).

This module holds the teachers' overview and :class:`TeachingRenderer`, which composes the parts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from borgerguide.errors import Problem
from borgerguide.guidance.pages import GuidancePage
from borgerguide.languages import Language
from borgerguide.rules.model import Question, Rules
from borgerguide.site import urls
from borgerguide.site.render import template_environment
from borgerguide.site.strings import format_date, ui_strings
from borgerguide.teaching import booklets
from borgerguide.teaching.booklets import BookletRenderer, booklet_sources
from borgerguide.teaching.cases import Cases
from borgerguide.teaching.common import (
    TEACHING_ROOT,
    Entry,
    Guidance,
    TeachingPage,
    answers_source,
    booklet_source,
    case_source,
    guidance_entries,
    handout_source,
    is_teaching,
    make_page,
    nav_paths,
    overview_source,
    page_context,
    page_handout_source,
    tree_handout_source,
    volunteers_source,
)
from borgerguide.teaching.exercises import ExerciseRenderer, exercise_sources
from borgerguide.teaching.handouts import HandoutRenderer, Summary
from borgerguide.teaching.plans import Plan, PlanRenderer

# The kit's addresses, re-exported: callers find every teaching page's address here.
__all__ = [
    "TEACHING_ROOT",
    "Entry",
    "TeachingPage",
    "TeachingRenderer",
    "answers_source",
    "booklet_source",
    "booklet_sources",
    "case_source",
    "check_collisions",
    "generated_sources",
    "handout_source",
    "nav_paths",
    "overview_source",
    "page_handout_source",
    "tree_handout_source",
    "volunteers_source",
]


def generated_sources(rules: Rules, cases: Cases, pages: Iterable[str]) -> list[str]:
    entries = guidance_entries([], pages, rules.trees)
    sources = [overview_source(), *booklet_sources(), *exercise_sources(cases)]
    sources += [handout_source(entry) for entry in entries]
    return sources


def check_collisions(rules: Rules, cases: Cases, pages: Iterable[str]) -> list[Problem]:
    """A hand-written page may not take an address the kit generates: one of the two would silently vanish."""
    page_list = list(pages)
    generated = set(generated_sources(rules, cases, page_list))
    return [
        Problem(
            f"docs/{rules.languages.default}/{path}",
            None,
            f"the page takes the address of a generated teaching page ({urls.url_of(path) or '/'}).",
            hint="Give the page another file name; index.md, haefte.md, haefter/, oevelser/, svar/ and ark/ under "
            f"{TEACHING_ROOT}/ are made from the data.",
        )
        for path in sorted(generated & set(page_list))
    ]


class TeachingRenderer:
    """Every page of the kit, in every language: the overview here, the rest from each part's renderer."""

    def __init__(
        self,
        rules: Rules,
        pages: Mapping[Language, Mapping[str, GuidancePage]],
        cases: Cases,
        order: list[str],
        site_url: str,
        municipality_name: str = "",
        summaries: Mapping[Language, Mapping[str, Summary]] | None = None,
        plans: Mapping[Language, Mapping[str, Plan]] | None = None,
        nav: Any = None,
    ) -> None:
        self.rules = rules
        self.cases = cases
        self.order = order
        self.guidance = Guidance(rules, pages, guidance_entries(order, pages[rules.languages.default], rules.trees))
        env = template_environment()
        env.filters["date"] = format_date
        env.tests["instanceof_question"] = lambda node: isinstance(node, Question)
        self.env = env
        self.exercises = ExerciseRenderer(rules, cases, env, site_url)
        self.handouts = HandoutRenderer(
            self.guidance, summaries or {language: {} for language in rules.languages}, env, site_url, municipality_name
        )
        self.booklets = BookletRenderer(self.guidance, nav if nav is not None else [], env, municipality_name)
        self.plans = PlanRenderer(self.guidance, cases, plans or {language: {} for language in rules.languages}, env)

    def all_pages(self, language: Language) -> list[TeachingPage]:
        pages = [self.overview(language), *self.booklets.pages(language)]
        pages += self.exercises.pages(language)
        pages += self.handouts.pages(language)
        return pages

    def teacher_pages(self, language: Language) -> list[GuidancePage]:
        """The hand-written teaching pages (docs/<lang>/undervisning/), in menu order."""
        by_path = self.guidance.pages[language]
        written = [p for p in by_path if is_teaching(p)]
        ordered = [p for p in self.order if p in written] + sorted(p for p in written if p not in self.order)
        return [by_path[p] for p in dict.fromkeys(ordered)]

    def overview(self, language: Language) -> TeachingPage:
        source = overview_source()
        ui = ui_strings(language)
        body = self.env.get_template("teaching_overview.html.j2").render(
            **page_context(language, source),
            teacher_pages=[
                {"title": p.title, "description": p.description, "url": urls.relative(source, p.path)}
                for p in self.teacher_pages(language)
            ],
            cases=[
                {
                    "title": case.title[language],
                    "tree": self.rules.trees[case.tree].title[language],
                    "url": urls.relative(source, case_source(case.id)),
                }
                for case in self.cases
            ],
            handouts=[
                {
                    "title": self.guidance.title(entry, language),
                    "kind": entry.kind,
                    "url": urls.relative(source, handout_source(entry)),
                }
                for entry in self.guidance.entries
            ],
            booklet_url=urls.relative(source, booklet_source()),
            topic_booklets=[
                {"title": ui[topic.title_key], "url": urls.relative(source, topic.source)} for topic in booklets.TOPICS
            ],
        )
        return make_page(
            source,
            "overview",
            ui["teaching_title"],
            ui["teaching_description"],
            self.cases.last_reviewed,
            body,
            in_nav=True,
            in_search=False,  # the teacher finds it in the menu; citizens' search lists guidance
            hide=["toc"],
        )
