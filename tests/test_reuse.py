"""Another municipality reuses the project by changing one block of configuration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import Build, soup


def test_municipality_identity_comes_from_one_place(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    config_file = project_copy / "mkdocs.yml"
    text = config_file.read_text("utf-8")
    text = text.replace("name: Ringkøbing-Skjern Kommune", "name: Eksempel Kommune")
    text = text.replace(
        "accessibility_statement: https://www.was.digst.dk/", "accessibility_statement: https://was.example.org/eks"
    )
    text = text.replace("contact: kommunen", "contact: borger-dk-kontaktcenter")
    config_file.write_text(text, "utf-8")
    build = build_copy()
    assert build.returncode == 0, build.output
    for page in ("index.html", "en/mitid/index.html", "guide/hjaelp/nemsms/index.html"):
        doc = soup(build.site / page)
        footer = doc.find("footer")
        assert "Eksempel Kommune" in footer.get_text()
        assert footer.find("a", href="https://was.example.org/eks") is not None
        assert footer.find("a", href="tel:+4570101881") is not None
        assert "Eksempel Kommune" in doc.find("header").get_text()
        assert "Ringkøbing-Skjern" not in doc.get_text()


def test_unknown_footer_contact_is_a_clear_error(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    config_file = project_copy / "mkdocs.yml"
    config_file.write_text(config_file.read_text("utf-8").replace("contact: kommunen", "contact: radhuset"), "utf-8")
    build = build_copy()
    assert build.returncode != 0
    assert "extra.municipality.contact 'radhuset'" in build.output and "Traceback" not in build.output


def test_preview_rebuilds_when_rules_templates_or_strings_change() -> None:
    config = yaml.load(
        (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader
    )
    assert {"data", "overrides", "src"} <= set(config["watch"])
