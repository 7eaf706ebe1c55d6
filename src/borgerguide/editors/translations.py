"""Translations: per language other than the default, what is not translated yet and which translated pages
were last reviewed before their default-language page.

The build stops on a missing translation; this report is the translator's to-do list, readable while the build
is broken: it reads the files themselves (pages, the data files' texts, the interface strings), not the
checked project. Every item is located where the text to translate stands (the default-language page, the line
of the text in a data file, the default strings file), except a stale page, which is located at the
translation's ``last_reviewed``.

Only pages have a review date per language. The data files (and each outcome) have one ``last_reviewed`` for all
languages, so they cannot tell an old translation from a new one; their texts are reported only when missing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from borgerguide.errors import Problem, RulesError
from borgerguide.guidance.glossary import GLOSSARY_FILE
from borgerguide.guidance.pages import front_matter_line, read_front_matter
from borgerguide.languages import Language, Languages
from borgerguide.project import RULES_FILE, municipality_path
from borgerguide.rules.checks.base import line_of
from borgerguide.rules.load import read_yaml
from borgerguide.site.strings import STRINGS_FOLDER, StringsFile, missing_keys, read_strings_files
from borgerguide.teaching.cases import CASES_FILE

# The data files with texts per language, in the order the report lists them (with the municipality's file,
# data/municipality.yml unless BORGERGUIDE_MUNICIPALITY names another, after the rules).
DATA_FILES = (RULES_FILE, CASES_FILE, GLOSSARY_FILE)
# How a section's entries are named in an item: "tree hjaelp / node mitid-faa / answer 2 / label".
_ENTRY_NAMES = {
    "trees": "tree",
    "nodes": "node",
    "contacts": "contact",
    "cases": "case",
    "terms": "term",
    "answers": "answer",
    "questions": "question",
    "next_steps": "next step",
}


@dataclass(frozen=True)
class TranslationItem:
    """One text to translate, or one translated page to bring up to date."""

    file: str  # the file an editor opens
    line: int | None
    what: str  # what it is: "page 'MitID' (docs/en/mitid.md)", "tree hjaelp / node x / question"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class LanguageReport:
    language: Language
    label: str  # "English (en)"
    missing: tuple[TranslationItem, ...]
    stale: tuple[TranslationItem, ...]


@dataclass(frozen=True)
class TranslationReport:
    default_label: str  # "Dansk (da)"
    languages: tuple[LanguageReport, ...]  # every language but the default, in configured order
    problems: tuple[Problem, ...]  # files that could not be read, so the report may be incomplete

    @property
    def complete(self) -> bool:
        """Nothing missing and every file read: only stale pages (or nothing) to report."""
        return not self.problems and not any(report.missing for report in self.languages)


def translation_report(root: Path, languages: Languages) -> TranslationReport:
    """What is missing or out of date in each language of the project at ``root`` but the default."""
    problems: list[Problem] = []
    data = {}
    files = [(root / name, name) for name in DATA_FILES]
    files.insert(1, municipality_path(root))  # the municipality's own texts (opening hours), as the build reads it
    for path, name in files:
        if path.is_file():
            try:
                data[name] = read_yaml(path, name)
            except RulesError as error:
                problems.extend(error.problems)
    folder: Traversable = root / STRINGS_FOLDER
    if not (root / STRINGS_FOLDER).is_dir():
        folder = resources.files("borgerguide.site").joinpath("strings")
    strings, unreadable = read_strings_files(languages, folder)
    # A translation's strings file that does not exist yet is an item of its language, not a problem.
    absent = {language for language in languages.others(languages.default) if language not in strings}
    absent = {language for language in absent if not folder.joinpath(f"{language}.yml").is_file()}
    absent_files = {f"{STRINGS_FOLDER}/{language}.yml" for language in absent}
    problems.extend(problem for problem in unreadable if problem.file not in absent_files)
    reports = []
    for language in languages.others(languages.default):
        missing = [*_missing_pages(root / "docs", languages, language)]
        for name, content in data.items():
            missing.extend(_missing_texts(content, name, languages.default, language))
        missing.extend(_missing_strings(strings, languages, language, language in absent))
        reports.append(
            LanguageReport(
                language,
                languages.label(language),
                tuple(missing),
                tuple(_stale_pages(root / "docs", languages, language)),
            )
        )
    return TranslationReport(languages.label(languages.default), tuple(reports), tuple(problems))


# -- pages ------------------------------------------------------------------------------------------------


def _page_paths(docs: Path, language: Language) -> list[str]:
    folder = docs / language
    return sorted(file.relative_to(folder).as_posix() for file in folder.rglob("*.md")) if folder.is_dir() else []


def _reviewed(file: Path, display: str) -> tuple[datetime.date | None, int]:
    """A page's last_reviewed and its line; None when the front matter has no valid date (the build says why)."""
    meta, found = read_front_matter(file, display)
    reviewed = meta.get("last_reviewed")
    line = front_matter_line(file.read_text("utf-8"), "last_reviewed")
    return (reviewed if isinstance(reviewed, datetime.date) and not found else None), line


def _title(file: Path, display: str) -> str:
    meta, _ = read_front_matter(file, display)
    title = meta.get("title")
    return str(title).strip() if isinstance(title, str) and title.strip() else file.stem


def _missing_pages(docs: Path, languages: Languages, language: Language) -> Iterator[TranslationItem]:
    """Each default-language page without its translation, located at the page to translate."""
    default = languages.default
    translated = set(_page_paths(docs, language))
    for path in _page_paths(docs, default):
        if path not in translated:
            source = f"docs/{default}/{path}"
            title = _title(docs / default / path, source)
            yield TranslationItem(source, 1, f"page '{title}': create docs/{language}/{path}")


def _stale_pages(docs: Path, languages: Languages, language: Language) -> Iterator[TranslationItem]:
    """Each translated page whose last_reviewed is before its default-language page's."""
    default = languages.default
    translated = set(_page_paths(docs, language))
    for path in _page_paths(docs, default):
        if path not in translated:
            continue
        source, target = f"docs/{default}/{path}", f"docs/{language}/{path}"
        original, _ = _reviewed(docs / default / path, source)
        translation, line = _reviewed(docs / language / path, target)
        if original is not None and translation is not None and translation < original:
            yield TranslationItem(
                target,
                line,
                f"reviewed {translation.isoformat()}, but {source} was reviewed {original.isoformat()}: "
                "compare the two, update the translation and its last_reviewed",
            )


# -- texts in the data files ------------------------------------------------------------------------------


def _is_text(value: Any, default: Language) -> bool:
    """A text written per language: a mapping with the default language's text (``da: ...``)."""
    return isinstance(value, Mapping) and isinstance(value.get(default), str)


def _lacks(text: Mapping[Any, Any], language: Language) -> bool:
    value = text.get(language)
    return not isinstance(value, str) or not value.strip()


def _name(path: tuple[Any, ...]) -> str:
    """The item's place in the file as the build's messages name it: "tree hjaelp / node x / answer 2 / label"."""
    parts: list[str] = []
    index = 0
    while index < len(path):
        step = path[index]
        entry = _ENTRY_NAMES.get(step) if isinstance(step, str) else None
        if entry is not None and index + 1 < len(path):
            following = path[index + 1]
            parts.append(f"{entry} {following + 1 if isinstance(following, int) else following}")
            index += 2
        else:
            parts.append(str(step + 1) if isinstance(step, int) else str(step))
            index += 1
    return " / ".join(parts)


def _texts(data: Any, path: tuple[Any, ...], default: Language) -> Iterator[tuple[tuple[Any, ...], Any, int | None]]:
    """Every text in ``data``: its path, the mapping of its languages and the line it starts on."""
    if isinstance(data, Mapping):
        items: Iterator[tuple[Any, Any]] = iter(data.items())
    elif isinstance(data, list):
        items = iter(enumerate(data))
    else:
        return
    for key, value in items:
        if _is_text(value, default):
            yield (*path, key), value, line_of(data, key)
        else:
            yield from _texts(value, (*path, key), default)


def _missing_texts(data: Any, file: str, default: Language, language: Language) -> Iterator[TranslationItem]:
    for path, text, line in _texts(data, (), default):
        if _lacks(text, language):
            yield TranslationItem(file, line, _name(path))


# -- interface strings ------------------------------------------------------------------------------------


def _missing_strings(
    files: Mapping[Language, StringsFile], languages: Languages, language: Language, absent: bool
) -> Iterator[TranslationItem]:
    """Each interface text the language's strings file lacks, located at the default file's text; the whole
    file when it does not exist yet (a file that cannot be read is a problem of the report instead)."""
    reference = files.get(languages.default)
    if reference is None:
        return
    target = f"{STRINGS_FOLDER}/{language}.yml"
    translation = files.get(language)
    if translation is None:
        if not absent:
            return
        yield TranslationItem(reference.display, None, f"every interface text: create {target}")
        return
    for key in missing_keys(reference, translation):
        yield TranslationItem(
            reference.display, reference.lines.get(key), f"interface text '{key}': add it to {target}"
        )
