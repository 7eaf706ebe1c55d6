"""Interface strings: one YAML file per configured language (strings/<code>.yml), the same keys in each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from borgerguide.errors import Problem
from borgerguide.languages import Language, Languages

STRINGS_FOLDER = "src/borgerguide/site/strings"


def _strings_file(language: Language) -> Traversable:
    return resources.files("borgerguide.site").joinpath(f"strings/{language}.yml")


@cache
def ui_strings(language: Language) -> dict[str, Any]:
    """The fixed interface texts (button labels, headings) of one language."""
    return dict(yaml.safe_load(_strings_file(language).read_text("utf-8")))


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key, for messages an editor can act on."""
    lines = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line and not line[0].isspace() and not line.startswith("#") and ":" in line:
            lines[line.split(":", 1)[0].strip().strip("'\"")] = number
    return lines


@dataclass(frozen=True)
class StringsFile:
    """One language's strings file as read: its texts by key and the line of each key."""

    display: str  # the path an editor opens, e.g. src/borgerguide/site/strings/en.yml
    texts: dict[str, Any]
    lines: dict[str, int]


def read_strings_files(
    languages: Languages, folder: Traversable | None = None
) -> tuple[dict[Language, StringsFile], list[Problem]]:
    """The strings file of every configured language that can be read, and a problem for each that cannot.

    ``folder`` holds the files (``<code>.yml``); without it, the package's own strings folder."""
    source_folder = folder if folder is not None else resources.files("borgerguide.site").joinpath("strings")
    files: dict[Language, StringsFile] = {}
    problems: list[Problem] = []
    for language in languages:
        display = f"{STRINGS_FOLDER}/{language}.yml"
        source = source_folder.joinpath(f"{language}.yml")
        if not source.is_file():
            problems.append(
                Problem(
                    display,
                    None,
                    f"the interface strings of {languages.label(language)} are missing.",
                    hint=f"Copy {STRINGS_FOLDER}/{languages.default}.yml to {language}.yml and translate every text.",
                )
            )
            continue
        text = source.read_text("utf-8")
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problems.append(Problem(display, mark.line + 1 if mark else None, f"YAML syntax error: {error}."))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(display, 1, "the file must be 'key: text' lines."))
            continue
        files[language] = StringsFile(display, data, _key_lines(text))
    return files, problems


def missing_keys(reference: StringsFile, translation: StringsFile) -> list[str]:
    """The keys of the default language's file that the translation lacks or leaves empty, in file order."""
    return [key for key in reference.texts if translation.texts.get(key) in (None, "")]


def strings_problems(languages: Languages, folder: Traversable | None = None) -> list[Problem]:
    """Every configured language needs its strings file with every key of the default language's file: a
    missing one would show a blank button or heading. A missing text is located where the default language's
    text stands (the text to translate), and names the file to add it to and the language."""
    files, problems = read_strings_files(languages, folder)
    if languages.default not in files:
        return problems
    reference = files[languages.default]
    for language, translation in files.items():
        name = languages.label(language)
        for key in missing_keys(reference, translation):
            problems.append(
                Problem(
                    reference.display,
                    reference.lines.get(key),
                    f"the interface text '{key}' has no {name} text in {language}.yml.",
                    hint=f"Add '{key}:' with the {name} translation to {translation.display}.",
                )
            )
        for key in translation.texts:
            if key not in reference.texts:
                problems.append(
                    Problem(
                        translation.display,
                        translation.lines.get(key),
                        f"the interface text '{key}' is not in {languages.default}.yml.",
                        hint="Remove it, or add it to every strings file if the site needs it.",
                    )
                )
    return problems


def format_date(value: datetime.date | str, language: Language) -> str:
    """A date as people write it: "26. november 2026" / "26 November 2026"."""
    date = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    ui = ui_strings(language)
    return ui["date_format"].format(day=date.day, month=ui["months"][date.month - 1], year=date.year)
