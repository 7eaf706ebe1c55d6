"""The glossary of hard words (data/glossary.yml): a page per language, and links to it from every page.

Each term has a stable ID, the word as the pages write it in each language (plus other forms of it, e.g.
"fritaget", "fritagelse", "fritages"; plain text, never patterns), a short explanation per language and the
sources it rests on. The glossary page (``ordliste.md`` -> ``/ordliste/`` and ``/en/ordliste/``) lists every
term under its ID as an anchor, with its explanation and the pages and guides that use it.

On every other page the first use of each term becomes a link to its explanation,
``<a href="../ordliste/#fuldmagt" class="dd-term">fuldmagt</a>``: whole words only, any case, and never in a
heading, a link, a button, the guide's answer summary, a contact, the sources or code, so a link never lands
inside another control and headings stay plain. The page is read with the standard library's HTML parser
and only its text is changed. An editor can link a chosen word with ``[[term:ID]]`` (borgerguide.guidance.markers);
such a link counts as the term's first use.

Which terms the site uses is decided from the sources before anything is rendered (the pages' Markdown, the
texts of the guides), so a term no page uses stops the build early, at its line in data/glossary.yml.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from borgerguide.errors import Problem, RulesError
from borgerguide.guidance.markers import MARKER
from borgerguide.guidance.pages import FRONT_MATTER, GuidancePage
from borgerguide.languages import Language, Languages
from borgerguide.rules.checks.base import line_of, suggest
from borgerguide.rules.checks.references import Checker
from borgerguide.rules.load import read_yaml
from borgerguide.rules.model import Rules, Source, Text
from borgerguide.site import urls
from borgerguide.site.render import template_environment
from borgerguide.site.strings import ui_strings

GLOSSARY_FILE = "data/glossary.yml"
# The generated glossary page, in every language's folder: /ordliste/ and /en/ordliste/.
GLOSSARY_SOURCE = "ordliste.md"
LINK_CLASS = "dd-term"

TOP_KEYS = {"last_reviewed": True, "terms": True}
TERM_KEYS = {"term": True, "forms": False, "explanation": True, "sources": True}
MAX_TERM = 60  # a word or a short phrase
MAX_EXPLANATION = 320  # one or two plain sentences
# The site's own element IDs start with "dd-"; a term ID becomes an element ID on the glossary page.
RESERVED_PREFIX = "dd-"

# Where a term is never linked: headings, links and controls (a link inside them would break them), code,
# and the parts of a page that repeat names rather than explain them.
SKIP_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "summary", "label", "select", "option", "textarea"}
    | {"code", "pre", "kbd", "samp", "script", "style", "svg", "title", "template", "head"}
)
SKIP_CLASSES = frozenset(
    {
        "dd-caption",  # the guide's name above a question or an outcome, part of the heading
        "dd-summary",  # "Dine svar": the reader's own answers, each with a link to change it
        "dd-answers",  # the answer buttons
        "dd-contact",  # contact cards: names and channels
        "dd-contact-inline",
        "dd-sources",  # titles of source documents
        "dd-visually-hidden",
        "dd-print-only",
        "dd-qr",  # a QR code and the address written beside it, to be typed exactly as it stands
        "dd-handout__address",  # the same address under a handout's title
    }
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: Text
    explanation: Text
    sources: tuple[str, ...]
    # Every written form per language, the term itself first.
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    line: int | None = None  # the line of the term's ID
    term_lines: Mapping[str, int | None] = field(default_factory=dict)  # the line of term: da / en

    def forms_in(self, language: Language) -> tuple[str, ...]:
        return self.forms.get(language, (self.term[language],))


# Compared by identity: the hook keeps one per build and the matchers are cached on it.
@dataclass(frozen=True, eq=False)
class Glossary:
    terms: Mapping[str, GlossaryTerm]
    last_reviewed: str
    languages: Languages
    file: str = GLOSSARY_FILE

    @cached_property
    def _matchers(self) -> dict[str, _Matcher]:
        return {language: _Matcher(self, language) for language in self.languages}

    def matcher(self, language: Language) -> _Matcher:
        return self._matchers[language]

    def marker_link(self, ident: str, language: Language, page_source: str) -> str | None:
        """The link an editor's ``[[term:ID]]`` becomes (the term as written in the page's language), or
        None for an ID the glossary does not have."""
        term = self.terms.get(ident)
        if term is None:
            return None
        return link_html(term.term[language], term_href(page_source, term.id))

    def unknown_marker(self, ident: str, marker: str, display: str, line: int | None) -> Problem:
        guess = suggest(ident, self.terms)
        return Problem(
            display,
            line,
            f"unknown glossary term '{ident}' in {marker}.",
            hint=f"Did you mean '{guess}'?" if guess else f"See the IDs under 'terms:' in {self.file}.",
        )


def term_href(page_source: str, term_id: str) -> str:
    """The address of a term's explanation, relative to the page that links to it."""
    return f"{urls.relative(page_source, GLOSSARY_SOURCE)}#{term_id}"


def link_html(text: str, href: str) -> str:
    return f'<a href="{html.escape(href)}" class="{LINK_CLASS}">{html.escape(text, quote=False)}</a>'


# -- reading and checking data/glossary.yml ---------------------------------------------------------


def load_glossary(
    path: Path,
    languages: Languages,
    display_name: str = GLOSSARY_FILE,
    sources: Mapping[str, Source] | None = None,
) -> Glossary:
    """Read and check the glossary; raise RulesError with every problem, each at its line.

    ``sources`` is the source registry (data/sources.yml); without it the source IDs are not looked up.
    """
    data = read_yaml(path, display_name)
    checker = Checker(display_name, languages, sources=sources)
    root = checker.mapping(data, 1, "the glossary", None)
    if root is None:
        raise RulesError(checker.problems)
    checker.keys(root, TOP_KEYS, "the glossary", None)
    reviewed = checker.date(root, "last_reviewed", None)
    terms: dict[str, GlossaryTerm] = {}
    owners: dict[tuple[str, str], str] = {}  # (language, form in lower case) -> the term that has it
    for term_id, fields, node, key_line in checker.entries(
        root.get("terms"), line_of(root, "terms"), "term", TERM_KEYS
    ):
        if term_id.startswith(RESERVED_PREFIX):
            checker.problem(
                key_line,
                f"the term ID '{term_id}' starts with '{RESERVED_PREFIX}', which the site uses for its own parts.",
                node,
                f"Use another ID, e.g. '{term_id.removeprefix(RESERVED_PREFIX) or 'ord'}'.",
            )
        term = checker.text(fields, "term", node)
        explanation = checker.text(fields, "explanation", node)
        _check_lengths(checker, fields, node)
        forms = _forms(checker, fields, term, node)
        sources_found = tuple(checker.source_ids(fields, node))
        for language, written in forms.items():
            for form in written:
                owner = owners.setdefault((language, form.lower()), term_id)
                if owner != term_id:
                    checker.problem(
                        key_line,
                        f"'{form}' ({language}) belongs to both '{owner}' and '{term_id}'.",
                        node,
                        "A word can explain only one thing: keep it under one of the two terms.",
                    )
        if term is not None and explanation is not None:
            term_field = fields.get("term")
            terms[term_id] = GlossaryTerm(
                term_id,
                term,
                explanation,
                sources_found,
                forms,
                key_line,
                {language: line_of(term_field, language) for language in languages},
            )
    if "terms" in root and not terms and not checker.problems:
        checker.problem(line_of(root, "terms"), "the glossary has no terms.", None, "Add a term, or delete the file.")
    if checker.problems or reviewed is None:
        raise RulesError(checker.problems or [Problem(display_name, 1, "the glossary is incomplete.")])
    return Glossary(terms, reviewed, languages, display_name)


def _check_lengths(checker: Checker, fields: Mapping[Any, Any], node: str) -> None:
    for key, limit, hint in (
        ("term", MAX_TERM, "Write the word itself; the explanation goes under 'explanation'."),
        ("explanation", MAX_EXPLANATION, "One or two short sentences are easier to read, on a phone too."),
    ):
        texts = fields.get(key)
        if not isinstance(texts, dict):
            continue
        for language in checker.languages:
            text = texts.get(language)
            if isinstance(text, str) and len(text.strip()) > limit:
                checker.problem(
                    line_of(texts, language),
                    f"the {language} text of '{key}' is {len(text.strip())} characters; at most {limit} fit.",
                    node,
                    hint,
                )


def _forms(checker: Checker, fields: Mapping[Any, Any], term: Text | None, node: str) -> dict[str, tuple[str, ...]]:
    """Every written form per language: the term first, then the listed forms, each once."""
    languages: Languages = checker.languages
    forms: dict[str, list[str]] = {language: [term[language]] if term else [] for language in languages}
    data = fields.get("forms")
    if "forms" in fields:
        listed = checker.mapping(data, line_of(fields, "forms"), "'forms'", node) or {}
        for language, items in listed.items():
            where = line_of(listed, language)
            if language not in languages:
                guess = suggest(language, languages.codes)
                hint = f"Did you mean '{guess}'?" if guess else f"The languages are {languages.listed()}."
                checker.problem(where, f"unknown language '{language}' in 'forms'.", node, hint)
                continue
            if not isinstance(items, list):
                checker.problem(
                    where,
                    f"the {language} forms must be a list, e.g. {language}: [fritagelse, fritages].",
                    node,
                    "Write the other forms of the word in [ ], separated by commas.",
                )
                continue
            for index, item in enumerate(items):
                item_line = line_of(items, index) or where
                if not isinstance(item, str) or not item.strip():
                    checker.problem(item_line, f"item {index + 1} of the {language} forms is not a word.", node)
                elif len(item) > MAX_TERM or re.search(r"[<>\[\]{}|\\*]", item):
                    checker.problem(
                        item_line,
                        f"the {language} form '{item}' is not a plain word.",
                        node,
                        "Write the word as it stands on the pages: plain text, no patterns or markup.",
                    )
                else:
                    forms[language].append(" ".join(item.split()))
    return {language: tuple(dict.fromkeys(written)) for language, written in forms.items() if written}


# -- finding terms in a page's text -----------------------------------------------------------------


class _Matcher:
    """Finds the written forms of every term in text: whole words, any case, the longest form first, so
    "lasting power of attorney" is one use of its own term, not a use of "power of attorney"."""

    def __init__(self, glossary: Glossary, language: Language) -> None:
        self.owner: dict[str, str] = {}
        for term in glossary.terms.values():
            for form in term.forms_in(language):
                self.owner.setdefault(_key(form), term.id)
        alternatives = sorted(self.owner, key=len, reverse=True)
        pattern = "|".join(r"\s+".join(re.escape(part) for part in form.split()) for form in alternatives)
        # A hyphen joins words ("MitID-appen"), so it counts as part of a word on both sides.
        self.pattern = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE) if alternatives else None

    def uses(self, text: str) -> Iterable[tuple[re.Match[str], str]]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            yield match, self.owner[_key(match.group(0))]


def _key(form: str) -> str:
    return " ".join(form.split()).lower()


class _TextFinder(HTMLParser):
    """The stretches of a page's HTML that are plain, linkable text, as offsets into the HTML, and the
    terms an editor has already linked with [[term:ID]]."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=False)  # offsets stay exact; a text run stops at "&" and "<"
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", markup)]
        self.stack: list[tuple[str, bool]] = []
        self.skipping = 0
        self.runs: list[tuple[int, int]] = []
        self.linked: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if tag == "a" and LINK_CLASS in classes:
            self.linked.append((values.get("href") or "").rpartition("#")[2])
        skip = (
            tag in SKIP_TAGS
            or bool(classes & SKIP_CLASSES)
            or "hidden" in values
            or values.get("aria-hidden") == "true"
        )
        self.stack.append((tag, skip))
        self.skipping += skip

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                self.skipping -= sum(skip for _, skip in self.stack[index:])
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if self.skipping or not data.strip():
            return
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        self.runs.append((start, start + len(data)))


def _first_uses(markup: str, matcher: _Matcher) -> tuple[list[tuple[int, int, str]], list[str]]:
    """The first linkable use of each term (start, end, term ID), and the terms linked by hand already."""
    finder = _TextFinder(markup)
    done = set(finder.linked)
    found = []
    for start, end in finder.runs:
        for match, term_id in matcher.uses(markup[start:end]):
            if term_id not in done:
                done.add(term_id)
                found.append((start + match.start(), start + match.end(), term_id))
    return found, finder.linked


def link_terms(markup: str, glossary: Glossary, language: Language, page_source: str) -> str:
    """The page's HTML with the first use of each term linked to its explanation on the glossary page."""
    matcher = glossary.matcher(language)
    if page_source == GLOSSARY_SOURCE or matcher.pattern is None or not matcher.pattern.search(markup):
        return markup
    found, _ = _first_uses(markup, matcher)
    parts, position = [], 0
    for start, end, term_id in found:
        parts += [markup[position:start], _link_raw(markup[start:end], term_href(page_source, term_id))]
        position = end
    return "".join([*parts, markup[position:]])


def _link_raw(text: str, href: str) -> str:
    # The text comes from the page's HTML as it is (already escaped where needed).
    return f'<a href="{html.escape(href)}" class="{LINK_CLASS}">{text}</a>'


def terms_in_html(markup: str, glossary: Glossary, language: Language) -> set[str]:
    """Every term the page would link: found in its plain text or linked by hand."""
    matcher = glossary.matcher(language)
    found, linked = _first_uses(markup, matcher)
    return {term_id for _, _, term_id in found} | set(linked)


def terms_in_text(text: str, glossary: Glossary, language: Language) -> set[str]:
    """Every term in a plain text (a text from data/rules.yml that a guide page shows as body text)."""
    return {term_id for _, term_id in glossary.matcher(language).uses(text)}


# -- where each term is used --------------------------------------------------------------------------


@dataclass(frozen=True)
class Use:
    kind: str  # "page" (a guidance page, by path) or "guide" (a decision tree, by ID)
    key: str


def page_bodies(docs_dir: Path, language: Language) -> dict[str, tuple[str, int]]:
    """Every page of a language: path -> (its Markdown without front matter, the lines before it)."""
    bodies = {}
    root = docs_dir / language
    for file in sorted(root.rglob("*.md")):
        text = file.read_text("utf-8")
        match = FRONT_MATTER.match(text)
        offset = match.group(0).count("\n") if match else 0
        bodies[file.relative_to(root).as_posix()] = (text[match.end() :] if match else text, offset)
    return bodies


def guide_texts(rules: Rules, language: Language) -> dict[str, list[str]]:
    """The texts of each guide that its pages show as body text (not headings, answers or links)."""
    texts: dict[str, list[str]] = {}
    for tree in rules.trees.values():
        found = [tree.intro[language], tree.needs[language]]
        for question in tree.questions:
            if question.hint is not None:
                found.append(question.hint[language])
        for outcome in tree.outcomes:
            found.append(outcome.result[language])
            found += [step[language] for step in outcome.next_steps]
        texts[tree.id] = found
    return texts


def find_uses(
    glossary: Glossary,
    docs_dir: Path,
    rules: Rules,
    to_html: Callable[[str], str],
) -> tuple[dict[str, dict[str, list[Use]]], list[Problem]]:
    """Where each term is used, per language (language -> term ID -> uses), from the pages' Markdown and
    the guides' texts, before anything is rendered; and the problems found on the way (a [[term:ID]] with
    an ID the glossary does not have, a page that takes the glossary's address)."""
    uses: dict[str, dict[str, list[Use]]] = {
        language: {t: [] for t in glossary.terms} for language in glossary.languages
    }
    problems: list[Problem] = []
    for language in glossary.languages:
        for path, (body, offset) in page_bodies(docs_dir, language).items():
            display = f"docs/{language}/{path}"
            if path == GLOSSARY_SOURCE:
                problems.append(
                    Problem(
                        display,
                        None,
                        "the page takes the address of the glossary, which is made from data/glossary.yml.",
                        hint="Give the page another file name.",
                    )
                )
            markdown, used = _without_markers(body, offset, display, glossary, problems)
            used |= terms_in_html(to_html(markdown), glossary, language)
            for term_id in sorted(used, key=list(glossary.terms).index):
                uses[language][term_id].append(Use("page", path))
        for tree_id, texts in guide_texts(rules, language).items():
            found = set().union(*(terms_in_text(text, glossary, language) for text in texts))
            for term_id in found:
                uses[language][term_id].append(Use("guide", tree_id))
    return uses, problems


def _without_markers(
    body: str, offset: int, display: str, glossary: Glossary, problems: list[Problem]
) -> tuple[str, set[str]]:
    """A page's Markdown without its markers, and the terms its [[term:ID]] markers link. Contacts and guide
    links are names and links, never linked, so they are left out."""
    used: set[str] = set()
    parts, position = [], 0
    for match in MARKER.finditer(body):
        parts.append(body[position : match.start()])
        position = match.end()
        if match.group("kind") != "term":
            continue
        ident = match.group("id")
        if ident in glossary.terms:
            used.add(ident)
        else:
            line = offset + body.count("\n", 0, match.start()) + 1
            problems.append(glossary.unknown_marker(ident, match.group(0), display, line))
    return "".join([*parts, body[position:]]), used


def unused_problems(glossary: Glossary, uses: Mapping[str, Mapping[str, list[Use]]]) -> list[Problem]:
    """A term that no page of a language uses would have nothing pointing at it: the build stops on it."""
    problems = []
    for term in glossary.terms.values():
        for language in glossary.languages:
            if uses[language][term.id]:
                continue
            name = glossary.languages.label(language)
            written = ", ".join(f"'{form}'" for form in term.forms_in(language))
            problems.append(
                Problem(
                    glossary.file,
                    term.term_lines.get(language) or term.line,
                    f"no {name} page or guide uses the term '{term.id}' ({written}).",
                    f"term {term.id}",
                    f"Add the form the {name} pages use under 'forms: {language}:', link it from a page with "
                    f"[[term:{term.id}]], or delete the term. Words in headings and links do not count.",
                )
            )
    return problems


# -- the glossary page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryPage:
    """The generated page, in the shape hooks/borgerguide_adapter.add_generated_pages takes."""

    source: str
    markdown: str
    in_nav: bool = True


class SiteGlossary:
    """The glossary as the site uses it: the page per language, and the linking of every other page."""

    def __init__(
        self,
        glossary: Glossary,
        uses: Mapping[str, Mapping[str, list[Use]]],
        pages: Mapping[str, Mapping[str, GuidancePage]],
        rules: Rules,
    ) -> None:
        self.glossary = glossary
        self.uses = uses
        self.guidance = pages
        self.rules = rules

    def link(self, markup: str, language: Language, page_source: str) -> str:
        return link_terms(markup, self.glossary, language, page_source)

    def pages(self, language: Language) -> list[GlossaryPage]:
        # A project without data/glossary.yml (another municipality's trial, the benchmark) has no page.
        return [self.page(language)] if self.glossary.terms else []

    def page(self, language: Language) -> GlossaryPage:
        ui = ui_strings(language)
        entries = []
        default = self.rules.languages.default
        for term in sorted(self.glossary.terms.values(), key=lambda t: t.term[language].casefold()):
            in_default = term.term[default]
            entries.append(
                {
                    "id": term.id,
                    "term": term.term[language],
                    # The word as the default language writes it, which readers meet in letters and on other sites.
                    "in_default": in_default if in_default != term.term[language] else None,
                    "explanation": term.explanation[language],
                    "used_on": [self._use_link(use, language) for use in self.uses[language][term.id]],
                }
            )
        cited = dict.fromkeys(source for term in self.glossary.terms.values() for source in term.sources)
        body = (
            template_environment()
            .get_template("glossary.html.j2")
            .render(
                ui=ui,
                language=language,
                default_language=default,
                entries=entries,
                sources=[self.rules.sources[source] for source in cited if source in self.rules.sources],
            )
        )
        meta = {
            "title": ui["glossary_title"],
            "description": ui["glossary_description"],
            "last_reviewed": datetime.date.fromisoformat(self.glossary.last_reviewed),
            "hide": ["toc"],
        }
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        # One raw HTML block with no blank lines, so Markdown passes it through untouched.
        block = "\n".join(line for line in body.splitlines() if line.strip())
        return GlossaryPage(GLOSSARY_SOURCE, f"---\n{front}---\n\n{block}\n")

    def _use_link(self, use: Use, language: Language) -> dict[str, str]:
        ui = ui_strings(language)
        if use.kind == "guide":
            tree = self.rules.trees[use.key]
            return {
                "title": f"{ui['glossary_guide']}: {tree.title[language]}",
                "url": urls.relative(GLOSSARY_SOURCE, urls.start_source(tree.id)),
            }
        page = self.guidance.get(language, {}).get(use.key)
        title = page.title if page is not None else use.key
        return {"title": title, "url": urls.relative(GLOSSARY_SOURCE, use.key)}


def build_site_glossary(
    root: Path,
    docs_dir: Path,
    rules: Rules,
    pages: Mapping[str, Mapping[str, GuidancePage]],
    to_html: Callable[[str], str],
) -> SiteGlossary:
    """Read the glossary, find where each term is used and stop (RulesError) on any problem: a mistake in
    the file, a [[term:ID]] without a term, or a term no page uses. ``to_html`` turns a page's Markdown
    into HTML the way the site does (the MkDocs hook passes its Markdown converter).

    Without the file there is no glossary: no page, no links.
    """
    if not (root / GLOSSARY_FILE).is_file():
        empty = Glossary({}, "", rules.languages)
        return SiteGlossary(empty, {language: {} for language in rules.languages}, pages, rules)
    # The i18n plugin builds the site once per language, and each build asks again: unchanged inputs
    # (the same files, the same rules object) give the same answer without reading every page again.
    key = (_fingerprint(root / GLOSSARY_FILE, docs_dir), id(rules))
    cached = _last.get(key)
    if cached is not None:
        return cached
    glossary = load_glossary(root / GLOSSARY_FILE, rules.languages, GLOSSARY_FILE, rules.sources)
    uses, problems = find_uses(glossary, docs_dir, rules, to_html)
    problems += unused_problems(glossary, uses)
    if problems:
        raise RulesError(problems)
    _last.clear()
    _last[key] = SiteGlossary(glossary, uses, pages, rules)
    return _last[key]


_last: dict[Any, SiteGlossary] = {}


def _fingerprint(glossary_file: Path, docs_dir: Path) -> tuple[tuple[str, int, int], ...]:
    files = [glossary_file, *sorted(docs_dir.rglob("*.md"))]
    stats = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            stats.append((str(file), -1, -1))
            continue
        stats.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(stats)
