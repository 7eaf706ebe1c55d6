"""Synthetic rules files, and the two small sites the scale benchmark builds from each of them.

The generated site is the real configuration (theme, overrides, rules hook) with a few hand-written pages,
a synthetic ``data/rules.yml`` and the files it refers to (``data/sources.yml``, and a filled-in
``data/municipality.yml`` with made-up details, so the measured build is the publishing one, not a preview).
Its counterpart has the same number of pages at the same addresses, written as plain Markdown of the same
size, and is built without the rules hook: the difference between the two is what the rules engine and its
hook cost.
"""

from __future__ import annotations

import copy
import dataclasses
import html
import json
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench import context_hook
from borgerguide import RulesError, read_languages
from borgerguide.guidance.pages import page_url
from borgerguide.project import Project, load_project
from borgerguide.rules.load import MAX_BYTES
from borgerguide.site.render import GeneratedPage, Renderer
from borgerguide.site.urls import markdown_link

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = read_languages(ROOT)
REVIEWED = "2026-11-26"
# Answers per question, in turn: real questions have two or three.
BRANCHING = (2, 3, 2)
# Files this large or larger get three trees, like the real file; smaller ones one tree.
THREE_TREES_FROM = 30
CONTEXT_HOOK = Path(__file__).with_name("context_hook.py")

# data/sources.yml of both sites: a public page and a named document (a source without an address).
SOURCES = {
    "kommune": {
        "title": "Benchmark Kommune: Den digitale borger (made up for the benchmark)",
        "url": "https://bench.borgerguide-benchmark.dk/den-digitale-borger",
    },
    "pjece": {"title": "Benchmark Kommune: pjece om digital selvbetjening (made up for the benchmark)"},
}
# Sources of the hand-written pages (front matter), and of the outcomes, in turn.
PAGE_SOURCES = ["kommune"]
OUTCOME_SOURCES = ("[kommune]", "[kommune, pjece]")


# Made-up details (a domain and numbers of no one's) for a municipality file that may be published: the
# synthetic one, and a stand-in for the real one while its details are unset (bench/__main__.py). The name,
# addresses and footer contact are the ones bench/context_hook.py gives the hand-written site.
_FOOTER = context_hook.FOOTER_CONTACT
STAND_IN: dict[str, Any] = {
    "site_url": context_hook.SITE_URL,
    "accessibility_statement": context_hook.ACCESSIBILITY_STATEMENT,
    "phone": _FOOTER.phone,
    "opening_hours": dict(_FOOTER.opening_hours) if _FOOTER.opening_hours else None,
    "address": _FOOTER.address,
    "email": _FOOTER.email,
    "web": _FOOTER.web,
}


def municipality_yaml() -> str:
    """data/municipality.yml with every detail the publishing gate asks for, so the measured build is the
    publishing one, not a preview."""
    channels = ("phone", "opening_hours", "address", "email", "web")
    data = {
        "name": context_hook.NAME,
        "site_url": STAND_IN["site_url"],
        "accessibility_statement": STAND_IN["accessibility_statement"],
        "footer_contact": _FOOTER.id,
        "contacts": {
            _FOOTER.id: {key: STAND_IN[key] for key in channels} | {"sources": ["kommune"]},
            "digital-hotline": {
                "phone": "11 22 33 55",
                "opening_hours": {"da": "Mandag-fredag 8-16", "en": "Monday-Friday 8-16"},
            },
            "databeskyttelsesraadgiver": {"email": "dpo@bench.borgerguide-benchmark.dk"},
            "kommunen": {
                "address": STAND_IN["address"],
                "opening_hours": {"da": "Mandag-fredag 10-15", "en": "Monday-Friday 10-15"},
            },
        },
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


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
    # Every question needs an answer for a reader who does not know: the last one, as in the real file.
    labels = (("Ja", "Yes"), ("Nej", "No"), ("Andet", "Other"))
    for (da, en), kid in zip(labels, kids[:-1], strict=False):
        lines += [f"          - label: {_text(da, en)}", f"            next: n{kid}"]
    lines += [
        f"          - label: {_text('Det ved jeg ikke', 'I do not know')}",
        f"            next: n{kids[-1]}",
        "            kind: dont-know",
    ]
    return lines


def _outcome_yaml(tree: int, index: int, trees: int) -> list[str]:
    first, second = index % 4, (index + 1) % 4
    contacts = "[support]" if index % 2 else "[support, borger-dk]"
    pages = "[laes-mere.md]" if index % 3 else "[laes-mere.md, kontakt.md]"
    lines = [
        f"        heading: {_text(f'Resultat {index} i guide {tree}', f'Outcome {index} of guide {tree}')}",
        f"        result: {_text(DA_SENTENCES[first], EN_SENTENCES[first])}",
        "        next_steps:",
        f"          - {_text(DA_SENTENCES[second], EN_SENTENCES[second])}",
        f"        contacts: {contacts}",
        f"        pages: {pages}",
        f"        sources: {OUTCOME_SOURCES[index % 2]}",
        f"        last_reviewed: {REVIEWED}",
    ]
    if trees > 1 and index % 5 == 0:
        # Now and then an outcome sends the reader on to another guide.
        lines.append(f"        guides: [t{tree % trees + 1}]")
    return lines


def _tree_yaml(tree: int, nodes: int, trees: int) -> list[str]:
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
        lines += _question_yaml(tree, index, kids) if kids else _outcome_yaml(tree, index, trees)
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
        "    municipality: borgerservice",
        f"    name: {_text(*context_hook.FOOTER_NAME)}",
        f"    about: {_text(DA_SENTENCES[0], EN_SENTENCES[0])}",
        "  kommunen:",
        "    municipality: kommunen",
        f"    name: {_text('Kommunen', 'The municipality')}",
        "  support:",
        f"    name: {_text('Supporten', 'The support')}",
        '    phone: "33 98 00 10"',
        "    sources: [kommune]",
        "  borger-dk:",
        f"    name: {_text('borger.dk', 'borger.dk')}",
        "    web: https://www.borger.dk",
        "trees:",
    ]
    sizes = tree_sizes(nodes)
    for tree, size in enumerate(sizes, start=1):
        lines += _tree_yaml(tree, size, len(sizes))
    return "\n".join(lines) + "\n"


# -- the two small sites ----------------------------------------------------------------------------


def _base_page(language: str, path: str, title: str) -> str:
    sentences = DA_SENTENCES if language == "da" else EN_SENTENCES
    others = [other for other in BASE_PAGES if other != path]
    links = "\n".join(f"- [{BASE_PAGES[o][0 if language == 'da' else 1]}]({markdown_link(path, o)})" for o in others)
    return (
        f"---\ntitle: {title}\ndescription: {sentences[0]}\nlast_reviewed: {REVIEWED}\n"
        f"sources: [{', '.join(PAGE_SOURCES)}]\n---\n\n"
        f"# {title}\n\n{' '.join(sentences)}\n\n{links}\n"
    )


def _write_docs(project: Path, endings: dict[str, str] | None = None) -> None:
    """The hand-written pages; ``endings`` (per language) is written at the end of each."""
    for language in LANGUAGES:
        for path, titles in BASE_PAGES.items():
            file = project / "docs" / language / path
            file.parent.mkdir(parents=True, exist_ok=True)
            text = _base_page(language, path, titles[0 if language == "da" else 1])
            ending = (endings or {}).get(language)
            file.write_text(text + (f"\n{ending}\n" if ending else ""), "utf-8")


def _config(guides: list[str], hook: str, watch: list[str]) -> str:
    """The real mkdocs.yml with this small site's navigation, hook and watched folders."""
    config: dict[str, Any] = copy.deepcopy(yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8")))
    config["nav"] = ["index.md", {"Guider": guides}, "laes-mere.md", "kontakt.md"]
    config["hooks"] = [hook]
    config["watch"] = watch
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
    (project / "data" / "sources.yml").write_text(yaml.safe_dump(SOURCES, allow_unicode=True, sort_keys=False), "utf-8")
    (project / "data" / "municipality.yml").write_text(municipality_yaml(), "utf-8")
    (project / "mkdocs.yml").write_text(_config(_start_pages(nodes), "hooks/borgerguide_adapter.py", ["data"]), "utf-8")
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


def _write_handwritten(
    project: Path, nodes: int, pages: dict[str, list[GeneratedPage]], sources_sections: dict[str, str]
) -> list[int]:
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(ROOT / "overrides", project / "overrides", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(CONTEXT_HOOK, project / CONTEXT_HOOK.name)
    # The rules hook ends every hand-written page with its sources, as raw HTML; here it is in the page.
    _write_docs(project, sources_sections)
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


def _check_context_hook(project: Project) -> None:
    """The hand-written site must render the theme with what the rules hook gives the generated one."""
    problems = [f"{problem.file}:{problem.line}: {problem.message}" for problem in project.not_ready]
    municipality = project.municipality
    given = (municipality.name, municipality.site_url, municipality.accessibility_statement)
    if given != (context_hook.NAME, context_hook.SITE_URL, context_hook.ACCESSIBILITY_STATEMENT):
        problems.append(f"the municipality is {given} in the rules hook, not as in bench/context_hook.py")
    # The footer does not show the contact's "about".
    if dataclasses.replace(project.footer_contact, about=None) != context_hook.FOOTER_CONTACT:
        problems.append(f"the footer contact is {project.footer_contact}, not as in bench/context_hook.py")
    if problems:
        raise ValueError("the synthetic project does not match the benchmark's expectations:\n" + "\n".join(problems))


def write_sites(nodes: int, workdir: Path) -> ScaleSites:
    """Write both small sites for a rules file of ``nodes`` nodes under ``workdir``."""
    generated = workdir / f"generated-{nodes}"
    rules_file = _write_generated(generated, nodes)
    rules_bytes = rules_file.stat().st_size
    if rules_bytes > MAX_BYTES:
        raise ValueError(f"the synthetic rules file of {nodes} nodes is {rules_bytes} bytes, over the loader's cap")
    try:
        project = load_project(generated, LANGUAGES)
    except RulesError as error:
        raise ValueError(f"the synthetic project of {nodes} nodes is not valid:\n{error.report()}") from None
    _check_context_hook(project)
    renderer = Renderer(project.rules, project.pages)
    pages = {language: renderer.all_pages(language) for language in LANGUAGES}
    handwritten = workdir / f"handwritten-{nodes}"
    sources_sections = {language: renderer.sources_section(tuple(PAGE_SOURCES), language) for language in LANGUAGES}
    hand_sizes = _write_handwritten(handwritten, nodes, pages, sources_sections)
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
