"""Load a whole project at once: the municipality file, the guidance pages and the rules.

Every problem of every input is reported together, so an editor who broke a page and the rules file sees
both in one run. What is only unset (a phone number the municipality has not published yet) is not an error
here: it is collected as ``not_ready`` for the publishing gate.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from borgerguide.errors import Problem, RulesError
from borgerguide.guidance.pages import GuidancePage, load_pages, source_problems
from borgerguide.municipality import MUNICIPALITY_FILE, Municipality, load_municipality, publishing_problems
from borgerguide.rules.load import load_rules, load_sources
from borgerguide.rules.model import LANGUAGES, Contact, Language, Rules, Text

RULES_FILE = "data/rules.yml"
SOURCES_FILE = "data/sources.yml"
# Tests and other municipalities' trials point the build at another municipality file with this variable.
MUNICIPALITY_ENV = "BORGERGUIDE_MUNICIPALITY"


@dataclass(frozen=True, eq=False)
class Project:
    municipality: Municipality
    pages: dict[Language, dict[str, GuidancePage]]
    rules: Rules
    not_ready: list[Problem]  # what stops publishing; empty when the site may go live

    @property
    def footer_contact(self) -> Contact:
        """The contact whose details stand in every footer: the rules' contact for the municipality entry."""
        entry = self.municipality.footer_contact
        for contact in self.rules.contacts.values():
            if contact.municipality == entry:
                return contact
        details = self.municipality.contacts[entry]
        name = Text(**dict.fromkeys(LANGUAGES, self.municipality.name))
        return Contact(entry, name, phone=details.phone, address=details.address)


def municipality_path(root: Path) -> tuple[Path, str]:
    configured = os.environ.get(MUNICIPALITY_ENV)
    if configured:
        path = Path(configured)
        path = path if path.is_absolute() else root / path
        return path, configured
    return root / MUNICIPALITY_FILE, MUNICIPALITY_FILE


def load_project(root: Path, docs_dir: Path | None = None) -> Project:
    """Read and check every input of the project; raise RulesError with every problem found in all of them."""
    problems: list[Problem] = []
    path, display = municipality_path(root)
    municipality = pages = rules = sources = None
    try:
        sources = load_sources(root / SOURCES_FILE, SOURCES_FILE)
    except RulesError as error:
        problems.extend(error.problems)
    try:
        municipality = load_municipality(path, display)
    except RulesError as error:
        problems.extend(error.problems)
    try:
        pages = load_pages(docs_dir or root / "docs")
    except RulesError as error:
        problems.extend(error.problems)
    known = frozenset(pages[LANGUAGES[0]]) if pages is not None else None
    try:
        rules = load_rules(
            root / RULES_FILE,
            known_pages=known,
            display_name=RULES_FILE,
            municipality=municipality,
            sources=sources if sources is not None else {},
        )
    except RulesError as error:
        problems.extend(error.problems)
    if pages is not None and rules is not None:
        problems.extend(source_problems(pages, rules.sources))
    if municipality is not None and rules is not None:
        problems.extend(_municipal_source_problems(municipality, rules))
    if problems or municipality is None or pages is None or rules is None:
        raise RulesError(problems)
    return Project(municipality, pages, rules, publishing_problems(municipality, rules, RULES_FILE))


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
