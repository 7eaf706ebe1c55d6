"""MkDocs adapter for the teaching kit (borgerguide.teaching.cases, borgerguide.teaching.kit): events -> package calls.

Pages are added exactly as hooks/rules_pages.py adds the guide pages: in ``on_files`` after the i18n plugin's
(priority -110), for the language being built, with the attributes the plugin gives its own files (see
shared/notes/mkdocs-i18n-generated-pages.md). The booklet needs every guidance page already rendered, so its
body is put together in ``on_page_context``: MkDocs renders every page's Markdown before it writes any page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_adapter import add_generated_pages, build_error, current_language

from borgerguide import RulesError
from borgerguide.project import load_project
from borgerguide.teaching.cases import CASES_FILE, load_cases
from borgerguide.teaching.kit import TeachingRenderer, booklet_source, check_collisions, nav_paths, read_outlines

_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    if not config.site_url:
        raise PluginError(
            "data/municipality.yml: 'site_url' is not set; the handouts' QR codes need the site's public address."
        )
    try:
        # rules_pages.py has already stopped the build if the pages or the rules are broken; loading the project
        # again costs little, since unchanged files are parsed once per process.
        project = load_project(root, docs)
        pages, rules = project.pages, project.rules
        cases = load_cases(root / CASES_FILE, rules, display_name=CASES_FILE)
        collisions = check_collisions(rules, cases, pages["da"])
        if collisions:
            raise RulesError(collisions)
    except RulesError as error:
        raise build_error(error) from None
    renderer = TeachingRenderer(rules, pages, cases, read_outlines(docs), nav_paths(config.nav), config.site_url)
    _state.update(renderer=renderer)
    return config


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    renderer: TeachingRenderer = _state["renderer"]
    add_generated_pages(files, config, renderer.all_pages(current_language(config)))
    _state["files"] = files
    return files


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    if getattr(page.file, "norm_src_uri", None) != booklet_source():
        return context
    # Every page of this language has been rendered by now; their HTML goes into the booklet.
    contents = {}
    for file in _state["files"].documentation_pages():
        if file.page is not None and file.page.content is not None:
            contents[getattr(file, "norm_src_uri", file.src_uri)] = file.page.content
    renderer: TeachingRenderer = _state["renderer"]
    page.content = renderer.booklet(current_language(config), contents)
    return context
