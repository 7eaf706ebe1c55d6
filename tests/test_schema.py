"""The JSON Schemas in schema/ that give editors completion and inline help in VS Code (yaml-language-server).

The validator (borgerguide.rules.checks and friends) stays the judge; the schemas must agree with it. Every real
data file the validator accepts passes its schema, and every mistake in the validator's catalogue
(tests/test_rules_validation.py) is either rejected by the rules schema or named in NOT_SEEN_BY_SCHEMA with
the reason a schema cannot see it. A new catalogue mistake that is in neither fails here, so the list cannot
silently fall behind.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
import yaml
from conftest import LANGUAGES, ROOT
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from test_rules_validation import CASES, VALID

from borgerguide.municipality import load_municipality
from borgerguide.project import MUNICIPALITY_ENV, load_project
from borgerguide.teaching.cases import load_cases

SCHEMAS = ("rules", "cases", "sources", "municipality")
DATA_FILES = {name: ROOT / "data" / f"{name}.yml" for name in SCHEMAS}

# Why a catalogue mistake is not a schema's business. Keys are case names in test_rules_validation.CASES.
YAML_PARSING = "YAML parsing"
CROSS_REFERENCE = "cross-reference"
GRAPH = "graph of the tree"
NOT_SEEN_BY_SCHEMA = {
    "unknown target": f"{CROSS_REFERENCE}: whether the node named by 'next' exists in the tree",
    "unknown contact": f"{CROSS_REFERENCE}: whether the contact ID is defined under 'contacts'",
    "unknown page": f"{CROSS_REFERENCE}: whether the page exists under docs/da/ (another directory, not data)",
    "duplicate node ID": f"{YAML_PARSING}: a key written twice never reaches the schema (the editor flags it)",
    "unknown start node": f"{CROSS_REFERENCE}: whether the start node exists in the tree",
    "tab character": f"{YAML_PARSING}: a tab in the indentation is a YAML syntax error",
    "answer leading back to the start": f"{GRAPH}: which answers lead to the start node",
    "unclosed bracket": f"{YAML_PARSING}: an unclosed [ is a YAML syntax error",
    "unknown contact in other_help": f"{CROSS_REFERENCE}: whether the contact ID is defined under 'contacts'",
    "text with a colon": f"{YAML_PARSING}: an unquoted ': ' inside a text is a YAML syntax error",
    "unknown source": f"{CROSS_REFERENCE}: whether the source ID is defined in another file, data/sources.yml",
    "link to a guide that does not exist": f"{CROSS_REFERENCE}: whether the guide ID is defined under 'trees'",
}

# Short words of Danish sentences, to tell a Danish half of a description from an English one.
DANISH_WORD = re.compile(
    r"\b(?:af|den|der|det|du|eller|er|et|fra|fx|har|hver|hvis|hvor|ikke|kan|kun|med|må|og|på|skal|som|står|til|uden|ved)\b"
)


class _EditorLoader(yaml.SafeLoader):
    """Reads YAML the way the editor does: a date stays text (YAML 1.2), and a key written twice is an error."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def editor_load(text: str) -> Any:
    return yaml.load(text, Loader=_EditorLoader)  # a SafeLoader subclass: no Python objects


def schema(name: str) -> dict[str, Any]:
    return json.loads((ROOT / "schema" / f"{name}.schema.json").read_text("utf-8"))


def errors(name: str, data: Any) -> list[ValidationError]:
    validator = Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return list(validator.iter_errors(data))


def _report(found: list[ValidationError]) -> str:
    return "\n".join(f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}" for error in found)


# -- the schemas themselves -----------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    document = schema(name)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


def _described(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema an editor shows on hover: properties, map values, list items and definitions."""
    if not isinstance(node, dict):
        return
    for key in ("properties", "$defs"):
        for name, child in node.get(key, {}).items():
            if isinstance(child, dict):
                yield f"{path}/{key}/{name}", child
    for key in ("additionalProperties", "items"):
        if isinstance(node.get(key), dict):
            yield f"{path}/{key}", node[key]
    for key, child in node.items():
        if isinstance(child, dict):
            yield from _described(child, f"{path}/{key}")
        elif isinstance(child, list):
            for index, item in enumerate(child):
                yield from _described(item, f"{path}/{key}/{index}")


def _danish_and_english(text: str) -> bool:
    """'Dansk tekst. / English text.': a Danish half with Danish words, then an English half."""
    danish, separator, english = text.partition(" / ")
    is_danish = re.search(r"[æøå]", danish, re.IGNORECASE) or DANISH_WORD.search(danish.lower())
    return bool(separator and english.strip() and is_danish)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_property_has_a_danish_and_english_description(name: str) -> None:
    document = schema(name)
    assert _danish_and_english(document["description"]), document["description"]
    subschemas = list(_described(document, "#"))
    assert subschemas
    missing = [path for path, sub in subschemas if not _danish_and_english(sub.get("description", ""))]
    assert not missing, f"no description 'Dansk ... / English ...' at: {', '.join(missing)}"
    for path, sub in subschemas:
        if "markdownDescription" in sub:
            assert _danish_and_english(sub["markdownDescription"]), path


@pytest.mark.parametrize("name", SCHEMAS)
def test_data_file_starts_with_the_schema_modeline(name: str) -> None:
    first_line = DATA_FILES[name].read_text("utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../schema/{name}.schema.json"


# -- real data ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validated(monkeypatch_module: pytest.MonkeyPatch) -> None:
    """The real data files, accepted by the validator (the schemas are only compared with accepted data)."""
    monkeypatch_module.delenv(MUNICIPALITY_ENV, raising=False)
    project = load_project(ROOT, LANGUAGES)
    load_cases(DATA_FILES["cases"], project.rules, "data/cases.yml")


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.parametrize("name", SCHEMAS)
def test_real_data_file_passes_its_schema(validated: None, name: str) -> None:
    data = editor_load(DATA_FILES[name].read_text("utf-8"))
    found = errors(name, data)
    assert not found, f"data/{name}.yml is accepted by the validator but not by its schema:\n{_report(found)}"


def test_filled_in_municipality_file_passes_its_schema() -> None:
    path = ROOT / "tests" / "fixtures" / "municipality-ready.yml"
    load_municipality(path, LANGUAGES, "tests/fixtures/municipality-ready.yml")
    found = errors("municipality", editor_load(path.read_text("utf-8")))
    assert not found, _report(found)


def test_the_catalogue_valid_document_passes_the_rules_schema() -> None:
    found = errors("rules", editor_load(VALID))
    assert not found, _report(found)


# -- the validator's catalogue of mistakes -------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), [case[:2] for case in CASES], ids=[case[0] for case in CASES])
def test_catalogue_mistake_is_rejected_by_the_rules_schema_or_explained(name: str, text: str) -> None:
    reason = NOT_SEEN_BY_SCHEMA.get(name)
    if reason is not None and reason.startswith(YAML_PARSING):
        with pytest.raises(yaml.YAMLError):
            editor_load(text)
        return
    found = errors("rules", editor_load(text))
    if reason is None:
        assert found, (
            f"the rules schema accepts the catalogue mistake '{name}'. Make schema/rules.schema.json reject it, "
            "or add it to NOT_SEEN_BY_SCHEMA with the reason a schema cannot see it."
        )
    else:
        assert not found, (
            f"the rules schema now rejects '{name}' ({found[0].message}); remove it from NOT_SEEN_BY_SCHEMA."
        )


def test_every_explained_mistake_is_in_the_catalogue() -> None:
    names = {case[0] for case in CASES}
    assert not set(NOT_SEEN_BY_SCHEMA) - names, "NOT_SEEN_BY_SCHEMA names mistakes the catalogue no longer has"
    kinds = (YAML_PARSING, CROSS_REFERENCE, GRAPH)
    assert all(reason.startswith(kinds) for reason in NOT_SEEN_BY_SCHEMA.values())


def test_most_catalogue_mistakes_are_seen_while_typing() -> None:
    assert len(NOT_SEEN_BY_SCHEMA) < len(CASES) / 2


# -- the other data files -----------------------------------------------------------------------

VALID_CASES = """\
last_reviewed: 2026-11-26
cases:
  karen-boligstoette:
    tree: undtagelse
    title:
      da: Karen skal søge om boligstøtte
      en: Karen must apply for housing benefit
    story:
      da: Karen er 81 år.
      en: Karen is 81.
    questions:
      - question:
          da: Hvem skal hun kontakte?
          en: Who should she contact?
        answer:
          da: Borgerservice.
          en: Borgerservice.
    answers:
      - {question: fritaget-digital-post, answer: fritaget-hvor}
      - {question: fritaget-hvor, answer: fritaget-udbetaling-danmark}
    outcome: fritaget-udbetaling-danmark
    also_accepted:
      - tree: hjaelp
        answers:
          - {question: hvad-hjaelp, answer: noget-andet}
        outcome: noget-andet
    sources: [kommunen-digital-borger]
"""

CASE_MISTAKES = {
    "unknown key": ("    story:", "    historie:"),
    "missing language": ("      en: Karen is 81.\n", ""),
    "answers not a list": (
        "    answers:\n      - {question: fritaget-digital-post, answer: fritaget-hvor}\n"
        "      - {question: fritaget-hvor, answer: fritaget-udbetaling-danmark}\n",
        "    answers: fritaget-udbetaling-danmark\n",
    ),
    "answer without its question": ("{question: fritaget-hvor, answer:", "{answer:"),
    "unknown language": ("      da: Karen er 81 år.", "      dk: Karen er 81 år."),
    "case ID that is not URL-safe": ("  karen-boligstoette:", "  Karen Boligstøtte:"),
    "marker in a text": ("      da: Borgerservice.", "      da: Se [[contact:borgerservice]]."),
    "title too long": ("      da: Karen skal søge om boligstøtte", "      da: " + "Karen " * 20),
    "number instead of text": ("      en: Karen is 81.", "      en: 81"),
    "no questions": (
        "    questions:\n      - question:\n"
        "          da: Hvem skal hun kontakte?\n          en: Who should she contact?\n"
        "        answer:\n          da: Borgerservice.\n          en: Borgerservice.\n",
        "    questions: []\n",
    ),
    "question without its answer": (
        "        answer:\n          da: Borgerservice.\n          en: Borgerservice.\n",
        "",
    ),
    "the old shape: a question as a bare text": (
        "      - question:\n          da: Hvem skal hun kontakte?\n          en: Who should she contact?\n"
        "        answer:\n          da: Borgerservice.\n          en: Borgerservice.\n",
        "      - da: Hvem skal hun kontakte?\n        en: Who should she contact?\n",
    ),
    "the old shape: one solution for the case": (
        "    sources: [kommunen-digital-borger]\n",
        "    solution:\n      da: Borgerservice.\n      en: Borgerservice.\n",
    ),
    "accepted route without its outcome": ("        outcome: noget-andet\n", ""),
    "missing outcome": ("    outcome: fritaget-udbetaling-danmark\n", ""),
    "bad date": ("last_reviewed: 2026-11-26", "last_reviewed: 26.11.2026"),
}


def test_valid_cases_document_passes_the_cases_schema() -> None:
    found = errors("cases", editor_load(VALID_CASES))
    assert not found, _report(found)


@pytest.mark.parametrize(("old", "new"), CASE_MISTAKES.values(), ids=CASE_MISTAKES.keys())
def test_cases_schema_rejects_mistake(old: str, new: str) -> None:
    assert old in VALID_CASES
    assert errors("cases", editor_load(VALID_CASES.replace(old, new, 1)))


VALID_SOURCES = """\
borger-dk:
  title: "borger.dk: Obligatorisk selvbetjening"
  url: https://www.borger.dk/Sider/Obligatorisk-selvbetjening.aspx
aeldresagen:
  title: "Ældre Sagen: Bliv undtaget"
"""


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("url: https://", "url: http://"),
        ('  title: "Ældre', '  titel: "Ældre'),
        ("aeldresagen:", "Ældre Sagen:"),
        ("  url: https://www.borger.dk/Sider/Obligatorisk-selvbetjening.aspx\n", "  url:\n"),
    ],
    ids=["http address", "typo in a key", "ID that is not URL-safe", "empty address"],
)
def test_sources_schema_rejects_mistake(old: str, new: str) -> None:
    assert not errors("sources", editor_load(VALID_SOURCES))
    assert old in VALID_SOURCES
    assert errors("sources", editor_load(VALID_SOURCES.replace(old, new, 1)))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('phone: "11 22 33 44"', 'phone: "11223344"'),
        ("email: dpo@testkommune.dk", "email: mailto:dpo"),
        ("site_url: https://", "site_url: http://"),
        ("  digital-hotline:", "  digital hotline:"),
        ("    address: Torvet 1, 9999 Testby\n    phone", "    adresse: Torvet 1, 9999 Testby\n    phone"),
        ("      en: Every day 8:00-20:00\n", ""),
        ("footer_contact: borgerservice\n", ""),
    ],
    ids=[
        "phone not in pairs",
        "not an e-mail address",
        "http address",
        "bad entry name",
        "typo in a key",
        "missing language",
        "missing footer contact",
    ],
)
def test_municipality_schema_rejects_mistake(old: str, new: str) -> None:
    text = (ROOT / "tests" / "fixtures" / "municipality-ready.yml").read_text("utf-8")
    assert old in text
    assert errors("municipality", editor_load(text.replace(old, new, 1)))


def test_unpublished_municipal_details_may_stay_empty() -> None:
    text = "name: K\nsite_url:\naccessibility_statement:\nfooter_contact: borgerservice\ncontacts:\n"
    text += "  borgerservice:\n    phone:\n    opening_hours:\n    address:\n    email:\n    web:\n  kommunen:\n"
    found = errors("municipality", editor_load(text))
    assert not found, _report(found)
