"""What every check shares: the list of problems, each located at a file, line and node, and the helpers that
locate a value (``line_of``), guess what an editor meant (``suggest``) and name what they wrote (``describe``)."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Mapping
from typing import Any

from borgerguide.errors import Problem


def line_of(container: Any, key: Any = None) -> int | None:
    """The line of a key or item in data read by borgerguide.rules.load (or of the container itself)."""
    if key is not None:
        lines = getattr(container, "key_lines", None)
        if isinstance(lines, dict) and key in lines:
            return lines[key]
        item_lines = getattr(container, "item_lines", None)
        if isinstance(item_lines, list) and isinstance(key, int) and key < len(item_lines):
            return item_lines[key]
    return getattr(container, "line", None)


def suggest(word: object, options: Any) -> str | None:
    """The option closest to a mistyped word, for "did you mean ...?" hints."""
    matches = difflib.get_close_matches(str(word), [str(option) for option in options], n=1, cutoff=0.5)
    return matches[0] if matches else None


def describe(value: Any) -> str:
    """What a value is, in an editor's words, for messages like "must be a text, not a number (3)"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "keys and values"
    if isinstance(value, datetime.date):
        return f"a date ({value})"
    return type(value).__name__


class ProblemLog:
    """Collects the problems of one file while it is walked; nothing is raised until the walk is done, so an
    editor sees every problem in one run."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str, node: str | None = None, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, message, node, hint))
