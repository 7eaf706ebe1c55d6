"""Worksheets and answer sheets in Chromium: every worksheet prints on one A4 page at 14 pt or more with no
answer on it, and every answer sheet opens with each question's answer.

Chromium prints each worksheet exactly as a teacher's "Print" would (A4, the site's print stylesheet); pypdf
counts the pages of the PDF, reads back its text, and reads the size of every piece of text as it is set on
the page (the font size times the text and page matrices), so what is checked is what is on paper.
axe, the phone width and the other page checks cover these pages in tests/test_browser.py, whose page list
takes every generated teaching page (borgerguide.teaching.kit.generated_sources).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from browser_support import print_a4
from conftest import LANGUAGES, ROOT, RULES
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from borgerguide.site.strings import ui_strings
from borgerguide.site.urls import url_of
from borgerguide.teaching.cases import CASES_FILE, Case, load_cases
from borgerguide.teaching.common import answers_source, case_source

pytestmark = pytest.mark.browser

CASES = load_cases(ROOT / CASES_FILE, RULES, CASES_FILE)
# A4 at 96 dpi is 794 px wide; the print style has 15 mm (57 px) margins on each side.
A4_CONTENT_WIDTH = 794 - 2 * 57
# 14 pt, less what Chromium's PDF rounding takes off (it sets 14 pt text at 13.99 pt).
MIN_POINTS = 13.9

SHEETS = [(language, case) for language in LANGUAGES for case in CASES]
IDS = [f"{language}:{case.id}" for language, case in SHEETS]


def _flat(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Printed:
    status: int
    sheets: list[str]  # the text of each A4 page
    sizes: list[tuple[float, str]]  # every piece of text on paper with its size in points


def _print(page: Page, url: str) -> Printed:
    status, pdf = print_a4(page, url)
    reader = PdfReader(io.BytesIO(pdf))
    sizes: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            sizes.append((size * scale, text.strip()))

    # A line may end after a word's hyphen ("self-\nservice"): the word is whole again without the break.
    sheets = [_flat(sheet.extract_text(visitor_text=visit).replace("-\n", "-")) for sheet in reader.pages]
    return Printed(status, sheets, sizes)


@pytest.fixture(scope="module")
def printer(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("language", "case"), SHEETS, ids=IDS)
def test_worksheet_prints_on_one_a4_page_at_14_pt_without_an_answer(
    printer: Page, base_url: str, language: str, case: Case
) -> None:
    path = LANGUAGES.prefix(language) + url_of(case_source(case.id))
    printed = _print(printer, f"{base_url}/{path}")
    assert printed.status == 200, f"/{path}: HTTP {printed.status}"
    assert len(printed.sheets) == 1, (
        f"/{path} prints on {len(printed.sheets)} A4 pages; shorten the story or the questions"
    )
    text = printed.sheets[0]
    assert case.title[language] in text and _flat(case.questions[-1].question[language]) in text
    small = [(round(points, 1), words) for points, words in printed.sizes if points < MIN_POINTS]
    assert small == [], f"/{path}: text printed below 14 pt: {small[:5]}"
    for number, question in enumerate(case.questions, start=1):
        assert _flat(question.answer[language]) not in text, f"/{path}: the answer to question {number} is printed"
    assert ui_strings(language)["worksheet_answers_link"] not in text, "the link to the answers is screen-only"


@pytest.mark.parametrize(("language", "case"), SHEETS, ids=IDS)
def test_answer_sheet_shows_each_answer_after_its_question(
    printer: Page, base_url: str, language: str, case: Case
) -> None:
    path = LANGUAGES.prefix(language) + url_of(answers_source(case.id))
    response = printer.goto(f"{base_url}/{path}", wait_until="load")
    assert response is not None and response.status == 200, f"/{path}: HTTP {response and response.status}"
    items = printer.locator("ol.dd-answers__list > li")
    assert items.count() == len(case.questions)
    for index, question in enumerate(case.questions):
        item = items.nth(index)
        asked, answered = item.locator(".dd-answers__question"), item.locator(".dd-answers__answer")
        assert asked.is_visible() and answered.is_visible()
        assert _flat(answered.inner_text()) == _flat(question.answer[language])
        # The answer is read right after its question: below it, in the same list item.
        asked_box, answered_box = asked.bounding_box(), answered.bounding_box()
        assert asked_box is not None and answered_box is not None
        assert answered_box["y"] >= asked_box["y"] + asked_box["height"] - 1
    assert printer.locator(".dd-answers__route").count() == len(case.routes)
