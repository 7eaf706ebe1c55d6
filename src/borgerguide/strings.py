"""Interface strings: one YAML file per language, the same keys in each."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from borgerguide.model import Language


@cache
def ui_strings(language: Language) -> dict[str, str]:
    """The fixed interface texts (button labels, headings) of one language."""
    text = resources.files("borgerguide").joinpath(f"strings/{language}.yml").read_text("utf-8")
    return dict(yaml.safe_load(text))
