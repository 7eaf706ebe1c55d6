"""The project's one error type: a list of located problems an editor can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located so that an editor can find and fix it."""

    file: str
    line: int | None
    message: str
    node: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        node = f" [{self.node}]" if self.node else ""
        hint = f"\n    -> {self.hint}" if self.hint else ""
        return f"{where}:{node} {self.message}{hint}"


class RulesError(Exception):
    """Raised with every problem found in one run, so an editor can fix them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        heading = "1 problem" if count == 1 else f"{count} problems"
        return f"{heading} found:\n" + "\n".join(f"  {problem}" for problem in self.problems)
