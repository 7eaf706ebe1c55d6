"""Rendering from the model: escaping, addresses, contacts and the flowchart layout, without MkDocs."""

from __future__ import annotations

from conftest import LANGUAGES, RULES

from borgerguide.guidance.markers import expand_markers
from borgerguide.rules.model import Answer, Contact, Outcome, Question, Rules, Text, Tree
from borgerguide.site.render import Renderer
from borgerguide.site.urls import relative


def _hostile_rules() -> Rules:
    """Bypasses validation on purpose: escaping must hold even for text the validator would refuse."""
    evil = Text(da="<script>alert('da')</script> & *fed*", en="<img src=x onerror=alert(1)>")
    question = Question("q", evil, (Answer(evil, "a"), Answer(Text(da="Nej", en="No"), "b")), hint=evil)
    a = Outcome("a", evil, evil, (evil,), ("c",), ())
    b = Outcome("b", Text(da="B", en="B"), Text(da="B", en="B"), (Text(da="B", en="B"),), (), ())
    tree = Tree("t", evil, evil, evil, "q", {"q": question, "a": a, "b": b})
    contact = Contact("c", evil, evil, "33 98 00 10", "<b>Vej</b>", "https://example.org/?a=<x>")
    return Rules(LANGUAGES, {"c": contact}, {"t": tree}, "2026-11-26", ("c",))


def test_text_from_the_rules_cannot_inject_markup() -> None:
    rules = _hostile_rules()
    renderer = Renderer(rules, {"da": {}, "en": {}})
    for language in ("da", "en"):
        for page in renderer.all_pages(language):
            body = page.markdown.split("---\n", 2)[2]
            assert "<script" not in body and "<img" not in body and "<b>" not in body, page.source
        inline = renderer.contact_inline(rules.contacts["c"], language)
        assert "<script" not in inline and "<img" not in inline
    question = next(p for p in renderer.all_pages("da") if p.node_id == "q")
    assert "&lt;script&gt;" in question.markdown


def test_links_between_generated_pages_are_relative() -> None:
    assert relative("guide/t/q.md", "guide/t/a.md") == "../a/"
    assert relative("guide/t/index.md", "guide/t/q.md") == "q/"
    assert relative("guide/t/q.md", "guide/t/index.md") == "../"
    assert relative("guide/t/q.md", "selvbetjening/index.md") == "../../../selvbetjening/"
    assert relative("guide/t/q.md", "index.md") == "../../../"


def test_phone_numbers_dial_internationally() -> None:
    assert RULES.contacts["borger-dk-kontaktcenter"].tel_uri == "tel:+4570101881"
    assert RULES.contacts["digital-post-support"].tel_uri == "tel:+4533980033"


def test_contact_marker_renders_name_and_dialable_number() -> None:
    renderer = Renderer(RULES, {"da": {}, "en": {}})
    text, problems = expand_markers(
        "Ring til [[contact:mitid-support]].", RULES, "da", "mitid.md", "docs/da/mitid.md", renderer
    )
    assert problems == []
    assert '<a href="tel:+4533980010" class="dd-tel" dir="ltr">33 98 00 10</a>' in text and "MitID-supporten" in text


def test_unknown_marker_ids_are_reported_with_page_line_and_guess() -> None:
    renderer = Renderer(RULES, {"da": {}, "en": {}})
    markdown = "# Side\n\nRing [[contact:mitid-suport]].\n\nSe [[tree:undtagelsen]] og [[foo:bar]].\n"
    _, problems = expand_markers(markdown, RULES, "da", "side.md", "docs/da/side.md", renderer)
    report = [str(p) for p in problems]
    assert report[0].startswith("docs/da/side.md:3:") and "mitid-suport" in report[0] and "mitid-support" in report[0]
    assert report[1].startswith("docs/da/side.md:5:") and "'undtagelsen'" in report[1] and "'undtagelse'" in report[1]
    assert "unknown marker kind 'foo'" in report[2]
