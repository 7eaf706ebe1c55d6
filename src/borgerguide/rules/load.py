"""Read the rules file into plain Python data that remembers the line of every key.

Duplicate keys are an error here (plain YAML silently keeps the last one), and YAML syntax errors become
located problems with a hint in words an editor understands.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from borgerguide.errors import Problem, RulesError
from borgerguide.languages import Languages
from borgerguide.rules.checks import build_rules, build_sources
from borgerguide.rules.model import Rules, Source

if TYPE_CHECKING:
    from borgerguide.municipality import Municipality

# A rules file for a whole municipality is a few hundred kilobytes; anything far larger is a mistake
# (a pasted export, a wrong file) and would only make the build slow.
MAX_BYTES = 2_000_000


class LocatedMap(dict):
    """A YAML mapping that knows its own line and the line of each of its keys."""

    line: int = 0
    key_lines: dict[Any, int]


class LocatedList(list):
    """A YAML sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _DuplicateKey(Exception):
    def __init__(self, key: object, first_line: int, second_line: int) -> None:
        self.key, self.first_line, self.second_line = key, first_line, second_line


# libyaml's parser is about ten times faster than PyYAML's pure-Python one (a 5,000-node file: 0.4 s
# instead of 4.4 s); both give the same nodes and marks, and the constructors below are shared.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LocatingLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """A safe loader (no Python objects) that records lines and refuses duplicate keys."""


def _construct_map(loader: _LocatingLoader, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
    data = LocatedMap()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain word", key_node.start_mark)
        if key in data:
            raise _DuplicateKey(key, data.key_lines[key], line)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line


def _construct_list(loader: _LocatingLoader, node: yaml.SequenceNode):  # type: ignore[no-untyped-def]
    data = LocatedList()
    data.line = node.start_mark.line + 1
    data.item_lines = [item.start_mark.line + 1 for item in node.value]
    yield data
    data.extend(loader.construct_object(item, deep=True) for item in node.value)


_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)


def _yaml_hint(error: yaml.MarkedYAMLError, text: str) -> str:
    problem = error.problem or ""
    if "\\t" in problem or "'\\t'" in problem or "tab" in problem:
        return "Replace the tab character with spaces: YAML indents with spaces only."
    if "mapping values are not allowed" in problem:
        return 'A text containing ": " must be put in quotes, e.g. da: "Bemærk: ..."'
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "Check the indentation of this line and the one above: items at one level line up exactly."
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "A list or text opened with [ or { on this line or the line above is not closed with ] or }."
    if "found undefined alias" in problem:
        return "An *alias needs a matching &anchor earlier in the file."
    return "Check the indentation and the quotes on this line and the line above."


def read_yaml(path: Path, display_name: str | None = None) -> Any:
    """Parse a YAML file into LocatedMap/LocatedList data, or raise RulesError with one located problem."""
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RulesError([Problem(name, None, f"cannot read the file ({error.strerror}).")]) from None
    if len(raw) > MAX_BYTES:
        size = f"{len(raw) / 1_000_000:.1f} MB"
        raise RulesError(
            [
                Problem(
                    name,
                    None,
                    f"the file is {size}, more than the {MAX_BYTES // 1_000_000} MB a rules file may be.",
                    hint="Check that this is the right file; a rules file is normally well under 1 MB.",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise RulesError([Problem(name, line, "the file is not UTF-8 text.", hint="Save the file as UTF-8.")]) from None
    # Parsing creates many small objects that all stay alive; the cyclic garbage collector would walk the
    # growing graph again and again (a 5,000-node file: 1.8 s with it, 0.6 s without). Nothing here
    # makes reference cycles that need it, so it is paused for the parse.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return yaml.load(text, Loader=_LocatingLoader)
    except _DuplicateKey as dup:
        raise RulesError(
            [
                Problem(
                    name,
                    dup.second_line,
                    f"the key '{dup.key}' appears twice (first on line {dup.first_line}).",
                    hint="Remove one of them or give it another name; YAML would silently keep only the last.",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = error.problem or "the YAML is not valid"
        raise RulesError([Problem(name, line, f"YAML syntax error: {what}.", hint=_yaml_hint(error, text))]) from None
    except yaml.YAMLError as error:
        raise RulesError([Problem(name, None, f"YAML error: {error}.")]) from None
    finally:
        if collecting:
            gc.enable()


def load_rules(
    path: Path,
    known_pages: frozenset[str] | None = None,
    display_name: str | None = None,
    municipality: Municipality | None = None,
    sources: Mapping[str, Source] | None = None,
    *,
    languages: Languages,
) -> Rules:
    """Read and validate a rules file. ``known_pages`` are guidance page paths (``mitid.md``) links may use;
    ``municipality`` gives the channels of the contacts that refer to it (data/municipality.yml); every text
    must be written in each of ``languages``.

    The model is immutable, so an unchanged file is parsed once per process: the i18n plugin builds the
    site once per language, which would otherwise parse it once for each.
    """
    try:
        stat = path.stat()
    except OSError:
        return _load_rules(path, known_pages, display_name, municipality, sources, languages)
    # The registry is a dict (unhashable); an unchanged sources file is read once too, so its object is stable.
    key = None if sources is None else _Identity(sources)
    return _load_rules_cached(
        path, stat.st_mtime_ns, stat.st_size, known_pages, display_name, municipality, key, languages
    )


@functools.lru_cache(maxsize=8)
def _load_rules_cached(
    path: Path,
    mtime_ns: int,
    size: int,
    known_pages: frozenset[str] | None,
    display_name: str | None,
    municipality: Municipality | None,
    sources: _Identity | None,
    languages: Languages,
) -> Rules:
    source_registry = None if sources is None else sources.value
    return _load_rules(path, known_pages, display_name, municipality, source_registry, languages)


def _load_rules(
    path: Path,
    known_pages: frozenset[str] | None,
    display_name: str | None,
    municipality: Municipality | None,
    sources: Mapping[str, Source] | None,
    languages: Languages,
) -> Rules:
    data = read_yaml(path, display_name)
    return build_rules(data, display_name or str(path), languages, known_pages, municipality, sources)


class _Identity:
    """Hashes and compares a value by identity, so an unhashable value can be part of a cache key."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Identity) and other.value is self.value


@functools.lru_cache(maxsize=8)
def _load_sources_cached(
    path: Path, mtime_ns: int, size: int, display_name: str, languages: Languages
) -> dict[str, Source]:
    return build_sources(read_yaml(path, display_name), display_name, languages)


def load_sources(path: Path, display_name: str, languages: Languages) -> dict[str, Source]:
    """Read the source registry (data/sources.yml); an unchanged file gives the same object again."""
    try:
        stat = path.stat()
    except OSError:
        return build_sources(read_yaml(path, display_name), display_name, languages)
    return _load_sources_cached(path, stat.st_mtime_ns, stat.st_size, display_name, languages)
