"""make review: pages and outcomes whose last review is older than the chosen age, oldest first."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

from conftest import LANGUAGES, ROOT

from borgerguide.editors.review import due_for_review, months_before
from borgerguide.project import load_project


def test_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_before(datetime.date(2026, 11, 26), 12) == datetime.date(2025, 11, 26)
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 2) == datetime.date(2025, 11, 15)


def test_only_what_is_older_than_the_age_is_listed_oldest_first(project_copy: Path) -> None:
    page = project_copy / "docs" / "da" / "nemsms.md"
    page.write_text(page.read_text("utf-8").replace("last_reviewed: 2026-11-26", "last_reviewed: 2024-03-01"), "utf-8")
    other = project_copy / "docs" / "en" / "mitid.md"
    other.write_text(
        other.read_text("utf-8").replace("last_reviewed: 2026-11-26", "last_reviewed: 2025-06-30"), "utf-8"
    )
    project = load_project(project_copy, LANGUAGES)
    due = due_for_review(project.pages, project.rules, datetime.date(2026, 11, 26), months=12)
    assert [(item.where, item.reviewed.isoformat()) for item in due] == [
        ("docs/da/nemsms.md", "2024-03-01"),
        ("docs/en/mitid.md", "2025-06-30"),
    ]
    # Everything else was reviewed on 2026-11-26: two years on, every page and outcome is due.
    later = due_for_review(project.pages, project.rules, datetime.date(2028, 11, 27), months=12)
    outcomes = sum(len(tree.outcomes) for tree in project.rules.trees.values())
    pages = sum(len(by_path) for by_path in project.pages.values())
    assert len(later) == outcomes + pages
    assert [item.reviewed for item in later] == sorted(item.reviewed for item in later)
    assert any(item.where.startswith("data/rules.yml [tree ") for item in later)


def test_the_command_prints_what_to_review() -> None:
    result = subprocess.run(
        [sys.executable, "tools/review_report.py", "--months", "1", "--today", "2027-06-01"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "to review (last reviewed more than 1 month before 2027-06-01), oldest first" in lines[0]
    assert any("docs/da/mitid.md" in line for line in lines)
    assert any("data/rules.yml [tree undtagelse / node " in line for line in lines)
    assert "set last_reviewed to today's date" in result.stdout
