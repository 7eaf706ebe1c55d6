"""One search index per language (README, "Search and page weight"); the logic is in
borgerguide.site.search_index, this hook only reads and writes the built files.

- ``on_post_page``: a page of another language than the default looks for its index in its own folder
  (the theme's ``base`` of the page becomes ``<code>/``), so it loads only its own language's index.
- ``on_post_build``: after the i18n plugin has built every language and written the theme's one index of all
  of them (its ``on_post_build``, priority -100), that index is split into ``search/search_index.json``
  (default language) and ``<code>/search/search_index.json``. The plugin's inner builds of the other languages
  run this event too; they are skipped, since the index is complete only at the end of the outer build.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from borgerguide.site.search_index import (
    INDEX_PATH,
    IndexLanguage,
    SearchIndexError,
    index_json,
    point_page_at_index,
    split_index,
)


def _languages(config: MkDocsConfig) -> list[IndexLanguage]:
    """The i18n plugin's languages that are built: the default at the root, each other under "<code>/"."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [IndexLanguage(str(config.theme["language"]), "")]
    entries = [entry for entry in i18n.config.languages if entry.build]
    default = next((entry.locale for entry in entries if entry.default), entries[0].locale)
    return [IndexLanguage(entry.locale, "" if entry.locale == default else f"{entry.locale}/") for entry in entries]


def _current_prefix(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return ""
    current = i18n.current_language
    return next((language.prefix for language in _languages(config) if language.code == current), "")


def _lunr_languages() -> set[str]:
    """The languages whose word rules the theme's search ships (assets/javascripts/lunr/min/lunr.<code>.min.js)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    return {path.name.split(".")[1] for path in folder.glob("lunr.*.min.js")}


@event_priority(-200)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    try:
        return point_page_at_index(output, _current_prefix(config))
    except SearchIndexError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner build of one language: the i18n plugin writes the whole index afterwards
    site = Path(config.site_dir)
    source = site / INDEX_PATH
    if not source.is_file():
        return  # search is switched off
    try:
        indexes = split_index(json.loads(source.read_text("utf-8")), _languages(config), _lunr_languages())
    except (SearchIndexError, json.JSONDecodeError) as error:
        raise PluginError(f"{source}: {error}") from None
    for language in _languages(config):
        target = site / language.prefix / INDEX_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index_json(indexes[language.code]), "utf-8")
