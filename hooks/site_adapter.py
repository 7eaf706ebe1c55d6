"""What both hooks need from MkDocs and mkdocs-static-i18n: the language being built, a build-stopping
error without traceback, and generated pages added the way the i18n plugin adds its own files.

Not a hook itself: MkDocs puts this folder on the import path while it loads a hook, so the hooks import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from borgerguide import LANGUAGES, Problem, RulesError
from borgerguide.municipality import Municipality


class PageSource(Protocol):
    """A generated page as the package describes it (render.GeneratedPage, teaching's pages)."""

    source: str
    markdown: str
    in_nav: bool


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


def add_generated_pages(files: Files, config: MkDocsConfig, pages: Iterable[PageSource]) -> Files:
    """Add pages for the language being built, after the i18n plugin's own on_files (priority -100)."""
    language = current_language(config)
    for page in pages:
        file = _generated_file(config, page.source, language, page.markdown, page.in_nav)
        # The language switcher and the sitemap read the counterparts from here.
        file.alternates = {lang: _generated_file(config, page.source, lang, "", page.in_nav) for lang in LANGUAGES}
        file.alternates[language] = file
        files.append(file)
    # The plugin's sitemap lists the pages it saw in its own on_files; show it the generated ones too.
    config.plugins["i18n"].i18n_files_per_language[language] = files.documentation_pages()
    return files


def _generated_file(config: MkDocsConfig, source: str, language: str, content: str, in_nav: bool) -> File:
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, f"{language}/{source}", content=content, inclusion=inclusion)
    prefix = "" if language == LANGUAGES[0] else f"{language}/"
    file.dest_uri = (prefix + source.removesuffix(".md").removesuffix("index").rstrip("/") + "/index.html").lstrip("/")
    # The attributes mkdocs-static-i18n 1.3 sets on the files it makes (hence the pin to 1.3.x).
    file.locale = file.localization = file.locale_alternate_of = language
    file.norm_src_uri = source
    return file
