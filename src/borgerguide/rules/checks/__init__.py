"""Check the data files for shape and meaning, and build the model from them.

Every problem is collected before anything is raised, so an editor sees them all in one run. Each problem
names the file, the line and the node, and where a likely fix exists it says so ("did you mean ...?").

Each module checks one thing; each checker class adds its checks to the one before:
base (the problem list, locating) -> shape (keys, types, IDs) -> texts (every language, lengths, plain text)
-> references (contacts and their channels, sources, IDs that must exist: the Checker other data files use)
-> document (the rules file: trees, questions, answers, outcomes), whose routes graph.py checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from borgerguide.errors import Problem, RulesError
from borgerguide.languages import Languages
from borgerguide.rules.checks.document import RulesChecker
from borgerguide.rules.checks.references import Checker
from borgerguide.rules.model import Rules, Source

if TYPE_CHECKING:
    from borgerguide.municipality import Municipality


def build_sources(data: Any, file: str, languages: Languages) -> dict[str, Source]:
    """Validate the source registry (data/sources.yml): ID -> title and address."""
    checker = Checker(file, languages)
    sources = checker.source_registry(data, 1) if data is not None else {}
    if checker.problems:
        raise RulesError(checker.problems)
    return sources


def build_rules(
    data: Any,
    file: str,
    languages: Languages,
    known_pages: frozenset[str] | None = None,
    municipality: Municipality | None = None,
    sources: Mapping[str, Source] | None = None,
) -> Rules:
    """Validate a parsed rules document and return the model, or raise RulesError with every problem.

    With ``municipality``, contacts that refer to it take their channels from it; without, they keep none
    (enough to check the rules alone, as the benchmarks and the fuzz tests do).
    """
    checker = RulesChecker(file, languages, known_pages, municipality, sources)
    rules = checker.document(data)
    if checker.problems or rules is None:
        raise RulesError(checker.problems or [Problem(file, None, "the rules file is empty.")])
    return rules
