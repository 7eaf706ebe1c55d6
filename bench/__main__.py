"""Benchmark the site: build time and memory, scale of the rules file, page weight, Lighthouse.

    python -m bench            # the full run of `make bench` (about 15 minutes on 2 cores)
    python -m bench --smoke    # small sizes, one run each (`make bench-smoke`, CI), about a minute

Prints the tables, writes bench/results/latest.{json,md} and build-time.svg (smoke: bench/results/smoke/).
A missed target is reported, not fatal: the exit status is non-zero only when the benchmark itself fails.
bench/README.md explains every figure.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from bench import lighthouse, report
from bench.builds import BenchError, build, summarize_builds
from bench.synthetic import BASE_PAGES, STAND_IN, write_sites
from bench.weight import OPTIONAL_TYPES, PAGE_TYPES, html_sizes, measure_views, serve_gzip, view_paths
from borgerguide import RulesError
from borgerguide.languages import read_languages
from borgerguide.municipality import PLACEHOLDER_HOSTS, REQUIRED_DETAILS, WAS_TOOL_HOSTS
from borgerguide.project import MUNICIPALITY_ENV, load_project, municipality_path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-static-i18n",
    "Markdown",
    "PyYAML",
    "Jinja2",
    "playwright",
    "matplotlib",
)


@dataclass(frozen=True)
class Mode:
    name: str
    sizes: tuple[int, ...]
    real_runs: int
    scale_runs: int
    load_runs: int
    lighthouse_runs: int
    lighthouse_types: tuple[str, ...]
    out: Path


FULL = Mode("full", (10, 100, 1000, 5000), 5, 3, 5, 3, PAGE_TYPES + OPTIONAL_TYPES, RESULTS)
SMOKE = Mode("smoke", (10, 100), 1, 1, 1, 1, ("home",), RESULTS / "smoke")


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _command_version(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip() or "?"
    except OSError:
        return "not installed"


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else "MemTotal: 0 kB"
    memory_kb = int(meminfo.split("MemTotal:", 1)[1].split()[0])
    info: dict[str, Any] = {
        "cpus (nproc)": len(os.sched_getaffinity(0)),
        "cpu model": model,
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "libyaml (PyYAML's C loader) available": bool(getattr(yaml, "__with_libyaml__", False)),
    }
    for package in PACKAGES:
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = "not installed"
    info["node"] = _command_version(["node", "--version"])
    info["chromium"] = _command_version(["/usr/bin/chromium", "--version"])
    return info


# -- the measurements -------------------------------------------------------------------------------


def _unset_details(root: Path) -> tuple[dict[str, Any], list[str]] | None:
    """The checkout's municipality file with every detail that stops publishing filled in with the
    benchmark's made-up values, and which those are; None when the checkout may be published as it is.

    The build refuses to publish while details citizens depend on are unset, and a municipality fills them
    in only from its own published pages. Meanwhile the benchmark measures the publishing build (not a
    preview, whose notice changes every page) with a stand-in file; the rest of the checkout is as it is.
    """
    try:
        project = load_project(root, read_languages(root))
    except RulesError:
        return None  # the build reports the problems itself
    if not project.not_ready:
        return None
    path, _ = municipality_path(root)
    data = yaml.safe_load(path.read_text("utf-8"))
    municipality, filled = project.municipality, []
    site_url = municipality.site_url
    if site_url is None or PLACEHOLDER_HOSTS.search(urlparse(site_url).hostname or ""):
        data["site_url"] = STAND_IN["site_url"]
        filled.append("site_url")
    statement = municipality.accessibility_statement
    if statement is None or (
        urlparse(statement).hostname in WAS_TOOL_HOSTS and not urlparse(statement).path.strip("/")
    ):
        data["accessibility_statement"] = STAND_IN["accessibility_statement"]
        filled.append("accessibility_statement")
    contacts = data["contacts"] = data.get("contacts") or {}

    def has(key: str, channel: str) -> bool:
        details = municipality.contacts.get(key)
        return bool(details and getattr(details, channel)) or f"contacts / {key} / {channel}" in filled

    def fill(key: str, channel: str) -> None:
        contacts[key] = {**(contacts.get(key) or {}), channel: STAND_IN[channel]}
        filled.append(f"contacts / {key} / {channel}")

    for key, groups in REQUIRED_DETAILS.items():
        for group in groups:
            if not any(has(key, channel) for channel in group):
                fill(key, group[0])
    # A contact of the rules file that takes its channels from an entry must be reachable (Contact.has_channel).
    for contact in project.rules.contacts.values():
        key = contact.municipality
        if key and not (
            any(has(key, c) for c in ("phone", "web", "email")) or (has(key, "address") and has(key, "opening_hours"))
        ):
            fill(key, "phone")
    return data, list(dict.fromkeys(filled))


def measure_real_site(mode: Mode, workdir: Path) -> tuple[dict[str, Any], Path]:
    site = workdir / "real-site"
    env: dict[str, str] = {}
    stand_in = _unset_details(ROOT)
    if stand_in is not None:
        data, filled = stand_in
        file = workdir / "municipality-stand-in.yml"
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        env[MUNICIPALITY_ENV] = str(file)
        _say(f"the municipality file is not ready to publish; measuring with made-up {', '.join(filled)}")
    _say(f"building the real site {mode.real_runs} time(s)")
    runs = [build(ROOT, site, env) for _ in range(mode.real_runs)]
    pages = sum(1 for _ in site.rglob("index.html"))
    result: dict[str, Any] = {"pages": pages, **summarize_builds(runs)}
    if stand_in is not None:
        result["made_up_municipality_details"] = stand_in[1]
    return result, site


def rules_load_in_child(rules_file: Path, runs: int) -> dict[str, Any]:
    """Time the rules load in a fresh process, as a build meets it (not in this process's larger heap)."""
    code = (
        "import json, sys; from pathlib import Path; from bench.builds import time_rules_load; "
        "print(json.dumps(time_rules_load(Path(sys.argv[1]), frozenset(sys.argv[3:]), int(sys.argv[2]))))"
    )
    command = [sys.executable, "-c", code, str(rules_file), str(runs), *BASE_PAGES]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"timing the rules load failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def measure_size(nodes: int, mode: Mode, workdir: Path) -> dict[str, Any]:
    _say(f"scale: {nodes:,} nodes, writing both sites")
    sites = write_sites(nodes, workdir)
    generated, handwritten = [], []
    for run in range(mode.scale_runs):
        _say(f"scale: {nodes:,} nodes, run {run + 1} of {mode.scale_runs}")
        # Alternate which site builds first, so a warm disk cache or a busy neighbour favours neither.
        order = [(sites.generated, generated), (sites.handwritten, handwritten)]
        for project, runs in order if run % 2 == 0 else reversed(order):
            runs.append(build(project, project / "site"))
    gen, hand = summarize_builds(generated), summarize_builds(handwritten)
    row = {
        "nodes": nodes,
        "pages_per_language": sites.pages_per_language,
        "rules_bytes": sites.rules_bytes,
        "markdown_bytes": {
            "generated": sites.markdown_bytes_generated,
            "handwritten": sites.markdown_bytes_handwritten,
        },
        "generated": gen,
        "handwritten": hand,
        "ratio": round(gen["seconds"]["median"] / hand["seconds"]["median"], 3),
        "cpu_ratio": round(gen["cpu_seconds"]["median"] / hand["cpu_seconds"]["median"], 3),
        "rules_load": rules_load_in_child(sites.rules_file, mode.load_runs),
    }
    shutil.rmtree(sites.generated)
    shutil.rmtree(sites.handwritten)
    return row


def measure_lighthouse(site: Path, paths: dict[str, str], mode: Mode, workdir: Path) -> dict[str, Any]:
    chosen = {kind: path for kind, path in paths.items() if kind in mode.lighthouse_types}
    _say(f"Lighthouse: {len(chosen)} page type(s), {mode.lighthouse_runs} run(s) each, about 12 s a run")
    with serve_gzip(site) as (base, _):
        return lighthouse.measure(base, chosen, mode.lighthouse_runs, workdir / "lighthouse")


def run(mode: Mode, skip_lighthouse: bool, command: str) -> dict[str, Any]:
    if not skip_lighthouse:
        lighthouse.check_installed()  # before the long builds, not after them
    workdir = mode.out / "tmp"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    results: dict[str, Any] = {
        "mode": mode.name,
        "command": command,
        "measured_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
    }
    results["real_site"], site = measure_real_site(mode, workdir)
    results["scale"] = [measure_size(nodes, mode, workdir) for nodes in mode.sizes]
    _say("page weight: compressed HTML of every page, then first and repeat view in Chromium")
    languages = read_languages(ROOT)
    html = html_sizes(site, languages)
    targets = view_paths(html, languages)
    results["page_weight"] = {"html": html, "views": measure_views(site, targets)}
    # Lighthouse measures the default language's pages (the other language's weigh the same, within 1 KB).
    paths = {target["kind"]: target["path"] for target in targets.values() if target["language"] == languages.default}
    if skip_lighthouse:
        results["lighthouse_skipped"] = "--no-lighthouse was given"
    else:
        results["lighthouse"] = measure_lighthouse(site, paths, mode, workdir)
    results["checks"] = report.checks(results)
    return results


def write(results: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    text = report.markdown(results)
    (out / "latest.md").write_text(text, "utf-8")
    report.plot(results["scale"], out / "build-time.svg")
    print(text)
    missed = [c for c in results["checks"] if not c["met"]]
    _say(f"wrote {out.relative_to(ROOT)}/latest.json, latest.md, build-time.svg")
    _say(f"{len(results['checks']) - len(missed)} of {len(results['checks'])} targets met")
    for check in missed:
        _say(f"missed: {check['check']}: {check['measured']} (target {check['target']})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes, one run each (CI)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (no Node.js here)")
    args = parser.parse_args(argv)
    mode = SMOKE if args.smoke else FULL
    try:
        results = run(mode, args.no_lighthouse, " ".join(["python -m bench", *argv]))
    except BenchError as error:
        print(f"[bench] FAILED: {error}", file=sys.stderr)
        return 2
    write(results, mode.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
