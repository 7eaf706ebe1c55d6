"""The teaching kit: cases checked against the rules, QR codes that carry the right address, the booklet."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import segno
import textstat
import yaml
from conftest import LANGUAGES, MUNICIPALITY, PAGES, ROOT, RULES, Build, assert_clear_failure, soup

from borgerguide import RulesError
from borgerguide.editors.readability import LIX_TARGET, plain_text
from borgerguide.guidance.glossary import GLOSSARY_SOURCE
from borgerguide.guidance.pages import page_url
from borgerguide.rules.model import Outcome
from borgerguide.site.urls import url_of
from borgerguide.teaching.booklets import adapt_page_html
from borgerguide.teaching.cases import CASES_FILE, Cases, load_cases
from borgerguide.teaching.common import answers_source
from borgerguide.teaching.kit import (
    booklet_source,
    case_source,
    check_collisions,
    overview_source,
    page_handout_source,
    tree_handout_source,
)

SOURCES: dict[str, Any] = yaml.safe_load((ROOT / "data" / "sources.yml").read_text("utf-8"))
# The case IDs, read without the checks of borgerguide.teaching.cases: a case that contradicts the rules still
# reaches a test body (and its assertion) instead of failing the whole module at import.
RAW_CASES: dict[str, Any] = yaml.safe_load((ROOT / CASES_FILE).read_text("utf-8"))["cases"]
CASE_IDS = list(RAW_CASES)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
SITE_URL = MUNICIPALITY["site_url"].rstrip("/") + "/"
GUIDANCE = sorted(p for p in PAGES["da"] if not p.startswith("undervisning/"))


@functools.cache
def checked_cases() -> Cases:
    """The cases as the build reads them; raises RulesError, with file and line, in the test that asks."""
    return load_cases(ROOT / CASES_FILE, RULES, CASES_FILE)


def _prefix(language: str) -> str:
    return "" if language == "da" else "en/"


def _built(site: Path, language: str, source: str) -> Path:
    return site / _prefix(language) / url_of(source) / "index.html"


def _menu_paths(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [path for item in nav for path in _menu_paths(item)]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _menu_paths(value)]
    return []


# -- the cases against the rules ------------------------------------------------------------------


def _raw_routes(raw: dict[str, Any]) -> list[dict[str, Any]]:
    main = {"tree": raw["tree"], "answers": raw["answers"], "outcome": raw["outcome"]}
    return [main] + [{"tree": raw["tree"], **route} for route in raw.get("also_accepted", [])]


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_accepted_route_leads_to_the_outcome_it_names(case_id: str) -> None:
    # Walked here from the file's own text with the model's walks, independent of the checks in borgerguide.cases.
    for route in _raw_routes(RAW_CASES[case_id]):
        tree = RULES.trees[route["tree"]]
        node = tree.node(tree.start)
        for given in route["answers"]:
            assert given["question"] == node.id, (
                f"{case_id}: the guide asks '{node.id}', the case answers '{given['question']}'"
            )
            step = tree.step(node.id, given["answer"])
            assert step is not None, f"{case_id}: '{node.id}' has no answer leading to '{given['answer']}'"
            node = tree.follow(step.answer)
        assert node.id == route["outcome"], f"{case_id}: a route reaches '{node.id}', it names '{route['outcome']}'"
        assert isinstance(node, Outcome)


# Issue #14: a second valid route counted as wrong (Birgit, Erik); the café situations had no exercise.
SECOND_ROUTES = {
    "birgit-laegeskift": ("hjaelp", "mitid-uden"),
    "erik-robinsonlisten": ("hjaelp", "mitid-uden"),
    "fritagelse-digital-post": ("hjaelp", "digital-post-fritagelse"),
    "laese-andres-post": ("hjaelp", "digital-post-laeseadgang"),
}
CAFE_CASES = ["svindel-besked", "nyt-telefonnummer", "fritagelse-digital-post", "laese-andres-post"]


@pytest.mark.parametrize(("case_id", "expected"), SECOND_ROUTES.items(), ids=list(SECOND_ROUTES))
def test_a_second_valid_route_is_accepted(case_id: str, expected: tuple[str, str]) -> None:
    case = checked_cases().cases[case_id]
    assert expected in [(route.tree, route.outcome) for route in case.also_accepted]


def test_the_cafe_situations_have_exercises_with_sources() -> None:
    cases = checked_cases().cases
    for case_id in CAFE_CASES:
        assert case_id in cases, f"no exercise '{case_id}'"
        assert cases[case_id].sources, f"{case_id} cites no source"
        assert all(source in SOURCES for source in cases[case_id].sources)


def test_stories_state_what_the_answers_rely_on() -> None:
    cases = checked_cases().cases
    # Ole's answer says he is not signed up: the story must say he never signed up himself.
    assert "aldrig selv tilmeldt" in cases["ole-nemsms"].story["da"]
    assert "never signed up" in cases["ole-nemsms"].story["en"]
    # Answers end in what the person should do: Mads sends Inge to Borgerservice, Sofie and Karen contact it.
    assert "Borgerservice" in cases["mads-mitid-app"].questions[-1].answer["da"].rsplit(".", 2)[-2]
    assert "Borgerservice" in cases["sofie-laeseadgang"].questions[-1].answer["da"].rsplit(".", 2)[-2]


def test_at_least_eight_cases_cover_every_guide() -> None:
    cases = checked_cases()
    assert len(cases) >= 8
    assert {case.tree for case in cases} == set(RULES.trees)
    for case in cases:
        texts = [case.title, case.story, *(q.question for q in case.questions), *(q.answer for q in case.questions)]
        for text in texts:
            assert text["da"] and text["en"], case.id


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_danish_case_text_is_easy_to_read(case_id: str) -> None:
    case = checked_cases().cases[case_id]
    textstat.set_lang("da")
    questions = [text["da"] for q in case.questions for text in (q.question, q.answer)]
    text = "\n".join([case.title["da"], case.story["da"], *questions])
    lix = float(textstat.lix(plain_text(text)))
    print(f"LIX {lix:5.1f}  case {case.id}")
    assert lix <= LIX_TARGET, f"case {case.id} has LIX {lix:.1f}; aim for {LIX_TARGET} or less"


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


CASES_TEXT = (ROOT / CASES_FILE).read_text("utf-8")
KAREN_LAST = "      - {question: fritaget-hvor, answer: fritaget-udbetaling-danmark}\n"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("answer: fritaget-udbetaling-danmark}", "answer: fritaget-anden-myndighed}"),
            ["outcome: fritaget-udbetaling-danmark", "contradicts the rules", "'fritaget-anden-myndighed'"],
        ),
        (
            ("answer: fritaget-udbetaling-danmark}", "answer: fritaget-udbetaling}"),
            [
                "- {question: fritaget-hvor, answer: fritaget-udbetaling}",
                "'fritaget-udbetaling' is not an answer to 'fritaget-hvor'",
                "'fritaget-domstole'",
            ],
        ),
        (
            (KAREN_LAST, ""),
            ["- {question: fritaget-digital-post, answer: fritaget-hvor}", "stop at the question"],
        ),
        (
            (
                "{question: fritaget-digital-post, answer: fritaget-hvor}",
                "{question: fritaget-hvor, answer: fritaget-hvor}",
            ),
            ["{question: fritaget-hvor, answer: fritaget-hvor}", "asks 'fritaget-digital-post'"],
        ),
        (("    tree: undtagelse\n", "    tree: undtagelsen\n"), ["tree: undtagelsen", "Did you mean 'undtagelse'?"]),
        (
            ("    outcome: fritaget-udbetaling-danmark\n", "    outcome: fritaget-hvor\n"),
            ["outcome: fritaget-hvor", "which is a question"],
        ),
        (
            ('      en: "Karen must apply for a benefit"\n', ""),
            ['title:\n      da: "Karen', "has no English (en) text"],
        ),
        (
            ('    story:\n      da: "Karen er 81', '    stroy:\n      da: "Karen er 81'),
            ["stroy", "Did you mean 'story'?"],
        ),
        (
            (
                "    outcome: fritaget-udbetaling-danmark\n",
                "    outcome: fritaget-udbetaling-danmark\n    solution:\n      da: Ja.\n      en: Yes.\n",
            ),
            ["    solution:\n      da: Ja.", "'solution' is no longer used", "each question has its own answer"],
        ),
        (
            (
                '        answer:\n          da: "Så kan de tage imod en enkelt ansøgning.',
                '        svar:\n          da: "Så kan de tage imod en enkelt ansøgning.',
            ),
            ['question:\n          da: "Hvad sker der, hvis hun går', "question 3 has no answer"],
        ),
        (
            (
                "    outcome: fritaget-udbetaling-danmark\n",
                "    outcome: fritaget-udbetaling-danmark\n    also_accepted:\n      - answers:\n"
                "          - {question: fritaget-digital-post, answer: fritaget-hvor}\n"
                "          - {question: fritaget-hvor, answer: fritaget-anden-myndighed}\n"
                "        outcome: fritaget-udbetaling-danmark\n",
            ),
            [
                "        outcome: fritaget-udbetaling-danmark\n",
                "accepted route 1 leads to 'fritaget-anden-myndighed'",
                "contradicts the rules",
            ],
        ),
        (
            (
                "    outcome: fritaget-udbetaling-danmark\n",
                "    outcome: fritaget-udbetaling-danmark\n    also_accepted:\n      - tree: hjaelpen\n"
                "        answers:\n          - {question: hvad-hjaelp, answer: nemsms}\n        outcome: nemsms\n",
            ),
            ["      - tree: hjaelpen", "unknown guide 'hjaelpen'", "Did you mean 'hjaelp'?"],
        ),
    ],
    ids=[
        "contradiction",
        "unknown-answer",
        "stops-early",
        "wrong-order",
        "unknown-tree",
        "outcome-is-question",
        "no-english",
        "typo-key",
        "old-solution",
        "question-without-answer",
        "second-route-ends-elsewhere",
        "second-route-unknown-guide",
    ],
)
def test_a_broken_case_is_reported_with_line_case_and_hint(
    tmp_path: Path, change: tuple[str, str], expected: list[str]
) -> None:
    old, new = change
    assert old in CASES_TEXT
    text = CASES_TEXT.replace(old, new, 1)
    broken = tmp_path / "cases.yml"
    broken.write_text(text, "utf-8")
    with pytest.raises(RulesError) as error:
        load_cases(broken, RULES, CASES_FILE)
    report = error.value.report()
    # The first expected text is the line the message must point at.
    line_text, *messages = expected
    line = _line_of(text, line_text)
    assert f"{CASES_FILE}:{line}: [case karen-udbetaling-danmark]" in report, report
    for message in messages:
        assert message in report, report
    assert "->" in report, "every problem comes with a hint"


def _karen_question(number: int) -> str:
    return (
        f'      - question:\n          da: "Spørgsmål {number}?"\n          en: "Question {number}?"\n'
        f'        answer:\n          da: "Svar {number}."\n          en: "Answer {number}."\n'
    )


def test_a_worksheet_with_more_questions_than_a_page_holds_is_an_error(tmp_path: Path) -> None:
    anchor = "    answers:\n      - {question: fritaget-digital-post, answer: fritaget-hvor}\n"
    text = CASES_TEXT.replace(anchor, _karen_question(4) + _karen_question(5) + anchor, 1)
    broken = tmp_path / "cases.yml"
    broken.write_text(text, "utf-8")
    with pytest.raises(RulesError) as error:
        load_cases(broken, RULES, CASES_FILE)
    report = error.value.report()
    line = _line_of(text, '      - question:\n          da: "Spørgsmål 5?"')
    assert f"{CASES_FILE}:{line}: [case karen-udbetaling-danmark] the case has 5 questions" in report, report
    assert "at most 4" in report


def test_a_case_citing_an_unknown_source_is_an_error(tmp_path: Path) -> None:
    text = CASES_TEXT.replace(
        "sources: [borger-dk-pas-paa-mitid, mitid-fupopkald, mitid-spaerring]", "sources: [mitid-fupopkal]", 1
    )
    broken = tmp_path / "cases.yml"
    broken.write_text(text, "utf-8")
    with pytest.raises(RulesError) as error:
        load_cases(broken, RULES, CASES_FILE, sources=SOURCES)
    report = error.value.report()
    line = _line_of(text, "sources: [mitid-fupopkal]")
    assert f"{CASES_FILE}:{line}: [case svindel-besked] unknown source 'mitid-fupopkal'" in report, report
    assert "Did you mean 'mitid-fupopkald'?" in report


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = CASES_TEXT.replace("tree: undtagelse", "tree: undtagelsen", 1).replace(
        "answer: ingen-digital-post}", "answer: laeseadgang}", 1
    )
    broken = tmp_path / "cases.yml"
    broken.write_text(text, "utf-8")
    with pytest.raises(RulesError) as error:
        load_cases(broken, RULES, CASES_FILE)
    cases = {problem.node for problem in error.value.problems}
    assert cases == {"case karen-udbetaling-danmark", "case sofie-laeseadgang"}


def test_a_case_contradicting_the_rules_fails_the_build(project_copy: Path, build_copy: Callable[[], Build]) -> None:
    cases = project_copy / "data" / "cases.yml"
    text = cases.read_text("utf-8").replace("answer: mitid-bruge}", "answer: mitid-ringe}", 1)
    cases.write_text(text, "utf-8")
    line = _line_of(text, "    outcome: mitid-bruge")
    assert_clear_failure(
        build_copy(),
        "The site was not built",
        f"data/cases.yml:{line}: [case mads-mitid-app]",
        "contradicts the rules",
        "the case's route leads to 'mitid-ringe'",
        "names 'mitid-bruge'",
    )


def test_an_accepted_route_ending_elsewhere_fails_the_build(
    project_copy: Path, build_copy: Callable[[], Build]
) -> None:
    cases = project_copy / "data" / "cases.yml"
    original = cases.read_text("utf-8")
    # Birgit's second route: "Det ved jeg ikke" leads to another result than the one the route names.
    old = "          - {question: mitid-hvad, answer: mitid-uden}\n        outcome: mitid-uden\n"
    assert old in original
    text = original.replace(old, old.replace("answer: mitid-uden}", "answer: mitid-ved-ikke}"), 1)
    cases.write_text(text, "utf-8")
    line = _line_of(text, "          - {question: mitid-hvad, answer: mitid-ved-ikke}\n        outcome: mitid-uden") + 1
    assert_clear_failure(
        build_copy(),
        "The site was not built",
        f"data/cases.yml:{line}: [case birgit-laegeskift]",
        "accepted route 1 leads to 'mitid-ved-ikke'",
        "names 'mitid-uden'",
    )


def test_a_hand_written_page_may_not_take_a_generated_address() -> None:
    pages = [*PAGES["da"], "undervisning/haefte.md"]
    problems = check_collisions(RULES, checked_cases(), pages)
    assert [p.file for p in problems] == ["docs/da/undervisning/haefte.md"]
    assert check_collisions(RULES, checked_cases(), PAGES["da"]) == []


# -- pages on the built site ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_teaching_section_is_in_the_menu_and_links_every_part(site: Path, language: str) -> None:
    index = soup(site / _prefix(language) / "index.html")
    nav = index.find("nav", class_="md-nav--primary")
    section = "For undervisere" if language == "da" else "For teachers"
    assert section in nav.get_text(), f"no '{section}' in the menu"
    overview = soup(_built(site, language, overview_source()))
    base = "/" + _prefix(language) + url_of(overview_source())
    links = {urljoin(base, a["href"]).split("#")[0] for a in overview.select("article a[href]")}
    expected = [case_source(case_id) for case_id in CASE_IDS] + [booklet_source()]
    expected += [page_handout_source(path) for path in GUIDANCE] + [tree_handout_source(t) for t in RULES.trees]
    expected += [p for p in PAGES["da"] if p.startswith("undervisning/")]
    missing = [s for s in expected if "/" + _prefix(language) + url_of(s) not in links]
    assert missing == []


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case_id", CASE_IDS)
def test_worksheet_has_the_story_numbered_questions_and_the_guide_but_no_answer(
    site: Path, case_id: str, language: str
) -> None:
    case = checked_cases().cases[case_id]
    page = soup(_built(site, language, case_source(case.id)))
    url = "/" + _prefix(language) + url_of(case_source(case.id))
    assert page.h1.get_text() == case.title[language]
    assert page.select_one("ol.dd-case__questions") is not None, "the questions are numbered"
    items = page.select(".dd-case__questions > li")
    assert [li.select_one(".dd-worksheet__question").get_text() for li in items] == [
        q.question[language] for q in case.questions
    ]
    assert all(len(li.select(".dd-worksheet__line")) >= 3 for li in items), "room to write under every question"
    # No answer anywhere on the worksheet: not the answers, not the guide's result, no disclosure to open.
    article = _flat(page.select_one("article").get_text(" "))
    for question in case.questions:
        assert _flat(question.answer[language]) not in article
    tree = RULES.trees[case.tree]
    for route in case.routes:
        outcome = RULES.trees[route.tree].nodes[route.outcome]
        assert outcome.heading[language] not in article, f"the worksheet names the result '{route.outcome}'"
    assert page.select("details") == []
    # The guide to find the answers in: a link and a QR code of its address, in the page's language.
    address = SITE_URL + _prefix(language) + f"guide/{tree.id}/"
    assert page.select_one(".dd-worksheet__guide .dd-qr__url").get_text() == address
    svg = page.select_one(".dd-worksheet__guide svg.dd-qr__code")
    assert svg.path["d"] == _qr_path(address)
    links = {urljoin(url, a["href"]) for a in page.select("article a[href]")}
    assert f"/{_prefix(language)}guide/{tree.id}/" in links
    answers = page.select_one(".dd-worksheet__answers")
    assert "dd-screen-only" in answers["class"], "the link to the answers is not printed"
    assert urljoin(url, answers.a["href"]) == "/" + _prefix(language) + url_of(answers_source(case.id))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case_id", CASE_IDS)
def test_answer_sheet_answers_question_by_question_with_every_accepted_route(
    site: Path, case_id: str, language: str
) -> None:
    case = checked_cases().cases[case_id]
    url = "/" + _prefix(language) + url_of(answers_source(case.id))
    page = soup(_built(site, language, answers_source(case.id)))
    assert page.h1.get_text() == case.title[language]
    items = page.select("ol.dd-answers__list > li")
    assert [
        (li.select_one(".dd-answers__question").get_text(), li.select_one(".dd-answers__answer").get_text())
        for li in items
    ] == [(q.question[language], q.answer[language]) for q in case.questions], "matched question by question"
    routes = page.select(".dd-answers__route")
    assert len(routes) == len(case.routes)
    for section, route in zip(routes, case.routes, strict=True):
        tree = RULES.trees[route.tree]
        steps = section.select(".dd-case__steps li")
        assert [li.a.get_text() for li in steps] == [s.question.question[language] for s in route.steps(tree)]
        assert [li.select_one(".dd-case__given").get_text().split(": ", 1)[1] for li in steps] == [
            s.answer.label[language] for s in route.steps(tree)
        ]
        result = section.select_one(".dd-case__result a")
        assert result.get_text() == tree.nodes[route.outcome].heading[language]
        assert urljoin(url, result["href"]) == f"/{_prefix(language)}guide/{tree.id}/{route.outcome}/"
    cited = [a["href"] for a in page.select(".dd-answers__sources a")]
    assert cited == [SOURCES[s]["url"] for s in case.sources if SOURCES[s].get("url")]
    back = page.select_one(".dd-back a")
    assert urljoin(url, back["href"]) == "/" + _prefix(language) + url_of(case_source(case.id))


HANDOUTS = [(page_handout_source(p), page_url(p)) for p in GUIDANCE] + [
    (tree_handout_source(t), f"guide/{t}/") for t in RULES.trees
]


def _qr_path(url: str) -> str:
    svg = segno.make(url, error="m", micro=False).svg_inline(omitsize=True)
    return re.search(r' d="([^"]+)"', svg).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("source", "target"), HANDOUTS, ids=[h[0] for h in HANDOUTS])
def test_handout_qr_code_encodes_the_page_address_in_the_same_language(
    site: Path, source: str, target: str, language: str
) -> None:
    # The payload check: the code drawn on the page is exactly the QR code of the expected address.
    # tests/test_teaching_browser.py also decodes the code as a phone would, from a screenshot.
    expected = SITE_URL + _prefix(language) + target
    page = soup(_built(site, language, source))
    svg = page.select_one("figure.dd-qr svg.dd-qr__code")
    assert svg is not None and svg.get("role") == "img" and svg.title and svg.title.get_text()
    assert svg.path["d"] == _qr_path(expected), f"{source}: the QR code does not encode {expected}"
    assert page.select_one(".dd-qr__url").get_text() == expected, "the address is printed under the code"
    assert (site / (_prefix(language) + target) / "index.html").is_file(), f"{expected} is not a page of the site"
    assert page.html["lang"] == language and page.h1 is not None


@pytest.mark.parametrize("language", LANGUAGES)
def test_booklet_contains_every_page_and_guide_in_menu_order(site: Path, language: str) -> None:
    expected = []
    for path in _menu_paths(CONFIG["nav"]):
        # The glossary explains words; the booklet holds the guidance itself.
        if path.startswith("undervisning/") or path == GLOSSARY_SOURCE:
            continue
        parts = path.split("/")
        if parts[0] == "guide":
            expected.append(("tree", parts[1], RULES.trees[parts[1]].title[language]))
        else:
            expected.append(("page", path, PAGES[language][path].title))
    assert {key for kind, key, _ in expected if kind == "page"} == set(GUIDANCE), "every page is in the menu"
    booklet = soup(_built(site, language, booklet_source()))
    sections = booklet.select("section.dd-booklet__section")
    assert [s.h2.get_text() for s in sections] == [title for _, _, title in expected]
    for section, (kind, key, _) in zip(sections, expected, strict=True):
        if kind == "page":
            page = soup(site / _prefix(language) / page_url(key) / "index.html")
            headings = [h.get_text() for h in page.select("article h2")]
            assert [h.get_text() for h in section.find_all("h3")] == headings, key
            assert section.find("h1") is None
        else:
            outcomes = [h.get_text() for h in section.find_all("h4")]
            assert outcomes == [o.heading[language] for o in RULES.trees[key].outcomes_in_order()]
    ids = Counter(tag["id"] for tag in booklet.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == [], "IDs must be unique on the booklet page"
    targets = {f"#{i}" for i in ids}
    assert all(a["href"] in targets for a in booklet.select('article a[href^="#"]')), "in-page links reach an ID"


def test_adapting_a_page_for_the_booklet() -> None:
    html = (
        '<h1 id="fuldmagt">Fuldmagt</h1>\n<p>Se <a href="../mitid/">MitID</a>, <a href="#digital-fuldmagt">her</a>'
        ' og <a href="https://www.borger.dk">borger.dk</a>.</p>\n<h2 id="digital-fuldmagt">Digital Fuldmagt</h2>'
        '<h3 id="x">Mere</h3><a href="../../guide/hjaelp/#top">guide</a><a href="./">her</a>'
    )
    adapted = adapt_page_html(html, "hjaelp-andre/fuldmagt/", "undervisning/haefte/", "dd-b3")
    assert "<h1" not in adapted and "Fuldmagt</h1>" not in adapted
    assert '<h3 id="dd-b3-digital-fuldmagt">Digital Fuldmagt</h3>' in adapted
    assert '<h4 id="dd-b3-x">Mere</h4>' in adapted
    assert 'href="../../hjaelp-andre/mitid/"' in adapted
    assert 'href="#dd-b3-digital-fuldmagt"' in adapted
    assert 'href="https://www.borger.dk"' in adapted
    assert 'href="../../guide/hjaelp/#top"' in adapted
    assert 'href="../../hjaelp-andre/fuldmagt/"' in adapted
