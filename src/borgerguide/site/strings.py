"""Interface strings: one YAML file per configured language (strings/<code>.yml), the same keys in each."""

from __future__ import annotations

import datetime
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


def strings_problems(languages: Languages) -> list[Problem]:
    """Every configured language needs its strings file with every key of the default language's file: a
    missing one would show a blank button or heading. Each problem names the file, the key and the language."""
    files: dict[Language, tuple[dict[str, Any], dict[str, int]]] = {}
    problems: list[Problem] = []
    for language in languages:
        display = f"{STRINGS_FOLDER}/{language}.yml"
        source = _strings_file(language)
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
        files[language] = (data, _key_lines(text))
    if languages.default not in files:
        return problems
    reference, reference_lines = files[languages.default]
    for language, (data, lines) in files.items():
        display = f"{STRINGS_FOLDER}/{language}.yml"
        for key in reference:
            value = data.get(key)
            if key not in data or value is None or value == "":
                problems.append(
                    Problem(
                        display,
                        lines.get(key),
                        f"the {languages.label(language)} interface text '{key}' is missing.",
                        hint=f"Add '{key}:' with the translation of line {reference_lines.get(key)} of "
                        f"{languages.default}.yml.",
                    )
                )
        for key in data:
            if key not in reference:
                problems.append(
                    Problem(
                        display,
                        lines.get(key),
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
