"""Interface strings: one YAML file per language, the same keys in each."""

from __future__ import annotations

import datetime
from functools import cache
from importlib import resources
from typing import Any

import yaml

from borgerguide.rules.model import Language


@cache
def ui_strings(language: Language) -> dict[str, Any]:
    """The fixed interface texts (button labels, headings) of one language."""
    text = resources.files("borgerguide.site").joinpath(f"strings/{language}.yml").read_text("utf-8")
    return dict(yaml.safe_load(text))


def format_date(value: datetime.date | str, language: Language) -> str:
    """A date as people write it: "26. november 2026" / "26 November 2026"."""
    date = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    ui = ui_strings(language)
    return ui["date_format"].format(day=date.day, month=ui["months"][date.month - 1], year=date.year)
