"""Markers in guidance pages: ``[[contact:ID]]``, ``[[tree:ID]]`` and ``[[term:ID]]`` become the contact, a
guide link or a link to a word's explanation in the glossary (borgerguide.guidance.glossary).

Editors refer to contacts, guides and glossary terms by ID, so a phone number or an address is typed in one
place only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from borgerguide.errors import Problem
from borgerguide.languages import Language
from borgerguide.rules.checks.base import suggest
from borgerguide.rules.model import Rules
from borgerguide.site.render import Renderer
from borgerguide.site.urls import markdown_link, start_source

if TYPE_CHECKING:
    from borgerguide.guidance.glossary import Glossary

MARKER = re.compile(r"\[\[\s*(?P<kind>[a-z]+)\s*:\s*(?P<id>[^\]\s]*)\s*\]\]")


def expand_markers(
    markdown: str,
    rules: Rules,
    language: Language,
    page_source: str,
    display: str,
    renderer: Renderer,
    line_offset: int = 0,
    glossary: Glossary | None = None,
) -> tuple[str, list[Problem]]:
    """Replace every marker; return the new Markdown and a problem per unknown kind or ID.

    ``line_offset`` is the number of lines before ``markdown`` in the file (the front matter), so the
    reported lines are the editor's. ``glossary`` gives the terms ``[[term:ID]]`` may name.
    """
    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        kind, ident = match.group("kind"), match.group("id")
        line = line_offset + markdown.count("\n", 0, match.start()) + 1
        if kind == "contact":
            if ident in rules.contacts:
                return renderer.contact_inline(rules.contacts[ident], language)
            guess = suggest(ident, rules.contacts)
            problems.append(
                Problem(
                    display,
                    line,
                    f"unknown contact '{ident}' in {match.group(0)}.",
                    hint=f"Did you mean '{guess}'?" if guess else "See the IDs under 'contacts:' in data/rules.yml.",
                )
            )
        elif kind == "tree":
            if ident in rules.trees:
                tree = rules.trees[ident]
                link = markdown_link(page_source, start_source(ident))
                return f"[{renderer.escape_markdown(tree.title[language])}]({link}){{ .dd-guide-link }}"
            guess = suggest(ident, rules.trees)
            problems.append(
                Problem(
                    display,
                    line,
                    f"unknown guide '{ident}' in {match.group(0)}.",
                    hint=f"Did you mean '{guess}'?" if guess else "See the IDs under 'trees:' in data/rules.yml.",
                )
            )
        elif kind == "term" and glossary is not None:
            # Raw HTML, like the links the glossary adds to the pages' first uses of its terms.
            link = glossary.marker_link(ident, language, page_source)
            if link is not None:
                return link
            problems.append(glossary.unknown_marker(ident, match.group(0), display, line))
        else:
            problems.append(
                Problem(
                    display,
                    line,
                    f"unknown marker kind '{kind}' in {match.group(0)}.",
                    hint="Use [[contact:ID]], [[tree:ID]] or [[term:ID]].",
                )
            )
        return match.group(0)

    return MARKER.sub(replace, markdown), problems
