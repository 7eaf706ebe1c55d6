"""Route checks of a decision tree: the start exists, every answer leads to a node, every node is reached by
exactly one answer and from the start, no answers go round in a circle."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from borgerguide.errors import Problem
from borgerguide.rules.checks.base import suggest


@dataclass(frozen=True)
class Routes:
    """A tree's routes as written in the file, read even where a node's texts are wrong, so one run reports
    both."""

    file: str
    tree_id: str
    start: str | None
    start_line: int | None
    node_keys: Sequence[Any]  # the node IDs as written (not every one a text)
    node_lines: Mapping[str, int | None]
    edges: Mapping[str, list[str]]  # each question's answer targets, in the order of its answers
    answer_lines: Mapping[tuple[str, int], int | None]  # (question, answer index) -> line of its 'next'

    def problems(self) -> list[Problem]:
        """Every route problem, in the order: start, answer targets, nodes' parents, circles, unreachable."""
        problems: list[Problem] = []
        where = f"tree {self.tree_id}"

        def problem(line: int | None, message: str, node: str, hint: str) -> None:
            problems.append(Problem(self.file, line, message, f"{where} / node {node}", hint))

        names = [str(key) for key in self.node_keys]
        start = self.start
        if start is not None and self.node_keys and start not in self.node_keys:
            guess = suggest(start, names)
            hint = f"Did you mean '{guess}'?" if guess else "Set 'start' to the ID of the first question."
            problems.append(
                Problem(self.file, self.start_line, f"the start node '{start}' does not exist.", where, hint)
            )
        parents: dict[str, list[str]] = {name: [] for name in names}
        for source, targets in self.edges.items():
            for index, target in enumerate(targets):
                if target not in parents:
                    guess = suggest(target, names)
                    hint = f"Did you mean '{guess}'?" if guess else "Point 'next' at a node ID of this tree."
                    line = self.answer_lines.get((source, index))
                    problem(line, f"answer {index + 1} leads to '{target}', which does not exist.", source, hint)
                else:
                    parents[target].append(source)
        for name, sources in parents.items():
            if len(sources) > 1:
                problem(
                    self.node_lines.get(name),
                    f"the node is reached from {len(sources)} answers ({', '.join(sources)}); "
                    "each node must have exactly one.",
                    name,
                    "Give each path its own node (copy it with a new ID), "
                    "so every page can show the answers that led to it.",
                )
            if start is not None and name == start and sources:
                problem(
                    self.node_lines.get(name),
                    f"the start node is the target of an answer ({', '.join(sources)}).",
                    name,
                    "No answer may lead back to the start; use 'Start again' instead.",
                )
        for cycle in cycles(self.edges):
            problem(
                self.node_lines.get(cycle[0]),
                f"the answers go round in a circle: {' -> '.join([*cycle, cycle[0]])}.",
                cycle[0],
                "Point one of these answers at a new node, so every path ends at an outcome.",
            )
        if start is not None and start in self.node_keys:
            reached = reachable(start, self.edges)
            for name in names:
                if name not in reached:
                    problem(
                        self.node_lines.get(name),
                        "no answer leads to this node, so no reader can reach it.",
                        name,
                        "Point an answer at it with 'next: " + name + "', or delete the node.",
                    )
        return problems


def reachable(start: str, edges: Mapping[str, list[str]]) -> set[str]:
    """The nodes a reader can reach from ``start`` by answering."""
    seen, stack = {start}, [start]
    while stack:
        for child in edges.get(stack.pop(), []):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def cycles(edges: Mapping[str, list[str]]) -> list[list[str]]:
    """Each distinct cycle once, found by an iterative depth-first search (no recursion limit)."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(edges, white)
    found: list[list[str]] = []
    seen_cycles: set[frozenset[str]] = set()
    for root in edges:
        if colour[root] != white:
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            name, index = stack.pop()
            if index == 0:
                colour[name] = grey
                path.append(name)
            children = [child for child in edges.get(name, []) if child in edges]
            if index < len(children):
                stack.append((name, index + 1))
                child = children[index]
                if colour[child] == grey:
                    cycle = path[path.index(child) :]
                    if frozenset(cycle) not in seen_cycles:
                        seen_cycles.add(frozenset(cycle))
                        found.append(cycle)
                elif colour[child] == white:
                    stack.append((child, 0))
            else:
                colour[name] = black
                path.pop()
    return found
