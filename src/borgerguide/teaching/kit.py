"""The teaching kit: an overview for teachers, case exercises, one-page handouts with QR codes, and a booklet.

Everything here is made from the same sources as the guidance (the pages, data/rules.yml, data/cases.yml),
so the kit cannot drift from what the site says. Like render.py it turns the model into Markdown files with
front matter and an HTML body from Jinja2 templates (autoescaped); it imports nothing from MkDocs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import yaml
from markupsafe import Markup

from borgerguide.errors import Problem
from borgerguide.guidance.pages import GuidancePage, page_url
from borgerguide.languages import Language, Languages
from borgerguide.rules.model import Contact, Question, Rules
from borgerguide.site import urls
from borgerguide.site.qr import absolute_url, qr_svg
from borgerguide.site.render import template_environment
from borgerguide.site.strings import format_date, ui_strings
from borgerguide.teaching import booklets, handouts
from borgerguide.teaching.cases import Cases
from borgerguide.teaching.exercises import (
    TEACHING_ROOT,
    ExerciseRenderer,
    answers_source,
    case_source,
    exercise_sources,
)
from borgerguide.teaching.plans import Plan

__all__ = ["TEACHING_ROOT", "answers_source", "case_source"]  # the exercises' addresses, re-exported
# The theme template that adds the kit's stylesheet (overrides/teaching.html); only the kit's pages load it.
TEMPLATE = "teaching.html"

EntryKind = Literal["page", "tree"]


# -- addresses ------------------------------------------------------------------------------------


def overview_source() -> str:
    return f"{TEACHING_ROOT}/index.md"


def page_handout_source(page_path: str) -> str:
    """The handout of a guidance page mirrors the page's own path ("mitid.md" -> ".../ark/side/mitid.md")."""
    return f"{TEACHING_ROOT}/ark/side/{page_path}"


def tree_handout_source(tree_id: str) -> str:
    return f"{TEACHING_ROOT}/ark/guide/{tree_id}.md"


def booklet_source() -> str:
    return f"{TEACHING_ROOT}/haefte.md"


def booklet_sources() -> list[str]:
    """The whole guidance's booklet and one booklet per topic."""
    return [booklet_source(), *(topic.source for topic in booklets.TOPICS)]


def volunteers_source() -> str:
    """The volunteers' rules, a hand-written page every session plan links to."""
    return f"{TEACHING_ROOT}/frivillige.md"


def is_teaching(path: str) -> bool:
    return path.startswith(f"{TEACHING_ROOT}/")


# -- what the guidance pages contain --------------------------------------------------------------

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
SUBHEADING = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)
CONTACT_MARKER = re.compile(r"\[\[\s*contact\s*:\s*([^\]\s]+)\s*\]\]")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")


@dataclass(frozen=True)
class Outline:
    """What a handout says about a guidance page: its sub-headings and the contacts it names."""

    headings: tuple[str, ...]
    contacts: tuple[str, ...]


def outline(markdown: str) -> Outline:
    text = COMMENT.sub("", FRONT_MATTER.sub("", markdown))
    headings = []
    for match in SUBHEADING.finditer(text):
        heading = ATTR_LIST.sub("", MARKDOWN_LINK.sub(r"\1", match.group(1)))
        headings.append(heading.replace("*", "").replace("`", "").strip())
    contacts = dict.fromkeys(CONTACT_MARKER.findall(text))  # ordered and unique
    return Outline(tuple(headings), tuple(contacts))


def read_summaries(docs_dir: Path, languages: Languages, rules: Rules) -> dict[Language, dict[str, handouts.Summary]]:
    """What each page's handout says, read from the page's Markdown (see borgerguide.teaching.handouts)."""
    found: dict[Language, dict[str, handouts.Summary]] = {}
    for language in languages:
        names = {key: contact.name[language] for key, contact in rules.contacts.items()}
        found[language] = {
            file.relative_to(docs_dir / language).as_posix(): handouts.summarize(file.read_text("utf-8"), names)
            for file in sorted((docs_dir / language).rglob("*.md"))
        }
    return found


def read_outlines(docs_dir: Path, languages: Languages) -> dict[Language, dict[str, Outline]]:
    return {
        language: {
            file.relative_to(docs_dir / language).as_posix(): outline(file.read_text("utf-8"))
            for file in sorted((docs_dir / language).rglob("*.md"))
        }
        for language in languages
    }


def nav_paths(nav: Any) -> list[str]:
    """The page paths of mkdocs.yml's ``nav:`` in reading order (sections flattened)."""
    found: list[str] = []
    if isinstance(nav, str):
        if nav.endswith(".md"):
            found.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            found += nav_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found += nav_paths(value)
    return found


@dataclass(frozen=True)
class Entry:
    """One part of the guidance, in the order a reader meets it: a page, or a guide (tree)."""

    kind: EntryKind
    key: str  # a page path ("mitid.md") or a tree ID


def guidance_entries(order: Iterable[str], pages: Iterable[str], trees: Iterable[str]) -> list[Entry]:
    """Every guidance page and guide in menu order; those missing from the menu follow, so none is left out."""
    page_set = {p for p in pages if not is_teaching(p)}
    tree_ids = list(trees)
    entries: list[Entry] = []
    for path in order:
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == urls.GUIDE_ROOT and parts[2] == "index.md" and parts[1] in tree_ids:
            entry = Entry("tree", parts[1])
        elif path in page_set:
            entry = Entry("page", path)
        else:
            continue
        if entry not in entries:
            entries.append(entry)
    entries += [Entry("page", p) for p in sorted(page_set) if Entry("page", p) not in entries]
    entries += [Entry("tree", t) for t in tree_ids if Entry("tree", t) not in entries]
    return entries


def generated_sources(rules: Rules, cases: Cases, pages: Iterable[str]) -> list[str]:
    entries = guidance_entries([], pages, rules.trees)
    sources = [overview_source(), *booklet_sources(), *exercise_sources(cases)]
    sources += [handout_source(entry) for entry in entries]
    return sources


def handout_source(entry: Entry) -> str:
    return page_handout_source(entry.key) if entry.kind == "page" else tree_handout_source(entry.key)


def check_collisions(rules: Rules, cases: Cases, pages: Iterable[str]) -> list[Problem]:
    """A hand-written page may not take an address the kit generates: one of the two would silently vanish."""
    page_list = list(pages)
    generated = set(generated_sources(rules, cases, page_list))
    return [
        Problem(
            f"docs/{rules.languages.default}/{path}",
            None,
            f"the page takes the address of a generated teaching page ({urls.url_of(path) or '/'}).",
            hint="Give the page another file name; index.md, haefte.md, oevelser/, svar/ and ark/ under "
            f"{TEACHING_ROOT}/ are made from the data.",
        )
        for path in sorted(generated & set(page_list))
    ]


# -- booklet: guidance page HTML moved onto one page ---------------------------------------------

# Python-Markdown and our templates write every attribute in double quotes.
ID_ATTRIBUTE = re.compile(r'(\s(?:id|for|aria-labelledby|aria-describedby|aria-controls)=")([^"]*)(")')
HREF_ATTRIBUTE = re.compile(r'(\shref=")([^"]*)(")')
HEADING_TAG = re.compile(r"<(/?)h([1-6])(?=[\s>])")
FIRST_H1 = re.compile(r"<h1[^>]*>.*?</h1>\s*", re.DOTALL)


def rebase_href(href: str, page_path_url: str, booklet_url: str, prefix: str) -> str:
    """A link from a page, rewritten to work from the booklet (both relative to the language root)."""
    if href.startswith("#"):
        return f"#{prefix}-{href[1:]}" if len(href) > 1 else href
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    base = "https://site.invalid/"
    target = urlsplit(urljoin(urljoin(base, page_path_url), href))
    start = "/" + booklet_url
    link = posixpath.relpath(target.path, start)
    if target.path.endswith("/") and not link.endswith("/"):
        link += "/"
    return link + (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")


def adapt_page_html(html: str, page_path_url: str, booklet_url: str, prefix: str) -> str:
    """Fit a page's body into a booklet section: drop its h1 (the section heading replaces it), move every
    heading one level down, make its IDs unique on the booklet page and its links work from there."""
    body = FIRST_H1.sub("", html, count=1)
    body = HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", body)
    body = ID_ATTRIBUTE.sub(
        lambda m: m.group(1) + " ".join(f"{prefix}-{ident}" for ident in m.group(2).split()) + m.group(3), body
    )
    return HREF_ATTRIBUTE.sub(
        lambda m: m.group(1) + rebase_href(m.group(2), page_path_url, booklet_url, prefix) + m.group(3), body
    )


# -- pages ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeachingPage:
    source: str  # language-neutral source path, e.g. "undervisning/oevelser/karen-udbetaling-danmark.md"
    kind: str  # "overview", "case" (a worksheet), "answers", "handout" or "booklet"
    title: str
    markdown: str
    in_nav: bool


class TeachingRenderer:
    def __init__(
        self,
        rules: Rules,
        pages: Mapping[Language, Mapping[str, GuidancePage]],
        cases: Cases,
        outlines: Mapping[Language, Mapping[str, Outline]],
        order: list[str],
        site_url: str,
        municipality_name: str = "",
        summaries: Mapping[Language, Mapping[str, handouts.Summary]] | None = None,
        plans: Mapping[Language, Mapping[str, Plan]] | None = None,
        nav: Any = None,
    ) -> None:
        self.rules = rules
        self.pages = pages
        self.cases = cases
        self.outlines = outlines
        self.order = order
        self.site_url = site_url
        self.municipality_name = municipality_name
        self.summaries = summaries or {language: {} for language in rules.languages}
        self.plans = plans or {language: {} for language in rules.languages}
        self.nav = nav if nav is not None else []
        self.entries = guidance_entries(order, pages[rules.languages.default], rules.trees)
        self.env = template_environment()
        self.env.filters["date"] = format_date
        self.env.tests["instanceof_question"] = lambda node: isinstance(node, Question)
        self.exercises = ExerciseRenderer(rules, cases, self.env, site_url, self._context, self._page)

    # -- shared pieces ----------------------------------------------------------------------------

    def teacher_pages(self, language: Language) -> list[GuidancePage]:
        """The hand-written teaching pages (docs/<lang>/undervisning/), in menu order."""
        written = [p for p in self.pages[language] if is_teaching(p)]
        ordered = [p for p in self.order if p in written] + sorted(p for p in written if p not in self.order)
        return [self.pages[language][p] for p in dict.fromkeys(ordered)]

    def entry_title(self, entry: Entry, language: Language) -> str:
        if entry.kind == "tree":
            return self.rules.trees[entry.key].title[language]
        return self.pages[language][entry.key].title

    def entry_reviewed(self, entry: Entry, language: Language) -> str:
        if entry.kind == "tree":
            return self.rules.last_reviewed
        return self.pages[language][entry.key].last_reviewed

    def entry_url(self, entry: Entry) -> str:
        """The entry's address relative to the language root ("mitid/", "guide/hjaelp/")."""
        if entry.kind == "tree":
            return urls.url_of(urls.start_source(entry.key))
        return page_url(entry.key)

    def contacts(self, ids: Iterable[str]) -> list[Contact]:
        return [self.rules.contacts[c] for c in ids if c in self.rules.contacts]

    def _context(self, language: Language, source: str) -> dict[str, Any]:
        return {
            "language": language,
            "ui": ui_strings(language),
            "overview_url": urls.relative(source, overview_source()),
        }

    # -- the pages --------------------------------------------------------------------------------

    def all_pages(self, language: Language) -> list[TeachingPage]:
        pages = [self.overview(language), *(self.booklet_shell(language, source) for source in booklet_sources())]
        pages += self.exercises.pages(language)
        pages += [self.handout(entry, language) for entry in self.entries]
        return pages

    def overview(self, language: Language) -> TeachingPage:
        source = overview_source()
        ui = ui_strings(language)
        body = self.env.get_template("teaching_overview.html.j2").render(
            **self._context(language, source),
            teacher_pages=[
                {"title": p.title, "description": p.description, "url": urls.relative(source, p.path)}
                for p in self.teacher_pages(language)
            ],
            cases=[
                {
                    "title": case.title[language],
                    "tree": self.rules.trees[case.tree].title[language],
                    "url": urls.relative(source, case_source(case.id)),
                }
                for case in self.cases
            ],
            handouts=[
                {
                    "title": self.entry_title(entry, language),
                    "kind": entry.kind,
                    "url": urls.relative(source, handout_source(entry)),
                }
                for entry in self.entries
            ],
            booklet_url=urls.relative(source, booklet_source()),
            topic_booklets=[
                {"title": ui[topic.title_key], "url": urls.relative(source, topic.source)} for topic in booklets.TOPICS
            ],
        )
        return self._page(
            source,
            "overview",
            ui["teaching_title"],
            ui["teaching_description"],
            self.cases.last_reviewed,
            body,
            in_nav=True,
            in_search=True,
            hide=["toc"],
        )

    def contact_names(self, language: Language) -> dict[str, str]:
        return {key: contact.name[language] for key, contact in self.rules.contacts.items()}

    def handout_context(self, entry: Entry, language: Language) -> tuple[dict[str, Any], float]:
        """What a handout shows (see borgerguide.teaching.handouts) and the printed lines it needs."""
        title = self.entry_title(entry, language)
        address = absolute_url(self.site_url, self.rules.languages, language, self.entry_url(entry))
        if entry.kind == "tree":
            tree = self.rules.trees[entry.key]
            lead = ""  # the guide's title is its question; the sheet's room goes to the questions and answers
            questions = handouts.guide_questions(tree, language)
            contacts = self.contacts(self.rules.other_help)
            texts = [self._contact_text(c, language) for c in contacts]
            head = handouts.head_lines(title, address, lead)
            # Each answer names the result it leads to when the sheet has room; otherwise the QR code does.
            lines = handouts.guide_lines(head, questions, texts)
            results = lines <= handouts.LINE_BUDGET
            if not results:
                lines = handouts.guide_lines(head, questions, texts, results=False)
            shown = {
                "kind": "tree",
                "lead": lead,
                "questions": questions,
                "results": results,
                "contacts": contacts,
                "shortened": False,
            }
            return shown, lines
        page = self.pages[language][entry.key]
        summary = self.summaries[language].get(entry.key, handouts.Summary((), ()))
        # A page that names no contact still tells the reader where help is.
        contacts = self.contacts(summary.contacts or self.rules.other_help)
        texts = [self._contact_text(c, language) for c in contacts]
        fitted = handouts.fit_page(handouts.head_lines(title, address, page.description), summary, texts)
        shown = {
            "kind": "page",
            "lead": page.description,
            "sections": fitted.sections,
            "contacts": contacts,
            "shortened": fitted.shortened,
        }
        return shown, fitted.needed

    @staticmethod
    def _contact_text(contact: Contact, language: Language) -> str:
        parts = [contact.name[language], contact.phone or "", contact.web or "", contact.address or ""]
        return ", ".join(p for p in parts if p)

    def handout_problems(self) -> list[Problem]:
        """Every handout, in every language, that would not fit one printed A4 sheet."""
        problems = []
        for language in self.rules.languages:
            for entry in self.entries:
                _, lines = self.handout_context(entry, language)
                display = (
                    f"docs/{language}/{entry.key}" if entry.kind == "page" else f"data/rules.yml (guide {entry.key})"
                )
                found = handouts.fit_problem(
                    display, self.entry_title(entry, language), lines, guide=entry.kind == "tree"
                )
                if found is not None:
                    problems.append(found)
        return problems

    def handout(self, entry: Entry, language: Language) -> TeachingPage:
        source = handout_source(entry)
        ui = ui_strings(language)
        address = absolute_url(self.site_url, self.rules.languages, language, self.entry_url(entry))
        title = self.entry_title(entry, language)
        shown, _ = self.handout_context(entry, language)
        context: dict[str, Any] = {
            **self._context(language, source),
            **shown,
            "title": title,
            "municipality": self.municipality_name,
            "address": address,
            "qr": Markup(qr_svg(address, f"{ui['qr_label']}: {title}")),
            "online_url": urls.relative(source, urls.start_source(entry.key) if entry.kind == "tree" else entry.key),
        }
        body = self.env.get_template("teaching_handout.html.j2").render(**context)
        return self._page(
            source,
            "handout",
            f"{ui['handout']}: {title}",
            shown["lead"] or self.rules.trees[entry.key].intro[language],
            self.entry_reviewed(entry, language),
            body,
            in_nav=False,
            in_search=False,
            hide=["toc", "navigation"],
        )

    def booklet_entries(self, source: str) -> list[Entry]:
        """The parts of one booklet: every page and guide, or one topic's."""
        topic = booklets.topic_of(source)
        if topic is None:
            return self.entries
        keys = booklets.topic_keys(topic, self.nav, self.pages[self.rules.languages.default], list(self.rules.trees))
        return [Entry("tree" if kind == "tree" else "page", key) for kind, key in keys]

    def booklet_title(self, source: str, language: Language) -> str:
        ui = ui_strings(language)
        topic = booklets.topic_of(source)
        return ui["booklet_title"] if topic is None else ui[topic.title_key]

    def booklet_shell(self, language: Language, source: str | None = None) -> TeachingPage:
        """A booklet as MkDocs first sees it; :meth:`booklet` fills in the pages once they are rendered."""
        source = source or booklet_source()
        ui = ui_strings(language)
        entries = self.booklet_entries(source) or self.entries
        reviewed = min(self.entry_reviewed(entry, language) for entry in entries)
        return self._page(
            source,
            "booklet",
            self.booklet_title(source, language),
            ui["booklet_description"],
            reviewed,
            self.booklet(language, {}, source),
            in_nav=source == booklet_source(),
            in_search=False,
            hide=["toc"],
        )

    def booklet(self, language: Language, contents: Mapping[str, str], source: str | None = None) -> str:
        """A booklet's body: its guidance pages (their rendered HTML from ``contents``) and guides, in
        order. A page missing from ``contents`` is left out (the first render, before pages exist)."""
        source = source or booklet_source()
        booklet_url = urls.url_of(source)
        sections = []
        for number, entry in enumerate(self.booklet_entries(source), start=1):
            anchor = f"dd-b{number}"
            section: dict[str, Any] = {
                "id": anchor,
                "kind": entry.kind,
                "title": self.entry_title(entry, language),
                "reviewed": self.entry_reviewed(entry, language),
            }
            if entry.kind == "tree":
                tree = self.rules.trees[entry.key]
                section.update(
                    tree=tree,
                    outcomes=[{"node": o, "contacts": self.contacts(o.contacts)} for o in tree.outcomes_in_order()],
                )
            elif entry.key in contents:
                html = adapt_page_html(contents[entry.key], page_url(entry.key), booklet_url, anchor)
                section["html"] = Markup(html)
            else:
                continue
            sections.append(section)
        return self.env.get_template("teaching_booklet.html.j2").render(
            **self._context(language, source),
            sections=sections,
            title=self.booklet_title(source, language),
            topic=booklets.topic_of(source) is not None,
            municipality=self.municipality_name,
        )

    # -- session plans ----------------------------------------------------------------------------

    def plan_materials(self, plan: Plan, source: str, language: Language) -> str:
        """The materials a plan names, as links (HTML), with the volunteers' rules and the topic booklets."""
        ui = ui_strings(language)
        cases = [self.cases.cases[c] for c in plan.exercises if c in self.cases.cases]
        numbers = {case_id: index for index, case_id in enumerate(self.cases.cases, start=1)}
        entries = [Entry("tree" if key in self.rules.trees else "page", key) for key in plan.handouts]
        return self.env.get_template("teaching_plan_materials.html.j2").render(
            ui=ui,
            minutes=plan.minutes,
            exercises=[
                {
                    "title": f"{ui['case']} {numbers[c.id]}: {c.title[language]}",
                    "url": urls.relative(source, case_source(c.id)),
                }
                for c in cases
            ],
            handouts=[
                {"title": self.entry_title(e, language), "url": urls.relative(source, handout_source(e))}
                for e in entries
            ],
            guides=[
                {"title": self.rules.trees[t].title[language], "url": urls.relative(source, urls.start_source(t))}
                for t in plan.guides
                if t in self.rules.trees
            ],
            volunteers_url=urls.relative(source, volunteers_source()),
            overview_url=urls.relative(source, overview_source()),
        )

    def with_plan_materials(self, markdown: str, source: str, language: Language) -> str:
        """A session plan's Markdown with its materials inserted before its first sub-heading."""
        plan = self.plans.get(language, {}).get(source)
        if plan is None:
            return markdown
        block = "\n" + _one_block(self.plan_materials(plan, source, language)) + "\n\n"
        match = re.search(r"^## ", markdown, re.MULTILINE)
        if match is None:
            return markdown + "\n\n" + block
        return markdown[: match.start()] + block + markdown[match.start() :]

    def _page(
        self,
        source: str,
        kind: str,
        title: str,
        description: str,
        reviewed: str,
        body: str,
        *,
        in_nav: bool,
        in_search: bool,
        hide: list[str],
    ) -> TeachingPage:
        meta: dict[str, Any] = {
            "title": title,
            "description": _shorten(description, 160),
            "last_reviewed": reviewed,
            "hide": hide,
            "template": TEMPLATE,
            "teaching": {"kind": kind},
        }
        if not in_search:
            meta["search"] = {"exclude": True}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        return TeachingPage(source, kind, title, f"---\n{front}---\n\n{_one_block(body)}\n", in_nav)


def _one_block(html: str) -> str:
    """One raw HTML block with no blank lines, so Markdown passes it through untouched."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
