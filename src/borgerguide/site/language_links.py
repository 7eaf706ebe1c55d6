"""What the theme's language switcher and the 404 page list: every configured language in its own name.

Shared by the MkDocs adapter and the benchmark's hand-written site, so both render the same links. The caller
passes the page's counterparts in other languages as plain addresses; nothing here knows MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from borgerguide.languages import Languages
from borgerguide.site.strings import ui_strings


def switcher_entries(languages: Languages, current: str, counterparts: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every language, the current one first, each leading to this page in that language (``counterparts``:
    language code -> address); a language without a counterpart leads to its home page."""
    return [
        {
            "code": code,
            "name": languages.info(code).name,
            "dir": languages.info(code).direction,
            "link": counterparts.get(code, "/" + languages.prefix(code)),
            "current": code == current,
        }
        for code in (current, *languages.others(current))
    ]


def not_found_context(languages: Languages, first: str) -> dict[str, Any]:
    """The 404 page's languages, ``first`` first: each with its interface strings and home address."""
    entries = [
        {
            "lang": code,
            "dir": languages.info(code).direction,
            "ui": ui_strings(code),
            "home": "/" + languages.prefix(code),
        }
        for code in (first, *languages.others(first))
    ]
    return {"not_found_languages": entries, "primary": entries[0]}
