"""One search index per language, small enough for the first view of a page.

The theme writes one index (``search/search_index.json``) holding every language's pages. Here it is split:
the default language's entries stay at ``search/search_index.json``, another language's go to
``<code>/search/search_index.json`` with their addresses made relative to ``<code>/``, and each page of that
language looks for its index there (:func:`language_base`). Each index names one language, so the theme's
search worker loads that language's word rules and nothing else: Danish stop words for Danish pages, none of
lunr-languages for English. Its pipeline (mkdocs.yml) has no stemmer, see README "Search and page weight".

While splitting, what every guide page repeats is left out: the sections the site generates around an answer
(their anchors start with ``dd-``: the sources, why you got this answer, take the answer along, other ways to
get help) would make every outcome match "kilder" or "QR-kode" and weigh a third of the index. The text keeps
its words and entities but not its HTML tags: the result list shows it as text.

No MkDocs here: ``hooks/search_index.py`` reads the files and calls these functions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from borgerguide.languages import Languages

INDEX_PATH = "search/search_index.json"
# Sections the site's templates generate on guide pages and under every page (anchors "dd-sources", ...).
GENERATED_SECTION = "dd-"
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_BASE = re.compile(r'("base":\s*")([^"]*)(")')


class SearchIndexError(ValueError):
    """The theme's search index is not what this module expects (the message says what and where)."""


def plain_text(html: str) -> str:
    """The text of an index entry without its HTML tags, spaces collapsed; entities stay as they are."""
    return _SPACE.sub(" ", _TAG.sub(" ", html)).strip()


def is_generated_section(location: str) -> bool:
    """A section the site generates on every guide page ("page/#dd-sources"), not the page's own text."""
    _, _, anchor = location.partition("#")
    return anchor.startswith(GENERATED_SECTION)


def search_config(config: Mapping[str, Any], code: str, supported: Iterable[str]) -> dict[str, Any]:
    """The index configuration for one language: that language only, with its word rules when the theme's
    search has them (``supported``: "en" and the lunr-languages it ships); otherwise plain words, since
    English stop words and stems would cut the words of another language wrongly."""
    result = dict(config)
    if code == "en" or code in set(supported):
        result["lang"] = [code]
    else:
        result["lang"] = ["en"]
        result["pipeline"] = []
    return result


def split_index(
    index: Mapping[str, Any], languages: Languages, supported: Iterable[str] = ()
) -> dict[str, dict[str, Any]]:
    """One index per language code from the theme's index of every language.

    Entries are assigned by the prefix of their address and lose it; generated sections are dropped and the
    text loses its tags. Raises SearchIndexError when the index lacks its "config" or "docs".
    """
    if not isinstance(index, Mapping) or not isinstance(index.get("docs"), list):
        raise SearchIndexError(f"{INDEX_PATH}: expected an object with a list 'docs' (the theme's search index)")
    if not isinstance(index.get("config"), Mapping):
        raise SearchIndexError(f"{INDEX_PATH}: expected an object 'config' (the theme's search settings)")
    supported = tuple(supported)
    docs: dict[str, list[dict[str, Any]]] = {code: [] for code in languages}
    for number, entry in enumerate(index["docs"]):
        location = entry.get("location") if isinstance(entry, Mapping) else None
        if not isinstance(location, str):
            raise SearchIndexError(f"{INDEX_PATH}: entry {number} has no 'location' (the page's address)")
        if is_generated_section(location):
            continue
        language = languages.of_path(location)
        kept = dict(entry, location=location.removeprefix(languages.prefix(language)))
        if isinstance(kept.get("text"), str):
            kept["text"] = plain_text(kept["text"])
        docs[language].append(kept)
    return {
        code: {"config": search_config(index["config"], code, supported), "docs": docs[code]} for code in languages
    }


def index_json(index: Mapping[str, Any]) -> str:
    """The index as the theme's worker reads it: compact, letters as they are (not \\u escapes)."""
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)


def language_base(base: str, prefix: str) -> str:
    """The theme's ``base`` for a page of a language under ``prefix``: the search index and the addresses of
    its results are looked up from there. "../.." on "en/nemsms/" becomes "../../en/"."""
    if not prefix:
        return base
    return f"{base.rstrip('/')}/{prefix}"


def point_page_at_index(html: str, prefix: str) -> str:
    """The page with its theme configuration's ``base`` set to its language's folder. Raises SearchIndexError
    when the page has no theme configuration with a base (the theme changed how it finds the index)."""
    if not prefix:
        return html
    script = _CONFIG_SCRIPT.search(html)
    if not script or not _BASE.search(script.group(2)):
        raise SearchIndexError(
            'the page has no <script id="__config"> with a "base": the theme no longer says where the search '
            "index is; check hooks/search_index.py against the theme's base.html"
        )
    content = _BASE.sub(lambda m: m.group(1) + language_base(m.group(2), prefix) + m.group(3), script.group(2), 1)
    return html[: script.start(2)] + content + html[script.end(2) :]
