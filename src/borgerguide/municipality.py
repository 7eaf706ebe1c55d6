"""The municipality's own details in one place: data/municipality.yml.

Borgerservice's phone and opening hours, the Digital Hotline, the data protection adviser, the accessibility
statement and the site's public address belong to the municipality that publishes the site. They live in one
file that the contacts in data/rules.yml refer to (``municipality: borgerservice``), so another municipality
changes one file to reuse the project.

A detail the municipality has not published is left empty, never guessed. Empty details do not stop a
preview; :func:`publishing_problems` lists them so that publishing refuses until they are filled in.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from borgerguide.errors import Problem, RulesError
from borgerguide.languages import Languages
from borgerguide.rules.checks.base import line_of, suggest
from borgerguide.rules.checks.references import CHANNEL_KEYS, Checker
from borgerguide.rules.load import LocatedMap, read_yaml
from borgerguide.rules.model import Rules, Text

MUNICIPALITY_FILE = "data/municipality.yml"

TOP_KEYS = {"name": True, "site_url": True, "accessibility_statement": True, "footer_contact": True, "contacts": True}
ENTRY_KEYS = {**dict.fromkeys(CHANNEL_KEYS, False), "sources": False}

# What a citizen depends on before the site may be published, per entry: each inner tuple is "one of these".
REQUIRED_DETAILS: dict[str, tuple[tuple[str, ...], ...]] = {
    "borgerservice": (("phone",), ("opening_hours",), ("address",), ("email", "web")),
    "digital-hotline": (("phone",), ("opening_hours",)),
    "databeskyttelsesraadgiver": (("email", "phone", "web"),),
}
# Addresses that are reserved for examples and tests (RFC 2606, RFC 6761) or that only work on one machine.
PLACEHOLDER_HOSTS = re.compile(
    r"(^|\.)(example\.(com|net|org)|example|invalid|test|localhost)$|^127\.|^0\.0\.0\.0$", re.IGNORECASE
)
PLACEHOLDER_TEXT = re.compile(r"\b(TODO|TBD|FIXME|XXX*|udfyld|placeholder|lorem)\b|^\s*[.…-]+\s*$", re.IGNORECASE)
# The WAS-Tool's own front page: an accessibility statement link must go to the municipality's own statement.
WAS_TOOL_HOSTS = ("was.digst.dk", "www.was.digst.dk")


@dataclass(frozen=True)
class MunicipalDetails:
    """The channels of one of the municipality's own units; any of them may still be unset."""

    key: str
    line: int | None
    phone: str | None = None
    address: str | None = None
    opening_hours: Text | None = None
    email: str | None = None
    web: str | None = None
    sources: tuple[str, ...] = ()


# Compared by identity: the rules cache (load.py) keys on it, and an unchanged file is read once per process.
@dataclass(frozen=True, eq=False)
class Municipality:
    name: str
    site_url: str | None
    accessibility_statement: str | None
    footer_contact: str  # an entry of ``contacts``
    contacts: Mapping[str, MunicipalDetails]
    file: str = MUNICIPALITY_FILE
    key_lines: Mapping[str, int | None] | None = None

    def line(self, key: str) -> int | None:
        return (self.key_lines or {}).get(key)


def is_placeholder(value: str | None) -> bool:
    return value is not None and bool(PLACEHOLDER_TEXT.search(value))


def load_municipality(path: Path, languages: Languages, display_name: str = MUNICIPALITY_FILE) -> Municipality:
    """Read and check data/municipality.yml; raise RulesError listing every problem of form.

    An unchanged file gives the same object again (each language's build asks for it).
    """
    try:
        stat = path.stat()
    except OSError:
        return _load_municipality(path, display_name, languages)
    return _load_cached(path, stat.st_mtime_ns, stat.st_size, display_name, languages)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int, size: int, display_name: str, languages: Languages) -> Municipality:
    return _load_municipality(path, display_name, languages)


def _load_municipality(path: Path, display_name: str, languages: Languages) -> Municipality:
    data = read_yaml(path, display_name)
    checker = Checker(display_name, languages)
    root = checker.mapping(data, 1, "the municipality file", None)
    if root is None:
        raise RulesError(checker.problems)
    checker.keys(root, TOP_KEYS, "the municipality file", None)
    name = checker.string(root, "name", None)
    site_url = _optional_url(checker, root, "site_url")
    statement = _optional_url(checker, root, "accessibility_statement")
    entries: dict[str, MunicipalDetails] = {}
    section = checker.mapping(root.get("contacts"), line_of(root, "contacts"), "'contacts'", None)
    for key, body in (section or {}).items():
        where = f"municipality / {key}"
        entry_line = line_of(section, key)
        checker.identifier(key, entry_line, "entry name", where)
        fields: Mapping[Any, Any] = {} if body is None else (checker.mapping(body, entry_line, f"'{key}'", where) or {})
        checker.keys(fields, ENTRY_KEYS, f"'{key}'", where, entry_line)
        set_fields = _set_only(fields)
        # Placeholders are reported by the publishing gate, not as errors of form, so a preview still builds.
        for channel in ("phone", "email", "web"):
            if isinstance(set_fields.get(channel), str) and is_placeholder(set_fields[channel]):
                del set_fields[channel]
        channels = checker.channels(set_fields, where)
        sources = tuple(source for source, _ in checker.id_list(set_fields, "sources", where))
        entries[str(key)] = MunicipalDetails(str(key), entry_line, sources=sources, **channels)
    footer = checker.string(root, "footer_contact", None)
    if footer is not None and entries and footer not in entries:
        guess = suggest(footer, entries)
        checker.problem(
            line_of(root, "footer_contact"),
            f"'footer_contact' is '{footer}', which is not an entry under 'contacts:'.",
            None,
            f"Did you mean '{guess}'?" if guess else "Name one of the entries under 'contacts:'.",
        )
    if checker.problems or name is None or footer is None:
        raise RulesError(checker.problems or [Problem(display_name, 1, "the municipality file is incomplete.")])
    return Municipality(
        name=name,
        site_url=site_url,
        accessibility_statement=statement,
        footer_contact=footer,
        contacts=entries,
        file=display_name,
        key_lines={key: line_of(root, key) for key in root},
    )


def _set_only(fields: Mapping[Any, Any]) -> LocatedMap:
    """The keys that have a value (an empty key means "not published yet"), keeping their lines."""
    kept = LocatedMap(
        (key, value)
        for key, value in fields.items()
        if value is not None and not (isinstance(value, str) and not value.strip())
    )
    kept.line = getattr(fields, "line", 0)
    kept.key_lines = dict(getattr(fields, "key_lines", {}))
    return kept


def _optional_url(checker: Checker, root: Mapping[Any, Any], key: str) -> str | None:
    value = root.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    url = checker.string(root, key, None)
    if url is not None and not url.startswith("https://"):
        checker.problem(line_of(root, key), f"'{key}' must start with https://, not '{url}'.", None)
        return None
    return url


def publishing_problems(municipality: Municipality, rules: Rules, rules_file: str) -> list[Problem]:
    """Everything a citizen would depend on that is still unset or a placeholder, located, with what to do.

    An empty list means the site may be published. The build in preview mode shows these as a notice instead.
    """
    file = municipality.file
    problems: list[Problem] = []
    site_url = municipality.site_url
    if site_url is None:
        problems.append(
            Problem(file, municipality.line("site_url"), "'site_url' is not set.", "site_url", _SITE_URL_HINT)
        )
    elif PLACEHOLDER_HOSTS.search(urlparse(site_url).hostname or ""):
        problems.append(
            Problem(
                file,
                municipality.line("site_url"),
                f"'site_url' is an example address ({site_url}).",
                "site_url",
                _SITE_URL_HINT,
            )
        )
    statement = municipality.accessibility_statement
    statement_hint = (
        "Make the statement in the WAS-Tool and put the address of the municipality's own statement here "
        "(it looks like https://www.was.digst.dk/<your-domain>)."
    )
    if statement is None:
        problems.append(
            Problem(
                file,
                municipality.line("accessibility_statement"),
                "'accessibility_statement' is not set.",
                "accessibility_statement",
                statement_hint,
            )
        )
    else:
        parsed = urlparse(statement)
        if parsed.hostname in WAS_TOOL_HOSTS and parsed.path.strip("/") == "":
            problems.append(
                Problem(
                    file,
                    municipality.line("accessibility_statement"),
                    "'accessibility_statement' points at the WAS-Tool's front page, not at the municipality's "
                    "own statement.",
                    "accessibility_statement",
                    statement_hint,
                )
            )
    for key, groups in REQUIRED_DETAILS.items():
        entry = municipality.contacts.get(key)
        if entry is None:
            problems.append(
                Problem(
                    file,
                    municipality.line("contacts"),
                    f"the entry '{key}' is missing under 'contacts:'.",
                    f"contacts / {key}",
                    f"Add '{key}:' with its details, from the municipality's own published pages.",
                )
            )
            continue
        for group in groups:
            if not any(getattr(entry, channel) for channel in group):
                wanted = " or ".join(f"'{channel}'" for channel in group)
                problems.append(
                    Problem(
                        file,
                        entry.line,
                        f"{wanted} of '{key}' is not set.",
                        f"contacts / {key}",
                        "Fill it in from the municipality's own published details and cite the page under "
                        "'sources:'. Never guess a number or a time.",
                    )
                )
    for contact in rules.contacts.values():
        if not contact.has_channel:
            problems.append(
                Problem(
                    rules_file,
                    None,
                    f"the contact '{contact.id}' has no phone, web address, e-mail address or address with "
                    "opening hours yet.",
                    f"contact {contact.id}",
                    f"Fill in '{contact.municipality}' in {file}." if contact.municipality else "Add a channel.",
                )
            )
    for tree in rules.trees.values():
        for outcome in tree.outcomes:
            if not any(rules.contacts[c].has_channel for c in outcome.contacts):
                problems.append(
                    Problem(
                        rules_file,
                        None,
                        "the outcome names no contact a reader can reach yet.",
                        f"tree {tree.id} / node {outcome.id}",
                        "Fill in the contacts' details, or add a contact that has them.",
                    )
                )
    return problems


_SITE_URL_HINT = "Write the site's public address, e.g. https://digital.kommune.dk/ (QR codes and links use it)."
