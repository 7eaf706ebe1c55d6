"""Layering: the engine (src/borgerguide) imports neither MkDocs, Material for MkDocs nor mkdocs-static-i18n, so
another site engine (ProperDocs) or a plain script can drive it; tools/ and bench/ never import the tests.

The contract lives in pyproject.toml ([tool.importlinter]) and is checked by import-linter's `lint-imports`."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
FORBIDDEN = ("mkdocs", "material", "mkdocs_static_i18n")


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """Run the contract of ``project``'s pyproject.toml against the package in its src/ folder."""
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_engine_imports_no_site_generator() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout, result.stdout


@pytest.mark.parametrize(
    "statement",
    ["from mkdocs.structure.files import File", "import material", "from mkdocs_static_i18n import plugin"],
)
def test_the_contract_catches_an_engine_module_that_imports_one(tmp_path: Path, statement: str) -> None:
    shutil.copytree(ROOT / "src" / "borgerguide", tmp_path / "src" / "borgerguide")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    render = tmp_path / "src" / "borgerguide" / "site" / "render.py"
    render.write_text(render.read_text("utf-8") + f"\n{statement}  # a shortcut through the site generator\n", "utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    assert "0 kept, 1 broken" in result.stdout, result.stdout
    assert "borgerguide.site.render" in result.stdout and statement.split()[1].split(".")[0] in result.stdout


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ("tests", "tests/"):
            names.add("tests")  # a path into the tests folder, e.g. sys.path.insert(0, str(ROOT / "tests"))
    return names


def test_tools_and_bench_do_not_import_from_the_tests() -> None:
    test_modules = {path.stem for path in (ROOT / "tests").glob("*.py")} | {"tests"}
    found = {
        f"{path.relative_to(ROOT)} imports {name}"
        for folder in ("tools", "bench", "hooks", "src")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "node_modules" not in path.parts
        for name in _imported_modules(path) & test_modules
    }
    assert found == set(), "move the shared code into the package or tools/: " + ", ".join(sorted(found))
