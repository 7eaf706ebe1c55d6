"""The search index split per language (borgerguide.site.search_index), without a build."""

from __future__ import annotations

import json

import pytest

from borgerguide.languages import Languages, languages_from_config
from borgerguide.site.search_index import (
    SearchIndexError,
    index_json,
    language_base,
    plain_text,
    point_page_at_index,
    split_index,
)


def languages(*codes: str) -> Languages:
    """The site's languages as mkdocs.yml's i18n entries give them, the first the default."""
    return languages_from_config(
        [{"locale": code, "name": code.upper(), "default": code == codes[0], "build": True} for code in codes]
    )


LANGUAGES = languages("da", "en")
CONFIG = {"lang": ["da", "en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {}}


def theme_index(*locations: str) -> dict:
    return {"config": CONFIG, "docs": [{"location": loc, "title": loc, "text": f"<p>{loc}</p>"} for loc in locations]}


def locations(index: dict) -> list[str]:
    return [entry["location"] for entry in index["docs"]]


def test_each_language_gets_its_own_pages_with_addresses_from_its_own_folder() -> None:
    index = theme_index("", "nemsms/", "nemsms/#tilmeld", "en/", "en/nemsms/", "en/nemsms/#sign-up")
    split = split_index(index, LANGUAGES, supported={"da"})
    assert locations(split["da"]) == ["", "nemsms/", "nemsms/#tilmeld"]
    assert locations(split["en"]) == ["", "nemsms/", "nemsms/#sign-up"]
    assert split["da"]["config"]["lang"] == ["da"] and split["en"]["config"]["lang"] == ["en"]
    # The rest of the theme's settings stay as they were.
    assert split["en"]["config"]["separator"] == CONFIG["separator"]
    assert split["da"]["config"]["pipeline"] == ["stopWordFilter"]


def test_a_danish_page_whose_address_starts_like_a_language_code_stays_danish() -> None:
    split = split_index(theme_index("english-help/", "en/english-help/"), LANGUAGES)
    assert locations(split["da"]) == ["english-help/"] and locations(split["en"]) == ["english-help/"]


def test_the_sections_the_site_generates_on_every_guide_page_are_left_out() -> None:
    index = theme_index(
        "guide/hjaelp/nemsms/",
        "guide/hjaelp/nemsms/#dd-sources",
        "guide/hjaelp/nemsms/#dd-take-along",
        "guide/hjaelp/nemsms/#dd-why",
        "nemsms/#det-er-gratis",
        "en/guide/hjaelp/nemsms/#dd-other-help",
    )
    split = split_index(index, LANGUAGES)
    assert locations(split["da"]) == ["guide/hjaelp/nemsms/", "nemsms/#det-er-gratis"]
    assert locations(split["en"]) == []


def test_text_loses_its_tags_but_keeps_its_words_and_entities() -> None:
    assert plain_text("<p>Ring til <strong>Borgerservice</strong>.</p>\n <ul><li>A &amp; B</li></ul>") == (
        "Ring til Borgerservice . A &amp; B"
    )
    split = split_index(theme_index("nemsms/"), LANGUAGES)
    assert split["da"]["docs"][0]["text"] == "nemsms/"


def test_a_language_the_theme_has_no_word_rules_for_searches_plain_words() -> None:
    split = split_index(theme_index("", "en/", "kl/"), languages("da", "en", "kl"), supported={"da", "de"})
    assert split["da"]["config"]["lang"] == ["da"]
    assert split["en"]["config"]["lang"] == ["en"]  # lunr's own rules, no extra file
    assert split["kl"]["config"] == {**CONFIG, "lang": ["en"], "pipeline": []}


@pytest.mark.parametrize(
    ("index", "message"),
    [
        ({"config": CONFIG}, "list 'docs'"),
        ({"docs": []}, "object 'config'"),
        ({"config": CONFIG, "docs": [{"title": "x"}]}, "entry 0 has no 'location'"),
    ],
)
def test_an_index_the_theme_did_not_write_is_reported(index: dict, message: str) -> None:
    with pytest.raises(SearchIndexError, match=message):
        split_index(index, LANGUAGES)


def test_a_page_belongs_to_the_language_whose_folder_it_is_in() -> None:
    three = languages("da", "en", "kl")
    assert [three.of_path(path) for path in ("", "nemsms/", "en/", "en/nemsms/", "kl/x/", "english/")] == [
        "da",
        "da",
        "en",
        "en",
        "kl",
        "da",
    ]


def test_the_index_file_keeps_letters_as_they_are() -> None:
    text = index_json({"docs": [{"title": "Få hjælp"}]})
    assert "Få hjælp" in text and " " not in text.replace("Få hjælp", "")
    assert json.loads(text) == {"docs": [{"title": "Få hjælp"}]}


@pytest.mark.parametrize(
    ("base", "expected"), [("..", "../en/"), ("../..", "../../en/"), ("../../", "../../en/"), (".", "./en/")]
)
def test_a_page_of_another_language_looks_for_its_index_in_its_own_folder(base: str, expected: str) -> None:
    assert language_base(base, "en/") == expected
    assert language_base(base, "") == base


CONFIG_PAGE = (
    '<a href="../..">home</a><script id="__config" type="application/json">{"annotate": null, "base": "../..", '
    '"search": "../../assets/javascripts/workers/search.js"}</script><script>var base = "../..";</script>'
)


def test_only_the_theme_configuration_of_the_page_changes() -> None:
    changed = point_page_at_index(CONFIG_PAGE, "en/")
    assert '"base": "../../en/"' in changed
    assert changed.replace('"base": "../../en/"', '"base": "../.."') == CONFIG_PAGE
    assert point_page_at_index(CONFIG_PAGE, "") == CONFIG_PAGE


def test_a_page_without_the_theme_configuration_is_reported() -> None:
    with pytest.raises(SearchIndexError, match="__config"):
        point_page_at_index("<html><body>no theme here</body></html>", "en/")
