"""MkDocs adapter for the borgerguide package: map MkDocs events to package calls, nothing more.

The i18n plugin builds the site once per language and rebuilds its file list in its own ``on_files``
(priority -100), so generated pages are added after it, for the language being built, with the
attributes the plugin gives the files it makes (see shared/notes/mkdocs-i18n-generated-pages.md).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_adapter import add_generated_pages, apply_municipality, build_error, current_language, publish_refused

from borgerguide import LANGUAGES, RulesError
from borgerguide.guidance.glossary import SiteGlossary, build_site_glossary
from borgerguide.guidance.markers import expand_markers
from borgerguide.guidance.pages import lines_before_body
from borgerguide.project import RULES_FILE, load_project
from borgerguide.site.render import Renderer
from borgerguide.site.strings import format_date, ui_strings

_state: dict[str, Any] = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root, docs = Path(config.config_file_path).parent, Path(config.docs_dir)
    try:
        project = load_project(root, docs)
        # A term no page uses, or a [[term:ID]] the glossary lacks, stops the build here, before any rendering.
        glossary = build_site_glossary(root, docs, project.rules, project.pages, _markdown_to_html(config))
    except RulesError as error:
        raise build_error(error) from None
    # `mkdocs serve` is always a preview; `make site PREVIEW=1` asks for one (BORGERGUIDE_PREVIEW=1).
    preview = _state["command"] == "serve" or os.environ.get("BORGERGUIDE_PREVIEW") == "1"
    if project.not_ready and not preview:
        raise publish_refused(project.not_ready)
    apply_municipality(config, project.municipality)
    ui_strings.cache_clear()  # `mkdocs serve` picks up edits to the strings files too
    _state.update(
        project=project,
        rules=project.rules,
        # The outcomes' QR codes carry the site's public address, set by apply_municipality above.
        renderer=Renderer(project.rules, project.pages, site_url=config.site_url),
        preview_problems=project.not_ready if preview else [],
        glossary=glossary,
    )
    return config


def _markdown_to_html(config: MkDocsConfig) -> Any:
    """The pages' Markdown as this site turns it into HTML, for finding where the glossary's terms are used."""
    converter = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def to_html(text: str) -> str:
        converter.reset()
        return converter.convert(text)

    return to_html


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    renderer: Renderer = _state["renderer"]
    glossary: SiteGlossary = _state["glossary"]
    language = current_language(config)
    add_generated_pages(files, config, [*renderer.all_pages(language), *glossary.pages(language)])
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = getattr(page.file, "norm_src_uri", page.file.src_uri)
    display = f"docs/{page.file.src_uri}"
    # MkDocs hands over the Markdown without its front matter; count those lines back in for messages.
    offset = lines_before_body(page.file.content_string)
    renderer = _state["renderer"]
    language = current_language(config)
    markdown, problems = expand_markers(
        markdown, _state["rules"], language, source, display, renderer, offset, _state["glossary"].glossary
    )
    if problems:
        raise build_error(RulesError(problems))
    guidance = _state["project"].pages.get(language, {}).get(source)
    if guidance is not None:
        # Every guidance page ends with where its facts come from.
        markdown += "\n\n" + renderer.sources_section(guidance.sources, language) + "\n"
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The first use of each glossary term on the page links to its explanation on the glossary page.
    source = getattr(page.file, "norm_src_uri", page.file.src_uri)
    return _state["glossary"].link(html, current_language(config), source)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    language = current_language(config)
    context["ui"] = ui_strings(language)
    context["municipality_contact"] = _state["project"].footer_contact
    context["preview_problems"] = _state["preview_problems"]
    reviewed = page.meta.get("last_reviewed")
    if reviewed:
        context["last_reviewed"] = format_date(reviewed, language)
        context["last_reviewed_iso"] = str(reviewed)
    return context


def _not_found_languages(first: str) -> dict[str, Any]:
    second = next(language for language in LANGUAGES if language != first)
    home = {language: "/" if language == LANGUAGES[0] else f"/{language}/" for language in LANGUAGES}
    return {
        "primary": {"lang": first, "ui": ui_strings(first), "home": home[first]},
        "secondary": {"lang": second, "ui": ui_strings(second), "home": home[second]},
    }


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == "404.html":
        context.update(_not_found_languages(LANGUAGES[0]))
    return context


def on_post_build(config: MkDocsConfig) -> None:
    # The theme writes one 404 page at the root; give each other language its own, in its language first.
    language = current_language(config)
    if language != LANGUAGES[0]:
        html = config.theme.get_env().get_template("404.html").render(**_not_found_languages(language))
        (Path(config.site_dir) / language / "404.html").write_text(html, "utf-8")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    root = Path(config.config_file_path).parent
    server.watch(str(root / RULES_FILE))
    server.watch(str(root / "data"))
    return server
