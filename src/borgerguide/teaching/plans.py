"""Session plans: teaching pages (docs/<lang>/undervisning/*.md) whose front matter holds a ``plan:``.

A plan names the exercises (case IDs from data/cases.yml), the handouts (a guidance page's path such as
``mitid.md``, or a guide's tree ID) and the guides (tree IDs) a session uses. The build checks every name, so a
plan can never send a teacher to an exercise or a handout that does not exist, and the page shows the materials
as links made from the same names (nothing retyped).

    plan:
      minutes: 90
      exercises: [hanne-mitid, mads-mitid-app]
      handouts: [mitid.md, hjaelp]
      guides: [hjaelp]

:class:`PlanRenderer` inserts those links into the plan's page, before its first sub-heading.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from borgerguide.errors import Problem
from borgerguide.guidance.pages import read_front_matter
from borgerguide.languages import Language, Languages
from borgerguide.rules.checks.base import suggest
from borgerguide.site import urls
from borgerguide.site.strings import ui_strings
from borgerguide.teaching.cases import Cases
from borgerguide.teaching.common import (
    TEACHING_ROOT,
    Entry,
    Guidance,
    case_source,
    handout_source,
    one_block,
    volunteers_source,
)

LISTS = ("exercises", "handouts", "guides")


@dataclass(frozen=True)
class Plan:
    """The materials one session plan names, with where each list is written (for messages)."""

    path: str  # language-neutral, e.g. "undervisning/forloeb-mitid-digital-post.md"
    language: Language
    minutes: int | None
    exercises: tuple[str, ...]
    handouts: tuple[str, ...]
    guides: tuple[str, ...]
    lines: Mapping[str, int]

    @property
    def display(self) -> str:
        return f"docs/{self.language}/{self.path}"


def _line_of(text: str, key: str, after: int) -> int:
    """The line of ``key:`` inside the plan block (the first one after line ``after``)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number > after and line.strip().startswith(f"{key}:"):
            return number
    return after or 1


def read_plan(file: Path, path: str, language: Language) -> tuple[Plan | None, list[Problem]]:
    """The plan of one page, or None when the page has no ``plan:``; problems for a malformed plan."""
    display = f"docs/{language}/{path}"
    meta, problems = read_front_matter(file, display)
    if problems or "plan" not in meta:
        return None, []
    text = file.read_text("utf-8")
    start = _line_of(text, "plan", 0)
    raw = meta["plan"]
    if not isinstance(raw, dict):
        return None, [
            Problem(
                display,
                start,
                "'plan' must list the materials: exercises:, handouts: and guides:.",
                "plan",
                "Write e.g. 'plan:' and under it '  exercises: [hanne-mitid]'.",
            )
        ]
    found: list[Problem] = []
    unknown = sorted(set(raw) - {"minutes", *LISTS})
    for key in unknown:
        guess = suggest(key, ["minutes", *LISTS])
        found.append(
            Problem(
                display,
                _line_of(text, key, start),
                f"'plan' has an unknown key '{key}'.",
                f"plan / {key}",
                f"Did you mean '{guess}'?" if guess else "Use minutes:, exercises:, handouts: and guides:.",
            )
        )
    lists: dict[str, tuple[str, ...]] = {}
    for key in LISTS:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            found.append(
                Problem(
                    display,
                    _line_of(text, key, start),
                    f"'{key}' must be a list of IDs, e.g. {key}: [a, b].",
                    f"plan / {key}",
                )
            )
            value = []
        lists[key] = tuple(value)
    minutes = raw.get("minutes")
    if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0):
        found.append(
            Problem(display, _line_of(text, "minutes", start), "'minutes' must be a whole number.", "plan / minutes")
        )
        minutes = None
    lines = {key: _line_of(text, key, start) for key in LISTS}
    plan = Plan(path, language, minutes, lists["exercises"], lists["handouts"], lists["guides"], lines)
    return plan, found


def read_plans(docs_dir: Path, languages: Languages) -> tuple[dict[Language, dict[str, Plan]], list[Problem]]:
    """Every session plan of every language, keyed by the page's language-neutral path."""
    plans: dict[Language, dict[str, Plan]] = {language: {} for language in languages}
    problems: list[Problem] = []
    for language in languages:
        root = docs_dir / language / TEACHING_ROOT
        if not root.is_dir():
            continue
        for file in sorted(root.rglob("*.md")):
            path = file.relative_to(docs_dir / language).as_posix()
            plan, found = read_plan(file, path, language)
            problems += found
            if plan is not None:
                plans[language][path] = plan
    return plans, problems


def _unknown(display: str, line: int, key: str, ident: str, what: str, known: Collection[str]) -> Problem:
    guess = suggest(ident, known)
    listed = ", ".join(sorted(known))
    hint = f"Did you mean '{guess}'? " if guess else ""
    return Problem(
        display,
        line,
        f"the plan names {what} '{ident}', which does not exist.",
        f"plan / {key}",
        f"{hint}These exist: {listed}.",
    )


def check_plans(
    plans: Mapping[Language, Mapping[str, Plan]],
    case_ids: Collection[str],
    page_paths: Iterable[str],
    tree_ids: Collection[str],
) -> list[Problem]:
    """Every exercise, handout and guide a plan names must exist; each unknown name is a located problem."""
    guidance = sorted(p for p in page_paths if not p.startswith(f"{TEACHING_ROOT}/"))
    handout_keys = [*guidance, *tree_ids]
    problems: list[Problem] = []
    for by_path in plans.values():
        for plan in by_path.values():
            for ident in plan.exercises:
                if ident not in case_ids:
                    problems.append(
                        _unknown(plan.display, plan.lines["exercises"], "exercises", ident, "the exercise", case_ids)
                    )
            for ident in plan.handouts:
                if ident not in handout_keys:
                    problems.append(
                        _unknown(
                            plan.display,
                            plan.lines["handouts"],
                            "handouts",
                            ident,
                            "the handout (a page path or a guide ID)",
                            handout_keys,
                        )
                    )
            for ident in plan.guides:
                if ident not in tree_ids:
                    problems.append(
                        _unknown(plan.display, plan.lines["guides"], "guides", ident, "the guide", tree_ids)
                    )
    return problems


class PlanRenderer:
    """Renders the materials of each session plan into the plan's own page."""

    def __init__(
        self, guidance: Guidance, cases: Cases, plans: Mapping[Language, Mapping[str, Plan]], env: Environment
    ) -> None:
        self.guidance = guidance
        self.rules = guidance.rules
        self.cases = cases
        self.plans = plans
        self.env = env

    def materials(self, plan: Plan, source: str, language: Language) -> str:
        """The materials a plan names, as links (HTML), with the volunteers' rules."""
        ui = ui_strings(language)
        cases = [self.cases.cases[c] for c in plan.exercises if c in self.cases.cases]
        numbers = {case_id: index for index, case_id in enumerate(self.cases.cases, start=1)}
        entries = [Entry("tree" if key in self.rules.trees else "page", key) for key in plan.handouts]
        return self.env.get_template("teaching_plan_materials.html.j2").render(
            ui=ui,
            minutes=plan.minutes,
            exercises=[
                {
                    "title": f"{ui['case']} {numbers[c.id]}: {c.title[language]}",
                    "url": urls.relative(source, case_source(c.id)),
                }
                for c in cases
            ],
            handouts=[
                {"title": self.guidance.title(e, language), "url": urls.relative(source, handout_source(e))}
                for e in entries
            ],
            guides=[
                {"title": self.rules.trees[t].title[language], "url": urls.relative(source, urls.start_source(t))}
                for t in plan.guides
                if t in self.rules.trees
            ],
            volunteers_url=urls.relative(source, volunteers_source()),
        )

    def with_materials(self, markdown: str, source: str, language: Language) -> str:
        """A session plan's Markdown with its materials inserted before its first sub-heading."""
        plan = self.plans.get(language, {}).get(source)
        if plan is None:
            return markdown
        block = "\n" + one_block(self.materials(plan, source, language)) + "\n\n"
        match = re.search(r"^## ", markdown, re.MULTILINE)
        if match is None:
            return markdown + "\n\n" + block
        return markdown[: match.start()] + block + markdown[match.start() :]
