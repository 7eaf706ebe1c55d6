"""What changed in the guides and the pages between two versions of the project, for the reviewer of a change.

Two snapshots (the rules and the guidance pages, read with the package's own loaders) are compared, and every
guide start page, question, outcome, route and page whose text, answers or targets differ is listed with its
address on the site in every language and a word-level diff of the changed text. A route is the answers a
reader gives, in order, to reach an outcome; every outcome has exactly one, so a route is named by its outcome.

No MkDocs here: tools/changes_report.py takes the old version out of git and prints the report (make changes).
"""

from __future__ import annotations

import difflib
import html
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from borgerguide.errors import RulesError
from borgerguide.guidance.pages import FRONT_MATTER, lines_before_body, load_pages, page_url
from borgerguide.languages import Language, Languages, read_languages
from borgerguide.project import RULES_FILE
from borgerguide.rules.load import load_rules
from borgerguide.rules.model import Answer, Node, Outcome, Question, Rules, Step, Text, Tree
from borgerguide.site.urls import node_source, start_source, url_of

Status = Literal["added", "removed", "changed"]
ItemKind = Literal["guide", "question", "outcome", "route", "page"]
SegmentKind = Literal["same", "removed", "added"]

# The site's first language lives at the root, every other one under its own folder (/en/).
ROUTE_SEPARATOR = "›"
_TOKEN = re.compile(r"\n|[^\s]+")


# -- word diff ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of words that is the same in both versions, only in the old one, or only in the new one."""

    kind: SegmentKind
    text: str


@dataclass(frozen=True)
class WordDiff:
    old: str
    new: str
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return any(segment.kind != "same" for segment in self.segments)

    def plain(self) -> str:
        """The diff as git --word-diff writes it: removed words [-like this-], new words {+like this+}."""
        return render_diff(self, _plain_mark)


def _tokens(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return _TOKEN.findall("\n".join(lines))


def _join(tokens: Sequence[str]) -> str:
    text = ""
    for token in tokens:
        if token == "\n":
            text += "\n"
        elif text and not text.endswith("\n"):
            text += " " + token
        else:
            text += token
    return text


def word_diff(old: str, new: str) -> WordDiff:
    """Compare two texts word by word (words are separated by spaces; line breaks are kept)."""
    return _diff(old, new, _tokens(old), _tokens(new))


def list_diff(old: Sequence[str], new: Sequence[str], separator: str) -> WordDiff:
    """Compare two lists item by item, so a changed item shows whole: "Ja › [-Nej-]{+Ved ikke+}"."""

    def tokens(items: Sequence[str]) -> list[str]:
        return [token for index, item in enumerate(items) for token in ([separator] if index else []) + [item]]

    a, b = tokens(old), tokens(new)
    return _diff(_join(a), _join(b), a, b)


def _diff(old: str, new: str, a: list[str], b: list[str]) -> WordDiff:
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", _join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("removed", _join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("added", _join(b[j1:j2])))
    return WordDiff(old, new, tuple(segments))


def render_diff(diff: WordDiff, mark: Callable[[SegmentKind, str], str]) -> str:
    """Write a diff with ``mark`` wrapping each run of words; line breaks at the edge of a run stay outside."""
    out = ""
    previous: SegmentKind | None = None
    for segment in diff.segments:
        core = segment.text.strip("\n")
        lead = segment.text[: len(segment.text) - len(segment.text.lstrip("\n"))]
        trail = segment.text[len(segment.text.rstrip("\n")) :] if core else ""
        piece = lead + (mark(segment.kind, core) if core else "") + trail
        # Words are separated by one space, except that a replacement follows what it replaces directly.
        replacement = previous == "removed" and segment.kind == "added"
        if out and not out.endswith("\n") and not piece.startswith("\n") and not replacement:
            out += " "
        out += piece
        previous = segment.kind
    return out


def _plain_mark(kind: SegmentKind, text: str) -> str:
    if kind == "removed":
        return f"[-{text}-]"
    if kind == "added":
        return f"{{+{text}+}}"
    return text


# -- snapshots ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageText:
    """What a reader sees of one guidance page in one language."""

    path: str  # language-neutral, e.g. "selvbetjening/index.md"
    title: str
    description: str
    sources: tuple[str, ...]
    body: str  # the Markdown after the front matter
    body_line: int  # the line of the file the body starts on


@dataclass(frozen=True)
class Snapshot:
    """One version of the project as the package reads it; a part that does not load is None, with the reason."""

    name: str  # how the report names this version, e.g. "origin/main (d5d7f2a)"
    languages: Languages
    rules: Rules | None
    pages: Mapping[Language, Mapping[str, PageText]] | None
    rules_problems: tuple[str, ...] = ()
    pages_problems: tuple[str, ...] = ()


def load_snapshot(root: Path, name: str) -> Snapshot:
    """Read data/rules.yml and docs/ of a project folder; errors are kept in the snapshot, not raised."""
    pages: dict[Language, dict[str, PageText]] | None = None
    rules: Rules | None = None
    rules_problems: tuple[str, ...] = ()
    pages_problems: tuple[str, ...] = ()
    docs = root / "docs"
    languages = read_languages(root)
    try:
        guidance = load_pages(docs, languages)
    except RulesError as error:
        pages_problems = tuple(str(problem) for problem in error.problems)
    else:
        pages = {}
        for language, by_path in guidance.items():
            pages[language] = {}
            for path, page in by_path.items():
                text = (docs / language / path).read_text("utf-8")
                match = FRONT_MATTER.match(text)
                body = text[match.end() :] if match else text
                pages[language][path] = PageText(
                    path, page.title, page.description, page.sources, body.strip("\n"), lines_before_body(text) + 1
                )
    known = frozenset(pages[languages.default]) if pages is not None else None
    try:
        rules = load_rules(root / RULES_FILE, known_pages=known, display_name=RULES_FILE, languages=languages)
    except RulesError as error:
        rules_problems = tuple(str(problem) for problem in error.problems)
    return Snapshot(name, languages, rules, pages, rules_problems, pages_problems)


# -- what changed ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One changed text of an item: in one language, or in none for IDs and targets."""

    name: str  # e.g. "Result", "Answer 2", "Answer 2 leads to"
    language: Language | None
    diff: WordDiff
    where: str = ""  # for a page's text: the line and the section it is in


@dataclass(frozen=True)
class Item:
    """One page of the site whose content changed: a guide's start page, a question, an outcome, the route to
    an outcome, or a guidance page."""

    kind: ItemKind
    status: Status
    key: str  # node ID or page path
    title: Text  # the question, the heading, the page's title
    addresses: Text  # site addresses, e.g. da "/guide/x/y/", en "/en/guide/x/y/"
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class GuideChanges:
    tree: str
    title: Text
    status: Status
    items: tuple[Item, ...]  # the start page, the questions and outcomes in file order, then the routes


@dataclass(frozen=True)
class Unreadable:
    """A part of one version that does not load, so it cannot be compared."""

    version: str  # the snapshot's name
    part: Literal["guides", "pages"]
    problems: tuple[str, ...]
    base: bool  # the old version (BASE), not the new one


@dataclass(frozen=True)
class Changes:
    old: str  # the names of the two snapshots
    new: str
    languages: Languages  # the new version's
    guides: tuple[GuideChanges, ...]
    pages: tuple[Item, ...]
    unreadable: tuple[Unreadable, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.guides and not self.pages


def address(languages: Languages, language: Language, site_path: str) -> str:
    """The address of a page on the site, from its path relative to the language root ("mitid/")."""
    return "/" + languages.prefix(language) + site_path


def _addresses(languages: Languages, site_path: str) -> Text:
    return Text({language: address(languages, language, site_path) for language in languages})


def node_addresses(languages: Languages, tree_id: str, node_id: str) -> Text:
    return _addresses(languages, url_of(node_source(tree_id, node_id)))


def guide_addresses(languages: Languages, tree_id: str) -> Text:
    return _addresses(languages, url_of(start_source(tree_id)))


def page_addresses(languages: Languages, path: str) -> Text:
    return _addresses(languages, page_url(path))


def compare(old: Snapshot, new: Snapshot) -> Changes:
    unreadable: list[Unreadable] = []
    for snapshot in (old, new):
        if snapshot.rules is None:
            unreadable.append(Unreadable(snapshot.name, "guides", snapshot.rules_problems, snapshot is old))
        if snapshot.pages is None:
            unreadable.append(Unreadable(snapshot.name, "pages", snapshot.pages_problems, snapshot is old))
    guides: tuple[GuideChanges, ...] = ()
    if old.rules is not None and new.rules is not None:
        guides = compare_rules(old.rules, new.rules, new.languages)
    pages: tuple[Item, ...] = ()
    if old.pages is not None and new.pages is not None:
        pages = compare_pages(old.pages, new.pages, new.languages)
    return Changes(old.name, new.name, new.languages, guides, pages, tuple(unreadable))


def _in_order(new: Sequence[str], old: Sequence[str]) -> list[str]:
    """The keys of the new version in its order, then those only in the old one in theirs."""
    seen = set(new)
    return [*new, *(key for key in old if key not in seen)]


def _status(old: object, new: object) -> Status:
    return "added" if old is None else "removed" if new is None else "changed"


def _text_fields(name: str, old: Text | None, new: Text | None, languages: Languages) -> list[FieldChange]:
    changes = []
    for language in languages:
        # A language added since the old version has no old text: all of it is new.
        diff = word_diff(old.get(language, "") if old else "", new.get(language, "") if new else "")
        if diff.changed:
            changes.append(FieldChange(name, language, diff))
    return changes


def _id_field(name: str, old: Sequence[str], new: Sequence[str]) -> list[FieldChange]:
    diff = word_diff(" ".join(old), " ".join(new))
    return [FieldChange(name, None, diff)] if diff.changed else []


def _steps_text(steps: Sequence[Text] | None, languages: Languages) -> Text | None:
    if steps is None:
        return None
    return Text({language: "\n".join(f"• {step.get(language, '')}" for step in steps) for language in languages})


# -- guides ---------------------------------------------------------------------------------------------


def compare_rules(old: Rules, new: Rules, languages: Languages) -> tuple[GuideChanges, ...]:
    guides = []
    for tree_id in _in_order(list(new.trees), list(old.trees)):
        old_tree, new_tree = old.trees.get(tree_id), new.trees.get(tree_id)
        changes = compare_tree(tree_id, old_tree, new_tree, languages)
        if changes.status != "changed" or changes.items:
            guides.append(changes)
    return tuple(guides)


def compare_tree(tree_id: str, old: Tree | None, new: Tree | None, languages: Languages) -> GuideChanges:
    status = _status(old, new)
    shown = new or old
    assert shown is not None
    if new is None:
        # A removed guide takes all its pages with it; listing each of them would say nothing more.
        return GuideChanges(tree_id, shown.title, status, ())
    items: list[Item] = []
    fields = [
        *_text_fields("Title", old.title if old else None, new.title, languages),
        *_text_fields("Introduction", old.intro if old else None, new.intro, languages),
        *_text_fields("What you need", old.needs if old else None, new.needs, languages),
        *_id_field("First question", [old.start] if old else [], [new.start]),
    ]
    if fields:
        items.append(Item("guide", status, tree_id, new.title, guide_addresses(languages, tree_id), tuple(fields)))
    old_nodes: Mapping[str, Node] = old.nodes if old else {}
    for node_id in _in_order(list(new.nodes), list(old_nodes)):
        items.extend(compare_node(tree_id, old_nodes.get(node_id), new.nodes.get(node_id), languages))
    items.extend(compare_routes(tree_id, old, new, languages))
    return GuideChanges(tree_id, shown.title, status, tuple(items))


def compare_node(tree_id: str, old: Node | None, new: Node | None, languages: Languages) -> list[Item]:
    if old is not None and new is not None and type(old) is not type(new):
        # A question became an outcome or the other way round: the old one is gone, a new one is there.
        return [*compare_node(tree_id, old, None, languages), *compare_node(tree_id, None, new, languages)]
    shown = new or old
    assert shown is not None
    status = _status(old, new)
    fields: list[FieldChange] = []
    if isinstance(shown, Question):
        assert old is None or isinstance(old, Question)
        assert new is None or isinstance(new, Question)
        kind: ItemKind = "question"
        title = shown.question
        if new is not None:
            fields += _text_fields("Question", old.question if old else None, new.question, languages)
            fields += _text_fields("Hint", old.hint if old else None, new.hint, languages)
            fields += _answer_fields(old.answers if old else (), new.answers, languages)
    else:
        assert old is None or isinstance(old, Outcome)
        assert new is None or isinstance(new, Outcome)
        assert isinstance(shown, Outcome)
        kind = "outcome"
        title = shown.heading
        if new is not None:
            fields += _text_fields("Heading", old.heading if old else None, new.heading, languages)
            fields += _text_fields("Result", old.result if old else None, new.result, languages)
            fields += _text_fields(
                "Next steps",
                _steps_text(old.next_steps if old else None, languages),
                _steps_text(new.next_steps, languages),
                languages,
            )
            fields += _id_field("Contacts", old.contacts if old else (), new.contacts)
            fields += _id_field("Pages", old.pages if old else (), new.pages)
            fields += _id_field("Sources", old.sources if old else (), new.sources)
            fields += _id_field("Guides", old.guides if old else (), new.guides)
    if status == "changed" and not fields:
        return []
    return [Item(kind, status, shown.id, title, node_addresses(languages, tree_id, shown.id), tuple(fields))]


def _pair_answers(old: Sequence[Answer], new: Sequence[Answer], languages: Languages) -> dict[int, int]:
    """Which old answer each new answer is (new index -> old index): the same label in the default language,
    else in each other language in turn, else the same target. An answer matched by none of them is new."""
    pairs: dict[int, int] = {}
    free = list(range(len(old)))

    def by_label(language: Language) -> Callable[[Answer], str | None]:
        return lambda answer: answer.label.get(language)

    keys: tuple[Callable[[Answer], str | None], ...] = (
        *(by_label(language) for language in languages),
        lambda answer: answer.next,
    )
    for key in keys:
        for j, answer in enumerate(new):
            if j in pairs:
                continue
            match = next((i for i in free if key(answer) is not None and key(old[i]) == key(answer)), None)
            if match is not None:
                pairs[j] = match
                free.remove(match)
    return pairs


def _answer_fields(old: Sequence[Answer], new: Sequence[Answer], languages: Languages) -> list[FieldChange]:
    pairs = _pair_answers(old, new, languages)
    fields: list[FieldChange] = []
    for j, answer in enumerate(new):
        number = j + 1
        if j not in pairs:
            fields += _text_fields(f"New answer {number}", None, answer.label, languages)
            fields += _id_field(f"New answer {number} leads to", [], [answer.next])
            continue
        before = old[pairs[j]]
        fields += _text_fields(f"Answer {number}", before.label, answer.label, languages)
        label = answer.label[languages.default]
        fields += _id_field(f'Answer {number} "{label}" leads to', [before.next], [answer.next])
    for i, answer in enumerate(old):
        if i not in pairs.values():
            fields += _text_fields(f"Removed answer {i + 1}", answer.label, None, languages)
    kept = [pairs[j] for j in sorted(pairs)]
    if kept != sorted(kept):
        for language in languages:
            diff = list_diff([a.label.get(language, "") for a in old], [a.label.get(language, "") for a in new], "/")
            fields.append(FieldChange("Order of the answers", language, diff))
    return fields


def _route(steps: Sequence[Step], language: Language) -> list[str]:
    return [step.answer.label.get(language, "") for step in steps]


def compare_routes(tree_id: str, old: Tree | None, new: Tree | None, languages: Languages) -> list[Item]:
    """The routes that are new, gone or reached with other answers than before, per language."""
    old_routes = {outcome.id: (steps, outcome) for steps, outcome in old.paths()} if old else {}
    new_routes = {outcome.id: (steps, outcome) for steps, outcome in new.paths()} if new else {}
    items = []
    for outcome_id in _in_order(list(new_routes), list(old_routes)):
        before, after = old_routes.get(outcome_id), new_routes.get(outcome_id)
        shown = after or before
        assert shown is not None
        fields = []
        for language in languages:
            diff = list_diff(
                _route(before[0], language) if before else [],
                _route(after[0], language) if after else [],
                ROUTE_SEPARATOR,
            )
            if diff.changed:
                fields.append(FieldChange("Answers given", language, diff))
        if not fields and before and after:
            # The same words, but other questions: name the questions the route passes.
            fields += _id_field(
                "Questions on the way", [s.question.id for s in before[0]], [s.question.id for s in after[0]]
            )
        if fields:
            status = _status(before, after)
            items.append(
                Item(
                    "route",
                    status,
                    outcome_id,
                    shown[1].heading,
                    node_addresses(languages, tree_id, outcome_id),
                    tuple(fields),
                )
            )
    return items


# -- pages ----------------------------------------------------------------------------------------------


def compare_pages(
    old: Mapping[Language, Mapping[str, PageText]],
    new: Mapping[Language, Mapping[str, PageText]],
    languages: Languages,
) -> tuple[Item, ...]:
    def paths(pages: Mapping[Language, Mapping[str, PageText]]) -> list[str]:
        return list(dict.fromkeys(path for language in languages for path in pages.get(language, {})))

    items = []
    for path in _in_order(paths(new), paths(old)):
        before = {language: old.get(language, {}).get(path) for language in languages}
        after = {language: new.get(language, {}).get(path) for language in languages}
        status: Status = "added" if not any(before.values()) else "removed" if not any(after.values()) else "changed"
        fields: list[FieldChange] = []
        for language in languages:
            fields += _page_fields(language, before[language], after[language], status)
        if status == "changed" and not fields:
            continue
        present = [page for page in (*after.values(), *before.values()) if page is not None]
        titles = {language: (after[language] or before[language] or present[0]).title for language in languages}
        items.append(Item("page", status, path, Text(titles), page_addresses(languages, path), tuple(fields)))
    return tuple(items)


def _page_fields(language: Language, old: PageText | None, new: PageText | None, status: Status) -> list[FieldChange]:
    if new is None:
        return []
    fields = []
    for name, before, after in (
        ("Title", old.title if old else "", new.title),
        ("Description", old.description if old else "", new.description),
    ):
        diff = word_diff(before, after)
        if diff.changed:
            fields.append(FieldChange(name, language, diff))
    diff = word_diff(" ".join(old.sources) if old else "", " ".join(new.sources))
    if diff.changed:
        fields.append(FieldChange("Sources", language, diff))
    if old is not None and status == "changed":
        fields += _body_fields(language, old, new)
    return fields


def _heading(line: str) -> str | None:
    match = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
    return match.group(1) if match else None


def _body_fields(language: Language, old: PageText, new: PageText) -> list[FieldChange]:
    """The changed passages of a page's text, each with its line and the section it stands under."""
    a, b = old.body.splitlines(), new.body.splitlines()
    fields = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        diff = word_diff("\n".join(a[i1:i2]), "\n".join(b[j1:j2]))
        if not diff.changed:
            continue  # only spaces or blank lines
        where = f"line {new.body_line + j1}"
        section = next((h for line in reversed(b[:j1]) if (h := _heading(line)) is not None), None)
        if section:
            where += f', under "{section}"'
        fields.append(FieldChange("Text", language, diff, where))
    return fields


# -- reports --------------------------------------------------------------------------------------------

STATUS_WORDS: dict[Status, str] = {"added": "New", "removed": "Removed", "changed": "Changed"}
KIND_WORDS: dict[ItemKind, str] = {
    "guide": "start page",
    "question": "question",
    "outcome": "outcome",
    "route": "route to",
    "page": "page",
}


def _item_heading(item: Item, default: Language) -> str:
    return f"{STATUS_WORDS[item.status]} {KIND_WORDS[item.kind]}: {item.title[default]}"


def _field_label(field: FieldChange) -> str:
    label = field.name + (f" ({field.language})" if field.language else "")
    return label + (f", {field.where}" if field.where else "")


def _field_text(item: Item, field: FieldChange, mark: Callable[[SegmentKind, str], str]) -> str:
    """New and removed items show their text as it is (or was); changed ones show the word diff."""
    if item.status == "added":
        return mark("same", _join(_tokens(field.diff.new)))
    if item.status == "removed":
        return mark("same", _join(_tokens(field.diff.old)))
    return render_diff(field.diff, mark)


# A version that does not load may have dozens of problems; the first ones say enough to the reviewer.
SHOWN_PROBLEMS = 5


def _unreadable_text(unreadable: Unreadable) -> str:
    count = len(unreadable.problems)
    why = (
        "a broken version, or one from before the checks became stricter; try a newer BASE"
        if unreadable.base
        else "fix them to see what changed"
    )
    shown = "The problem:" if count == 1 else "The problems:" if count <= SHOWN_PROBLEMS else "The first ones:"
    text = (
        f"{unreadable.version} does not load, so its {unreadable.part} are not compared: "
        f"{count} problem{'' if count == 1 else 's'} by today's checks ({why}). {shown}"
    )
    return text[0].upper() + text[1:]


def _summary(changes: Changes) -> str:
    def count(number: int, word: str) -> str:
        return f"{number} {word}{'' if number == 1 else 's'}"

    parts = []
    if changes.guides:
        items = sum(len(guide.items) or 1 for guide in changes.guides)
        parts.append(f"{count(items, 'change')} in {count(len(changes.guides), 'guide')}")
    if changes.pages:
        parts.append(f"{count(len(changes.pages), 'page')} changed")
    return "; ".join(parts) + "."


def _nothing(changes: Changes) -> str:
    if changes.unreadable:
        return "Nothing changed in what could be compared."
    return "Nothing changed: the guides and the pages are the same in both versions."


def format_text(changes: Changes, site_url: str = "", width: int = 100) -> str:
    """The report as plain text for a terminal: removed words [-like this-], new words {+like this+}."""
    base = site_url.rstrip("/")
    lines = [f"Changes from {changes.old} to {changes.new}"]

    def wrapped(text: str, indent: str) -> list[str]:
        out = []
        for line in text.splitlines() or [""]:
            if width <= 0:
                out.append(indent + line)
                continue
            out += textwrap.wrap(
                line,
                width,
                initial_indent=indent,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            ) or [indent]
        return out

    for unreadable in changes.unreadable:
        lines += ["", f"!! {_unreadable_text(unreadable)}"]
        for problem in unreadable.problems[:SHOWN_PROBLEMS]:
            lines += [f"   {line}" for line in problem.splitlines()]
        if len(unreadable.problems) > SHOWN_PROBLEMS:
            lines.append(f"   ... and {len(unreadable.problems) - SHOWN_PROBLEMS} more.")
    if changes.empty:
        lines += ["", _nothing(changes)]
        return "\n".join(lines) + "\n"
    lines += ["Removed words are shown [-like this-], new words {+like this+}.", _summary(changes)]

    def item_lines(item: Item) -> list[str]:
        out = ["", _item_heading(item, changes.languages.default)]
        out.append("  " + "   ".join(f"{lang}: {base}{item.addresses[lang]}" for lang in changes.languages))
        if item.kind == "page":
            out.append(f"  File: docs/*/{item.key}")
        if item.kind == "page" and item.status == "added":
            out.append("  A new page: read all of it at its address.")
        for field in item.fields:
            out.append(f"  {_field_label(field)}:")
            out += wrapped(_field_text(item, field, _plain_mark), "    ")
        return out

    for guide in changes.guides:
        heading = f"GUIDE: {guide.title[changes.languages.default]} ({guide.tree})"
        if guide.status != "changed":
            heading = f"{STATUS_WORDS[guide.status].upper()} {heading}"
        lines += ["", "=" * len(heading), heading, "=" * len(heading)]
        if guide.status == "removed":
            lines.append(
                "The whole guide is removed: "
                + ", ".join(
                    f"{lang}: {base}{guide_addresses(changes.languages, guide.tree)[lang]}"
                    for lang in changes.languages
                )
            )
        for item in guide.items:
            lines += item_lines(item)
    if changes.pages:
        lines += ["", "=====", "PAGES", "====="]
        for item in changes.pages:
            lines += item_lines(item)
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    return html.escape(re.sub(r"([\\`*_\[\]#|~])", r"\\\1", text), quote=False)


def _md_mark(kind: SegmentKind, text: str) -> str:
    escaped = _md_escape(text)
    if kind == "removed":
        return f"<del>{escaped}</del>"
    if kind == "added":
        return f"<ins>{escaped}</ins>"
    return escaped


def format_markdown(changes: Changes, site_url: str = "") -> str:
    """The report as Markdown for a pull request comment: removed words struck out, new words underlined."""
    base = site_url.rstrip("/")

    def link(path: str) -> str:
        return f"[{path}]({base}{path})" if base else f"`{path}`"

    lines = [f"### Changes to the guides and pages: {_md_escape(changes.old)} → {_md_escape(changes.new)}"]
    for unreadable in changes.unreadable:
        shown = [line for problem in unreadable.problems[:SHOWN_PROBLEMS] for line in problem.splitlines()]
        if len(unreadable.problems) > SHOWN_PROBLEMS:
            shown.append(f"... and {len(unreadable.problems) - SHOWN_PROBLEMS} more.")
        lines += ["", f"> **Warning:** {_md_escape(_unreadable_text(unreadable))}", "", "```", *shown, "```"]
    if changes.empty:
        lines += ["", _nothing(changes)]
        return "\n".join(lines) + "\n"
    lines += ["", f"{_summary(changes)} Removed words are <del>struck out</del>, new words <ins>underlined</ins>."]

    def item_lines(item: Item) -> list[str]:
        title = _md_escape(item.title[changes.languages.default])
        heading = f"**{STATUS_WORDS[item.status]} {KIND_WORDS[item.kind]}:** {title}"
        addresses = " · ".join(f"{lang}: {link(item.addresses[lang])}" for lang in changes.languages)
        if item.kind == "page":
            addresses += f" · file: `docs/*/{item.key}`"
        out = ["", f"{heading}<br>", addresses, ""]
        if item.kind == "page" and item.status == "added":
            out.append("- A new page: read all of it at its address.")
        for field in item.fields:
            text = _field_text(item, field, _md_mark).replace("\n", "<br>")
            out.append(f"- *{_md_escape(_field_label(field))}:* {text}")
        return out

    for guide in changes.guides:
        prefix = "Guide" if guide.status == "changed" else f"{STATUS_WORDS[guide.status]} guide"
        lines += ["", f"#### {prefix}: {_md_escape(guide.title[changes.languages.default])} (`{guide.tree}`)"]
        if guide.status == "removed":
            addresses = guide_addresses(changes.languages, guide.tree)
            lines += [
                "",
                "The whole guide is removed: " + " · ".join(link(addresses[lang]) for lang in changes.languages),
            ]
        for item in guide.items:
            lines += item_lines(item)
    if changes.pages:
        lines += ["", "#### Pages"]
        for item in changes.pages:
            lines += item_lines(item)
    return "\n".join(lines) + "\n"
