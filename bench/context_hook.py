"""Template context for the hand-written benchmark site: what the theme overrides need, and no rules.

The overrides (header, footer, language link, 404 page) read the municipality's name, accessibility
statement and footer contact, the site's address and interface strings; the rules hook provides them from
data/municipality.yml and the rules file. The hand-written counterpart in the scale benchmark must render
the same theme without the rules engine, so this hook gives the templates the same values, as cheaply as
the real hook does (compare on_config and on_page_context in hooks/borgerguide_adapter.py).

The values are the synthetic data/municipality.yml (bench/synthetic.py writes it from these constants),
written out instead of loaded; bench.synthetic.write_sites checks that the rules hook gets the same.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from borgerguide.languages import Languages, languages_from_config
from borgerguide.rules.model import Contact, Text
from borgerguide.site.language_links import not_found_context, switcher_entries
from borgerguide.site.strings import format_date, ui_strings

# Made up for the benchmark: a domain of no one's, numbers of no one's.
NAME = "Benchmark Kommune"
SITE_URL = "https://bench.borgerguide-benchmark.dk/"
ACCESSIBILITY_STATEMENT = "https://www.was.digst.dk/bench-example-dk"
FOOTER_NAME = ("Borgerservice", "Citizen Service")
# The footer contact: the rules contact 'borgerservice', with the channels of its entry in the municipality file.
FOOTER_CONTACT = Contact(
    "borgerservice",
    Text(da=FOOTER_NAME[0], en=FOOTER_NAME[1]),
    phone="11 22 33 44",
    address="Benchmarkvej 1, 9999 Benchby",
    web="https://bench.borgerguide-benchmark.dk/borgerservice",
    email="borgerservice@bench.borgerguide-benchmark.dk",
    opening_hours=Text(da="Mandag-fredag 10-15, torsdag 10-17", en="Monday-Friday 10-15, Thursday 10-17"),
    municipality="borgerservice",
)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # What hooks/borgerguide_adapter.py's apply_municipality sets from data/municipality.yml.
    config.site_url = SITE_URL
    config.extra["municipality"] = {"name": NAME, "accessibility_statement": ACCESSIBILITY_STATEMENT}
    return config


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    language = config.plugins["i18n"].current_language
    context["ui"] = ui_strings(language)
    context["municipality_contact"] = FOOTER_CONTACT
    context["preview_problems"] = []  # a publishing build, like the generated site's
    alternates = {alt.get("lang"): alt.get("link") for alt in config.extra.get("alternate") or []}
    context["site_languages"] = switcher_entries(_languages(config), language, alternates)
    reviewed = page.meta.get("last_reviewed")
    if reviewed:
        context["last_reviewed"] = format_date(reviewed, language)
        context["last_reviewed_iso"] = str(reviewed)
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == "404.html":
        languages = _languages(config)
        context.update(not_found_context(languages, languages.default))
    return context


def _languages(config: MkDocsConfig) -> Languages:
    return languages_from_config([dict(entry) for entry in config.plugins["i18n"].config.languages])
