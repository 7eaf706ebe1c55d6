"""LIX of a guidance page as a reader meets it: without front matter, markers, link targets or markup."""

from __future__ import annotations

import re
from pathlib import Path

import textstat

LIX_TARGET = 35.0
# Digitaliseringsstyrelsen's plain-language advice: short sentences. A Danish sentence over this many words is
# reported with its file and line.
MAX_SENTENCE_WORDS = 25
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9\"'(])")
DANISH_TEXT = re.compile(r"""(?<![\w-])da:\s*("(?:[^"\\]|\\.)*"|[^,}\n]+)""")


def plain_text(markdown: str) -> str:
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r"\[\[[^\]]*\]\]", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", text)
    text = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    # Headings and list items end without a full stop but are sentences to the reader.
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line if line[-1] in ".!?:" else line + "." for line in lines]
    # "borger.dk" is one word, not the end of a sentence.
    return re.sub(r"\.(dk|com|org)\b", r"\1", " ".join(lines))


def page_lix(path: Path) -> float:
    textstat.set_lang("da")
    return float(textstat.lix(plain_text(path.read_text("utf-8"))))


def tree_text(tree) -> str:  # type: ignore[no-untyped-def]
    """All the Danish text a reader of one guide meets, one sentence-like line per text."""
    from borgerguide.model import Question

    parts = [tree.title["da"], tree.intro["da"], tree.needs["da"]]
    for node in tree.nodes.values():
        if isinstance(node, Question):
            parts += [
                node.question["da"],
                *([node.hint["da"]] if node.hint else []),
                *(a.label["da"] for a in node.answers),
            ]
        else:
            parts += [node.heading["da"], node.result["da"], *(step["da"] for step in node.next_steps)]
    return plain_text("\n".join(parts))


def tree_lix(tree) -> float:  # type: ignore[no-untyped-def]
    textstat.set_lang("da")
    return float(textstat.lix(tree_text(tree)))


def _words(sentence: str) -> int:
    return len(re.findall(r"[\wÆØÅæøå][\w'’.-]*", sentence))


def _long(text: str) -> list[tuple[int, str]]:
    return [
        (_words(sentence), sentence) for sentence in SENTENCE_END.split(text) if _words(sentence) > MAX_SENTENCE_WORDS
    ]


def long_sentences(root: Path) -> list[str]:
    """Every Danish sentence over MAX_SENTENCE_WORDS words in the pages and data files, as 'file:line: ...'."""
    found = []
    for page in sorted((root / "docs" / "da").rglob("*.md")):
        text = page.read_text("utf-8")
        body_start = len(re.match(r"\A(---\n.*?\n---\n)?", text, flags=re.DOTALL).group(0).splitlines())  # type: ignore[union-attr]
        for number, line in enumerate(text.splitlines(), start=1):
            if number <= body_start:
                continue
            for count, sentence in _long(plain_text(line)):
                found.append(f"{page.relative_to(root).as_posix()}:{number}: {count} words: {sentence[:80]}...")
    for name in ("data/rules.yml", "data/cases.yml"):
        for number, line in enumerate((root / name).read_text("utf-8").splitlines(), start=1):
            if line.lstrip().startswith("#"):
                continue
            for match in DANISH_TEXT.finditer(line):
                for count, sentence in _long(match.group(1).strip().strip('"')):
                    found.append(f"{name}:{number}: {count} words: {sentence[:80]}...")
    return found
