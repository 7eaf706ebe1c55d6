"""Leave out the theme's CSS rules that no page of the built site can use (README, "Search and page weight").

Material's stylesheet styles every extension it supports (tabs, code, diagrams, colour palettes, ...); this
site uses a few. A selector is dropped only when it needs a class, or an attribute value in ``[name=value]``,
that appears neither in any built page nor anywhere in the theme's scripts (which add classes and attributes
while a reader uses the page: the search dialog, the drawer, the header). Classes and values inside ``:not()``,
``:is()``, ``:where()`` and ``:has()`` never count as needed, so such selectors stay. A class the scripts may
put together from pieces (a token ending in ``-`` or ``_`` that starts the class name) counts as used. Rules
whose selectors all go are left out, then ``@media`` and ``@supports`` blocks left empty; every other at-rule
stays as it is. Comments go too, and runs of white space become one space (:func:`minify_css` does only that,
for the site's own stylesheets).

Because the result depends on the pages, :func:`fingerprint` names the file after its content, so a browser
that cached a file for a year never keeps one that misses rules a changed page needs.

No MkDocs here: ``hooks/unused_css.py`` reads the built files and calls these functions.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Set
from dataclasses import dataclass

import tinycss2
from tinycss2.ast import LiteralToken, Node

_ATTRIBUTE_VALUE = re.compile(r"""\s[\w:-]+\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
_SCRIPT_TOKEN = re.compile(r"[A-Za-z_][\w-]*")
_PART_END = re.compile(r"[-_]")
FINGERPRINT = re.compile(r"\.[0-9a-f]{8}(?=\.min\.css$)")
GROUPING_RULES = ("media", "supports")


@dataclass(frozen=True)
class Used:
    """What the built site can use: class names and attribute values of its pages, words of its scripts, and
    the beginnings of names its scripts may complete ("md-search-result__")."""

    names: frozenset[str]
    prefixes: frozenset[str]

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if name in self.names:
            return True
        return any(name[: match.end()] in self.prefixes for match in _PART_END.finditer(name))


def used_names(pages: Iterable[str], scripts: Iterable[str]) -> Used:
    """The class names and attribute values of the pages' HTML and every word-like token of the scripts."""
    names: set[str] = set()
    for html in pages:
        for match in _ATTRIBUTE_VALUE.finditer(html):
            value = match.group(1) or match.group(2) or match.group(3) or ""
            names.add(value)
            names.update(value.split())
    prefixes: set[str] = set()
    for script in scripts:
        for token in _SCRIPT_TOKEN.findall(script):
            names.add(token)
            if token[-1] in "-_":
                prefixes.add(token)
    return Used(frozenset(names), frozenset(prefixes))


def _selectors(prelude: list[Node]) -> list[list[Node]]:
    """A rule's selector list split at its top-level commas (commas inside :is() stay with their function)."""
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _attribute_value(block: Node) -> str | None:
    """The value an attribute selector ``[name=value]`` requires exactly; None for other operators or none."""
    tokens = [token for token in block.content if token.type not in ("whitespace", "comment")]
    if len(tokens) == 3 and tokens[0].type == "ident" and tokens[1].type == "literal" and tokens[1].value == "=":
        if tokens[2].type in ("ident", "string"):
            return str(tokens[2].value)
    return None


def needed(selector: list[Node]) -> list[str]:
    """The class names and exact attribute values a selector needs to match anything."""
    names: list[str] = []
    after_dot = False
    for token in selector:
        if after_dot and token.type == "ident":
            names.append(token.value)
        after_dot = token.type == "literal" and token.value == "."
        if token.type == "[] block":
            value = _attribute_value(token)
            if value is not None:
                names.append(value)
    return names


def _join(selectors: list[list[Node]]) -> list[Node]:
    joined: list[Node] = []
    for number, selector in enumerate(selectors):
        if number:
            joined.append(LiteralToken(0, 0, ","))
        joined.extend(selector)
    return joined


def _prune_rules(rules: list[Node], used: Set[str] | Used) -> list[Node]:
    kept: list[Node] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if all(name in used for name in needed(s))]
            if selectors:
                rule.prelude = _join(selectors)
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_RULES and rule.content is not None:
            inner = _prune_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                rule.content = inner
                kept.append(rule)
        elif rule.type not in ("comment", "whitespace"):
            kept.append(rule)
    return kept


def _tight(tokens: list[Node] | None) -> list[Node] | None:
    """The tokens without comments and with every run of white space as one space, blocks included."""
    if tokens is None:
        return None
    kept: list[Node] = []
    for token in tokens:
        if token.type == "comment":
            continue
        if token.type == "whitespace":
            if kept and kept[-1].type == "whitespace":
                continue
            token.value = " "
        elif token.type in ("() block", "[] block", "{} block"):
            token.content = _tight(token.content)
        elif token.type == "function":
            token.arguments = _tight(token.arguments)
        elif token.type in ("qualified-rule", "at-rule"):
            token.prelude = _tight(token.prelude)
            token.content = _tight(token.content)
        kept.append(token)
    return kept


def _parse(css: str) -> list[Node]:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    errors = [rule for rule in rules if rule.type == "error"]
    if errors:
        raise ValueError(f"line {errors[0].source_line}: {errors[0].message}")
    return rules


def prune_css(css: str, used: Set[str] | Used) -> str:
    """The stylesheet without the rules no page can use, without comments and with white space tightened;
    raises ValueError with the line when tinycss2 cannot read the text as a stylesheet (the hook names the file)."""
    return tinycss2.serialize(_tight(_prune_rules(_parse(css), used)) or [])


def minify_css(css: str) -> str:
    """The stylesheet with every rule kept, without comments and with white space tightened (our own
    stylesheets: their rules are written for the pages, their comments are for the people who edit them)."""
    return tinycss2.serialize(_tight(_parse(css)) or [])


def fingerprint(name: str, css: str) -> str:
    """The file name with its eight-digit fingerprint replaced by one of the new content
    ("main.57a0d79d.min.css" → "main.1f2e3d4c.min.css"); a name without one gets one before ".min.css"/".css"."""
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
    if FINGERPRINT.search(name):
        return FINGERPRINT.sub(f".{digest}", name)
    stem = name.removesuffix(".css").removesuffix(".min")
    return f"{stem}.{digest}.min.css"
