"""Another engine can build the site: ProperDocs (the maintained fork of MkDocs 1.6) builds this checkout
unchanged, and every page it writes is the page MkDocs writes, with the same text (README, "Building with
ProperDocs"). One ProperDocs build; the MkDocs build is the session's shared `site`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_build, soup


def _pages(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*.html"))}


def _reader_text(path: Path) -> tuple[str, str, str, str]:
    """What a reader gets from a page: its language, its title, the text of its main content and the text of
    the whole page (menu, header and footer included; the generator's name sits in <head>, outside it)."""
    page = soup(path)
    main = page.select_one(".md-content") or page.body
    assert main is not None and page.body is not None, path
    title = page.title.get_text(strip=True) if page.title else ""
    return (
        page.html.get("lang", ""),
        title,
        " ".join(main.get_text(" ").split()),
        " ".join(page.body.get_text(" ").split()),
    )


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = run_build(ROOT, tmp_path_factory.mktemp("properdocs") / "site", engine="properdocs")
    assert build.returncode == 0, f"ProperDocs does not build the site:\n{build.output}"
    return build.site


def test_properdocs_builds_the_same_pages_with_the_same_text(site: Path, properdocs_site: Path) -> None:
    mkdocs_pages, properdocs_pages = _pages(site), _pages(properdocs_site)
    # The comparison is between two engines, not one engine twice.
    generator = soup(properdocs_site / "index.html").find("meta", attrs={"name": "generator"})
    assert generator is not None and "ProperDocs" in generator["content"], generator
    assert sorted(properdocs_pages) == sorted(mkdocs_pages)
    assert len(mkdocs_pages) > 100
    different = [
        name for name in mkdocs_pages if _reader_text(mkdocs_pages[name]) != _reader_text(properdocs_pages[name])
    ]
    assert different == [], f"{len(different)} pages differ between MkDocs and ProperDocs: {different[:10]}"
