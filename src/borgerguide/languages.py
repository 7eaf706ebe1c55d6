"""The site's languages, as configured: codes in order (the default first), each one's own name and direction.

Nothing in the package names a language: the MkDocs adapter passes in what the i18n plugin's configuration
says, and tools and tests that load the project without MkDocs read the same section of mkdocs.yml with
:func:`read_languages`. Adding a language is configuration, pages and translations, never Python.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from borgerguide.errors import Problem, RulesError

# A language code as the i18n plugin's configuration writes it ("da", "en", "pt-BR").
Language = str

CONFIG_FILE = "mkdocs.yml"
DIRECTIONS = ("ltr", "rtl")


@dataclass(frozen=True)
class LanguageInfo:
    code: Language
    name: str  # the language's own name, as the switcher shows it ("Dansk", "English", "العربية")
    direction: str = "ltr"  # "ltr" or "rtl"

    @property
    def label(self) -> str:
        """How messages name the language: its own name and its code, e.g. "English (en)"."""
        return f"{self.name} ({self.code})"


@dataclass(frozen=True)
class Languages:
    """The configured languages in order; the first is the default, served at the site's root."""

    items: tuple[LanguageInfo, ...]

    def __post_init__(self) -> None:
        if not self.items:
            raise ValueError("a site needs at least one language")

    def __iter__(self) -> Iterator[Language]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    @property
    def codes(self) -> tuple[Language, ...]:
        return tuple(item.code for item in self.items)

    @property
    def default(self) -> Language:
        return self.items[0].code

    def others(self, code: Language) -> tuple[Language, ...]:
        return tuple(other for other in self.codes if other != code)

    def info(self, code: Language) -> LanguageInfo:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def label(self, code: Language) -> str:
        """ "Dansk (da)": what a message calls a language."""
        return self.info(code).label

    def prefix(self, code: Language) -> str:
        """Where a language's pages live below the site root: "" for the default, "en/" for another."""
        return "" if code == self.default else f"{code}/"

    def of_path(self, path: str) -> Language:
        """The language of an address or file below the site root ("en/nemsms/" is "en"): the language whose
        folder the path is in; the default language's pages are every other page."""
        return next((code for code in self.others(self.default) if path.startswith(self.prefix(code))), self.default)

    def listed(self) -> str:
        """The codes as an editor writes them, for hints: "'da' and 'en'" or "'da', 'en' and 'ar'"."""
        quoted = [f"'{code}'" for code in self.codes]
        return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def direction_of(name: str) -> str:
    """The writing direction of a language, from its own name: right-to-left scripts (Arabic, Hebrew, ...) have
    right-to-left letters, so a name written in one ("العربية", "עברית") makes the language rtl."""
    for character in name:
        bidi = unicodedata.bidirectional(character)
        if bidi in ("R", "AL"):
            return "rtl"
        if bidi == "L":
            return "ltr"
    return "ltr"


def languages_from_config(entries: Iterable[Mapping[str, Any]], file: str = CONFIG_FILE) -> Languages:
    """The i18n plugin's ``languages:`` entries (``locale``, ``name``, ``default``, ``build``, optional
    ``theme: {direction: rtl}``) as Languages, the default first, the others in their configured order.

    Entries that are not built (``build: false``) are not languages of the site."""
    problems: list[Problem] = []
    default: list[LanguageInfo] = []
    others: list[LanguageInfo] = []
    for index, entry in enumerate(entries, start=1):
        code, name = entry.get("locale"), entry.get("name")
        where = f"plugins / i18n / languages / {index}"
        if not isinstance(code, str) or not code or not isinstance(name, str) or not name.strip():
            problems.append(
                Problem(file, None, "a language needs 'locale' (its code) and 'name' (its own name).", where)
            )
            continue
        if entry.get("build") is False or code == "null":
            continue
        theme = entry.get("theme") or {}
        direction = theme.get("direction") if isinstance(theme, Mapping) else None
        if direction is not None and direction not in DIRECTIONS:
            problems.append(
                Problem(file, None, f"the direction of '{code}' is '{direction}'.", where, "Write ltr or rtl.")
            )
            continue
        info = LanguageInfo(code, name.strip(), direction or direction_of(name))
        (default if entry.get("default") else others).append(info)
    if len(default) > 1:
        problems.append(
            Problem(file, None, "more than one language says 'default: true'.", "plugins / i18n / languages")
        )
    if not default and not others and not problems:
        problems.append(
            Problem(
                file,
                None,
                "no language is configured.",
                "plugins / i18n / languages",
                "Add the languages under plugins: i18n: languages: (locale, name, default: true for the first).",
            )
        )
    if problems:
        raise RulesError(problems)
    return Languages((*default, *others))


class _IgnoreTagsLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags for MkDocs (!ENV, !!python/name:...); reading the languages needs none."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_IgnoreTagsLoader.add_multi_constructor("!", _ignore_tag)
_IgnoreTagsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_languages(root: Path, config_file: str = CONFIG_FILE) -> Languages:
    """The languages configured in a project's mkdocs.yml (the i18n plugin's ``languages:``), for tools and
    tests that load the project without MkDocs."""
    path = root / config_file
    try:
        config = yaml.load(path.read_text("utf-8"), Loader=_IgnoreTagsLoader) or {}
    except OSError as error:
        raise RulesError([Problem(config_file, None, f"cannot read the file ({error.strerror}).")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise RulesError(
            [Problem(config_file, mark.line + 1 if mark else None, f"YAML syntax error: {error}.")]
        ) from None
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, Mapping) and "i18n" in plugin:
            return languages_from_config((plugin["i18n"] or {}).get("languages") or [], config_file)
    raise RulesError(
        [
            Problem(
                config_file,
                None,
                "the i18n plugin is not configured, so the site has no languages.",
                "plugins",
                "Add plugins: - i18n: with languages: (see CONTRIBUTING.md, 'Add a language').",
            )
        ]
    )
