"""Turn the model into pages: Markdown files with front matter whose body is HTML from Jinja2 templates.

Python decides what goes on a page (links, the answers so far); the templates decide how it looks.
Jinja2's autoescaping means text from the rules file can never inject markup into the site.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from borgerguide.site import urls
from borgerguide.site.flowchart import layout
from borgerguide.rules.model import Answer, Contact, Node, Outcome, Question, Rules, Tree
from borgerguide.guidance.pages import GuidancePage
from borgerguide.site.qr import absolute_url, qr_svg
from borgerguide.site.strings import ui_strings

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~^=])")


@dataclass(frozen=True)
class GeneratedPage:
    source: str  # language-neutral source path, e.g. "guide/undtagelse/fritaget.md"
    kind: str  # "start", "question", "change" (a question with an earlier answer marked), "outcome" or "overview"
    tree_id: str
    node_id: str | None
    title: str
    markdown: str
    in_nav: bool
    in_search: bool


@dataclass(frozen=True)
class OutlineAnswer:
    label: str
    then: OutlineItem


@dataclass(frozen=True)
class OutlineItem:
    """One node of a guide's overview, as nested text: a question with its answers, or a linked outcome."""

    text: str
    url: str | None  # outcomes link to their page; questions have answers instead
    answers: tuple[OutlineAnswer, ...] = ()


def outline(tree: Tree, language: Language, outcome_url: Callable[[str], str]) -> OutlineItem:
    """The whole guide as nested text, for a list of every path; ``outcome_url`` gives an outcome's link."""

    def below(node: Node) -> OutlineItem:
        if isinstance(node, Outcome):
            return OutlineItem(node.heading[language], outcome_url(node.id))
        answers = tuple(OutlineAnswer(answer.label[language], below(tree.follow(answer))) for answer in node.answers)
        return OutlineItem(node.question[language], None, answers)

    return below(tree.node(tree.start))


def template_environment() -> jinja2.Environment:
    """The package's templates, autoescaped so text from data files can never inject markup."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("borgerguide.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = _paragraphs
    return env


class Renderer:
    def __init__(
        self, rules: Rules, pages: dict[Language, dict[str, GuidancePage]], site_url: str | None = None
    ) -> None:
        self.rules = rules
        self.guidance = pages
        # The site's public address; outcomes carry a QR code of their own address only when it is known.
        self.site_url = site_url
        self.env = template_environment()

    # -- guidance page markers --------------------------------------------------------------------

    def contact_inline(self, contact: Contact, language: Language) -> str:
        html = self.env.get_template("contact_inline.html.j2").render(
            contact=contact, language=language, ui=ui_strings(language)
        )
        return " ".join(html.split())

    def sources_section(self, source_ids: tuple[str, ...], language: Language) -> str:
        """The "Sources" section that ends a guidance page, as one raw HTML block."""
        html = self.env.get_template("sources.html.j2").render(
            sources=[self.rules.sources[s] for s in source_ids], ui=ui_strings(language)
        )
        return "\n".join(line for line in html.splitlines() if line.strip())

    @staticmethod
    def escape_markdown(text: str) -> str:
        return MARKDOWN_SPECIAL.sub(r"\\\1", text)

    # -- tree pages -------------------------------------------------------------------------------

    def tree_pages(self, tree: Tree, language: Language) -> list[GeneratedPage]:
        pages = [self._start(tree, language), self._overview(tree, language)]
        for node in tree.nodes.values():
            if isinstance(node, Question):
                pages.append(self._question(tree, node, language))
                # "Ændre" in "Dine svar" opens the question with the answer given marked (WCAG 3.3.7).
                pages += [self._question(tree, node, language, given=answer) for answer in node.answers]
            else:
                pages.append(self._outcome(tree, node, language))
        return pages

    def all_pages(self, language: Language) -> list[GeneratedPage]:
        return [page for tree in self.rules.trees.values() for page in self.tree_pages(tree, language)]

    def _context(self, tree: Tree, language: Language, source: str, shown: tuple[str, ...] = ()) -> dict[str, Any]:
        return {
            "tree": tree,
            "language": language,
            "ui": ui_strings(language),
            "start_url": urls.relative(source, urls.start_source(tree.id)),
            "first_url": urls.relative(source, urls.node_source(tree.id, tree.start)),
            "overview_url": urls.relative(source, urls.overview_source(tree.id)),
            # Offline help for people who would rather not click through; never repeats a contact already shown.
            "other_help": [self.rules.contacts[c] for c in self.rules.other_help if c not in shown],
        }

    def _summary(self, tree: Tree, node_id: str, language: Language, source: str) -> list[dict[str, str]]:
        return [
            {
                "question": step.question.question[language],
                "answer": step.answer.label[language],
                "change_url": urls.relative(source, urls.change_source(tree.id, step.question.id, step.answer.next)),
            }
            for step in tree.trail(node_id)
        ]

    def _back_url(self, tree: Tree, node_id: str, source: str) -> str:
        trail = tree.trail(node_id)
        target = urls.node_source(tree.id, trail[-1].question.id) if trail else urls.start_source(tree.id)
        return urls.relative(source, target)

    def _start(self, tree: Tree, language: Language) -> GeneratedPage:
        source = urls.start_source(tree.id)
        body = self.env.get_template("start.html.j2").render(**self._context(tree, language, source))
        return self._page(
            source,
            "start",
            tree,
            None,
            tree.title[language],
            tree.intro[language],
            body,
            language,
            in_nav=True,
            in_search=True,
        )

    def _overview(self, tree: Tree, language: Language) -> GeneratedPage:
        source = urls.overview_source(tree.id)
        ui = ui_strings(language)
        body = self.env.get_template("overview.html.j2").render(
            **self._context(tree, language, source),
            chart=layout(tree, language, ui["answer"], self.rules.languages.info(language).direction),
            outline=outline(tree, language, lambda node_id: urls.relative(source, urls.node_source(tree.id, node_id))),
        )
        title = f"{ui['overview']}: {tree.title[language]}"
        return self._page(
            source, "overview", tree, None, title, ui["overview_intro"], body, language, in_nav=False, in_search=False
        )

    def _progress(self, tree: Tree, node: Question, language: Language) -> str:
        """How many questions are left at most after this one, in words."""
        ui = ui_strings(language)
        left = tree.questions_left(node.id)
        if left == 0:
            return ui["questions_left_none"]
        return ui["questions_left_one" if left == 1 else "questions_left_many"].format(count=left)

    def _question(self, tree: Tree, node: Question, language: Language, given: Answer | None = None) -> GeneratedPage:
        """The question page, or with ``given`` the same question reached from "Ændre": that answer is
        marked as the reader's, and a notice says what choosing another one does."""
        ui = ui_strings(language)
        source = urls.change_source(tree.id, node.id, given.next) if given else urls.node_source(tree.id, node.id)
        answers = [
            {
                "label": a.label[language],
                "url": urls.relative(source, urls.node_source(tree.id, a.next)),
                "given": a is given,
            }
            for a in node.answers
        ]
        notice = None
        if given:
            notice = ui["change_notice" if tree.questions_left(node.id) else "change_notice_last"]
        body = self.env.get_template("question.html.j2").render(
            **self._context(tree, language, source),
            node=node,
            answers=answers,
            change_notice=notice,
            progress=self._progress(tree, node, language),
            summary=self._summary(tree, node.id, language, source),
            back_url=self._back_url(tree, node.id, source),
        )
        description = node.hint[language] if node.hint else tree.intro[language]
        title = f"{ui['change_title']}: {node.question[language]}" if given else node.question[language]
        return self._page(
            source,
            "change" if given else "question",
            tree,
            node.id,
            title,
            description,
            body,
            language,
            in_nav=False,
            in_search=False,
        )

    def _outcome(self, tree: Tree, node: Outcome, language: Language) -> GeneratedPage:
        source = urls.node_source(tree.id, node.id)
        read_more = [
            {
                "title": self.guidance[language][path].title if path in self.guidance.get(language, {}) else path,
                "url": urls.relative(source, path),
            }
            for path in node.pages
        ]
        body = self.env.get_template("outcome.html.j2").render(
            **self._context(tree, language, source, node.contacts),
            node=node,
            contacts=[self.rules.contacts[c] for c in node.contacts],
            summary=self._summary(tree, node.id, language, source),
            back_url=self._back_url(tree, node.id, source),
            read_more=read_more,
            guides=[
                {
                    "title": self.rules.trees[guide].title[language],
                    "url": urls.relative(source, urls.start_source(guide)),
                }
                for guide in node.guides
            ],
            sources=[self.rules.sources[s] for s in node.sources],
            take_along=self._take_along(source, node.heading[language], language),
        )
        return self._page(
            source,
            "outcome",
            tree,
            node.id,
            node.heading[language],
            node.result[language],
            body,
            language,
            in_nav=False,
            in_search=True,
            reviewed=node.last_reviewed,
        )

    def _take_along(self, source: str, title: str, language: Language) -> dict[str, Any] | None:
        """The QR code of an outcome's own public address, so the reader or a helper can open it again."""
        if not self.site_url:
            return None
        address = absolute_url(self.site_url, self.rules.languages, language, urls.url_of(source))
        return {"address": address, "qr": Markup(qr_svg(address, f"{ui_strings(language)['qr_label']}: {title}"))}

    def _page(
        self,
        source: str,
        kind: str,
        tree: Tree,
        node_id: str | None,
        title: str,
        description: str,
        body: str,
        language: Language,
        *,
        in_nav: bool,
        in_search: bool,
        reviewed: str | None = None,
    ) -> GeneratedPage:
        meta: dict[str, Any] = {
            "title": title,
            "description": _shorten(description, 160),
            # An outcome carries the date it was last checked against its sources; the other pages the file's.
            "last_reviewed": reviewed or self.rules.last_reviewed,
            "hide": ["toc"] if kind in ("start", "overview") else ["toc", "navigation"],
            "guide": {"tree": tree.id, "kind": kind, "node": node_id},
        }
        if not in_search:
            meta["search"] = {"exclude": True}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        # One raw HTML block with no blank lines, so Markdown passes it through untouched.
        html = "\n".join(line for line in body.splitlines() if line.strip())
        return GeneratedPage(source, kind, tree.id, node_id, title, f"---\n{front}---\n\n{html}\n", in_nav, in_search)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
