"""The hand-written guidance pages: their front matter and the same page set in every language."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from borgerguide.errors import Problem, RulesError
from borgerguide.languages import Language, Languages

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)
REQUIRED_KEYS = ("title", "description", "last_reviewed", "sources")
# Search engines cut descriptions at about this length.
MAX_DESCRIPTION = 160


@dataclass(frozen=True)
class GuidancePage:
    path: str  # language-neutral, e.g. "selvbetjening/index.md"
    language: Language
    title: str
    description: str
    last_reviewed: str
    sources: tuple[str, ...] = ()  # IDs from data/sources.yml
    sources_line: int = 1  # where the list is written, for messages about it

    @property
    def url(self) -> str:
        """The page's address relative to the language root, with directory URLs ("mitid/")."""
        return page_url(self.path)


def page_url(path: str) -> str:
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def lines_before_body(text: str) -> int:
    """How many lines the front matter (and the blank lines after it) take, as MkDocs strips them."""
    match = FRONT_MATTER.match(text)
    if not match:
        return 0
    rest = text[match.end() :]
    return match.group(0).count("\n") + (len(rest) - len(rest.lstrip("\n")))


def read_front_matter(file: Path, display: str) -> tuple[dict[str, object], list[Problem]]:
    text = file.read_text("utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, [
            Problem(
                display,
                1,
                "the page has no front matter.",
                hint="Start the page with ---, then title:, description: and last_reviewed:, then --- "
                "(see docs/_template.md).",
            )
        ]
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        return {}, [
            Problem(
                display,
                line,
                f"the front matter is not valid YAML ({getattr(error, 'problem', error)}).",
                hint='Put a value that contains ": " in quotes.',
            )
        ]
    if not isinstance(meta, dict):
        return {}, [Problem(display, 2, "the front matter must be 'key: value' lines.")]
    return meta, []


def check_front_matter(meta: dict[str, object], display: str, text: str = "") -> list[Problem]:
    """Problems with one page's front matter: missing keys, empty text, a date that is not a date."""
    problems: list[Problem] = []

    def line_of(key: str) -> int:
        return front_matter_line(text, key)

    for key in REQUIRED_KEYS:
        if key not in meta:
            problems.append(
                Problem(
                    display,
                    1,
                    f"the front matter has no '{key}'.",
                    hint=f"Add a line '{key}: ...' between the --- lines.",
                )
            )
    for key in ("title", "description"):
        value = meta.get(key)
        if key in meta and (not isinstance(value, str) or not value.strip()):
            problems.append(Problem(display, line_of(key), f"'{key}' is empty.", hint=f"Write the page's {key}."))
    description = meta.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        problems.append(
            Problem(
                display,
                line_of("description"),
                f"the description is {len(description)} characters; at most {MAX_DESCRIPTION}.",
                hint="Shorten it to one or two plain sentences.",
            )
        )
    reviewed = meta.get("last_reviewed")
    if "last_reviewed" in meta and not isinstance(reviewed, datetime.date):
        problems.append(
            Problem(
                display,
                line_of("last_reviewed"),
                f"'last_reviewed' must be a date like 2026-11-26, not {reviewed!r}.",
                hint="Write the date as YYYY-MM-DD without quotes.",
            )
        )
    sources = meta.get("sources")
    if "sources" in meta and (
        not isinstance(sources, list) or not sources or not all(isinstance(item, str) for item in sources)
    ):
        problems.append(
            Problem(
                display,
                line_of("sources"),
                "'sources' must list at least one source ID, e.g. sources: [borger-dk-digital-post].",
                hint="Use the IDs in data/sources.yml; add a new source there first.",
            )
        )
    return problems


def front_matter_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def source_problems(pages: dict[Language, dict[str, GuidancePage]], known: Mapping[str, object]) -> list[Problem]:
    """Sources a page names that are not in the rules file's source registry, with the likely one."""
    problems = []
    for language, by_path in pages.items():
        for page in by_path.values():
            for source in page.sources:
                if source not in known:
                    guess = difflib.get_close_matches(source, list(known), n=1, cutoff=0.5)
                    problems.append(
                        Problem(
                            f"docs/{language}/{page.path}",
                            page.sources_line,
                            f"unknown source '{source}' in 'sources'.",
                            hint=f"Did you mean '{guess[0]}'?"
                            if guess
                            else "Add the source to data/sources.yml first.",
                        )
                    )
    return problems


def load_pages(docs_dir: Path, languages: Languages) -> dict[Language, dict[str, GuidancePage]]:
    """Read every guidance page of every language; raise RulesError listing every problem found."""
    problems: list[Problem] = []
    pages: dict[Language, dict[str, GuidancePage]] = {language: {} for language in languages}
    for language in languages:
        root = docs_dir / language
        for file in sorted(root.rglob("*.md")):
            path = file.relative_to(root).as_posix()
            display = f"docs/{language}/{path}"
            meta, found = read_front_matter(file, display)
            text = file.read_text("utf-8")
            found = found or check_front_matter(meta, display, text)
            problems.extend(found)
            if not found:
                reviewed = meta["last_reviewed"]
                assert isinstance(reviewed, datetime.date)
                pages[language][path] = GuidancePage(
                    path,
                    language,
                    str(meta["title"]).strip(),
                    str(meta["description"]).strip(),
                    reviewed.isoformat(),
                    tuple(str(source) for source in meta["sources"]),  # type: ignore[attr-defined]
                    front_matter_line(text, "sources"),
                )
    problems.extend(check_parity(docs_dir, languages))
    if problems:
        raise RulesError(problems)
    return pages


def check_parity(docs_dir: Path, languages: Languages) -> list[Problem]:
    """Every page must exist in every language, so the language switcher always has somewhere to go."""
    problems = []
    found: dict[Language, set[str]] = {}
    for language in languages:
        folder = docs_dir / language
        if not folder.is_dir():
            problems.append(
                Problem(
                    f"docs/{language}/",
                    None,
                    f"the folder of the language {languages.label(language)} does not exist.",
                    hint=f"Create docs/{language}/ with a translation of every page in docs/{languages.default}/, "
                    "or remove the language from mkdocs.yml.",
                )
            )
            continue
        found[language] = {f.relative_to(folder).as_posix() for f in folder.rglob("*.md")}
    for language, paths in found.items():
        for other, other_paths in found.items():
            for path in sorted(paths - other_paths):
                problems.append(
                    Problem(
                        f"docs/{language}/{path}",
                        1,
                        f"the page has no counterpart docs/{other}/{path} (no {languages.label(other)} translation).",
                        hint=f"Create docs/{other}/{path} with the translated text (or delete both).",
                    )
                )
    return problems
