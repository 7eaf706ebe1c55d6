"""make changes: the reviewer's list of what changed in the guides and pages between a git ref and the
working tree, with site addresses in both languages and word diffs (src/borgerguide/editors/changes.py and
tools/changes_report.py), checked in a throw-away git repository holding a copy of the project's content."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import changes_report
import pytest
from conftest import ROOT

from borgerguide.editors.changes import Changes, compare, format_markdown, load_snapshot, word_diff
from borgerguide.rules.model import Outcome, Question, Tree

TOOL = ROOT / "tools" / "changes_report.py"
NEW_WORD = "RETTET"
NEW_PAGE = "ny-side.md"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=repo, check=True, capture_output=True
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"expected {old!r} once in {path}"
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the project's data/ and docs/ committed, and nothing changed since."""
    repo = tmp_path / "project"
    repo.mkdir()
    for part in ("data", "docs"):
        shutil.copytree(ROOT / part, repo / part)
    shutil.copy2(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def report(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert changes_report.main(["--root", str(repo), "--base", "HEAD", "--width", "0", *args]) == 0
    return capsys.readouterr().out


def snapshots(repo: Path, tmp_path: Path) -> Changes:
    base = tmp_path / "base"
    base.mkdir()
    changes_report.materialise(repo, "HEAD", base)
    old, new = load_snapshot(base, "HEAD"), load_snapshot(repo, "the working tree")
    assert old.rules is not None and old.pages is not None, (old.rules_problems, old.pages_problems)
    assert new.rules is not None and new.pages is not None, (new.rules_problems, new.pages_problems)
    return compare(old, new)


@dataclass(frozen=True)
class Edits:
    """The known changes made to the copy, found in the real content so the test follows its rewording."""

    tree: Tree
    question: Question
    first: int  # the positions of the two answers whose targets are swapped
    second: int
    reworded: Outcome  # the outcome whose Danish result has one word replaced
    word: str
    english_title: str  # the English title of docs/en/mitid.md before "About " is put in front


def make_edits(repo: Path) -> Edits:
    snapshot = load_snapshot(repo, "copy")
    assert snapshot.rules is not None and snapshot.pages is not None
    # The first question whose first two answers lead straight to outcomes (not "I do not know").
    first, second = 0, 1
    tree, question = next(
        (tree, question)
        for tree in snapshot.rules.trees.values()
        for question in tree.questions
        if all(
            isinstance(tree.nodes[answer.next], Outcome) and answer.kind is None
            for answer in question.answers[first : second + 1]
        )
    )
    outcome = tree.nodes[question.answers[first].next]
    assert isinstance(outcome, Outcome)
    word = next(w for w in re.findall(r"\w{5,}", outcome.result["da"]) if outcome.result["da"].count(w) == 1)
    rules = repo / "data" / "rules.yml"
    # 1. Reword the outcome's Danish result.
    edit(rules, outcome.result["da"], outcome.result["da"].replace(word, NEW_WORD))
    # 2. Retarget the first answer (and, since every node has exactly one answer leading to it, the second).
    a, b = question.answers[first].next, question.answers[second].next
    edit(rules, f"next: {a}\n", "next: SWAPPED\n")
    edit(rules, f"next: {b}\n", f"next: {a}\n")
    edit(rules, "next: SWAPPED\n", f"next: {b}\n")
    # 3. Add a page, in both languages as every page must be.
    for language, title in (("da", "Ny side"), ("en", "New page")):
        (repo / "docs" / language / NEW_PAGE).write_text(
            f"---\ntitle: {title}\ndescription: {title} om noget.\nlast_reviewed: 2026-11-26\n"
            f"sources: [kommunen-digital-borger]\n---\n\n# {title}\n\nTekst.\n",
            "utf-8",
        )
    # 4. Change an English page title.
    english_title = snapshot.pages["en"]["mitid.md"].title
    edit(repo / "docs" / "en" / "mitid.md", f"title: {english_title}\n", f"title: About {english_title}\n")
    return Edits(tree, question, first, second, outcome, word, english_title)


def test_word_diff_marks_removed_and_new_words_like_git() -> None:
    assert word_diff("a b c", "a x c").plain() == "a [-b-]{+x+} c"
    assert word_diff("MitID", "About MitID").plain() == "{+About+} MitID"
    assert word_diff("one two three", "one three").plain() == "one [-two-] three"
    assert word_diff("first line\nsecond", "first line\nsecond  line").plain() == "first line\nsecond {+line+}"
    assert not word_diff("same  words\n", "same words").changed


def test_nothing_changed(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert snapshots(repo, tmp_path).empty
    out = report(repo, capsys)
    assert "Nothing changed" in out
    assert "/guide/" not in out
    assert "Nothing changed" in report(repo, capsys, "--format", "markdown")


def test_lists_exactly_the_changed_items(repo: Path, tmp_path: Path) -> None:
    edits = make_edits(repo)
    changes = snapshots(repo, tmp_path)
    a = edits.question.answers[edits.first]
    b = edits.question.answers[edits.second]
    assert [guide.tree for guide in changes.guides] == [edits.tree.id]
    items = {(item.kind, item.status, item.key): item for item in changes.guides[0].items}
    assert set(items) == {
        ("question", "changed", edits.question.id),
        ("outcome", "changed", edits.reworded.id),
        ("route", "changed", a.next),
        ("route", "changed", b.next),
    }
    fields = {key: [(f.name, f.language) for f in item.fields] for key, item in items.items()}
    assert fields[("outcome", "changed", edits.reworded.id)] == [("Result", "da")]
    assert fields[("question", "changed", edits.question.id)] == [
        (f'Answer {edits.first + 1} "{a.label["da"]}" leads to', None),
        (f'Answer {edits.second + 1} "{b.label["da"]}" leads to', None),
    ]
    for outcome in (a.next, b.next):
        assert fields[("route", "changed", outcome)] == [("Answers given", "da"), ("Answers given", "en")]
    outcome = items[("outcome", "changed", edits.reworded.id)]
    assert outcome.addresses["da"] == f"/guide/{edits.tree.id}/{edits.reworded.id}/"
    assert outcome.addresses["en"] == f"/en/guide/{edits.tree.id}/{edits.reworded.id}/"

    pages = {(item.kind, item.status, item.key): item for item in changes.pages}
    assert set(pages) == {("page", "added", NEW_PAGE), ("page", "changed", "mitid.md")}
    mitid = pages[("page", "changed", "mitid.md")]
    assert [(f.name, f.language) for f in mitid.fields] == [("Title", "en")]
    assert mitid.fields[0].diff.plain() == f"{{+About+}} {edits.english_title}"
    new_page = pages[("page", "added", NEW_PAGE)]
    assert (new_page.addresses["da"], new_page.addresses["en"]) == ("/ny-side/", "/en/ny-side/")
    assert (new_page.title["da"], new_page.title["en"]) == ("Ny side", "New page")


def test_report_shows_addresses_and_word_diffs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edits = make_edits(repo)
    out = report(repo, capsys)
    tree, question, outcome = edits.tree.id, edits.question, edits.reworded
    a = question.answers[edits.first]
    b = question.answers[edits.second]

    assert f"GUIDE: {edits.tree.title['da']} ({tree})" in out
    assert out.count("GUIDE:") == 1
    assert f"Changed outcome: {outcome.heading['da']}" in out
    assert f"da: /guide/{tree}/{outcome.id}/   en: /en/guide/{tree}/{outcome.id}/" in out
    assert "Result (da):" in out and "Result (en)" not in out
    assert f"[-{edits.word}-]{{+{NEW_WORD}+}}" in out

    assert f"Changed question: {question.question['da']}" in out
    assert f"da: /guide/{tree}/{question.id}/   en: /en/guide/{tree}/{question.id}/" in out
    assert f"[-{a.next}-]{{+{b.next}+}}" in out
    assert f"[-{b.next}-]{{+{a.next}+}}" in out

    assert out.count("Changed route to:") == 2
    assert "Answers given (da):" in out and "Answers given (en):" in out
    assert f"Changed route to: {outcome.heading['da']}" in out

    assert "New page: Ny side\n  da: /ny-side/   en: /en/ny-side/" in out
    assert "Changed page: MitID\n  da: /mitid/   en: /en/mitid/" in out
    assert f"Title (en):\n    {{+About+}} {edits.english_title}" in out
    # Nothing else: two changed nodes, two routes and two pages.
    assert len(re.findall(r"^(New|Changed|Removed) [a-z ]+: ", out, re.MULTILINE)) == 6


def test_markdown_for_a_pull_request_comment(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edits = make_edits(repo)
    out = report(repo, capsys, "--format", "markdown", "--site-url", "https://borger.example.dk/")
    tree, outcome = edits.tree.id, edits.reworded
    assert f"<del>{edits.word}</del><ins>{NEW_WORD}</ins>" in out
    address = f"/guide/{tree}/{outcome.id}/"
    assert f"[{address}](https://borger.example.dk{address})" in out
    assert f"[/en{address}](https://borger.example.dk/en{address})" in out
    assert "[/en/ny-side/](https://borger.example.dk/en/ny-side/)" in out
    assert "[-" not in out and "{+" not in out
    # Without a site address the paths are code, so Markdown leaves them alone.
    assert f"`{address}`" in format_markdown(snapshots(repo, tmp_path))


def test_an_old_version_that_does_not_load_is_named(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = repo / "data" / "rules.yml"
    good = rules.read_text("utf-8")
    rules.write_text(good + "\nbroken: [\n", "utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    rules.write_text(good, "utf-8")
    out = report(repo, capsys)
    assert "!! HEAD (" in out and "does not load, so its guides are not compared" in out
    assert "data/rules.yml" in out and "YAML syntax error" in out
    assert "Nothing changed in what could be compared." in out


def test_command_line(repo: Path) -> None:
    """Run as `make changes` does, from the project folder; the default base here is HEAD (no origin/main)."""
    make_edits(repo)
    result = subprocess.run(
        [sys.executable, str(TOOL), "--root", str(repo)], cwd=repo, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Changes from HEAD (")
    assert "Changed page: MitID" in result.stdout
    unknown = subprocess.run(
        [sys.executable, str(TOOL), "--root", str(repo), "--base", "no-such-branch"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert unknown.returncode == 2
    assert "'no-such-branch' is not a commit" in unknown.stderr
