"""The term list (data/terms.yml): words the site uses consistently, and the slips it does not make.

Every "avoid" phrase is looked for in the pages of its language and in the data files, and each slip is
reported with file, line and the word to use instead. Phrases are plain text, not patterns, so editors
can add to the list without learning a pattern language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from borgerguide.errors import Problem, RulesError
from borgerguide.languages import Languages, read_languages
from borgerguide.rules.checks.base import line_of
from borgerguide.rules.checks.references import Checker
from borgerguide.rules.load import read_yaml

TERMS_FILE = "data/terms.yml"
TERM_KEYS = {"avoid": True, "use": True, "why": True, "language": True, "case_sensitive": False}
# Data files whose texts are checked; each holds every language, so every term applies to them.
DATA_FILES = ("data/rules.yml", "data/cases.yml", "data/municipality.yml", "data/glossary.yml")


@dataclass(frozen=True)
class Term:
    avoid: str
    use: str
    why: str
    language: str
    case_sensitive: bool = False

    @property
    def pattern(self) -> re.Pattern[str]:
        # Whole words only, so "afmelde" does not match inside a longer word that means something else.
        flags = 0 if self.case_sensitive else re.IGNORECASE
        return re.compile(r"(?<![\w-])" + re.escape(self.avoid) + r"(?![\w])", flags)


def load_terms(path: Path, languages: Languages, display_name: str = TERMS_FILE) -> list[Term]:
    data = read_yaml(path, display_name)
    checker = Checker(display_name, languages)
    if not isinstance(data, list):
        raise RulesError([Problem(display_name, 1, "the term list must be a list of '- avoid: ...' items.")])
    terms = []
    for index, item in enumerate(data):
        line = line_of(data, index)
        fields = checker.mapping(item, line, f"term {index + 1}", None)
        if fields is None:
            continue
        checker.keys(fields, TERM_KEYS, f"term {index + 1}", None, line)
        values = {key: checker.string(fields, key, None) for key in ("avoid", "use", "why", "language")}
        if values["language"] is not None and values["language"] not in languages:
            checker.problem(
                line_of(fields, "language"),
                f"unknown language '{values['language']}'.",
                None,
                f"Use one of: {', '.join(languages)}.",
            )
        if all(values.values()):
            terms.append(Term(**values, case_sensitive=fields.get("case_sensitive") is True))  # type: ignore[arg-type]
    if checker.problems:
        raise RulesError(checker.problems)
    return terms


def _language_key(languages: Languages) -> re.Pattern[str]:
    """In the data files a text follows its language key: "da: ..." on its own line or "{da: ..., en: ...}"."""
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(code) for code in languages) + r"):\s")


def _segments(line: str, language: str | None, language_key: re.Pattern[str]) -> list[tuple[str, str]]:
    """The parts of a line and the language each is written in; in a page, the page's language."""
    if language is not None:
        return [(language, line)]
    keys = list(language_key.finditer(line))
    return [
        (key.group(1), line[key.end() : keys[index + 1].start() if index + 1 < len(keys) else len(line)])
        for index, key in enumerate(keys)
    ]


def _slips(
    text: str, display: str, terms: list[Term], language: str | None, language_key: re.Pattern[str]
) -> list[Problem]:
    """Slips in one file; ``language`` is the page's language, or None for a data file with both."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if language is None and line.lstrip().startswith("#"):
            continue
        for segment_language, segment in _segments(line, language, language_key):
            for term in terms:
                if term.language != segment_language:
                    continue
                problems.extend(_found(term, segment, display, number))
    return problems


def _found(term: Term, text: str, display: str, number: int) -> list[Problem]:
    problems = []
    for match in term.pattern.finditer(text):
        problems.append(
            Problem(
                display,
                number,
                f"'{match.group(0)}' is not the site's word here.",
                hint=f"Write '{term.use}'. {term.why}",
            )
        )
    return problems


def term_slips(root: Path, terms: list[Term] | None = None) -> list[Problem]:
    """Every use of an "avoid" phrase in the pages and data files, located, with the word to use."""
    languages = read_languages(root)
    terms = load_terms(root / TERMS_FILE, languages) if terms is None else terms
    language_key = _language_key(languages)
    problems: list[Problem] = []
    for language in languages:
        for page in sorted((root / "docs" / language).rglob("*.md")):
            display = page.relative_to(root).as_posix()
            problems.extend(_slips(page.read_text("utf-8"), display, terms, language, language_key))
    for name in DATA_FILES:
        path = root / name
        if path.is_file():
            problems.extend(_slips(path.read_text("utf-8"), name, terms, None, language_key))
    return problems
