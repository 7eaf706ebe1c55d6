"""The site's languages come from mkdocs.yml's i18n configuration, never from the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from borgerguide import RulesError, Text, read_languages
from borgerguide.languages import direction_of, languages_from_config


def test_the_languages_are_read_from_the_i18n_configuration() -> None:
    languages = read_languages(ROOT)
    assert languages.codes == ("da", "en") and languages.default == "da"
    assert languages.label("en") == "English (en)" and languages.prefix("da") == "" and languages.prefix("en") == "en/"


def test_the_default_comes_first_and_unbuilt_languages_are_left_out() -> None:
    languages = languages_from_config(
        [
            {"locale": "en", "name": "English"},
            {"locale": "ar", "name": "العربية"},
            {"locale": "da", "name": "Dansk", "default": True},
            {"locale": "fr", "name": "Français", "build": False},
        ]
    )
    assert languages.codes == ("da", "en", "ar")
    assert [languages.info(code).direction for code in languages] == ["ltr", "ltr", "rtl"]


def test_direction_follows_the_languages_own_name_unless_the_theme_says_otherwise() -> None:
    assert direction_of("עברית") == "rtl" and direction_of("فارسی") == "rtl" and direction_of("Dansk") == "ltr"
    configured = languages_from_config(
        [{"locale": "xx", "name": "Test", "default": True, "theme": {"direction": "rtl"}}]
    )
    assert configured.info("xx").direction == "rtl"


def test_a_configuration_with_tags_and_mistakes_gives_located_problems(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: !ENV [SITE, x]\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - i18n:\n      languages:\n        - locale: da\n          default: true\n"
        "        - locale: en\n          name: English\n          default: true\n",
        "utf-8",
    )
    with pytest.raises(RulesError) as error:
        read_languages(tmp_path)
    report = str(error.value)
    assert "mkdocs.yml: [plugins / i18n / languages / 1] a language needs 'locale'" in report
    assert "more than one language says 'default: true'" not in report  # the broken entry is not counted
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - search\n", "utf-8")
    with pytest.raises(RulesError, match="the i18n plugin is not configured"):
        read_languages(tmp_path)


def test_a_text_holds_any_number_of_languages_and_cannot_change() -> None:
    text = Text({"da": "Ja", "en": "Yes", "ar": "نعم"})
    assert text["ar"] == "نعم" and text.get("de") is None and list(text) == ["da", "en", "ar"]
    assert text == Text(da="Ja", en="Yes", ar="نعم") and hash(text) == hash(Text(da="Ja", en="Yes", ar="نعم"))
    with pytest.raises(AttributeError):
        text.da = "Nej"  # type: ignore[attr-defined]
