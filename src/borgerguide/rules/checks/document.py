"""The rules file (data/rules.yml) walked from the top: its contacts and other help, then each tree with its
texts, nodes and routes; builds the model where the input allows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from borgerguide.rules.checks.base import line_of
from borgerguide.rules.checks.graph import Routes
from borgerguide.rules.checks.nodes import NO_CONTACT_HINT, NodeChecker
from borgerguide.rules.model import Contact, Node, Rules, Tree

TOP_KEYS = {"last_reviewed": True, "other_help": True, "contacts": True, "trees": True}
TREE_KEYS = {"title": True, "intro": True, "needs": True, "start": True, "nodes": True}


class RulesChecker(NodeChecker):
    """Walks a rules document from the top; the checks of its nodes are NodeChecker's."""

    def document(self, data: Any) -> Rules | None:
        if data is None:
            self.problem(
                1,
                "the rules file is empty.",
                None,
                "Restore the file from version control, or start it with 'last_reviewed:', 'contacts:' and 'trees:'.",
            )
            return None
        root = self.mapping(data, 1, "the rules file", None)
        if root is None:
            return None
        self.keys(root, TOP_KEYS, "the rules file", None)
        reviewed = self.date(root, "last_reviewed", None)
        contacts = self.contacts(root.get("contacts"), line_of(root, "contacts"))
        other_help = self.id_list(root, "other_help", None)
        self.unknown_ids(
            other_help,
            {*contacts, *self.declared_contacts},
            "unknown contact '{}' in 'other_help'.",
            None,
            NO_CONTACT_HINT,
        )
        if isinstance(root.get("trees"), dict):
            self.tree_ids = [str(key) for key in root["trees"]]
        trees = self.trees(root.get("trees"), line_of(root, "trees"), contacts)
        if self.problems:
            return None
        assert reviewed is not None  # a missing or wrong date is a problem
        return Rules(
            languages=self.languages,
            contacts=contacts,
            trees=trees,
            last_reviewed=reviewed,
            other_help=tuple(contact_id for contact_id, _ in other_help),
            sources=dict(self.sources or {}),
        )

    def trees(self, data: Any, line: int | None, contacts: Mapping[str, Contact]) -> dict[str, Tree]:
        result: dict[str, Tree] = {}
        section = self.mapping(data, line, "'trees'", None) if data is not None else None
        for tree_id, body in (section or {}).items():
            tree = self.tree(str(tree_id), body, line_of(section, tree_id), contacts)
            if tree is not None:
                result[str(tree_id)] = tree
        return result

    def tree(self, tree_id: str, body: Any, line: int | None, contacts: Mapping[str, Contact]) -> Tree | None:
        where = f"tree {tree_id}"
        id_ok = self.identifier(tree_id, line, "tree ID", where)
        fields = self.mapping(body, line, f"tree '{tree_id}'", where)
        if fields is None:
            return None
        self.keys(fields, TREE_KEYS, f"tree '{tree_id}'", where, line)
        title, intro, needs = (self.text(fields, key, where) for key in ("title", "intro", "needs"))
        start = self.string(fields, "start", where)
        node_data = fields.get("nodes")
        nodes_map = (
            self.mapping(node_data, line_of(fields, "nodes"), f"'nodes' of tree '{tree_id}'", where)
            if "nodes" in fields
            else None
        )
        nodes: dict[str, Node] = {}
        self.edges = {}
        node_lines: dict[str, int | None] = {}
        answer_lines: dict[tuple[str, int], int | None] = {}
        for node_id, node_body in (nodes_map or {}).items():
            node_line = line_of(nodes_map, node_id)
            node_lines[str(node_id)] = node_line
            built = self.node(tree_id, node_id, node_body, node_line, contacts, answer_lines)
            if built is not None:
                nodes[built.id] = built
        routes = Routes(
            self.file,
            tree_id,
            start,
            line_of(fields, "start"),
            tuple(nodes_map or {}),
            node_lines,
            self.edges,
            answer_lines,
        )
        route_problems = routes.problems()
        self.problems.extend(route_problems)
        if not (id_ok and title and intro and needs and start and nodes) or route_problems:
            return None
        if len(nodes) != len(nodes_map or {}):
            return None
        return Tree(tree_id, title, intro, needs, start, nodes)
