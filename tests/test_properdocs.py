"""Another engine can build the site: ProperDocs (the maintained fork of MkDocs 1.6) builds this checkout
unchanged, and every file it writes is the file MkDocs writes (README, "Building with ProperDocs"). One
ProperDocs build; the MkDocs build is the session's shared `site`."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from conftest import ROOT, run_build

# The one line each engine writes differently: its own name and version in <head>, which no reader sees.
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
# The build date in the sitemap, which differs when the two builds fall on each side of midnight.
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _content(path: Path) -> bytes:
    """A file as both engines should write it, the engine's name and the build date aside."""
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return LASTMOD.sub(b"", GENERATOR.sub(b"", data))


def _files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = run_build(ROOT, tmp_path_factory.mktemp("properdocs") / "site", engine="properdocs")
    assert build.returncode == 0, f"ProperDocs does not build the site:\n{build.output}"
    return build.site


def test_properdocs_writes_the_same_files_as_mkdocs(site: Path, properdocs_site: Path) -> None:
    mkdocs_files, properdocs_files = _files(site), _files(properdocs_site)
    # The comparison is between two engines, not one engine twice.
    generator = GENERATOR.search((properdocs_site / "index.html").read_bytes())
    assert generator is not None and b"ProperDocs" in generator[1], generator
    generator = GENERATOR.search((site / "index.html").read_bytes())
    assert generator is not None and generator[1].startswith(b"mkdocs-1."), generator
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    assert len([name for name in mkdocs_files if name.endswith(".html")]) > 100
    different = [name for name, path in mkdocs_files.items() if _content(path) != _content(properdocs_files[name])]
    assert different == [], f"{len(different)} files differ between MkDocs and ProperDocs: {different[:10]}"
