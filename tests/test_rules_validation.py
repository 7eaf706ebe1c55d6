"""Every kind of mistake in the rules file gets a located message (file, line, node) and a likely fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT

from borgerguide import RulesError, load_rules
from borgerguide.rules.model import Source

PAGES = frozenset({"mitid.md", "hjaelp.md", "selvbetjening/index.md"})

VALID = """\
last_reviewed: 2026-11-26
other_help: [borgerservice]
contacts:
  borgerservice:
    name:
      da: Borgerservice
      en: Citizen Service
    web: https://www.borger.dk
  mitid-support:
    name:
      da: MitID-supporten
      en: MitID support
    phone: "33 98 00 10"
trees:
  test:
    title:
      da: Test
      en: Test
    intro:
      da: Intro
      en: Intro
    needs:
      da: Intet
      en: Nothing
    start: q1
    nodes:
      q1:
        question:
          da: Er du fritaget?
          en: Are you exempt?
        answers:
          - label:
              da: Ja
              en: "Yes"
            next: yes-outcome
          - label:
              da: Nej
              en: "No"
            next: no-outcome
          - label:
              da: Det ved jeg ikke
              en: I do not know
            kind: dont-know
            next: unsure-outcome
      yes-outcome:
        heading:
          da: Du er fritaget
          en: You are exempt
        result:
          da: Resultat
          en: Result
        next_steps:
          - da: Ring
            en: Call
        contacts: [mitid-support]
        pages: [mitid.md]
        sources: [seed]
        last_reviewed: 2026-11-26
      unsure-outcome:
        heading:
          da: Spørg Borgerservice
          en: Ask Borgerservice
        result:
          da: Resultat
          en: Result
        next_steps:
          - da: Ring
            en: Call
        contacts: [borgerservice]
        sources: [seed]
        last_reviewed: 2026-11-26
      no-outcome:
        heading:
          da: Du er ikke fritaget
          en: You are not exempt
        result:
          da: Resultat
          en: Result
        next_steps:
          - da: Ring
            en: Call
        contacts: [borgerservice]
        sources: [seed]
        last_reviewed: 2026-11-26
"""
SOURCES = {
    "seed": Source("seed", "Kildedokument"),
    "borger-dk": Source("borger-dk", "borger.dk", "https://www.borger.dk"),
}


def _load(tmp_path: Path, text: str):
    path = tmp_path / "rules.yml"
    path.write_text(text, "utf-8")
    return load_rules(path, known_pages=PAGES, display_name="data/rules.yml", sources=SOURCES, languages=LANGUAGES)


def _problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(RulesError) as error:
        _load(tmp_path, text)
    return str(error.value)


def _line_of(text: str, fragment: str) -> int:
    """The last line holding the fragment (a duplicate or a later node is the one reported)."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line][-1]


def _edit(old: str, new: str, count: int = 1) -> str:
    assert VALID.count(old) >= count, old
    return VALID.replace(old, new, count)


def test_the_valid_document_loads(tmp_path: Path) -> None:
    rules = _load(tmp_path, VALID)
    tree = rules.trees["test"]
    assert [o.id for o in tree.outcomes_in_order()] == ["yes-outcome", "no-outcome", "unsure-outcome"]
    assert tree.trail("no-outcome")[0].answer.label["en"] == "No"
    assert rules.contacts["mitid-support"].tel_uri == "tel:+4533980010"


def test_the_real_rules_file_is_valid() -> None:
    pages = frozenset(p.relative_to(ROOT / "docs" / "da").as_posix() for p in (ROOT / "docs" / "da").rglob("*.md"))
    rules = load_rules(ROOT / "data" / "rules.yml", known_pages=pages, languages=LANGUAGES)
    assert set(rules.trees) == {"undtagelse", "hjaelp", "hjaelp-andre"}


CASES = [
    # (name, edited document, fragment on the reported line, node, words in message, words in hint)
    (
        "unknown target",
        _edit("next: no-outcome", "next: no-outcom"),
        "next: no-outcom",
        "tree test / node q1",
        "answer 2 leads to 'no-outcom', which does not exist",
        "Did you mean 'no-outcome'?",
    ),
    (
        "unknown contact",
        _edit("contacts: [mitid-support]", "contacts: [mitid-suport]"),
        "contacts: [mitid-suport]",
        "tree test / node yes-outcome",
        "unknown contact 'mitid-suport'",
        "Did you mean 'mitid-support'?",
    ),
    (
        "unknown page",
        _edit("pages: [mitid.md]", "pages: [mitd.md]"),
        "pages: [mitd.md]",
        "tree test / node yes-outcome",
        "the guidance page 'mitd.md' does not exist",
        "Did you mean 'mitid.md'?",
    ),
    (
        "duplicate node ID",
        _edit("      no-outcome:\n        heading:", "      yes-outcome:\n        heading:"),
        "      yes-outcome:",
        None,
        "the key 'yes-outcome' appears twice",
        "YAML would silently keep only the last",
    ),
    (
        "typo in a key",
        _edit("            next: no-outcome", "            nxt: no-outcome"),
        "nxt: no-outcome",
        "tree test / node q1",
        "unknown key 'nxt' in answer 2",
        "Did you mean 'next'?",
    ),
    (
        "missing language",
        _edit(
            "          da: Du er ikke fritaget\n          en: You are not exempt", "          da: Du er ikke fritaget"
        ),
        "        heading:",
        "tree test / node no-outcome",
        "'heading' has no English (en) text",
        "Add 'en:'",
    ),
    (
        "empty text",
        _edit("          en: Are you exempt?", '          en: ""'),
        'en: ""',
        "tree test / node q1",
        "the English (en) text of 'question' is empty",
        "Write the English (en) text",
    ),
    (
        "one answer only",
        _edit(
            """          - label:
              da: Nej
              en: "No"
            next: no-outcome
          - label:
              da: Det ved jeg ikke
              en: I do not know
            kind: dont-know
            next: unsure-outcome
""",
            "",
        ).replace("      unsure-outcome:", "      unsure-outcome-unused:"),
        "        answers:",
        "tree test / node q1",
        "at least two answers; this one has 1",
        "make this node an outcome",
    ),
    (
        "outcome with answers",
        _edit("        contacts: [mitid-support]", "        contacts: [mitid-support]\n        answers: []"),
        "      yes-outcome:",
        "tree test / node yes-outcome",
        "mixes a question",
        "Split it in two nodes",
    ),
    (
        "HTML in text",
        _edit("          da: Er du fritaget?", "          da: Er du <script>alert(1)</script> fritaget?"),
        "<script>",
        "tree test / node q1",
        "contains HTML or code ('<script>')",
        "plain text only",
    ),
    (
        "ID that is not URL-safe",
        _edit("next: yes-outcome", "next: Ja Udfald").replace("      yes-outcome:", "      Ja Udfald:"),
        "      Ja Udfald:",
        "tree test / node Ja Udfald",
        "is not a valid ID",
        "'ja-udfald'",
    ),
    (
        "very long label",
        _edit("              da: Ja\n", "              da: " + "Ja " * 40 + "\n"),
        "Ja Ja Ja",
        "tree test / node q1",
        "is 119 characters; at most 80 fit",
        "Shorten it",
    ),
    (
        "unknown start node",
        _edit("    start: q1", "    start: q2"),
        "    start: q2",
        "tree test",
        "the start node 'q2' does not exist",
        "Did you mean 'q1'?",
    ),
    (
        "bad date",
        _edit("last_reviewed: 2026-11-26", "last_reviewed: 26/11/2026"),
        "last_reviewed: 26/11/2026",
        None,
        "must be a date like 2026-11-26",
        "YYYY-MM-DD",
    ),
    (
        "bad phone number",
        _edit('phone: "33 98 00 10"', 'phone: "3398-0010"'),
        "phone:",
        "contact mitid-support",
        "is not in the form '33 98 00 10'",
        "8 digits in pairs",
    ),
    (
        "single text instead of both languages",
        _edit("          da: Resultat\n          en: Result\n", "          Resultat\n").replace(
            "        result:\n          Resultat", "        result: Resultat"
        ),
        "        result: Resultat",
        "tree test / node yes-outcome",
        "must have a text per language",
        "da: ...",
    ),
    (
        "tab character",
        _edit("    start: q1", "\tstart: q1"),
        "\tstart: q1",
        None,
        "YAML syntax error",
        "Replace the tab character with spaces",
    ),
    (
        "answers given as a text",
        _edit(
            """        answers:
          - label:
              da: Ja
              en: "Yes"
            next: yes-outcome
          - label:
              da: Nej
              en: "No"
            next: no-outcome
          - label:
              da: Det ved jeg ikke
              en: I do not know
            kind: dont-know
            next: unsure-outcome
""",
            "        answers: yes-outcome\n",
        ),
        "        answers: yes-outcome",
        "tree test / node q1",
        "'answers' must be a list of answers, not the text",
        "Start each answer on its own line under 'answers:' with '- label:'",
    ),
    (
        "contacts given as keys and values",
        _edit("        contacts: [mitid-support]", "        contacts:  # as keys\n          mitid: mitid-support"),
        "contacts:  # as keys",
        "tree test / node yes-outcome",
        "'contacts' must be a list of IDs, not keys and values",
        "e.g. 'contacts: [contacts-1, contacts-2]'",
    ),
    (
        "typo in a top-level key",
        _edit("trees:", "tress:"),
        "tress:",
        None,
        "unknown key 'tress' in the rules file",
        "Did you mean 'trees'?",
    ),
    (
        "typo in a contact field",
        _edit('    phone: "33 98 00 10"', '    phon: "33 98 00 10"'),
        "phon:",
        "contact mitid-support",
        "unknown key 'phon'",
        "Did you mean 'phone'?",
    ),
    (
        "unknown language",
        _edit("          en: Result\n", "          dk: Result\n"),
        "dk: Result",
        "tree test / node yes-outcome",
        "unknown language 'dk'",
        "Did you mean 'da'?",
    ),
    (
        "number instead of text",
        _edit("          en: Are you exempt?", "          en: 42"),
        "en: 42",
        "tree test / node q1",
        "is not text (42)",
        "Put the text in quotes",
    ),
    (
        "reserved node ID",
        _edit("next: no-outcome", "next: oversigt").replace("      no-outcome:", "      oversigt:"),
        "      oversigt:",
        "tree test / node oversigt",
        "reserved for the tree's own pages",
        "'oversigt-1'",
    ),
    (
        "node that is neither question nor outcome",
        VALID + "      stray:\n        hint:\n          da: H\n          en: H\n",
        "      stray:",
        "tree test / node stray",
        "cannot tell whether this node is a question or an outcome",
        "A question needs 'question' and 'answers'",
    ),
    (
        "outcome without steps",
        _edit(
            """        next_steps:
          - da: Ring
            en: Call
        contacts""",
            "        next_steps: []\n        contacts",
        ),
        "next_steps: []",
        "tree test / node yes-outcome",
        "'next_steps' must be a list with at least one step",
        "Add a step as '- da: ...'",
    ),
    (
        "web address without https",
        _edit('    phone: "33 98 00 10"', '    phone: "33 98 00 10"\n    web: www.mitid.dk'),
        "web: www.mitid.dk",
        "contact mitid-support",
        "must start with https://",
        "Write the full address",
    ),
    (
        "answer leading back to the start",
        _edit("next: no-outcome", "next: q1").replace("      no-outcome:", "      no-outcome-unused:"),
        "      q1:",
        "tree test / node q1",
        "the start node is the target of an answer",
        "use 'Start again' instead",
    ),
    (
        "unclosed bracket",
        _edit("contacts: [mitid-support]", "contacts: [mitid-support"),
        "pages: [mitid.md]",
        None,
        "YAML syntax error",
        "is not closed with ]",
    ),
    (
        "tree without nodes",
        VALID.split("    nodes:")[0],
        "  test:",
        "tree test",
        "tree 'test' has no 'nodes'",
        "Add 'nodes:'",
    ),
    (
        "unknown contact in other_help",
        _edit("other_help: [borgerservice]", "other_help: [borgerservise]"),
        "other_help",
        None,
        "unknown contact 'borgerservise' in 'other_help'",
        "Did you mean 'borgerservice'?",
    ),
    (
        "text with a colon",
        _edit("          en: Are you exempt?", "          en: Note: are you exempt?"),
        "Note: are you exempt?",
        None,
        "YAML syntax error",
        "must be put in quotes",
    ),
    # -- rules that keep every reader on a route with a way to get help --------------------------
    (
        "question without an answer for 'I do not know'",
        _edit("            kind: dont-know\n", ""),
        "        answers:",
        "tree test / node q1",
        "no answer for a reader who does not know",
        "kind: dont-know",
    ),
    (
        "unknown answer kind",
        _edit("kind: dont-know", "kind: dont-knw"),
        "kind: dont-knw",
        "tree test / node q1",
        "unknown answer kind 'dont-knw'",
        "Did you mean 'dont-know'?",
    ),
    (
        "eight answers",
        _edit(
            "          - label:\n              da: Det ved jeg ikke",
            "".join(
                f"          - label: {{da: Svar {n}, en: Answer {n}}}\n            next: extra-{n}\n" for n in range(5)
            )
            + "          - label:\n              da: Det ved jeg ikke",
        )
        + "".join(
            f"      extra-{n}:\n        heading: {{da: H, en: H}}\n        result: {{da: R, en: R}}\n"
            "        next_steps: [{da: S, en: S}]\n        contacts: [borgerservice]\n        sources: [seed]\n"
            "        last_reviewed: 2026-11-26\n"
            for n in range(5)
        ),
        "        answers:",
        "tree test / node q1",
        "the question has 8 answers; at most 7 fit on a phone screen",
        "Group related answers",
    ),
    (
        "outcome without contacts",
        _edit("        contacts: [mitid-support]", "        contacts: []"),
        "        contacts: []",
        "tree test / node yes-outcome",
        "the outcome names no contact",
        "Add at least one contact",
    ),
    (
        "outcome without sources",
        _edit("        pages: [mitid.md]\n        sources: [seed]\n", "        pages: [mitid.md]\n"),
        "      yes-outcome:",
        "tree test / node yes-outcome",
        "outcome 'yes-outcome' has no 'sources'",
        "Add 'sources:'",
    ),
    (
        "outcome with an empty source list",
        _edit("        pages: [mitid.md]\n        sources: [seed]", "        pages: [mitid.md]\n        sources: []"),
        "        sources: []",
        "tree test / node yes-outcome",
        "'sources' is empty",
        "data/sources.yml",
    ),
    (
        "unknown source",
        _edit(
            "        pages: [mitid.md]\n        sources: [seed]",
            "        pages: [mitid.md]\n        sources: [borger-dkk]",
        ),
        "sources: [borger-dkk]",
        "tree test / node yes-outcome",
        "unknown source 'borger-dkk'",
        "Did you mean 'borger-dk'?",
    ),
    (
        "outcome without review date",
        _edit("        sources: [seed]\n        last_reviewed: 2026-11-26\n", "        sources: [seed]\n"),
        "      yes-outcome:",
        "tree test / node yes-outcome",
        "outcome 'yes-outcome' has no 'last_reviewed'",
        "Add 'last_reviewed:'",
    ),
    (
        "contact without any channel",
        _edit("    web: https://www.borger.dk\n", ""),
        "  borgerservice:",
        "contact borgerservice",
        "the contact has no way to reach it",
        "'municipality: <entry in data/municipality.yml>'",
    ),
    (
        "contact with an address but no opening hours",
        _edit("    web: https://www.borger.dk\n", "    address: Ved Fjorden 6, 6950 Ringkøbing\n"),
        "  borgerservice:",
        "contact borgerservice",
        "the contact has no way to reach it",
        "An address needs 'opening_hours:' too",
    ),
    (
        "e-mail address that is not one",
        _edit("    web: https://www.borger.dk\n", "    email: borgerservice.kommune.dk\n"),
        "email: borgerservice.kommune.dk",
        "contact borgerservice",
        "the e-mail address 'borgerservice.kommune.dk' is not an e-mail address",
        "name@domain.dk",
    ),
    (
        "link to a guide that does not exist",
        _edit("        pages: [mitid.md]\n", "        pages: [mitid.md]\n        guides: [tes]\n"),
        "guides: [tes]",
        "tree test / node yes-outcome",
        "unknown guide 'tes' in 'guides'",
        "Did you mean 'test'?",
    ),
]


@pytest.mark.parametrize(("name", "text", "fragment", "node", "message", "hint"), CASES, ids=[c[0] for c in CASES])
def test_mistake_is_reported_with_file_line_node_and_fix(
    tmp_path: Path, name: str, text: str, fragment: str, node: str | None, message: str, hint: str
) -> None:
    with pytest.raises(RulesError) as error:
        _load(tmp_path, text)
    report = str(error.value)
    line = _line_of(text, fragment)
    # The message, its place and its hint are checked on the one problem that says it, each in its own field,
    # so a hint that only repeats words of the message cannot pass for a hint.
    said = [problem for problem in error.value.problems if message in problem.message]
    assert said, f"no problem says {message!r}:\n{report}"
    problem = next((p for p in said if p.line == line), said[0])
    assert (problem.file, problem.line) == ("data/rules.yml", line), f"expected line {line} in:\n{report}"
    assert problem.node == node, report
    assert problem.hint is not None and hint in problem.hint, f"expected the hint {hint!r} in:\n{report}"
    assert "Traceback" not in report


def test_unreachable_node_is_reported(tmp_path: Path) -> None:
    text = (
        VALID
        + """\
      lost:
        heading:
          da: Tabt
          en: Lost
        result:
          da: R
          en: R
        next_steps:
          - da: S
            en: S
"""
    )
    report = _problems(tmp_path, text)
    assert (
        f"data/rules.yml:{_line_of(text, '      lost:')}: [tree test / node lost] no answer leads to this node"
        in report
    )
    assert "next: lost" in report


def test_node_reached_from_two_answers_is_reported(tmp_path: Path) -> None:
    text = _edit("next: no-outcome", "next: yes-outcome")
    report = _problems(tmp_path, text)
    assert "[tree test / node yes-outcome] the node is reached from 2 answers (q1, q1)" in report
    assert "Give each path its own node" in report
    assert "[tree test / node no-outcome] no answer leads to this node" in report


def test_cycle_is_reported(tmp_path: Path) -> None:
    text = (
        _edit("next: no-outcome", "next: q2")
        + """\
      q2:
        question:
          da: Igen?
          en: Again?
        answers:
          - label:
              da: Ja
              en: "Yes"
            next: q3
          - label:
              da: Nej
              en: "No"
            next: no-outcome
      q3:
        question:
          da: Og igen?
          en: And again?
        answers:
          - label:
              da: Ja
              en: "Yes"
            next: q2
          - label:
              da: Nej
              en: "No"
            next: q1
"""
    )
    report = _problems(tmp_path, text)
    assert re.search(r"the answers go round in a circle: (q1 -> q2 -> q3 -> q1|q2 -> q3 -> q2)", report), report
    assert "Point one of these answers at a new node" in report


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    text = _edit("next: no-outcome", "next: nowhere").replace("contacts: [mitid-support]", "contacts: [nobody]")
    text = text.replace("          en: Are you exempt?\n", "")
    report = _problems(tmp_path, text)
    assert report.startswith("4 problems found:")
    for expected in ("'nowhere'", "'nobody'", "no English (en)", "no answer leads to this node"):
        assert expected in report


def test_file_that_is_not_yaml_mapping(tmp_path: Path) -> None:
    report = _problems(tmp_path, "- just\n- a list\n")
    assert "data/rules.yml:1:" in report and "must be a list of keys and values" in report


def test_ten_megabyte_file_is_refused_before_parsing(tmp_path: Path) -> None:
    report = _problems(tmp_path, VALID + "#" * 10_000_000)
    assert "data/rules.yml: the file is 10.0 MB, more than the 2 MB a rules file may be." in report
    assert "right file" in report


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "rules.yml"
    path.write_bytes(VALID.encode("utf-8") + "# Særlige forhold\n".encode("latin-1"))
    with pytest.raises(RulesError) as error:
        load_rules(path, display_name="data/rules.yml", languages=LANGUAGES)
    assert f"data/rules.yml:{VALID.count(chr(10)) + 1}: the file is not UTF-8 text." in str(error.value)
    assert "Save the file as UTF-8" in str(error.value)


def test_missing_rules_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError) as error:
        load_rules(tmp_path / "rules.yml", display_name="data/rules.yml", languages=LANGUAGES)
    assert "data/rules.yml: cannot read the file" in str(error.value)


@pytest.mark.parametrize("text", ["", "# only a comment\n\n"], ids=["no bytes", "only a comment"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    with pytest.raises(RulesError) as error:
        _load(tmp_path, text)
    assert [str(problem) for problem in error.value.problems] == [
        "data/rules.yml:1: the rules file is empty.\n"
        "    -> Restore the file from version control, or start it with 'last_reviewed:', 'contacts:' and 'trees:'."
    ]
