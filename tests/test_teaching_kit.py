"""Session plans, handouts with the pages' own steps, the volunteers' rules and the topic booklets."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from conftest import LANGUAGES, PAGES, ROOT, RULES, Build, assert_clear_failure, soup

from borgerguide.guidance.pages import page_url
from borgerguide.site.urls import url_of
from borgerguide.teaching import handouts
from borgerguide.teaching.booklets import TOPICS
from borgerguide.teaching.cases import CASES_FILE, load_cases
from borgerguide.teaching.kit import (
    case_source,
    overview_source,
    page_handout_source,
    tree_handout_source,
    volunteers_source,
)
from borgerguide.teaching.plans import check_plans, read_plans

CASES = load_cases(ROOT / CASES_FILE, RULES, CASES_FILE)
PLANS, PLAN_PROBLEMS = read_plans(ROOT / "docs", LANGUAGES)
SESSIONS = ["undervisning/forloeb-mitid-digital-post.md", "undervisning/forloeb-fritaget-hjulpet.md"]
CAFE = "undervisning/cafe-hjaelp.md"


def _prefix(language: str) -> str:
    return "" if language == "da" else "en/"


def _built(site: Path, language: str, source: str) -> Path:
    return site / _prefix(language) / url_of(source) / "index.html"


def _links(site: Path, language: str, source: str) -> set[str]:
    """Every page a built page links to, as a source-like URL relative to the language root."""
    base = "/" + _prefix(language) + url_of(source)
    page = soup(_built(site, language, source))
    return {urljoin(base, a["href"]).split("#")[0] for a in page.select("article a[href]")}


# -- session plans ----------------------------------------------------------------------------------


def test_every_plan_names_only_what_exists_in_both_languages() -> None:
    assert PLAN_PROBLEMS == []
    for language in LANGUAGES:
        assert set(PLANS[language]) == {*SESSIONS, CAFE}
    assert check_plans(PLANS, CASES.cases, PAGES["da"], RULES.trees) == []
    # The same materials in every language: a teacher switching language gets the same session.
    for path in PLANS["da"]:
        da, en = PLANS["da"][path], PLANS["en"][path]
        assert (da.minutes, da.exercises, da.handouts, da.guides) == (en.minutes, en.exercises, en.handouts, en.guides)


def test_an_unknown_exercise_is_a_located_problem_with_a_suggestion() -> None:
    plan = PLANS["da"][SESSIONS[0]]
    broken = {"da": {plan.path: type(plan)(**{**plan.__dict__, "exercises": ("hanne-mitd",)})}}
    problems = check_plans(broken, CASES.cases, PAGES["da"], RULES.trees)
    assert len(problems) == 1
    problem = problems[0]
    text = (ROOT / "docs" / "da" / plan.path).read_text("utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.strip().startswith("exercises:"))
    assert (problem.file, problem.line) == (f"docs/da/{plan.path}", line)
    assert "'hanne-mitd'" in problem.message and "Did you mean 'hanne-mitid'?" in (problem.hint or "")
    assert "karen-udbetaling-danmark" in (problem.hint or ""), "the hint lists what exists"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", SESSIONS)
def test_a_session_takes_about_90_minutes_with_goals_and_notes(language: str, path: str) -> None:
    text = (ROOT / "docs" / language / path).read_text("utf-8")
    minutes = [int(m) for m in re.findall(r"^\|\s*(\d+)\s*\|", text, re.MULTILINE)]
    assert PLANS[language][path].minutes == 90
    assert sum(minutes) == 90, f"the outline adds up to {sum(minutes)} minutes"
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert len(headings) == 4, headings  # goals, outline, what to prepare, notes for the teacher


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", [*SESSIONS, CAFE])
def test_a_plan_page_links_its_materials_and_the_volunteers_rules(site: Path, language: str, path: str) -> None:
    plan = PLANS[language][path]
    links = _links(site, language, path)
    expected = [case_source(c) for c in plan.exercises]
    expected += [tree_handout_source(h) if h in RULES.trees else page_handout_source(h) for h in plan.handouts]
    expected += [f"guide/{g}/index.md" for g in plan.guides]
    expected.append(volunteers_source())
    missing = [s for s in expected if "/" + _prefix(language) + url_of(s) not in links]
    assert missing == []
    page = soup(_built(site, language, path))
    titles = [a.get_text() for a in page.select(".dd-plan__materials a")]
    for case_id in plan.exercises:
        assert any(CASES.cases[case_id].title[language] in t for t in titles), case_id


def test_a_plan_naming_a_missing_exercise_stops_the_build(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    page = project_copy / "docs" / "en" / SESSIONS[1]
    original = page.read_text("utf-8")
    text = original.replace("  exercises: [", "  exercises: [niels-fuldmagten, ", 1)
    assert text != original, f"docs/en/{SESSIONS[1]} has no 'exercises:' list in its plan"
    page.write_text(text, "utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "niels-fuldmagten" in row)
    assert_clear_failure(
        build_copy(),
        "The site was not built",
        f"docs/en/{SESSIONS[1]}:{line}: [plan / exercises]",
        "'niels-fuldmagten'",
        "Did you mean 'niels-fuldmagt'?",
    )


# -- volunteers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_volunteers_page_covers_the_rules_and_cites_the_authorities(site: Path, language: str) -> None:
    page = PAGES[language][volunteers_source()]
    assert {"borger-dk-pas-paa-mitid", "mitid-phishing", "mitid-hjaelp-en-anden"} <= set(page.sources)
    built = soup(_built(site, language, volunteers_source()))
    text = built.select_one("article").get_text(" ")
    # MitID support's phone number comes from the rules, not from the page.
    assert RULES.contacts["mitid-support"].phone in text
    assert len(built.select("article h2")) >= 7  # hands off, codes, log out, attorney, secrecy, advice, fraud
    assert built.select("article ol li"), "what to do about a fraud message is a numbered list"


# -- handouts ---------------------------------------------------------------------------------------


def test_summary_takes_each_sections_first_paragraph_and_numbered_steps() -> None:
    markdown = (
        "---\ntitle: x\n---\n\n# Titel\n\nIndledning.\n\n## Sådan gør du\n\nDet tager fem minutter.\n\n"
        "1. Log på [Digital Post](https://borger.dk).\n2. Ring til [[contact:mitid-support]].\n"
        "3. Giv [[term:laeseadgang]].\n\n"
        "Mere tekst.\n\n## Hvem kan?\n\nDu kan, hvis:\n\n- a\n- b\n\n## Guide\n\n[[tree:hjaelp]]\n"
    )
    names = {"contact": {"mitid-support": "MitID-supporten"}, "term": {"laeseadgang": "læseadgang"}}
    summary = handouts.summarize(markdown, names)
    assert summary.sections == (
        handouts.Section(
            "Sådan gør du",
            "Det tager fem minutter.",
            ("Log på Digital Post.", "Ring til MitID-supporten.", "Giv læseadgang."),
        ),
    )
    assert summary.contacts == ("mitid-support",)


def test_a_handout_that_cannot_fit_one_sheet_is_reported_with_its_page() -> None:
    steps = tuple("Et langt trin, der fylder en hel linje på arket og lidt til, fx her." for _ in range(40))
    summary = handouts.Summary((handouts.Section("Trin", "", steps),), ())
    fitted = handouts.fit_page(8.0, summary, [])
    problem = handouts.fit_problem("docs/da/mitid.md", "MitID", fitted.needed)
    assert problem is not None and problem.file == "docs/da/mitid.md"
    assert "one A4 sheet" in problem.message
    short = handouts.Summary((handouts.Section("Trin", "Kort.", steps[:3]),), ())
    assert handouts.fit_problem("x", "x", handouts.fit_page(8.0, short, []).needed) is None


def test_a_handout_too_long_for_one_sheet_stops_the_build(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    page = project_copy / "docs" / "da" / "nemsms.md"
    steps = "".join(f"{n}. Et langt trin, der fylder en hel linje på arket og lidt til.\n" for n in range(1, 41))
    page.write_text(page.read_text("utf-8") + "\n## Mange trin\n\n" + steps, "utf-8")
    assert_clear_failure(build_copy(), "docs/da/nemsms.md:1: [handout] the handout 'NemSMS'")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_handout_carries_the_pages_steps_contacts_and_the_municipality(site: Path, language: str) -> None:
    path = "digital-post/fritagelse.md"
    handout = soup(_built(site, language, page_handout_source(path)))
    page = soup(site / _prefix(language) / page_url(path) / "index.html")

    # On the page a contact named in a step shows its channel in brackets; the handout lists those below.
    def text(li: Any) -> str:
        return re.sub(r" \([^)]*\)", "", " ".join(li.get_text().split()))

    steps = [text(li) for li in handout.select(".dd-handout__steps li")]
    on_page = {text(li) for li in page.select("article ol li")}
    assert len(steps) >= 5 and set(steps) <= on_page, "the steps are the page's own numbered steps"
    assert "Ringkøbing-Skjern Kommune" in handout.select_one(".dd-caption").get_text()
    phones = [a.get_text() for a in handout.select(".dd-handout__contacts a.dd-tel")]
    assert phones, "the contacts carry their phone numbers"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tree_id", list(RULES.trees))
def test_a_guide_handout_shows_its_questions_with_their_answers(site: Path, language: str, tree_id: str) -> None:
    handout = soup(_built(site, language, tree_handout_source(tree_id)))
    questions = handouts.guide_questions(RULES.trees[tree_id], language)
    shown = handout.select(".dd-handout__questions > li")
    assert [li.strong.get_text() for li in shown] == [q.text for q in questions]
    for li, question in zip(shown, questions, strict=True):
        labels = [" ".join(a.get_text().split()) for a in li.select("ul > li")]
        assert [label.split(" →")[0] for label in labels] == [a.label for a in question.answers]


# -- booklets ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_overview_links_every_topic_booklet_and_plan(site: Path, language: str) -> None:
    links = _links(site, language, overview_source())
    expected = [topic.source for topic in TOPICS] + [*SESSIONS, CAFE, volunteers_source()]
    assert [s for s in expected if "/" + _prefix(language) + url_of(s) not in links] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_topic_booklet_holds_its_guide_and_its_menu_sections_pages(site: Path, language: str) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    nav = config["nav"]
    for topic in TOPICS:
        section = next(item[topic.nav_section] for item in nav if isinstance(item, dict) and topic.nav_section in item)
        booklet = soup(_built(site, language, topic.source))
        titles = [s.h2.get_text() for s in booklet.select("section.dd-booklet__section")]
        expected = [RULES.trees[t].title[language] for t in topic.guides]
        expected += [PAGES[language][p].title for p in section]
        assert titles == expected, topic.slug


def test_a_topic_booklet_whose_menu_section_is_renamed_stops_the_build(
    project_copy: Path, build_copy: Callable[[], Build]
) -> None:
    """The topic booklets take the pages of a menu section by its name: renaming the section in mkdocs.yml
    must not leave a booklet empty without a word."""
    config = project_copy / "mkdocs.yml"
    text = config.read_text("utf-8")
    renamed = text.replace("  - Hjælp en anden:", "  - Hjælp til andre:", 1)
    assert renamed != text, "mkdocs.yml's nav has no section 'Hjælp en anden'"
    config.write_text(renamed, "utf-8")
    assert_clear_failure(
        build_copy(),
        "mkdocs.yml: [booklet hjaelp-en-anden]",
        "the menu section 'Hjælp en anden'",
        "Did you mean 'Hjælp til andre'?",
    )
