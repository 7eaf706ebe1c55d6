"""Another engine can build the site: ProperDocs (the maintained fork of MkDocs 1.6) builds this checkout
unchanged, and every file it writes is the file MkDocs writes (README, "Building with ProperDocs"). One
ProperDocs build; the MkDocs build is the session's shared `site`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, run_build

# The one line each engine writes differently: its own name and version in <head>, which no reader sees.
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


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
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    assert len([name for name in mkdocs_files if name.endswith(".html")]) > 100
    different = [
        name
        for name, path in mkdocs_files.items()
        if GENERATOR.sub(b"", path.read_bytes()) != GENERATOR.sub(b"", properdocs_files[name].read_bytes())
    ]
    assert different == [], f"{len(different)} files differ between MkDocs and ProperDocs: {different[:10]}"
