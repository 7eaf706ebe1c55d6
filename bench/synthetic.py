"""Synthetic rules files, and the two small sites the scale benchmark builds from each of them.

The generated site is the real configuration (theme, overrides, rules hook) with a few hand-written pages
and a synthetic ``data/rules.yml``. Its counterpart has the same number of pages at the same addresses,
written as plain Markdown of the same size, and is built without the rules hook: the difference between
the two is what the rules engine and its hook cost.
"""

from __future__ import annotations

import copy
import html
import json
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from borgerguide import LANGUAGES
from borgerguide.load import MAX_BYTES, load_rules
from borgerguide.pages import load_pages, page_url
from borgerguide.render import GeneratedPage, Renderer
from borgerguide.urls import markdown_link

ROOT = Path(__file__).resolve().parent.parent
REVIEWED = "2026-11-26"
# Answers per question, in turn: real questions have two or three.
BRANCHING = (2, 3, 2)
# Files this large or larger get three trees, like the real file; smaller ones one tree.
THREE_TREES_FROM = 30
CONTEXT_HOOK = Path(__file__).with_name("context_hook.py")

# Hand-written pages of the small site, the same in both sites: the home page, the page every outcome
# links to under "read more", and the contact page the footer links to.
BASE_PAGES = {
    "index.md": ("Forside", "Home"),
    "laes-mere.md": ("Læs mere", "Read more"),
    "kontakt.md": ("Kontakt", "Contact"),
}

# Texts are short: the loader caps a rules file at 2 MB, and 5,000 nodes must fit under it.
DA_SENTENCES = (
    "Få hjælp i Borgerservice.",
    "Bed om en papirblanket.",
    "Ring til supporten om MitID.",
    "Tag dit sundhedskort med.",
)
EN_SENTENCES = (
    "Get help at Citizen Service.",
    "Ask for a paper form.",
    "Call the support about MitID.",
    "Bring your health card.",
)


@dataclass(frozen=True)
class ScaleSites:
    nodes: int
    rules_file: Path
    rules_bytes: int
    generated: Path  # project folder of the site built with the rules hook
    handwritten: Path  # project folder of its hand-written counterpart
    pages_per_language: int
    markdown_bytes_generated: int  # mean Markdown size of a tree page (front matter included)
    markdown_bytes_handwritten: int


# -- the rules file ---------------------------------------------------------------------------------


def tree_shape(nodes: int) -> list[list[int]]:
    """Children of each node, numbered breadth first; a node without children is an outcome."""
    if nodes < 3:
        raise ValueError("a tree needs at least 3 nodes: a question with two answers")
    children: list[list[int]] = [[] for _ in range(nodes)]
    next_free, parent = 1, 0
    while next_free < nodes:
        left = nodes - next_free
        if left == 1:
            # One node left over: give the previous question an extra answer (a question needs two).
            children[parent - 1].append(next_free)
            break
        count = min(BRANCHING[parent % len(BRANCHING)], left)
        children[parent] = list(range(next_free, next_free + count))
        next_free += count
        parent += 1
    return children


def _text(da: str, en: str) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return "{da: " + json.dumps(da, ensure_ascii=False) + ", en: " + json.dumps(en, ensure_ascii=False) + "}"


def _question_yaml(tree: int, index: int, kids: list[int]) -> list[str]:
    question = _text(f"Gælder punkt {index} i guide {tree} dig?", f"Does item {index} of guide {tree} apply?")
    lines = [f"        question: {question}"]
    if index % 4 == 0:
        lines.append(f"        hint: {_text(DA_SENTENCES[index % 4], EN_SENTENCES[index % 4])}")
    lines.append("        answers:")
    labels = (("Ja", "Yes"), ("Nej", "No"), ("Det ved jeg ikke", "I do not know"), ("Andet", "Other"))
    for (da, en), kid in zip(labels, kids, strict=False):
        lines += [f"          - label: {_text(da, en)}", f"            next: n{kid}"]
    return lines


def _outcome_yaml(tree: int, index: int) -> list[str]:
    first, second = index % 4, (index + 1) % 4
    contacts = "[support]" if index % 2 else "[support, borger-dk]"
    pages = "[laes-mere.md]" if index % 3 else "[laes-mere.md, kontakt.md]"
    return [
        f"        heading: {_text(f'Resultat {index} i guide {tree}', f'Outcome {index} of guide {tree}')}",
        f"        result: {_text(DA_SENTENCES[first], EN_SENTENCES[first])}",
        "        next_steps:",
        f"          - {_text(DA_SENTENCES[second], EN_SENTENCES[second])}",
        f"        contacts: {contacts}",
        f"        pages: {pages}",
    ]


def _tree_yaml(tree: int, nodes: int) -> list[str]:
    lines = [
        f"  t{tree}:",
        f"    title: {_text(f'Guide nummer {tree}', f'Guide number {tree}')}",
        f"    intro: {_text(DA_SENTENCES[0], EN_SENTENCES[0])}",
        f"    needs: {_text(DA_SENTENCES[3], EN_SENTENCES[3])}",
        "    start: n0",
        "    nodes:",
    ]
    for index, kids in enumerate(tree_shape(nodes)):
        lines.append(f"      n{index}:")
        lines += _question_yaml(tree, index, kids) if kids else _outcome_yaml(tree, index)
    return lines


def tree_sizes(nodes: int) -> list[int]:
    trees = 3 if nodes >= THREE_TREES_FROM else 1
    return [nodes // trees + (1 if i < nodes % trees else 0) for i in range(trees)]


def rules_yaml(nodes: int) -> str:
    """A valid rules document with ``nodes`` nodes in all, spread over one or three trees."""
    lines = [
        f"last_reviewed: {REVIEWED}",
        "other_help: [borgerservice]",
        "contacts:",
        "  borgerservice:",
        f"    name: {_text('Borgerservice', 'Citizen Service')}",
        f"    about: {_text(DA_SENTENCES[0], EN_SENTENCES[0])}",
        "  kommunen:",
        f"    name: {_text('Kommunen', 'The municipality')}",
        "    address: Ved Fjorden 6, 6950 Ringkøbing",
        "  support:",
        f"    name: {_text('Supporten', 'The support')}",
        '    phone: "33 98 00 10"',
        "  borger-dk:",
        f"    name: {_text('borger.dk', 'borger.dk')}",
        "    web: https://www.borger.dk",
        "trees:",
    ]
    for tree, size in enumerate(tree_sizes(nodes), start=1):
        lines += _tree_yaml(tree, size)
    return "\n".join(lines) + "\n"


# -- the two small sites ----------------------------------------------------------------------------


def _base_page(language: str, path: str, title: str) -> str:
    sentences = DA_SENTENCES if language == "da" else EN_SENTENCES
    others = [other for other in BASE_PAGES if other != path]
    links = "\n".join(f"- [{BASE_PAGES[o][0 if language == 'da' else 1]}]({markdown_link(path, o)})" for o in others)
    return (
        f"---\ntitle: {title}\ndescription: {sentences[0]}\nlast_reviewed: {REVIEWED}\n---\n\n"
        f"# {title}\n\n{' '.join(sentences)}\n\n{links}\n"
    )


def _write_docs(project: Path) -> None:
    for language in LANGUAGES:
        for path, titles in BASE_PAGES.items():
            file = project / "docs" / language / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(_base_page(language, path, titles[0 if language == "da" else 1]), "utf-8")


def _config(guides: list[str], hook: str, watch: list[str]) -> str:
    """The real mkdocs.yml with this small site's navigation, hook and watched folders."""
    config: dict[str, Any] = copy.deepcopy(yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8")))
    config["nav"] = ["index.md", {"Guider": guides}, "laes-mere.md", "kontakt.md"]
    config["hooks"] = [hook]
    config["watch"] = watch
    config["extra"]["municipality"]["contact"] = "kommunen"
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _start_pages(nodes: int) -> list[str]:
    return [f"guide/t{tree}/index.md" for tree in range(1, len(tree_sizes(nodes)) + 1)]


def _write_generated(project: Path, nodes: int) -> Path:
    shutil.rmtree(project, ignore_errors=True)
    for part in ("hooks", "overrides"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    _write_docs(project)
    rules = project / "data" / "rules.yml"
    rules.parent.mkdir(parents=True)
    rules.write_text(rules_yaml(nodes), "utf-8")
    (project / "mkdocs.yml").write_text(_config(_start_pages(nodes), "hooks/rules_pages.py", ["data"]), "utf-8")
    return rules


LINK = re.compile(r'<a href="([^"]+)"[^>]*>(.*?)</a>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def _links(page: GeneratedPage, sources: dict[str, str]) -> list[tuple[str, str]]:
    """The page's links as (text, Markdown target): pages by their source, other addresses as they are."""
    found = []
    body = page.markdown.split("---\n", 2)[2]
    for href, inner in LINK.findall(body):
        text = " ".join(html.unescape(TAG.sub("", inner)).split()) or href
        text = text.replace("[", "(").replace("]", ")")
        if ":" in href:  # tel: and https: links stay as they are
            found.append((text, href))
            continue
        target = posixpath.normpath(posixpath.join(page_url(page.source) or ".", href)) + "/"
        if target.removeprefix("./") in sources:
            found.append((text, markdown_link(page.source, sources[target.removeprefix("./")])))
    return found


def handwritten_page(page: GeneratedPage, sources: dict[str, str], language: str) -> str:
    """The page as an editor would write it in Markdown, with its links, padded to the generated size."""
    front = page.markdown.split("---\n", 2)[1]
    meta = yaml.safe_load(front)
    meta.pop("guide", None)
    sentences = DA_SENTENCES if language == "da" else EN_SENTENCES
    parts = [
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n",
        f"# {Renderer.escape_markdown(page.title)}\n",
        sentences[0] + "\n",
        "\n".join(f"- [{text}]({target})" for text, target in _links(page, sources)) + "\n",
    ]
    text = "\n".join(parts)
    target_size = len(page.markdown.encode("utf-8"))
    index = 0
    while len(text.encode("utf-8")) < target_size:
        text += "\n" + " ".join(sentences[(index + i) % 4] for i in range(4)) + "\n"
        index += 1
    return text


def _write_handwritten(project: Path, nodes: int, pages: dict[str, list[GeneratedPage]]) -> list[int]:
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(ROOT / "overrides", project / "overrides", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(CONTEXT_HOOK, project / CONTEXT_HOOK.name)
    _write_docs(project)
    config = _config(_start_pages(nodes), CONTEXT_HOOK.name, ["overrides"])
    (project / "mkdocs.yml").write_text(config, "utf-8")
    sizes = []
    for language, generated in pages.items():
        sources = {page_url(p.source): p.source for p in generated} | {page_url(p): p for p in BASE_PAGES}
        for page in generated:
            file = project / "docs" / language / page.source
            file.parent.mkdir(parents=True, exist_ok=True)
            text = handwritten_page(page, sources, language)
            file.write_text(text, "utf-8")
            sizes.append(len(text.encode("utf-8")))
    return sizes


def write_sites(nodes: int, workdir: Path) -> ScaleSites:
    """Write both small sites for a rules file of ``nodes`` nodes under ``workdir``."""
    generated = workdir / f"generated-{nodes}"
    rules_file = _write_generated(generated, nodes)
    rules_bytes = rules_file.stat().st_size
    if rules_bytes > MAX_BYTES:
        raise ValueError(f"the synthetic rules file of {nodes} nodes is {rules_bytes} bytes, over the loader's cap")
    docs = load_pages(generated / "docs")
    rules = load_rules(rules_file, known_pages=frozenset(docs["da"]))
    renderer = Renderer(rules, docs)
    pages = {language: renderer.all_pages(language) for language in LANGUAGES}
    handwritten = workdir / f"handwritten-{nodes}"
    hand_sizes = _write_handwritten(handwritten, nodes, pages)
    gen_sizes = [len(p.markdown.encode("utf-8")) for language in LANGUAGES for p in pages[language]]
    return ScaleSites(
        nodes=nodes,
        rules_file=rules_file,
        rules_bytes=rules_bytes,
        generated=generated,
        handwritten=handwritten,
        pages_per_language=len(pages["da"]) + len(BASE_PAGES),
        markdown_bytes_generated=round(sum(gen_sizes) / len(gen_sizes)),
        markdown_bytes_handwritten=round(sum(hand_sizes) / len(hand_sizes)),
    )
