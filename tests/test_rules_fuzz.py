"""Property-based tests: whatever an editor's file holds, the loader accepts it or explains the problem.

It never fails with anything but the project's own RulesError, whose report names the file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from conftest import LANGUAGES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rules_validation import VALID

from borgerguide import RulesError, load_rules

KEYS = [
    "last_reviewed",
    "other_help",
    "contacts",
    "trees",
    "name",
    "phone",
    "web",
    "address",
    "about",
    "title",
    "intro",
    "needs",
    "start",
    "nodes",
    "question",
    "hint",
    "answers",
    "label",
    "next",
    "heading",
    "result",
    "next_steps",
    "pages",
    "da",
    "en",
    "q1",
    "yes-outcome",
    "no-outcome",
    "test",
    "borgerservice",
]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates(),
    st.sampled_from(KEYS),
    st.text(max_size=30),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8), st.integers()), children, max_size=5),
    ),
    max_leaves=40,
)


def _load_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules.yml"
        path.write_text(text, "utf-8")
        try:
            load_rules(path, known_pages=frozenset({"mitid.md"}), display_name="data/rules.yml", languages=LANGUAGES)
        except RulesError as error:
            # One located line per problem (the text itself may contain anything, even the file name).
            located = [line for line in str(error).splitlines() if line.startswith("  data/rules.yml")]
            assert len(located) == len(error.problems) >= 1


@SETTINGS
@given(documents)
def test_any_yaml_document_is_accepted_or_explained(document: object) -> None:
    _load_text(yaml.safe_dump(document, allow_unicode=True))


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_is_accepted_or_explained(text: str) -> None:
    _load_text(text)


@SETTINGS
@given(st.data())
def test_damaged_valid_document_is_accepted_or_explained(data: st.DataObject) -> None:
    lines = VALID.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "dedent", "indent", "replace"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "dedent":
            lines[index] = lines[index][2:]
        elif action == "indent":
            lines[index] = "  " + lines[index]
        else:
            lines[index] = data.draw(st.sampled_from(KEYS)) + ": " + data.draw(st.text(max_size=10)) + "\n"
    _load_text("".join(lines))
