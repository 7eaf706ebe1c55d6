"""Readability of the default language's text (the plain-language targets below are set for Danish): LIX of a
guidance page as a reader meets it (without front matter, markers, link targets or markup), LIX of a guide's
text, and sentences too long for plain language.

Used by the tests (tests/test_content.py, tests/test_teaching.py) and by `make lix` (tools/lix_report.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import textstat

from borgerguide.languages import Language
from borgerguide.rules.model import Question, Tree

LIX_TARGET = 35.0
# Digitaliseringsstyrelsen's plain-language advice: short sentences. A Danish sentence over this many words is
# reported with its file and line.
MAX_SENTENCE_WORDS = 25
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9\"'(])")


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


def _text_in(language: Language) -> re.Pattern[str]:
    """A text of one language in a data file line: `da: "..."` or `da: ...` up to a comma or brace."""
    return re.compile(rf"""(?<![\w-]){re.escape(language)}:\s*("(?:[^"\\]|\\.)*"|[^,}}\n]+)""")


def page_lix(path: Path, language: Language) -> float:
    textstat.set_lang(language)
    return float(textstat.lix(plain_text(path.read_text("utf-8"))))


def tree_text(tree: Tree, language: Language) -> str:
    """All the text in one language that a reader of one guide meets, one sentence-like line per text."""
    parts = [tree.title[language], tree.intro[language], tree.needs[language]]
    for node in tree.nodes.values():
        if isinstance(node, Question):
            parts += [
                node.question[language],
                *([node.hint[language]] if node.hint else []),
                *(a.label[language] for a in node.answers),
            ]
        else:
            parts += [node.heading[language], node.result[language], *(step[language] for step in node.next_steps)]
    return plain_text("\n".join(parts))


def tree_lix(tree: Tree, language: Language) -> float:
    textstat.set_lang(language)
    return float(textstat.lix(tree_text(tree, language)))


def _words(sentence: str) -> int:
    return len(re.findall(r"[\wÆØÅæøå][\w'’.-]*", sentence))


def _long(text: str) -> list[tuple[int, str]]:
    return [
        (_words(sentence), sentence) for sentence in SENTENCE_END.split(text) if _words(sentence) > MAX_SENTENCE_WORDS
    ]


def long_sentences(root: Path, language: Language) -> list[str]:
    """Every sentence of one language over MAX_SENTENCE_WORDS words in the pages and data files, as
    'file:line: ...'."""
    found = []
    text_in = _text_in(language)
    for page in sorted((root / "docs" / language).rglob("*.md")):
        text = page.read_text("utf-8")
        front_matter = re.match(r"\A(---\n.*?\n---\n)?", text, flags=re.DOTALL)
        body_start = len(front_matter.group(0).splitlines()) if front_matter else 0
        for number, line in enumerate(text.splitlines(), start=1):
            if number <= body_start:
                continue
            for count, sentence in _long(plain_text(line)):
                found.append(f"{page.relative_to(root).as_posix()}:{number}: {count} words: {sentence[:80]}...")
    for name in ("data/rules.yml", "data/cases.yml"):
        for number, line in enumerate((root / name).read_text("utf-8").splitlines(), start=1):
            if line.lstrip().startswith("#"):
                continue
            for match in text_in.finditer(line):
                for count, sentence in _long(match.group(1).strip().strip('"')):
                    found.append(f"{name}:{number}: {count} words: {sentence[:80]}...")
    return found
