"""Every path of every guide, in both languages, walked through the built pages by following links."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import LANGUAGES, ROOT, RULES, soup

from borgerguide.rules.golden import GOLDEN_FILE, golden_text
from borgerguide.rules.model import Outcome

PATHS = [(tree, steps, outcome) for tree in RULES.trees.values() for steps, outcome in tree.paths()]


def _page(site: Path, url: str) -> Path:
    return site / url.lstrip("/") / "index.html"


def _path_id(item: tuple) -> str:
    tree, steps, outcome = item
    return f"{tree.id}:{'/'.join(s.answer.label['da'] for s in steps)}->{outcome.id}"


def test_golden_file_lists_every_path() -> None:
    golden = (ROOT / GOLDEN_FILE).read_text("utf-8")
    assert golden == golden_text(RULES), (
        "routes changed: run `make golden` and review the diff of tests/golden/paths.txt"
    )
    assert len(PATHS) >= 25


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("item", PATHS, ids=[_path_id(p) for p in PATHS])
def test_path_leads_from_start_to_its_outcome(site: Path, item: tuple, language: str) -> None:
    tree, steps, outcome = item
    prefix = "/" if language == "da" else "/en/"
    url = f"{prefix}guide/{tree.id}/"
    start = soup(_page(site, url))
    assert start.h1.get_text() == tree.title[language]
    url = urljoin(url, start.select_one("a.dd-button--start")["href"])
    for number, step in enumerate(steps):
        page = soup(_page(site, url))
        assert url == f"{prefix}guide/{tree.id}/{step.question.id}/"
        assert page.h1.get_text() == step.question.question[language]
        assert len(page.find_all("h1")) == 1
        answered = [row.dt.get_text() for row in page.select(".dd-summary__row")]
        assert answered == [s.question.question[language] for s in steps[:number]], "answers so far"
        links = {a.get_text(): a["href"] for a in page.select("a.dd-answer")}
        assert list(links) == [a.label[language] for a in step.question.answers]
        url = urljoin(url, links[step.answer.label[language]])
    assert url == f"{prefix}guide/{tree.id}/{outcome.id}/"
    page = soup(_page(site, url))
    assert page.h1.get_text() == outcome.heading[language]
    rows = page.select(".dd-summary__row")
    assert [(r.dt.get_text(), r.select_one(".dd-summary__answer").get_text()) for r in rows] == [
        (s.question.question[language], s.answer.label[language]) for s in steps
    ]
    for row, step in zip(rows, steps, strict=True):
        change = urljoin(url, row.select_one(".dd-summary__change a")["href"])
        # The question again with this answer marked (tests/test_change_and_progress.py checks those pages).
        assert change == f"{prefix}guide/{tree.id}/{step.question.id}/aendre-{step.answer.next}/"
    for contact_id in outcome.contacts:
        contact = RULES.contacts[contact_id]
        if contact.phone:
            assert page.find("a", href=contact.tel_uri) is not None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tree_id", list(RULES.trees))
def test_each_question_has_back_and_start_again(site: Path, tree_id: str, language: str) -> None:
    tree = RULES.trees[tree_id]
    prefix = "/" if language == "da" else "/en/"
    for node in tree.nodes.values():
        url = f"{prefix}guide/{tree.id}/{node.id}/"
        page = soup(_page(site, url))
        trail = tree.trail(node.id)
        back = urljoin(url, page.select_one("a.dd-back__link")["href"])
        expected = f"{prefix}guide/{tree.id}/" + (f"{trail[-1].question.id}/" if trail else "")
        assert back == expected
        again = urljoin(url, page.select_one(".dd-start-again a")["href"])
        assert again == f"{prefix}guide/{tree.id}/"
        if isinstance(node, Outcome):
            names = {card.select_one(".dd-contact__name").get_text() for card in page.select(".dd-contact")}
            offline = {RULES.contacts[c].name[language] for c in RULES.other_help}
            assert offline <= names, "outcome pages offer the other ways to get help"


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_draws_every_node_and_lists_every_outcome(site: Path, language: str) -> None:
    prefix = "" if language == "da" else "en/"
    for tree in RULES.trees.values():
        page = soup(site / f"{prefix}guide/{tree.id}/oversigt/index.html")
        svg = page.select_one("svg.dd-flowchart__svg")
        assert svg is not None and svg.get("role") == "img" and svg.get("aria-label")
        assert len(svg.select("g.dd-flowchart__box")) == len(tree.nodes)
        outcome_links = [a.get_text() for a in page.select(".dd-tree__outcome a")]
        assert outcome_links == [o.heading[language] for o in tree.outcomes_in_order()]
        assert not page.find("script", src=True) or all(
            "bundle" in s["src"] or "search" in s["src"] for s in page.find_all("script", src=True)
        )
