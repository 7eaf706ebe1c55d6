"""Checks on a built site that must pass before it is published (tools/build_site.py) and in the tests."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from borgerguide.languages import read_languages


class _PageFacts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.dir: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang, self.dir = values.get("lang"), values.get("dir")
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")


def _url(site: Path, page: Path) -> str:
    return "/" + page.relative_to(site).as_posix().removesuffix("index.html")


def site_problems(site: Path, docs: Path) -> list[str]:
    """Everything wrong with a built site that a reader would hit: missing pages, wrong language or writing
    direction, dead links."""
    problems = []
    # The project's own configuration says which languages there are (mkdocs.yml beside docs/).
    languages = read_languages(docs.parent)
    for language in languages:
        prefix = languages.prefix(language)
        for source in sorted((docs / language).rglob("*.md")):
            stem = source.relative_to(docs / language).with_suffix("").as_posix()
            folder = "" if stem == "index" else stem.removesuffix("/index").removesuffix("index") + "/"
            if not (site / prefix / folder / "index.html").is_file():
                problems.append(f"docs/{language}/{source.relative_to(docs / language)} was not built")
    for page in sorted(site.rglob("index.html")):
        facts = _PageFacts()
        facts.feed(page.read_text("utf-8"))
        url = _url(site, page)
        expected = next(
            (code for code in languages.others(languages.default) if url.startswith(f"/{code}/")), languages.default
        )
        if facts.lang != expected:
            problems.append(f'{url}: <html lang="{facts.lang}">, expected "{expected}"')
        direction = languages.info(expected).direction
        if facts.dir != direction:
            problems.append(f'{url}: <html dir="{facts.dir}">, expected "{direction}" for {languages.label(expected)}')
        for href in facts.links:
            if urlparse(href).scheme or href.startswith("#"):
                continue
            target = site / urlparse(urljoin(url, href)).path.lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                problems.append(f"{url}: the link {href} leads nowhere")
    return problems
