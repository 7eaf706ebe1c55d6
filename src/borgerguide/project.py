"""Load a whole project at once: the languages it is written in, the municipality file, the guidance pages,
the sources, the rules, the glossary, the teaching cases and the interface strings.

Every problem of every input is reported together, so an editor who broke a page, the rules file and a case
sees all three in one run. What is only unset (a phone number the municipality has not published yet) is not an
error here: it is collected as ``not_ready`` for the publishing gate.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from borgerguide.errors import Problem, RulesError
from borgerguide.guidance.glossary import GLOSSARY_FILE, SiteGlossary, build_site_glossary, load_glossary
from borgerguide.guidance.pages import GuidancePage, load_pages, source_problems
from borgerguide.languages import Language, Languages
from borgerguide.municipality import MUNICIPALITY_FILE, Municipality, load_municipality, publishing_problems
from borgerguide.rules.load import load_rules, load_sources
from borgerguide.rules.model import Contact, Rules, Text
from borgerguide.site.strings import strings_problems
from borgerguide.teaching.cases import CASES_FILE, Cases, load_cases
from borgerguide.teaching.kit import check_collisions
from borgerguide.teaching.plans import Plan, check_plans, read_plans

RULES_FILE = "data/rules.yml"
SOURCES_FILE = "data/sources.yml"
# Tests and other municipalities' trials point the build at another municipality file with this variable.
MUNICIPALITY_ENV = "BORGERGUIDE_MUNICIPALITY"
_T = TypeVar("_T")


@dataclass(frozen=True, eq=False)
class Project:
    languages: Languages
    municipality: Municipality
    pages: dict[Language, dict[str, GuidancePage]]
    rules: Rules
    not_ready: list[Problem]  # what stops publishing; empty when the site may go live
    cases: Cases | None = None  # the teaching kit's exercises (data/cases.yml); None without the file
    # The glossary with where each term is used, when loaded with a Markdown converter (the site's build).
    glossary: SiteGlossary | None = None
    # The session plans per language and page (teaching pages with a ``plan:``), checked against the cases.
    plans: Mapping[Language, Mapping[str, Plan]] = field(default_factory=dict)

    @property
    def footer_contact(self) -> Contact:
        """The contact whose details stand in every footer: the rules' contact for the municipality entry."""
        entry = self.municipality.footer_contact
        for contact in self.rules.contacts.values():
            if contact.municipality == entry:
                return contact
        details = self.municipality.contacts[entry]
        name = Text(dict.fromkeys(self.languages, self.municipality.name))
        return Contact(entry, name, phone=details.phone, address=details.address)


def municipality_path(root: Path) -> tuple[Path, str]:
    configured = os.environ.get(MUNICIPALITY_ENV)
    if configured:
        path = Path(configured)
        path = path if path.is_absolute() else root / path
        return path, configured
    return root / MUNICIPALITY_FILE, MUNICIPALITY_FILE


def load_project(
    root: Path,
    languages: Languages,
    docs_dir: Path | None = None,
    to_html: Callable[[str], str] | None = None,
) -> Project:
    """Read and check every input of the project in ``languages`` (the adapter passes the site's
    configuration; tools use :func:`borgerguide.languages.read_languages`); raise RulesError with every
    problem found in all of them.

    ``to_html`` turns a page's Markdown into HTML as the site does; with it the glossary is checked against
    the pages too (a term no page uses), without it only the glossary file itself is checked.
    """
    problems: list[Problem] = []
    docs = docs_dir or root / "docs"
    path, display = municipality_path(root)
    municipality = pages = rules = sources = cases = glossary = None
    plans: Mapping[Language, Mapping[str, Plan]] = {}

    def attempt(load: Callable[[], _T]) -> _T | None:
        try:
            return load()
        except RulesError as error:
            problems.extend(error.problems)
            return None

    problems.extend(strings_problems(languages))
    sources = attempt(lambda: load_sources(root / SOURCES_FILE, SOURCES_FILE, languages))
    municipality = attempt(lambda: load_municipality(path, languages, display))
    pages = attempt(lambda: load_pages(docs, languages))
    known = frozenset(pages[languages.default]) if pages is not None else None
    rules = attempt(
        lambda: load_rules(
            root / RULES_FILE,
            known_pages=known,
            display_name=RULES_FILE,
            municipality=municipality,
            sources=sources if sources is not None else {},
            languages=languages,
        )
    )
    # The cases are checked alone when the rules are broken, so their own problems show in the same run.
    # A project without data/cases.yml (another municipality's trial, the benchmark) has no teaching kit.
    if (root / CASES_FILE).is_file():
        cases = attempt(lambda: load_cases(root / CASES_FILE, rules, CASES_FILE, languages, sources))
    checked_glossary = False
    if rules is not None and pages is not None:
        problems.extend(source_problems(pages, rules.sources))
        if cases is not None:
            problems.extend(check_collisions(rules, cases, pages[languages.default]))
            # A session plan may only name exercises, handouts and guides that exist.
            plans, found = read_plans(docs, languages)
            problems.extend(found)
            problems.extend(check_plans(plans, cases.cases, pages[languages.default], rules.trees))
        if to_html is not None:
            glossary = attempt(lambda: build_site_glossary(root, docs, rules, pages, to_html))
            checked_glossary = True
    # Without the pages in HTML (tools, or broken rules or pages) the glossary file is still checked alone,
    # so a term missing a translation is reported by every tool that loads the project.
    if not checked_glossary and (root / GLOSSARY_FILE).is_file():
        attempt(lambda: load_glossary(root / GLOSSARY_FILE, languages, GLOSSARY_FILE, sources))
    if municipality is not None and rules is not None:
        problems.extend(_municipal_source_problems(municipality, rules))
    if problems or municipality is None or pages is None or rules is None:
        raise RulesError(problems)
    return Project(
        languages,
        municipality,
        pages,
        rules,
        publishing_problems(municipality, rules, RULES_FILE),
        cases,
        glossary,
        plans,
    )


def _municipal_source_problems(municipality: Municipality, rules: Rules) -> list[Problem]:
    return [
        Problem(
            municipality.file,
            details.line,
            f"unknown source '{source}' for '{key}'.",
            f"contacts / {key}",
            f"Add the source to {SOURCES_FILE} first.",
        )
        for key, details in municipality.contacts.items()
        for source in details.sources
        if source not in rules.sources
    ]
