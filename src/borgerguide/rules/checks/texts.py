"""Text checks: a text is written in every configured language, in no other, as plain text of a readable
length. Shared by every data file with texts."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from borgerguide.languages import Languages
from borgerguide.rules.checks.base import describe, line_of, suggest
from borgerguide.rules.checks.shape import ShapeChecker
from borgerguide.rules.model import Text

# Longest text, in characters, per kind: long labels break the large answer buttons on a phone and are
# hard to read; the limits leave room for plain sentences.
MAX_LENGTH = {"label": 80, "question": 160, "heading": 120, "title": 100, "name": 80}
DEFAULT_MAX_LENGTH = 1200

MARKUP_PATTERN = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&#?\w+;|javascript:", re.IGNORECASE)


class TextChecker(ShapeChecker):
    """Reads texts written per language (``da: ...``, ``en: ...``) in the languages of the site."""

    def __init__(self, file: str, languages: Languages) -> None:
        super().__init__(file)
        self.languages = languages

    def text(self, data: Mapping[Any, Any], key: str, node: str | None) -> Text | None:
        """The text under ``key`` in every language (None when it is missing or a language is wrong)."""
        if key not in data:
            return None
        value, line = data[key], line_of(data, key)
        where = f"'{key}'"
        if isinstance(value, str) or value is None:
            self.problem(
                line,
                f"{where} must have a text per language, not a single text.",
                node,
                f"Write it as:\n       {key}:\n         da: ...\n         en: ...",
            )
            return None
        if not isinstance(value, dict):
            self.problem(line, f"{where} must have a text per language, not {describe(value)}.", node)
            return None
        texts: dict[str, str] = {}
        languages = self.languages
        for language_key in value:
            if language_key not in languages:
                guess = suggest(language_key, languages.codes)
                hint = f"Did you mean '{guess}'?" if guess else f"The languages are {languages.listed()}."
                self.problem(line_of(value, language_key), f"unknown language '{language_key}' in {where}.", node, hint)
        for language in languages:
            name = languages.label(language)
            if language not in value:
                self.problem(
                    line,
                    f"{where} has no {name} text.",
                    node,
                    f"Add '{language}:' with the {name} text (a missing translation).",
                )
                continue
            item = value[language]
            item_line = line_of(value, language)
            if isinstance(item, (int, float, bool, datetime.date)):
                self.problem(
                    item_line, f"the {name} text of {where} is not text ({item!r}).", node, "Put the text in quotes."
                )
                continue
            if not isinstance(item, str) or not item.strip():
                self.problem(item_line, f"the {name} text of {where} is empty.", node, f"Write the {name} text.")
                continue
            limit = MAX_LENGTH.get(key, DEFAULT_MAX_LENGTH)
            if len(item) > limit:
                self.problem(
                    item_line,
                    f"the {name} text of {where} is {len(item)} characters; at most {limit} fit.",
                    node,
                    "Shorten it: short texts are easier to read, on a phone too.",
                )
            markup = MARKUP_PATTERN.search(item)
            if markup:
                self.problem(
                    item_line,
                    f"the {name} text of {where} contains HTML or code ({markup.group(0)!r}).",
                    node,
                    "Write plain text only; the site formats it. Links to pages go under 'pages:'.",
                )
            texts[language] = item.strip()
        if len(texts) == len(languages):
            return Text(texts)
        return None

    def steps(self, fields: Mapping[Any, Any], where: str) -> tuple[Text, ...] | None:
        """The next steps of an outcome: a list of at least one text, each in every language."""
        data = fields.get("next_steps")
        if not isinstance(data, list) or not data:
            if "next_steps" in fields:
                self.problem(
                    line_of(fields, "next_steps"),
                    "'next_steps' must be a list with at least one step.",
                    where,
                    "Add a step as '- da: ...' with 'en: ...' below it.",
                )
            return None
        steps = []
        for index, item in enumerate(data):
            wrapper = _Wrapped(item, line_of(data, index))
            text = self.text(wrapper, "next_steps", where)
            if text is not None:
                steps.append(text)
        return tuple(steps) if len(steps) == len(data) else None


class _Wrapped(dict):
    """Lets a list item be checked as a text like a mapping value, keeping the item's line."""

    def __init__(self, item: Any, line: int | None) -> None:
        super().__init__(next_steps=item)
        self.key_lines = {"next_steps": line}
        self.line = line
