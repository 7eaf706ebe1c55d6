"""Review dates: which pages and outcomes have gone longest without being checked against their sources.

Every guidance page and every outcome carries ``last_reviewed``. Rules and prices change; a page nobody has
checked for a year may tell a citizen something that is no longer true.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from borgerguide.guidance.pages import GuidancePage
from borgerguide.languages import Language
from borgerguide.rules.model import Rules
from borgerguide.site.urls import node_source, url_of

DEFAULT_MONTHS = 12


@dataclass(frozen=True)
class DueItem:
    reviewed: datetime.date
    where: str  # the file an editor opens, and the node for an outcome
    title: str


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier, or that month's last day when it is shorter."""
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month_index + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_for_review(
    pages: dict[Language, dict[str, GuidancePage]],
    rules: Rules,
    today: datetime.date,
    months: int = DEFAULT_MONTHS,
) -> list[DueItem]:
    """Pages (every language) and outcomes last reviewed more than ``months`` months before ``today``,
    oldest first."""
    limit = months_before(today, months)
    due = [
        DueItem(datetime.date.fromisoformat(page.last_reviewed), f"docs/{language}/{path}", page.title)
        for language, by_path in pages.items()
        for path, page in by_path.items()
        if datetime.date.fromisoformat(page.last_reviewed) < limit
    ]
    for tree in rules.trees.values():
        for outcome in tree.outcomes:
            reviewed = datetime.date.fromisoformat(outcome.last_reviewed)
            if reviewed < limit:
                where = (
                    f"data/rules.yml [tree {tree.id} / node {outcome.id}] (/{url_of(node_source(tree.id, outcome.id))})"
                )
                due.append(DueItem(reviewed, where, outcome.heading[rules.languages.default]))
    return sorted(due, key=lambda item: (item.reviewed, item.where))
