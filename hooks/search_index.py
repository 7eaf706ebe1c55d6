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

from borgerguide.languages import Languages, languages_from_config
from borgerguide.site.search_index import (
    INDEX_PATH,
    SearchIndexError,
    index_json,
    point_page_at_index,
    split_index,
)


def _languages(config: MkDocsConfig) -> Languages:
    """The i18n plugin's languages: the default at the root, each other under "<code>/"."""
    return languages_from_config([dict(entry) for entry in config.plugins["i18n"].config.languages])


def _lunr_languages() -> set[str]:
    """The languages whose word rules the theme's search ships (assets/javascripts/lunr/min/lunr.<code>.min.js)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    return {path.name.split(".")[1] for path in folder.glob("lunr.*.min.js")}


@event_priority(-200)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    try:
        return point_page_at_index(output, _languages(config).prefix(config.plugins["i18n"].current_language))
    except SearchIndexError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return  # an inner build of one language: the i18n plugin writes the whole index afterwards
    site = Path(config.site_dir)
    source = site / INDEX_PATH
    if not source.is_file():
        return  # search is switched off
    try:
        languages = _languages(config)
        indexes = split_index(json.loads(source.read_text("utf-8")), languages, _lunr_languages())
    except (SearchIndexError, json.JSONDecodeError) as error:
        raise PluginError(f"{source}: {error}") from None
    for code in languages:
        target = site / languages.prefix(code) / INDEX_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index_json(indexes[code]), "utf-8")
