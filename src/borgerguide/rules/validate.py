"""Check a parsed rules document for shape and meaning, and build the model from it.

Every problem is collected before anything is raised, so an editor sees them all in one run. Each problem
names the file, the line and the node, and where a likely fix exists it says so ("did you mean ...?").
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from borgerguide.errors import Problem, RulesError
from borgerguide.languages import Languages

if TYPE_CHECKING:
    from borgerguide.municipality import Municipality
from borgerguide.rules.model import (
    FALLBACK_KINDS,
    ID_PATTERN,
    RESERVED_NODE_IDS,
    Answer,
    Contact,
    Node,
    Outcome,
    Question,
    Rules,
    Source,
    Text,
    Tree,
)

TOP_KEYS = {"last_reviewed": True, "other_help": True, "contacts": True, "trees": True}
CHANNEL_KEYS = ("phone", "address", "opening_hours", "email", "web")
CONTACT_KEYS = {
    "name": True,
    "about": False,
    "municipality": False,
    "sources": False,  # where the phone number or address is published
    **dict.fromkeys(CHANNEL_KEYS, False),
}
SOURCE_KEYS = {"title": True, "url": False}
TREE_KEYS = {"title": True, "intro": True, "needs": True, "start": True, "nodes": True}
QUESTION_KEYS = {"question": True, "hint": False, "answers": True}
OUTCOME_KEYS = {
    "heading": True,
    "result": True,
    "next_steps": True,
    "contacts": True,
    "pages": False,
    "guides": False,
    "sources": True,
    "last_reviewed": True,
}
ANSWER_KEYS = {"label": True, "next": True, "kind": False}
# A phone screen shows about seven large answer buttons before the reader has to scroll past the question.
MAX_ANSWERS = 7
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)

# Longest text, in characters, per kind: long labels break the large answer buttons on a phone and are
# hard to read; the limits leave room for plain sentences.
MAX_LENGTH = {"label": 80, "question": 160, "heading": 120, "title": 100, "name": 80}
DEFAULT_MAX_LENGTH = 1200

PHONE_PATTERN = re.compile(r"^(\+\d{2} )?\d{2}( \d{2}){3}$")
MARKUP_PATTERN = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&#?\w+;|javascript:", re.IGNORECASE)


def line_of(container: Any, key: Any = None) -> int | None:
    """The line of a key or item in data read by borgerguide.rules.load (or of the container itself)."""
    if key is not None:
        lines = getattr(container, "key_lines", None)
        if isinstance(lines, dict) and key in lines:
            return lines[key]
        item_lines = getattr(container, "item_lines", None)
        if isinstance(item_lines, list) and isinstance(key, int) and key < len(item_lines):
            return item_lines[key]
    return getattr(container, "line", None)


def suggest(word: object, options: Any) -> str | None:
    """The option closest to a mistyped word, for "did you mean ...?" hints."""
    matches = difflib.get_close_matches(str(word), [str(option) for option in options], n=1, cutoff=0.5)
    return matches[0] if matches else None


class _Checker:
    """Collects problems while walking the document; builds model objects where the input allows."""

    def __init__(
        self,
        file: str,
        languages: Languages,
        known_pages: frozenset[str] | None,
        municipality: Municipality | None = None,
        sources: Mapping[str, Source] | None = None,
    ) -> None:
        self.file = file
        self.languages = languages
        self.known_pages = known_pages
        self.municipality = municipality
        self.problems: list[Problem] = []
        # None: the source registry is not at hand (the rules checked alone), so source IDs are not looked up.
        self.sources = sources
        self.tree_ids: list[str] = []
        # The answers' targets per question node of the tree being checked, as written in the file.
        self.edges: dict[str, list[str]] = {}

    def problem(self, line: int | None, message: str, node: str | None = None, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, message, node, hint))

    # -- shape ------------------------------------------------------------------------------------

    def mapping(self, value: Any, line: int | None, what: str, node: str | None) -> Mapping[Any, Any] | None:
        if isinstance(value, dict):
            return value
        self.problem(line, f"{what} must be a list of keys and values, not {_describe(value)}.", node)
        return None

    def keys(
        self, data: Mapping[Any, Any], allowed: dict[str, bool], what: str, node: str | None, line: int | None = None
    ) -> None:
        """Unknown keys (with the likely intended one) and missing required keys, at the owner's line."""
        for key in data:
            if key not in allowed:
                guess = suggest(key, allowed)
                hint = f"Did you mean '{guess}'?" if guess else f"Allowed keys: {', '.join(allowed)}."
                self.problem(line_of(data, key), f"unknown key '{key}' in {what}.", node, hint)
        for key, required in allowed.items():
            if required and key not in data:
                self.problem(line or line_of(data), f"{what} has no '{key}'.", node, f"Add '{key}:' to {what}.")

    def text(self, data: Mapping[Any, Any], key: str, node: str | None, required: bool = True) -> Text | None:
        if key not in data:
            return None
        value, line = data[key], line_of(data, key)
        where = f"'{key}'"
        if isinstance(value, str) or value is None:
            self.problem(
                line,
                f"{where} must have a text per language, not a single text.",
                node,
                f"Write it as:\n       {key}:\n         da: ...\n         en: ...",
            )
            return None
        if not isinstance(value, dict):
            self.problem(line, f"{where} must have a text per language, not {_describe(value)}.", node)
            return None
        texts: dict[str, str] = {}
        languages = self.languages
        for language_key in value:
            if language_key not in languages:
                guess = suggest(language_key, languages.codes)
                hint = f"Did you mean '{guess}'?" if guess else f"The languages are {languages.listed()}."
                self.problem(line_of(value, language_key), f"unknown language '{language_key}' in {where}.", node, hint)
        for language in languages:
            name = languages.label(language)
            if language not in value:
                self.problem(
                    line,
                    f"{where} has no {name} text.",
                    node,
                    f"Add '{language}:' with the {name} text (a missing translation).",
                )
                continue
            item = value[language]
            item_line = line_of(value, language)
            if isinstance(item, (int, float, bool, datetime.date)):
                self.problem(
                    item_line, f"the {name} text of {where} is not text ({item!r}).", node, "Put the text in quotes."
                )
                continue
            if not isinstance(item, str) or not item.strip():
                self.problem(item_line, f"the {name} text of {where} is empty.", node, f"Write the {name} text.")
                continue
            limit = MAX_LENGTH.get(key, DEFAULT_MAX_LENGTH)
            if len(item) > limit:
                self.problem(
                    item_line,
                    f"the {name} text of {where} is {len(item)} characters; at most {limit} fit.",
                    node,
                    "Shorten it: short texts are easier to read, on a phone too.",
                )
            if MARKUP_PATTERN.search(item):
                self.problem(
                    item_line,
                    f"the {name} text of {where} contains HTML or code ({MARKUP_PATTERN.search(item).group(0)!r}).",  # type: ignore[union-attr]
                    node,
                    "Write plain text only; the site formats it. Links to pages go under 'pages:'.",
                )
            texts[language] = item.strip()
        if len(texts) == len(languages):
            return Text(texts)
        return None

    def string(self, data: Mapping[Any, Any], key: str, node: str | None) -> str | None:
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.problem(line_of(data, key), f"'{key}' must be a text, not {_describe(value)}.", node, "Put it in quotes.")
        return None

    def id_list(self, data: Mapping[Any, Any], key: str, node: str | None) -> list[tuple[str, int | None]]:
        if key not in data:
            return []
        value = data[key]
        if not isinstance(value, list):
            self.problem(
                line_of(data, key),
                f"'{key}' must be a list of IDs, not {_describe(value)}.",
                node,
                f"Write the IDs in square brackets after '{key}:', e.g. '{key}: [{key}-1, {key}-2]'.",
            )
            return []
        items = []
        for index, item in enumerate(value):
            line = line_of(value, index) or line_of(data, key)
            if isinstance(item, str) and item.strip():
                items.append((item.strip(), line))
            else:
                self.problem(line, f"item {index + 1} of '{key}' must be a text, not {_describe(item)}.", node)
        return items

    def identifier(self, value: Any, line: int | None, what: str, node: str | None) -> bool:
        if isinstance(value, str) and ID_PATTERN.match(value):
            return True
        fixed = re.sub(
            r"[^a-z0-9]+", "-", str(value).lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
        ).strip("-")
        self.problem(
            line,
            f"the {what} '{value}' is not a valid ID: IDs become web addresses.",
            node,
            f"Use lowercase a-z, digits and hyphens only, e.g. '{fixed or 'my-id'}'.",
        )
        return False

    # -- the document -----------------------------------------------------------------------------

    def document(self, data: Any) -> Rules | None:
        if data is None:
            self.problem(
                1,
                "the rules file is empty.",
                None,
                "Restore the file from version control, or start it with 'last_reviewed:', 'contacts:' and 'trees:'.",
            )
            return None
        root = self.mapping(data, 1, "the rules file", None)
        if root is None:
            return None
        self.keys(root, TOP_KEYS, "the rules file", None)
        reviewed = root.get("last_reviewed")
        if "last_reviewed" in root and not isinstance(reviewed, datetime.date):
            self.problem(
                line_of(root, "last_reviewed"),
                f"'last_reviewed' must be a date like 2026-11-26, not {reviewed!r}.",
                None,
                "Write the date as YYYY-MM-DD without quotes.",
            )
        contacts = self.contacts(root.get("contacts"), line_of(root, "contacts"))
        other_help = self.id_list(root, "other_help", None)
        for contact_id, line in other_help:
            if contact_id not in contacts:
                guess = suggest(contact_id, contacts)
                self.problem(
                    line,
                    f"unknown contact '{contact_id}' in 'other_help'.",
                    None,
                    f"Did you mean '{guess}'?" if guess else "Add the contact under 'contacts:' first.",
                )
        if isinstance(root.get("trees"), dict):
            self.tree_ids = [str(key) for key in root["trees"]]
        trees = self.trees(root.get("trees"), line_of(root, "trees"), contacts)
        if self.problems:
            return None
        assert isinstance(reviewed, datetime.date)
        return Rules(
            languages=self.languages,
            contacts=contacts,
            trees=trees,
            last_reviewed=reviewed.isoformat(),
            other_help=tuple(contact_id for contact_id, _ in other_help),
            sources=dict(self.sources or {}),
        )

    def entries(
        self, data: Any, line: int | None, kind: str, allowed: dict[str, bool]
    ) -> Iterator[tuple[str, Mapping[Any, Any], str, int | None]]:
        """The entries of a registry section (contacts, sources): ID, fields, node name and line, shape-checked."""
        section = self.mapping(data, line, f"'{kind}s'", None) if data is not None else None
        for entry_id, body in (section or {}).items():
            node = f"{kind} {entry_id}"
            key_line = line_of(section, entry_id)
            self.identifier(entry_id, key_line, f"{kind} ID", node)
            fields = self.mapping(body, key_line, f"{kind} '{entry_id}'", node)
            if fields is not None:
                self.keys(fields, allowed, f"{kind} '{entry_id}'", node, key_line)
                yield str(entry_id), fields, node, key_line

    def contacts(self, data: Any, line: int | None) -> dict[str, Contact]:
        result: dict[str, Contact] = {}
        for contact_id, fields, node, key_line in self.entries(data, line, "contact", CONTACT_KEYS):
            name = self.text(fields, "name", node)
            about = self.text(fields, "about", node)
            self.source_ids(fields, node)
            municipal = self.string(fields, "municipality", node)
            if municipal is not None:
                contact = self.municipal_contact(str(contact_id), fields, municipal, name, about, node)
            else:
                contact = self.own_contact(str(contact_id), fields, name, about, node, key_line)
            if contact is not None:
                result[str(contact_id)] = contact
        return result

    def channels(self, fields: Mapping[Any, Any], node: str) -> dict[str, Any]:
        """The channel keys of a contact (phone, address, opening hours, e-mail, web), checked for form."""
        phone = self.string(fields, "phone", node)
        if phone is not None and not PHONE_PATTERN.match(phone):
            self.problem(
                line_of(fields, "phone"),
                f"the phone number '{phone}' is not in the form '33 98 00 10'.",
                node,
                "Write 8 digits in pairs with spaces, in quotes.",
            )
        web = self.string(fields, "web", node)
        if web is not None and not web.startswith("https://"):
            self.problem(
                line_of(fields, "web"),
                f"the web address '{web}' must start with https://.",
                node,
                "Write the full address, e.g. https://www.borger.dk.",
            )
        email = self.string(fields, "email", node)
        if email is not None and not EMAIL_PATTERN.match(email):
            self.problem(
                line_of(fields, "email"),
                f"the e-mail address '{email}' is not an e-mail address.",
                node,
                "Write it as name@domain.dk, without 'mailto:'.",
            )
        return {
            "phone": phone,
            "address": self.string(fields, "address", node),
            "opening_hours": self.text(fields, "opening_hours", node),
            "email": email,
            "web": web,
        }

    def own_contact(
        self,
        contact_id: str,
        fields: Mapping[Any, Any],
        name: Text | None,
        about: Text | None,
        node: str,
        line: int | None,
    ) -> Contact | None:
        channels = self.channels(fields, node)
        contact = Contact(contact_id, name, about, **channels) if name is not None else None
        if contact is not None and not contact.has_channel:
            how = (
                "An address needs 'opening_hours:' too, so a reader knows when to come. " if channels["address"] else ""
            )
            self.problem(
                line,
                "the contact has no way to reach it: no phone, web address or e-mail address.",
                node,
                how + "Add 'phone:', 'web:' or 'email:'; for the municipality's own units use "
                "'municipality: <entry in data/municipality.yml>'.",
            )
        return contact

    def municipal_contact(
        self,
        contact_id: str,
        fields: Mapping[Any, Any],
        entry: str,
        name: Text | None,
        about: Text | None,
        node: str,
    ) -> Contact | None:
        """A contact whose channels are the municipality's own details, kept in data/municipality.yml."""
        repeated = [key for key in CHANNEL_KEYS if key in fields]
        for key in repeated:
            self.problem(
                line_of(fields, key),
                f"'{key}' is set here and the contact also takes its details from data/municipality.yml.",
                node,
                f"Remove '{key}:' here and write it under '{entry}:' in data/municipality.yml, so it is typed once.",
            )
        if self.municipality is None:
            return Contact(contact_id, name, about, municipality=entry) if name is not None else None
        details = self.municipality.contacts.get(entry)
        if details is None:
            guess = suggest(entry, self.municipality.contacts)
            self.problem(
                line_of(fields, "municipality"),
                f"'{entry}' is not an entry under 'contacts:' in data/municipality.yml.",
                node,
                f"Did you mean '{guess}'?" if guess else "Add the entry to data/municipality.yml first.",
            )
            return None
        if name is None:
            return None
        return Contact(
            contact_id,
            name,
            about,
            phone=details.phone,
            address=details.address,
            web=details.web,
            email=details.email,
            opening_hours=details.opening_hours,
            municipality=entry,
        )

    def source_registry(self, data: Any, line: int | None) -> dict[str, Source]:
        result: dict[str, Source] = {}
        for source_id, fields, node, _ in self.entries(data, line, "source", SOURCE_KEYS):
            title = self.string(fields, "title", node)
            url = self.string(fields, "url", node)
            if url is not None and not url.startswith("https://"):
                self.problem(
                    line_of(fields, "url"),
                    f"the address '{url}' must start with https://.",
                    node,
                    "Copy the full address from the browser's address bar.",
                )
            if title is not None:
                result[str(source_id)] = Source(str(source_id), title, url)
        return result

    def source_ids(self, fields: Mapping[Any, Any], where: str) -> list[str]:
        """The 'sources' of an outcome: at least one, each an ID under 'sources:' at the top of the file."""
        items = self.id_list(fields, "sources", where)
        if "sources" in fields and not items and isinstance(fields.get("sources"), list):
            self.problem(
                line_of(fields, "sources"),
                "'sources' is empty: say where the facts come from.",
                where,
                "Add the ID of a source from data/sources.yml, e.g. [borger-dk-selvbetjening].",
            )
        for source_id, source_line in items:
            if self.sources is not None and source_id not in self.sources:
                guess = suggest(source_id, self.sources)
                hint = f"Did you mean '{guess}'?" if guess else "Add the source to data/sources.yml first."
                self.problem(source_line, f"unknown source '{source_id}'.", where, hint)
        return [source_id for source_id, _ in items]

    def date(self, fields: Mapping[Any, Any], key: str, where: str | None) -> str | None:
        value = fields.get(key)
        if key in fields and not isinstance(value, datetime.date):
            self.problem(
                line_of(fields, key),
                f"'{key}' must be a date like 2026-11-26, not {value!r}.",
                where,
                "Write the date as YYYY-MM-DD without quotes.",
            )
            return None
        return value.isoformat() if isinstance(value, datetime.date) else None

    def trees(self, data: Any, line: int | None, contacts: Mapping[str, Contact]) -> dict[str, Tree]:
        result: dict[str, Tree] = {}
        section = self.mapping(data, line, "'trees'", None) if data is not None else None
        for tree_id, body in (section or {}).items():
            tree = self.tree(str(tree_id), body, line_of(section, tree_id), contacts)
            if tree is not None:
                result[str(tree_id)] = tree
        return result

    def tree(self, tree_id: str, body: Any, line: int | None, contacts: Mapping[str, Contact]) -> Tree | None:
        where = f"tree {tree_id}"
        id_ok = self.identifier(tree_id, line, "tree ID", where)
        fields = self.mapping(body, line, f"tree '{tree_id}'", where)
        if fields is None:
            return None
        self.keys(fields, TREE_KEYS, f"tree '{tree_id}'", where, line)
        title, intro, needs = (self.text(fields, key, where) for key in ("title", "intro", "needs"))
        start = self.string(fields, "start", where)
        node_data = fields.get("nodes")
        nodes_map = (
            self.mapping(node_data, line_of(fields, "nodes"), f"'nodes' of tree '{tree_id}'", where)
            if "nodes" in fields
            else None
        )
        nodes: dict[str, Node] = {}
        self.edges = {}
        node_lines: dict[str, int | None] = {}
        answer_lines: dict[tuple[str, int], int | None] = {}
        for node_id, node_body in (nodes_map or {}).items():
            node_line = line_of(nodes_map, node_id)
            node_lines[str(node_id)] = node_line
            built = self.node(tree_id, node_id, node_body, node_line, contacts, answer_lines)
            if built is not None:
                nodes[built.id] = built
        problems_before = len(self.problems)
        self.graph(tree_id, start, line_of(fields, "start"), nodes, node_lines, answer_lines, nodes_map or {})
        if not (id_ok and title and intro and needs and start and nodes) or len(self.problems) > problems_before:
            return None
        if len(nodes) != len(nodes_map or {}):
            return None
        return Tree(tree_id, title, intro, needs, start, nodes)

    def node(
        self,
        tree_id: str,
        node_id: Any,
        body: Any,
        line: int | None,
        contacts: Mapping[str, Contact],
        answer_lines: dict[tuple[str, int], int | None],
    ) -> Node | None:
        where = f"tree {tree_id} / node {node_id}"
        id_ok = self.identifier(node_id, line, "node ID", where)
        if id_ok and node_id in RESERVED_NODE_IDS:
            self.problem(
                line,
                f"the node ID '{node_id}' is reserved for the tree's own pages.",
                where,
                f"Choose another ID, e.g. '{node_id}-1'.",
            )
            id_ok = False
        fields = self.mapping(body, line, f"node '{node_id}'", where)
        if fields is None:
            return None
        is_question = "answers" in fields or "question" in fields
        is_outcome = any(key in fields for key in ("heading", "result", "next_steps"))
        if is_question and is_outcome:
            self.problem(
                line,
                "the node mixes a question (question/answers) and an outcome (heading/result/next_steps).",
                where,
                "A question leads on with 'answers'; an outcome ends the path and has none. Split it in two nodes.",
            )
            return None
        if not is_question and not is_outcome:
            keys = ", ".join(str(key) for key in fields) or "nothing"
            self.problem(
                line,
                f"cannot tell whether this node is a question or an outcome (it has: {keys}).",
                where,
                "A question needs 'question' and 'answers'; an outcome needs 'heading', 'result' and 'next_steps'.",
            )
            return None
        if is_question:
            self.keys(fields, QUESTION_KEYS, f"question '{node_id}'", where, line)
            question = self.text(fields, "question", where)
            hint = self.text(fields, "hint", where)
            answers = self.answers(node_id, fields, where, answer_lines)
            if id_ok and question is not None and answers is not None:
                return Question(str(node_id), question, answers, hint)
            return None
        self.keys(fields, OUTCOME_KEYS, f"outcome '{node_id}'", where, line)
        heading = self.text(fields, "heading", where)
        result = self.text(fields, "result", where)
        steps = self.steps(fields, where)
        contact_ids = self.id_list(fields, "contacts", where)
        for contact_id, contact_line in contact_ids:
            if contact_id not in contacts:
                guess = suggest(contact_id, contacts)
                hint = f"Did you mean '{guess}'?" if guess else "Add the contact under 'contacts:' first."
                self.problem(contact_line, f"unknown contact '{contact_id}'.", where, hint)
        if "contacts" in fields and not contact_ids and isinstance(fields.get("contacts"), list):
            self.problem(
                line_of(fields, "contacts"),
                "the outcome names no contact, so a reader who needs help has nowhere to turn.",
                where,
                "Add at least one contact with a phone, web or e-mail address, e.g. [borgerservice].",
            )
        source_ids = self.source_ids(fields, where)
        reviewed = self.date(fields, "last_reviewed", where)
        guide_ids = self.id_list(fields, "guides", where)
        for guide_id, guide_line in guide_ids:
            if guide_id not in self.tree_ids:
                guess = suggest(guide_id, self.tree_ids)
                hint = f"Did you mean '{guess}'?" if guess else f"Use a tree ID: {', '.join(self.tree_ids)}."
                self.problem(guide_line, f"unknown guide '{guide_id}' in 'guides'.", where, hint)
        pages = self.id_list(fields, "pages", where)
        for page, page_line in pages:
            if self.known_pages is not None and page not in self.known_pages:
                guess = suggest(page, self.known_pages)
                hint = (
                    f"Did you mean '{guess}'?" if guess else "Use the path of a page under docs/da/, e.g. 'mitid.md'."
                )
                self.problem(page_line, f"the guidance page '{page}' does not exist.", where, hint)
        if id_ok and heading and result and steps is not None and reviewed is not None:
            return Outcome(
                str(node_id),
                heading,
                result,
                steps,
                tuple(c for c, _ in contact_ids),
                tuple(p for p, _ in pages),
                sources=tuple(source_ids),
                last_reviewed=reviewed,
                guides=tuple(g for g, _ in guide_ids),
            )
        return None

    def answers(
        self, node_id: Any, fields: Mapping[Any, Any], where: str, answer_lines: dict[tuple[str, int], int | None]
    ) -> tuple[Answer, ...] | None:
        data = fields.get("answers")
        if not isinstance(data, list):
            if "answers" in fields:
                self.problem(
                    line_of(fields, "answers"),
                    f"'answers' must be a list of answers, not {_describe(data)}.",
                    where,
                    "Start each answer on its own line under 'answers:' with '- label:', and give it 'next:' with "
                    "the ID of the node it leads to.",
                )
            return None
        if len(data) < 2:
            self.problem(
                line_of(fields, "answers"),
                f"a question needs at least two answers; this one has {len(data)}.",
                where,
                "Add another answer, or make this node an outcome if there is nothing to choose.",
            )
        if len(data) > MAX_ANSWERS:
            self.problem(
                line_of(fields, "answers"),
                f"the question has {len(data)} answers; at most {MAX_ANSWERS} fit on a phone screen.",
                where,
                "Group related answers under one answer that leads to a new question (e.g. all powers of attorney).",
            )
        answers: list[Answer] = []
        fallbacks = 0
        for index, item in enumerate(data):
            line = line_of(data, index)
            body = self.mapping(item, line, f"answer {index + 1}", where)
            if body is None:
                continue
            self.keys(body, ANSWER_KEYS, f"answer {index + 1}", where)
            label = self.text(body, "label", where)
            target = self.string(body, "next", where)
            kind = self.string(body, "kind", where)
            if kind is not None and kind not in FALLBACK_KINDS:
                guess = suggest(kind, FALLBACK_KINDS)
                self.problem(
                    line_of(body, "kind"),
                    f"unknown answer kind '{kind}'.",
                    where,
                    f"Did you mean '{guess}'?" if guess else f"Use one of: {', '.join(FALLBACK_KINDS)}.",
                )
            elif kind is not None:
                fallbacks += 1
            if target is not None:
                # Routes are checked even when a text of this node is wrong, so one run reports both.
                answer_lines[(str(node_id), index)] = line_of(body, "next")
                self.edges.setdefault(str(node_id), []).append(target)
            if label is not None and target is not None:
                answers.append(Answer(label, target, kind))
        if fallbacks == 0 and data:
            self.problem(
                line_of(fields, "answers"),
                "the question has no answer for a reader who does not know or whose case is not listed.",
                where,
                'Add an answer like \'- label: {da: "Det ved jeg ikke", en: "I do not know"}\' with '
                "'kind: dont-know' (or 'Noget andet' / 'Something else' with 'kind: something-else') and "
                "'next:' pointing at an outcome that says who can help.",
            )
        return tuple(answers) if len(answers) == len(data) else None

    def steps(self, fields: Mapping[Any, Any], where: str) -> tuple[Text, ...] | None:
        data = fields.get("next_steps")
        if not isinstance(data, list) or not data:
            if "next_steps" in fields:
                self.problem(
                    line_of(fields, "next_steps"),
                    "'next_steps' must be a list with at least one step.",
                    where,
                    "Add a step as '- da: ...' with 'en: ...' below it.",
                )
            return None
        steps = []
        for index, item in enumerate(data):
            wrapper = _Wrapped(item, line_of(data, index))
            text = self.text(wrapper, "next_steps", where)
            if text is not None:
                steps.append(text)
        return tuple(steps) if len(steps) == len(data) else None

    # -- meaning ----------------------------------------------------------------------------------

    def graph(
        self,
        tree_id: str,
        start: str | None,
        start_line: int | None,
        nodes: Mapping[str, Node],
        node_lines: Mapping[str, int | None],
        answer_lines: Mapping[tuple[str, int], int | None],
        raw_nodes: Mapping[Any, Any],
    ) -> None:
        where = f"tree {tree_id}"
        names = [str(key) for key in raw_nodes]
        if start is not None and raw_nodes and start not in raw_nodes:
            guess = suggest(start, names)
            hint = f"Did you mean '{guess}'?" if guess else "Set 'start' to the ID of the first question."
            self.problem(start_line, f"the start node '{start}' does not exist.", where, hint)
        parents: dict[str, list[str]] = {name: [] for name in names}
        for source, targets in self.edges.items():
            for index, target in enumerate(targets):
                if target not in parents:
                    guess = suggest(target, names)
                    hint = f"Did you mean '{guess}'?" if guess else "Point 'next' at a node ID of this tree."
                    self.problem(
                        answer_lines.get((source, index)),
                        f"answer {index + 1} leads to '{target}', which does not exist.",
                        f"{where} / node {source}",
                        hint,
                    )
                else:
                    parents[target].append(source)
        for name, sources in parents.items():
            if len(sources) > 1:
                self.problem(
                    node_lines.get(name),
                    f"the node is reached from {len(sources)} answers ({', '.join(sources)}); "
                    "each node must have exactly one.",
                    f"{where} / node {name}",
                    "Give each path its own node (copy it with a new ID), "
                    "so every page can show the answers that led to it.",
                )
            if start is not None and name == start and sources:
                self.problem(
                    node_lines.get(name),
                    f"the start node is the target of an answer ({', '.join(sources)}).",
                    f"{where} / node {name}",
                    "No answer may lead back to the start; use 'Start again' instead.",
                )
        for cycle in _cycles(self.edges):
            self.problem(
                node_lines.get(cycle[0]),
                f"the answers go round in a circle: {' -> '.join([*cycle, cycle[0]])}.",
                f"{where} / node {cycle[0]}",
                "Point one of these answers at a new node, so every path ends at an outcome.",
            )
        if start is not None and start in raw_nodes:
            reached = _reachable(start, self.edges)
            for name in names:
                if name not in reached:
                    self.problem(
                        node_lines.get(name),
                        "no answer leads to this node, so no reader can reach it.",
                        f"{where} / node {name}",
                        "Point an answer at it with 'next: " + name + "', or delete the node.",
                    )


Checker = _Checker  # the checker's text and shape rules, shared with the other data files


class _Wrapped(dict):
    """Lets a list item be checked as a text like a mapping value, keeping the item's line."""

    def __init__(self, item: Any, line: int | None) -> None:
        super().__init__(next_steps=item)
        self.key_lines = {"next_steps": line}
        self.line = line


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "keys and values"
    if isinstance(value, datetime.date):
        return f"a date ({value})"
    return type(value).__name__


def _reachable(start: str, edges: Mapping[str, list[str]]) -> set[str]:
    seen, stack = {start}, [start]
    while stack:
        for child in edges.get(stack.pop(), []):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def _cycles(edges: Mapping[str, list[str]]) -> list[list[str]]:
    """Each distinct cycle once, found by an iterative depth-first search (no recursion limit)."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(edges, white)
    found: list[list[str]] = []
    seen_cycles: set[frozenset[str]] = set()
    for root in edges:
        if colour[root] != white:
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            name, index = stack.pop()
            if index == 0:
                colour[name] = grey
                path.append(name)
            children = [child for child in edges.get(name, []) if child in edges]
            if index < len(children):
                stack.append((name, index + 1))
                child = children[index]
                if colour[child] == grey:
                    cycle = path[path.index(child) :]
                    if frozenset(cycle) not in seen_cycles:
                        seen_cycles.add(frozenset(cycle))
                        found.append(cycle)
                elif colour[child] == white:
                    stack.append((child, 0))
            else:
                colour[name] = black
                path.pop()
    return found


def build_sources(data: Any, file: str, languages: Languages) -> dict[str, Source]:
    """Validate the source registry (data/sources.yml): ID -> title and address."""
    checker = _Checker(file, languages, None)
    sources = checker.source_registry(data, 1) if data is not None else {}
    if checker.problems:
        raise RulesError(checker.problems)
    return sources


def build_rules(
    data: Any,
    file: str,
    languages: Languages,
    known_pages: frozenset[str] | None = None,
    municipality: Municipality | None = None,
    sources: Mapping[str, Source] | None = None,
) -> Rules:
    """Validate a parsed rules document and return the model, or raise RulesError with every problem.

    With ``municipality``, contacts that refer to it take their channels from it; without, they keep none
    (enough to check the rules alone, as the benchmarks and the fuzz tests do).
    """
    checker = _Checker(file, languages, known_pages, municipality, sources)
    rules = checker.document(data)
    if checker.problems or rules is None:
        raise RulesError(checker.problems or [Problem(file, None, "the rules file is empty.")])
    return rules
