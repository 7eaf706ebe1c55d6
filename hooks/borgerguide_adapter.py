"""The one MkDocs adapter of the borgerguide package: it holds the build's state and maps MkDocs events to
package calls. The package knows nothing of MkDocs or of the i18n plugin; what they need from each other is here.

- The languages come from the i18n plugin's configuration (``plugins: i18n: languages:``) and are passed in.
- ``load_project`` reads every input once and raises one error with every problem of every input.
- The i18n plugin builds the site once per language and rebuilds its file list in its own ``on_files``
  (priority -100), so generated pages are added after it, for the language being built, with the attributes the
  plugin gives the files it makes: they are the plugin's internals, hence the pin to 1.3.x (README, the
  paragraph on generated pages).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from borgerguide import Languages, Problem, RulesError
from borgerguide.guidance.markers import expand_markers
from borgerguide.guidance.pages import lines_before_body
from borgerguide.languages import languages_from_config
from borgerguide.municipality import Municipality
from borgerguide.project import RULES_FILE, Project, load_project
from borgerguide.site.language_links import not_found_context, switcher_entries
from borgerguide.site.render import Renderer
from borgerguide.site.strings import format_date, ui_strings
from borgerguide.teaching.booklets import booklet_sources
from borgerguide.teaching.handouts import read_summaries
from borgerguide.teaching.kit import TeachingRenderer, nav_paths

_state: dict[str, Any] = {"command": "build"}
# The theme's root element, when it has no dir yet.
_HTML_LANG = re.compile(r'<html lang="[^"]*"(?![^>]*\sdir=)')


class PageSource(Protocol):
    """A generated page as the package describes it (render.GeneratedPage, the glossary's and teaching's pages)."""

    source: str
    markdown: str
    in_nav: bool


# -- MkDocs and i18n specifics ----------------------------------------------------------------------


def site_languages(config: MkDocsConfig) -> Languages:
    """The languages of the i18n plugin's configuration, the default first."""
    entries = [dict(entry) for entry in config.plugins["i18n"].config.languages]
    try:
        return languages_from_config(entries, Path(config.config_file_path).name)
    except RulesError as error:
        raise build_error(error) from None


def current_language(config: MkDocsConfig) -> str:
    return config.plugins["i18n"].current_language


def build_error(error: RulesError) -> PluginError:
    return PluginError("The site was not built. Fix these problems and build again.\n" + error.report())


def publish_refused(problems: list[Problem]) -> PluginError:
    return PluginError(
        "The site was not published: citizens would meet details that are not filled in yet.\n"
        + RulesError(problems).report()
        + "\n\nFill them in, or build a preview that says it is not ready: make site PREVIEW=1 (or make serve)."
    )


def apply_municipality(config: MkDocsConfig, municipality: Municipality) -> None:
    """The municipality file is the one place for the site's address and identity; MkDocs and the theme
    templates read them from the configuration."""
    # Unset, only a preview gets this far (the publishing gate refuses): a reserved name that can never resolve.
    config.site_url = municipality.site_url or "https://site-url-not-set.invalid/"
    config.extra["municipality"] = {
        "name": municipality.name,
        "accessibility_statement": municipality.accessibility_statement or "",
    }


def add_generated_pages(files: Files, config: MkDocsConfig, pages: Iterable[PageSource]) -> None:
    """Add pages for the language being built, after the i18n plugin's own on_files (priority -100)."""
    languages: Languages = _state["languages"]
    language = current_language(config)
    for page in pages:
        file = _generated_file(config, languages, page.source, language, page.markdown, page.in_nav)
        # The language switcher and the sitemap read the counterparts from here.
        file.alternates = {
            lang: _generated_file(config, languages, page.source, lang, "", page.in_nav) for lang in languages
        }
        file.alternates[language] = file
        files.append(file)
    # The plugin's sitemap lists the pages it saw in its own on_files; show it the generated ones too.
    config.plugins["i18n"].i18n_files_per_language[language] = files.documentation_pages()


def _generated_file(
    config: MkDocsConfig, languages: Languages, source: str, language: str, content: str, in_nav: bool
) -> File:
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, f"{language}/{source}", content=content, inclusion=inclusion)
    stem = source.removesuffix(".md").removesuffix("index").rstrip("/")
    file.dest_uri = (languages.prefix(language) + stem + "/index.html").lstrip("/")
    # The attributes mkdocs-static-i18n 1.3 sets on the files it makes.
    file.locale = file.localization = file.locale_alternate_of = language
    file.norm_src_uri = source
    return file


def _markdown_to_html(config: MkDocsConfig) -> Any:
    """The pages' Markdown as this site turns it into HTML, for finding where the glossary's terms are used."""
    converter = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def to_html(text: str) -> str:
        converter.reset()
        return converter.convert(text)

    return to_html


def _source_of(page: Page) -> str:
    return getattr(page.file, "norm_src_uri", page.file.src_uri)


# -- events -----------------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root, docs = Path(config.config_file_path).parent, Path(config.docs_dir)
    languages = site_languages(config)
    try:
        project = load_project(root, languages, docs, _markdown_to_html(config))
    except RulesError as error:
        raise build_error(error) from None
    # `mkdocs serve` is always a preview; `make site PREVIEW=1` asks for one (BORGERGUIDE_PREVIEW=1).
    preview = _state["command"] == "serve" or os.environ.get("BORGERGUIDE_PREVIEW") == "1"
    if project.not_ready and not preview:
        raise publish_refused(project.not_ready)
    apply_municipality(config, project.municipality)
    ui_strings.cache_clear()  # `mkdocs serve` picks up edits to the strings files too
    teaching = None
    if project.cases is not None:
        teaching = TeachingRenderer(
            project.rules,
            project.pages,
            project.cases,
            nav_paths(config.nav),
            config.site_url,
            project.municipality.name,
            read_summaries(docs, languages, project.rules, project.glossary and project.glossary.glossary),
            project.plans,
            config.nav,
        )
        # A handout that cannot fit one printed A4 sheet, or a topic booklet whose menu section or guide is
        # gone, stops the build, naming where.
        teaching_problems = teaching.handouts.problems() + teaching.booklets.problems()
        if teaching_problems:
            raise build_error(RulesError(teaching_problems))
    _state.update(
        languages=languages,
        project=project,
        # The outcomes' and handouts' QR codes carry the site's public address, set by apply_municipality above.
        renderer=Renderer(project.rules, project.pages, site_url=config.site_url),
        teaching=teaching,  # None for a project without data/cases.yml
        preview_problems=project.not_ready if preview else [],
    )
    return config


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    project: Project = _state["project"]
    language = current_language(config)
    assert project.glossary is not None
    teaching: TeachingRenderer | None = _state["teaching"]
    generated = [
        *_state["renderer"].all_pages(language),
        *project.glossary.pages(language),
        *(teaching.all_pages(language) if teaching is not None else []),
    ]
    add_generated_pages(files, config, generated)
    _state["files"] = files
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    project: Project = _state["project"]
    source, display = _source_of(page), f"docs/{page.file.src_uri}"
    # MkDocs hands over the Markdown without its front matter; count those lines back in for messages.
    offset = lines_before_body(page.file.content_string)
    renderer: Renderer = _state["renderer"]
    language = current_language(config)
    assert project.glossary is not None
    markdown, problems = expand_markers(
        markdown, project.rules, language, source, display, renderer, offset, project.glossary.glossary
    )
    if problems:
        raise build_error(RulesError(problems))
    guidance = project.pages.get(language, {}).get(source)
    teaching: TeachingRenderer | None = _state["teaching"]
    if teaching is not None:
        # A session plan shows the exercises, handouts and guides its front matter names, as links.
        markdown = teaching.plans.with_materials(markdown, source, language)
    if guidance is not None:
        # Every guidance page ends with where its facts come from.
        markdown += "\n\n" + renderer.sources_section(guidance.sources, language) + "\n"
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The first use of each glossary term on the page links to its explanation on the glossary page.
    project: Project = _state["project"]
    assert project.glossary is not None
    return project.glossary.link(html, current_language(config), _source_of(page))


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    language = current_language(config)
    languages: Languages = _state["languages"]
    context["ui"] = ui_strings(language)
    context["municipality_contact"] = _state["project"].footer_contact
    context["preview_problems"] = _state["preview_problems"]
    alternates = getattr(page.file, "alternates", None) or {}
    context["site_languages"] = switcher_entries(
        languages, language, {code: file.url for code, file in alternates.items()}
    )
    reviewed = page.meta.get("last_reviewed")
    if reviewed:
        context["last_reviewed"] = format_date(reviewed, language)
        context["last_reviewed_iso"] = str(reviewed)
    if _state["teaching"] is not None and _source_of(page) in booklet_sources():
        # Every page of this language has been rendered by now (MkDocs renders all Markdown before it writes
        # any page); their HTML goes into the booklet.
        contents = {
            getattr(file, "norm_src_uri", file.src_uri): file.page.content
            for file in _state["files"].documentation_pages()
            if file.page is not None and file.page.content is not None
        }
        page.content = _state["teaching"].booklets.body(language, contents, _source_of(page))
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The theme sets the writing direction on <body> only; put it on <html> beside lang, so the whole
    document, scroll bars and all, runs in the language's direction (right to left for Arabic)."""
    return with_direction(output, _state["languages"].info(current_language(config)).direction)


def with_direction(html: str, direction: str) -> str:
    """The page with ``dir`` after ``lang`` on its <html> element (the theme writes ``<html lang="..." ...>``);
    a page that has one already keeps it."""
    return _HTML_LANG.sub(lambda match: f'{match[0]} dir="{direction}"', html, count=1)


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == "404.html":
        context.update(not_found_context(_state["languages"], _state["languages"].default))
    return context


def on_post_build(config: MkDocsConfig) -> None:
    # The theme writes one 404 page at the root; give each other language its own, in its language first.
    language = current_language(config)
    languages: Languages = _state["languages"]
    if language != languages.default:
        html = config.theme.get_env().get_template("404.html").render(**not_found_context(languages, language))
        (Path(config.site_dir) / language / "404.html").write_text(html, "utf-8")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    root = Path(config.config_file_path).parent
    server.watch(str(root / RULES_FILE))
    server.watch(str(root / "data"))
    return server
