"""Changing an earlier answer (WCAG 3.3.7, redundant entry) and the progress line on question pages.

"Ændre" in "Dine svar" opens the question again with the answer given marked ("Dit svar", aria-current)
and a notice that the questions after it are asked again; each question says how many questions are left
at most. Checked on the built pages for every question and answer, and clicked through in Chromium with
and without JavaScript.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from conftest import LANGUAGES, RULES, soup
from playwright.sync_api import Browser

from borgerguide.rules.model import Question, Tree
from borgerguide.site.strings import ui_strings

QUESTIONS = [(tree, node) for tree in RULES.trees.values() for node in tree.questions]


def _prefix(language: str) -> str:
    return "/" if language == "da" else "/en/"


def _page(site: Path, url: str) -> Path:
    return site / url.lstrip("/") / "index.html"


def _change_url(language: str, tree: Tree, question: Question, target: str) -> str:
    return f"{_prefix(language)}guide/{tree.id}/{question.id}/aendre-{target}/"


def _label(link) -> str:  # type: ignore[no-untyped-def]
    """An answer button's own text, without the "Dit svar" tag."""
    tag = link.select_one(".dd-answer__tag")
    text = link.get_text(" ", strip=True)
    return text.removesuffix(tag.get_text(" ", strip=True)).strip() if tag else text


def _answers(url: str, page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(_label(a), urljoin(url, a["href"])) for a in page.select("a.dd-answer")]


def _most_questions_after(tree: Tree, question_id: str) -> int:
    """Independent of Tree.questions_left: the longest run of questions after this one on any path."""
    return max(
        len(steps) - 1 - [s.question.id for s in steps].index(question_id)
        for steps, _ in tree.paths()
        if question_id in [s.question.id for s in steps]
    )


def _progress_text(count: int, language: str) -> str:
    # Written out here rather than taken from the strings files, so a wrong wording fails too.
    if language == "da":
        return "Dette er det sidste spørgsmål" if count == 0 else f"Højst {count} spørgsmål mere"
    if count == 0:
        return "This is the last question"
    return f"At most {count} more question" + ("" if count == 1 else "s")


# -- on the built pages --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_change_link_opens_the_question_with_the_answer_given_marked(site: Path, language: str) -> None:
    ui = ui_strings(language)
    checked = 0
    for tree in RULES.trees.values():
        for node in tree.nodes.values():
            url = f"{_prefix(language)}guide/{tree.id}/{node.id}/"
            rows = soup(_page(site, url)).select(".dd-summary__row")
            assert len(rows) == len(tree.trail(node.id)), url
            for row, step in zip(rows, tree.trail(node.id), strict=True):
                given = row.select_one(".dd-summary__answer").get_text()
                assert given == step.answer.label[language]
                target = urljoin(url, row.select_one(".dd-summary__change a")["href"])
                assert target == _change_url(language, tree, step.question, step.answer.next)
                assert _page(site, target).is_file(), f"{url}: 'Ændre' leads to {target}, which was not built"
                page = soup(_page(site, target))
                assert page.h1.get_text() == row.dt.get_text() == step.question.question[language]
                marked = page.select('a.dd-answer[aria-current="true"]')
                assert [_label(a) for a in marked] == [given], f"{target}: marked {marked}, expected {given}"
                assert marked[0].select_one(".dd-answer__tag").get_text() == ui["your_answer"]
                assert len(page.select(".dd-answer__tag")) == 1
                # Marked by a link, not by a form control that is already chosen.
                assert page.select(".dd-guide input, .dd-guide select, .dd-guide [aria-checked]") == []
                checked += 1
    assert checked > 50


@pytest.mark.parametrize("language", LANGUAGES)
def test_changing_an_answer_says_the_later_questions_are_asked_again(site: Path, language: str) -> None:
    for tree, node in QUESTIONS:
        for answer in node.answers:
            url = _change_url(language, tree, node, answer.next)
            notice = soup(_page(site, url)).select_one(".dd-change-notice")
            assert notice is not None, url
            text = notice.get_text()
            if tree.questions_left(node.id) > 0:
                expected = (
                    "Vælger du et andet svar, stiller guiden spørgsmålene efter dette igen."
                    if language == "da"
                    else "If you choose another answer, the guide asks the questions after this one again."
                )
            else:  # no question comes after this one
                expected = (
                    "Vælger du et andet svar, får du et andet resultat."
                    if language == "da"
                    else "If you choose another answer, you get a different result."
                )
            assert text == expected, url
        normal = soup(_page(site, f"{_prefix(language)}guide/{tree.id}/{node.id}/"))
        assert normal.select_one(".dd-change-notice") is None
        assert normal.select('.md-content [aria-current="true"]') == [] and normal.select(".dd-answer__tag") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_changed_question_leads_on_like_the_question(site: Path, language: str) -> None:
    ui = ui_strings(language)
    for tree, node in QUESTIONS:
        url = f"{_prefix(language)}guide/{tree.id}/{node.id}/"
        question = soup(_page(site, url))
        for answer in node.answers:
            change = _change_url(language, tree, node, answer.next)
            variant = soup(_page(site, change))
            assert _answers(change, variant) == _answers(url, question), change
            for selector in ("a.dd-back__link", ".dd-start-again a"):
                assert urljoin(change, variant.select_one(selector)["href"]) == urljoin(
                    url, question.select_one(selector)["href"]
                ), f"{change}: {selector}"
            rows = [
                (
                    r.dt.get_text(),
                    r.select_one(".dd-summary__answer").get_text(),
                    urljoin(base, r.select_one("a")["href"]),
                )
                for base, page in ((change, variant), (url, question))
                for r in page.select(".dd-summary__row")
            ]
            assert rows[: len(rows) // 2] == rows[len(rows) // 2 :], f"{change}: 'Dine svar' differs from {url}"
            assert variant.title.get_text().startswith(f"{ui['change_title']}: {node.question[language]}")
            other = "en" if language == "da" else "da"
            switch = variant.select_one(".dd-language__link")
            assert urljoin(change, switch["href"]) == _change_url(other, tree, node, answer.next)


def test_changed_questions_stay_out_of_the_menu(site: Path) -> None:
    for language in LANGUAGES:
        tree, node = QUESTIONS[0]
        page = soup(_page(site, _change_url(language, tree, node, node.answers[0].next)))
        assert not any("aendre-" in a["href"] for a in page.select("nav.md-nav--primary a[href]"))
        home = soup(_page(site, _prefix(language)))
        assert not any("aendre-" in a["href"] for a in home.select("nav.md-nav--primary a[href]"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_question_says_how_many_questions_are_left_at_most(site: Path, language: str) -> None:
    counts = set()
    for tree, node in QUESTIONS:
        expected = _most_questions_after(tree, node.id)
        assert tree.questions_left(node.id) == expected, f"{tree.id}/{node.id}"
        counts.add(expected)
        urls = [f"{_prefix(language)}guide/{tree.id}/{node.id}/"]
        urls += [_change_url(language, tree, node, a.next) for a in node.answers]
        for url in urls:
            progress = soup(_page(site, url)).select(".dd-progress")
            assert [p.get_text() for p in progress] == [_progress_text(expected, language)], url
    assert {0, 1} <= counts, "the guides have questions that are last and questions with one more after them"
    for tree in RULES.trees.values():
        for outcome in tree.outcomes:
            page = soup(_page(site, f"{_prefix(language)}guide/{tree.id}/{outcome.id}/"))
            assert page.select_one(".dd-progress") is None


def test_questions_left_counts_the_longest_chain_after_the_question() -> None:
    tree = RULES.trees["undtagelse"]
    # fritaget-digital-post -> saerlige-forhold -> saerlige-hvor -> outcome: two questions after the first.
    assert tree.questions_left("fritaget-digital-post") == 2
    assert tree.questions_left("saerlige-forhold") == 1
    assert tree.questions_left("saerlige-hvor") == 0
    assert tree.questions_left("fritaget-domstole") == 0  # an outcome


# -- in Chromium -----------------------------------------------------------------------------------

# A path of two questions or more, and another answer to its first question that leads elsewhere.
WALK_TREE, WALK_STEPS = next(
    (tree, steps) for tree in RULES.trees.values() for steps, _ in tree.paths() if len(steps) >= 2
)
OTHER_ANSWER = next(a for a in WALK_STEPS[0].question.answers if a is not WALK_STEPS[0].answer)


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_change_an_earlier_answer_by_clicking(browser: Browser, base_url: str, language: str, javascript: bool) -> None:
    ui = ui_strings(language)
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=javascript)
    page = context.new_page()
    prefix = _prefix(language)
    page.goto(f"{base_url}{prefix}guide/{WALK_TREE.id}/")
    with page.expect_navigation():
        page.locator("a.dd-button--start").click()
    for step in WALK_STEPS[:2]:
        assert page.locator("h1").inner_text() == step.question.question[language]
        with page.expect_navigation():
            page.locator("a.dd-answer").get_by_text(step.answer.label[language], exact=True).click()
    first = WALK_STEPS[0]
    with page.expect_navigation():
        page.locator(".dd-summary__change a").first.click()
    assert urlparse(page.url).path == _change_url(language, WALK_TREE, first.question, first.answer.next)
    assert page.locator("h1").inner_text() == first.question.question[language]
    marked = page.locator('a.dd-answer[aria-current="true"]')
    assert marked.count() == 1
    assert marked.locator(".dd-answer__tag").is_visible()
    assert marked.evaluate("a => a.firstChild.textContent.trim()") == first.answer.label[language]
    assert marked.locator(".dd-answer__tag").inner_text() == ui["your_answer"]
    assert page.locator(".dd-change-notice").is_visible()
    assert page.locator(".dd-change-notice").inner_text() == ui["change_notice"]
    # The marked answer looks different from the others, not only to screen readers.
    looks = page.evaluate(
        """() => [...document.querySelectorAll('a.dd-answer')].map(a => {
             const s = getComputedStyle(a); return s.backgroundColor + s.borderTopWidth; })"""
    )
    assert len(set(looks)) == 2
    with page.expect_navigation():
        page.locator("a.dd-answer").get_by_text(OTHER_ANSWER.label[language], exact=True).click()
    assert urlparse(page.url).path == f"{prefix}guide/{WALK_TREE.id}/{OTHER_ANSWER.next}/"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_changed_question_is_accessible_and_fits_a_phone(browser: Browser, base_url: str, language: str) -> None:
    from test_browser import DESKTOP, PHONE, _axe

    # The longest answer label, so the "Dit svar" tag has the least room.
    tree, node, answer = max(
        ((t, q, a) for t, q in QUESTIONS for a in q.answers), key=lambda item: len(item[2].label[language])
    )
    url = base_url + _change_url(language, tree, node, answer.next)
    context = browser.new_context(viewport={"width": PHONE, "height": 780})
    page = context.new_page()
    failures = []
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url, wait_until="load")
        failures += [f"axe at {width}px: {v}" for v in _axe(page)]
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            failures.append(f"scrolls sideways by {overflow}px at {width}px wide")
    context.close()
    assert not failures, f"{url}:\n  " + "\n  ".join(failures)
