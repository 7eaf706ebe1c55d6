"""Template context for the hand-written benchmark site: what the theme overrides need, and no rules.

The overrides (footer, language link, 404 page) read interface strings and the municipality's contact
from the context the rules hook provides. The hand-written counterpart in the scale benchmark must render
the same theme without the rules engine, so this hook gives the templates the same values, per page,
as cheaply as the real hook does (compare on_page_context in hooks/rules_pages.py).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from borgerguide import LANGUAGES
from borgerguide.model import Contact, Text
from borgerguide.strings import format_date, ui_strings

# The footer contact of the synthetic rules files (bench/synthetic.py), written out instead of loaded.
MUNICIPALITY = Contact("kommunen", Text("Kommunen", "The municipality"), address="Ved Fjorden 6, 6950 Ringkøbing")


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    language = config.plugins["i18n"].current_language
    context["ui"] = ui_strings(language)
    context["municipality_contact"] = MUNICIPALITY
    reviewed = page.meta.get("last_reviewed")
    if reviewed:
        context["last_reviewed"] = format_date(reviewed, language)
        context["last_reviewed_iso"] = str(reviewed)
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == "404.html":
        first, second = LANGUAGES
        context["primary"] = {"lang": first, "ui": ui_strings(first), "home": "/"}
        context["secondary"] = {"lang": second, "ui": ui_strings(second), "home": f"/{second}/"}
    return context
