"""Shape checks: a value is a mapping, a text, a list of IDs, a date or a valid ID; keys are known and the
required ones present. Shared by every data file."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any

from borgerguide.rules.checks.base import ProblemLog, describe, line_of, suggest
from borgerguide.rules.model import ID_PATTERN


class ShapeChecker(ProblemLog):
    """Reads values of the expected type from a mapping, reporting each one of another type at its line."""

    def mapping(self, value: Any, line: int | None, what: str, node: str | None) -> Mapping[Any, Any] | None:
        if isinstance(value, dict):
            return value
        self.problem(line, f"{what} must be a list of keys and values, not {describe(value)}.", node)
        return None

    def keys(
        self, data: Mapping[Any, Any], allowed: dict[str, bool], what: str, node: str | None, line: int | None = None
    ) -> None:
        """Unknown keys (with the likely intended one) and missing required keys, at the owner's line."""
        for key in data:
            if key not in allowed:
                guess = suggest(key, allowed)
                hint = f"Did you mean '{guess}'?" if guess else f"Allowed keys: {', '.join(allowed)}."
                self.problem(line_of(data, key), f"unknown key '{key}' in {what}.", node, hint)
        for key, required in allowed.items():
            if required and key not in data:
                self.problem(line or line_of(data), f"{what} has no '{key}'.", node, f"Add '{key}:' to {what}.")

    def string(self, data: Mapping[Any, Any], key: str, node: str | None) -> str | None:
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.problem(line_of(data, key), f"'{key}' must be a text, not {describe(value)}.", node, "Put it in quotes.")
        return None

    def id_list(self, data: Mapping[Any, Any], key: str, node: str | None) -> list[tuple[str, int | None]]:
        """The IDs listed under ``key``, each with its line (an empty list when the key is missing)."""
        if key not in data:
            return []
        value = data[key]
        if not isinstance(value, list):
            self.problem(
                line_of(data, key),
                f"'{key}' must be a list of IDs, not {describe(value)}.",
                node,
                f"Write the IDs in square brackets after '{key}:', e.g. '{key}: [{key}-1, {key}-2]'.",
            )
            return []
        items = []
        for index, item in enumerate(value):
            line = line_of(value, index) or line_of(data, key)
            if isinstance(item, str) and item.strip():
                items.append((item.strip(), line))
            else:
                self.problem(line, f"item {index + 1} of '{key}' must be a text, not {describe(item)}.", node)
        return items

    def identifier(self, value: Any, line: int | None, what: str, node: str | None) -> bool:
        if isinstance(value, str) and ID_PATTERN.match(value):
            return True
        fixed = re.sub(
            r"[^a-z0-9]+", "-", str(value).lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
        ).strip("-")
        self.problem(
            line,
            f"the {what} '{value}' is not a valid ID: IDs become web addresses.",
            node,
            f"Use lowercase a-z, digits and hyphens only, e.g. '{fixed or 'my-id'}'.",
        )
        return False

    def date(self, fields: Mapping[Any, Any], key: str, where: str | None) -> str | None:
        """The date under ``key`` as YYYY-MM-DD (None when it is missing or not a date)."""
        value = fields.get(key)
        if key in fields and not isinstance(value, datetime.date):
            self.problem(
                line_of(fields, key),
                f"'{key}' must be a date like 2026-11-26, not {value!r}.",
                where,
                "Write the date as YYYY-MM-DD without quotes.",
            )
            return None
        return value.isoformat() if isinstance(value, datetime.date) else None

    def entries(
        self, data: Any, line: int | None, kind: str, allowed: dict[str, bool]
    ) -> Iterator[tuple[str, Mapping[Any, Any], str, int | None]]:
        """The entries of a registry section (contacts, sources): ID, fields, node name and line, shape-checked."""
        section = self.mapping(data, line, f"'{kind}s'", None) if data is not None else None
        for entry_id, body in (section or {}).items():
            node = f"{kind} {entry_id}"
            key_line = line_of(section, entry_id)
            self.identifier(entry_id, key_line, f"{kind} ID", node)
            fields = self.mapping(body, key_line, f"{kind} '{entry_id}'", node)
            if fields is not None:
                self.keys(fields, allowed, f"{kind} '{entry_id}'", node, key_line)
                yield str(entry_id), fields, node, key_line
