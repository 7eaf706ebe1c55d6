"""One-page handouts: what a guidance page or a guide says, in short, with the page's own words.

A page's handout carries, under each of the page's sub-headings, the first paragraph (its key point) and its
numbered steps, taken from the page's Markdown; the contacts are the ones the page names with
``[[contact:ID]]``, drawn from the rules (phone numbers are never retyped). A guide's handout shows its
questions with their answers, and where each answer leads.

Printed at 14 pt, a handout has room for a limited number of lines. :meth:`HandoutRenderer.problems` estimates the lines
each handout needs and reports the page whose handout would run over one A4 sheet, so the build stops before a
teacher prints two sheets where one was promised. :class:`HandoutRenderer` draws each handout from a template,
with the page's or the guide's address as a QR code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from borgerguide.errors import Problem
from borgerguide.guidance.glossary import Glossary
from borgerguide.guidance.markers import MARKER
from borgerguide.guidance.pages import FRONT_MATTER
from borgerguide.languages import Language, Languages
from borgerguide.rules.model import Contact, Question, Rules, Tree
from borgerguide.site import urls
from borgerguide.site.qr import absolute_url, qr_svg
from borgerguide.site.strings import ui_strings
from borgerguide.teaching.common import Entry, Guidance, TeachingPage, handout_source, make_page, page_context

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$")
ORDERED = re.compile(r"^\d+[.)]\s+(.*)$")
BULLET = re.compile(r"^[-*+]\s+(.*)$")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")
EMPHASIS = re.compile(r"(\*\*|__|\*|`)")

# The printed sheet (A4, 15 mm margins, 14 pt at line height 1.3) holds about 37 lines of the full width
# below the site's own print header and above its footer. The body is set in two columns of about 40
# characters; a column line counts half a full line, with a tenth more for the gaps that whole sections
# leave at the foot of a column. Measured in Chromium: tests/test_teaching_browser.py prints every handout
# and fails when one runs over a sheet, so a budget that is too generous cannot go unnoticed.
LINE_BUDGET = 35.0
FULL_WIDTH = 80
COLUMN = 40
TITLE_WIDTH = 34  # characters of the 22 pt title beside the QR code
QR_LINES = 5.8  # the QR code's height in body lines
HEADING_LINES = 1.5  # a sub-heading with the space around it
COLUMN_WASTE = 1.1
RESULT_WASTE = 1.6
GUIDE_WASTE = 0.95  # nested answer lists indent further and break less evenly


@dataclass(frozen=True)
class Section:
    """One sub-heading of a page: its first paragraph and its numbered steps."""

    heading: str
    point: str = ""
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Summary:
    """What a page's handout says: the sections with something to say, and the contacts the page names."""

    sections: tuple[Section, ...]
    contacts: tuple[str, ...]


# What a marker stands for in print, per kind and ID: {"contact": {id: name}, "term": {id: term}}.
MarkerNames = Mapping[str, Mapping[str, str]]


def plain(text: str, names: MarkerNames) -> str:
    """A line of page Markdown as plain text: a contact or term marker becomes the contact's name or the
    term, a guide marker (a button on screen) nothing, a link its text."""

    def marker(match: re.Match[str]) -> str:
        return names.get(match["kind"], {}).get(match["id"], "")

    text = MARKER.sub(marker, text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = ATTR_LIST.sub("", text)
    return " ".join(EMPHASIS.sub("", text).split())


@dataclass
class _Draft:
    heading: str
    point: str = ""
    steps: list[str] = field(default_factory=list)
    paragraph: list[str] = field(default_factory=list)
    seen_block: bool = False


def summarize(markdown: str, names: MarkerNames) -> Summary:
    """The key point (first paragraph) and the numbered steps under each ``##`` heading of a page."""
    text = COMMENT.sub("", FRONT_MATTER.sub("", markdown))
    drafts: list[_Draft] = []
    current: _Draft | None = None
    in_fence = False

    def close_paragraph() -> None:
        if current is not None and current.paragraph:
            if not current.point and not current.seen_block:
                point = plain(" ".join(current.paragraph), names)
                # A sentence that opens a bullet list says nothing without the list.
                current.point = "" if point.endswith(":") else point
            current.paragraph.clear()
            current.seen_block = True

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = HEADING.match(line)
        if heading:
            close_paragraph()
            if len(heading.group(1)) == 2:
                current = _Draft(plain(heading.group(2), names))
                drafts.append(current)
            continue
        if current is None:
            continue
        if not line:
            close_paragraph()
            continue
        ordered = ORDERED.match(line)
        if ordered:
            close_paragraph()
            current.steps.append(plain(ordered.group(1), names))
            continue
        if raw.startswith((" ", "\t")) and current.steps:  # a step's continuation line
            current.steps[-1] += " " + plain(line, names)
            continue
        if BULLET.match(line) or line.startswith(("<", "!!!", "|", "[[tree")):
            close_paragraph()
            current.seen_block = True
            continue
        current.paragraph.append(line)
    close_paragraph()
    sections = tuple(Section(d.heading, d.point, tuple(s for s in d.steps if s)) for d in drafts if d.point or d.steps)
    contacts = tuple(dict.fromkeys(m["id"] for m in MARKER.finditer(text) if m["kind"] == "contact"))
    return Summary(sections, contacts)


# -- guides ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuideAnswer:
    label: str
    question_number: int | None  # the question it leads to, or None when it leads to a result
    result: str  # the result's heading when it leads to one


@dataclass(frozen=True)
class GuideQuestion:
    number: int
    text: str
    answers: tuple[GuideAnswer, ...]


def guide_questions(tree: Tree, language: Language) -> list[GuideQuestion]:
    """Every question of a guide, numbered in the order a reader meets them, with where each answer leads."""
    order: list[str] = []
    queue = [tree.start]
    while queue:
        node_id = queue.pop(0)
        node = tree.nodes[node_id]
        if node_id in order or not isinstance(node, Question):
            continue
        order.append(node_id)
        queue += [answer.next for answer in node.answers]
    numbers = {node_id: index for index, node_id in enumerate(order, start=1)}
    questions = []
    for node_id in order:
        node = tree.nodes[node_id]
        assert isinstance(node, Question)
        answers = []
        for answer in node.answers:
            target = tree.nodes[answer.next]
            if isinstance(target, Question):
                answers.append(GuideAnswer(answer.label[language], numbers[answer.next], ""))
            else:
                answers.append(GuideAnswer(answer.label[language], None, target.heading[language]))
        questions.append(GuideQuestion(numbers[node_id], node.question[language], tuple(answers)))
    return questions


# -- does it fit one sheet? -----------------------------------------------------------------------


def _lines(text: str, width: int) -> float:
    return math.ceil(len(text) / width) + 0.25 if text else 0.0


def head_lines(title: str, address: str, lead: str) -> float:
    """Caption, title and address beside the QR code, then the lead across the sheet."""
    beside = 1 + 1.6 * math.ceil(len(title) / TITLE_WIDTH) + _lines(address, 2 * TITLE_WIDTH) + 1
    return max(QR_LINES, beside) + _lines(lead, FULL_WIDTH)


def _section_lines(section: Section) -> float:
    return HEADING_LINES + _lines(section.point, COLUMN) + sum(_lines(step, COLUMN - 3) for step in section.steps)


def _contact_lines(contact_lines: list[str]) -> float:
    return HEADING_LINES + sum(_lines(line, COLUMN - 3) for line in contact_lines) if contact_lines else 0.0


def _body(column_lines: float) -> float:
    return column_lines / 2 * COLUMN_WASTE


@dataclass(frozen=True)
class Fitted:
    """What a page's handout prints, whether a key point had to stay on the page, and the lines it needs."""

    sections: tuple[Section, ...]
    shortened: bool
    needed: float


def fit_page(head: float, summary: Summary, contact_lines: list[str]) -> Fitted:
    """The numbered steps always; then each section's key point, in page order, while the sheet has room.
    ``needed`` above LINE_BUDGET means even the steps and contacts alone run over one sheet."""
    chosen: list[Section | None] = [
        Section(section.heading, "", section.steps) if section.steps else None for section in summary.sections
    ]

    def needed() -> float:
        listed = sum(_section_lines(section) for section in chosen if section is not None)
        return head + _body(listed + _contact_lines(contact_lines))

    shortened = False
    for index, section in enumerate(summary.sections):
        if not section.point:
            continue
        before = chosen[index]
        chosen[index] = Section(section.heading, section.point, section.steps)
        if needed() > LINE_BUDGET:
            chosen[index] = before
            shortened = True
    return Fitted(tuple(section for section in chosen if section is not None), shortened, needed())


def guide_lines(
    head: float, questions: list[GuideQuestion], contact_lines: list[str], *, results: bool = True
) -> float:
    """The lines a guide's handout needs: its questions and answers print in two columns; with ``results``
    each answer that ends the guide names its result too."""
    listed = 0.0
    for question in questions:
        listed += _lines(f"{question.number}. {question.text}", COLUMN - 3) + 0.8
        for answer in question.answers:
            if results and answer.result:
                # A result's heading after the answer wraps under it, indented: it takes more room.
                listed += _lines(f"{answer.label} → {answer.result}", COLUMN - 6) * RESULT_WASTE
            else:
                listed += _lines(f"{answer.label} → {answer.question_number or ''}", COLUMN - 6)
    return head + HEADING_LINES + _body(listed * GUIDE_WASTE / COLUMN_WASTE + _contact_lines(contact_lines))


def fit_problem(display: str, title: str, needed: float, *, guide: bool = False) -> Problem | None:
    """A located problem when a handout needs more lines than one printed A4 sheet holds."""
    if needed <= LINE_BUDGET:
        return None
    return Problem(
        display,
        1,
        f"the handout '{title}' needs about {needed:.0f} printed lines; one A4 sheet at 14 pt holds "
        f"{LINE_BUDGET:.0f}, even with only the "
        + ("questions and answers" if guide else "numbered steps")
        + " and the contacts.",
        "handout",
        "Shorten the guide's questions and answers in data/rules.yml, or split the guide in two."
        if guide
        else "Shorten the numbered steps under the page's ## headings, or split the page in two.",
    )


def read_summaries(
    docs_dir: Path, languages: Languages, rules: Rules, glossary: Glossary | None
) -> dict[Language, dict[str, Summary]]:
    """What each page's handout says, read from the page's Markdown (see :func:`summarize`)."""
    found: dict[Language, dict[str, Summary]] = {}
    for language in languages:
        names = {
            "contact": {key: contact.name[language] for key, contact in rules.contacts.items()},
            "term": {key: term.term[language] for key, term in (glossary.terms if glossary else {}).items()},
        }
        found[language] = {
            file.relative_to(docs_dir / language).as_posix(): summarize(file.read_text("utf-8"), names)
            for file in sorted((docs_dir / language).rglob("*.md"))
        }
    return found


class HandoutRenderer:
    """Renders the one-page handout of each guidance page and guide, and checks that each fits its sheet."""

    def __init__(
        self,
        guidance: Guidance,
        summaries: Mapping[Language, Mapping[str, Summary]],
        env: Environment,
        site_url: str,
        municipality_name: str,
    ) -> None:
        self.guidance = guidance
        self.rules = guidance.rules
        self.summaries = summaries
        self.env = env
        self.site_url = site_url
        self.municipality_name = municipality_name

    def pages(self, language: Language) -> list[TeachingPage]:
        return [self.handout(entry, language) for entry in self.guidance.entries]

    def context(self, entry: Entry, language: Language) -> tuple[dict[str, Any], float]:
        """What a handout shows and the printed lines it needs."""
        title = self.guidance.title(entry, language)
        address = absolute_url(self.site_url, self.rules.languages, language, self.guidance.url(entry))
        if entry.kind == "tree":
            tree = self.rules.trees[entry.key]
            lead = ""  # the guide's title is its question; the sheet's room goes to the questions and answers
            questions = guide_questions(tree, language)
            contacts = self.guidance.contacts(self.rules.other_help)
            texts = [_contact_text(c, language) for c in contacts]
            head = head_lines(title, address, lead)
            # Each answer names the result it leads to when the sheet has room; otherwise the QR code does.
            lines = guide_lines(head, questions, texts)
            results = lines <= LINE_BUDGET
            if not results:
                lines = guide_lines(head, questions, texts, results=False)
            shown = {
                "kind": "tree",
                "lead": lead,
                "questions": questions,
                "results": results,
                "contacts": contacts,
                "shortened": False,
            }
            return shown, lines
        page = self.guidance.pages[language][entry.key]
        summary = self.summaries[language].get(entry.key, Summary((), ()))
        # A page that names no contact still tells the reader where help is.
        contacts = self.guidance.contacts(summary.contacts or self.rules.other_help)
        texts = [_contact_text(c, language) for c in contacts]
        fitted = fit_page(head_lines(title, address, page.description), summary, texts)
        shown = {
            "kind": "page",
            "lead": page.description,
            "sections": fitted.sections,
            "contacts": contacts,
            "shortened": fitted.shortened,
        }
        return shown, fitted.needed

    def problems(self) -> list[Problem]:
        """Every handout, in every language, that would not fit one printed A4 sheet."""
        problems = []
        for language in self.rules.languages:
            for entry in self.guidance.entries:
                _, lines = self.context(entry, language)
                display = (
                    f"docs/{language}/{entry.key}" if entry.kind == "page" else f"data/rules.yml (guide {entry.key})"
                )
                found = fit_problem(display, self.guidance.title(entry, language), lines, guide=entry.kind == "tree")
                if found is not None:
                    problems.append(found)
        return problems

    def handout(self, entry: Entry, language: Language) -> TeachingPage:
        source = handout_source(entry)
        ui = ui_strings(language)
        address = absolute_url(self.site_url, self.rules.languages, language, self.guidance.url(entry))
        title = self.guidance.title(entry, language)
        shown, _ = self.context(entry, language)
        context: dict[str, Any] = {
            **page_context(language, source),
            **shown,
            "title": title,
            "municipality": self.municipality_name,
            "address": address,
            "qr": Markup(qr_svg(address, f"{ui['qr_label']}: {title}")),
            "online_url": urls.relative(source, urls.start_source(entry.key) if entry.kind == "tree" else entry.key),
        }
        body = self.env.get_template("teaching_handout.html.j2").render(**context)
        return make_page(
            source,
            "handout",
            f"{ui['handout']}: {title}",
            shown["lead"] or self.rules.trees[entry.key].intro[language],
            self.guidance.reviewed(entry, language),
            body,
            in_nav=False,
            in_search=False,
            hide=["toc", "navigation"],
        )


def _contact_text(contact: Contact, language: Language) -> str:
    parts = [contact.name[language], contact.phone or "", contact.web or "", contact.address or ""]
    return ", ".join(p for p in parts if p)
