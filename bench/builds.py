"""Timed MkDocs builds in a child process: wall time, CPU time and peak memory of each build."""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from borgerguide.languages import read_languages
from borgerguide.municipality import load_municipality
from borgerguide.rules.checks import build_rules
from borgerguide.rules.load import load_sources, read_yaml


class BenchError(RuntimeError):
    """The benchmark itself could not do its work (a build failed, a tool is missing)."""


@dataclass(frozen=True)
class BuildRun:
    seconds: float  # wall clock, start of the process to its exit
    cpu_seconds: float  # user + system time of the build process
    peak_mb: float  # its largest resident set size


@dataclass(frozen=True)
class Summary:
    median: float
    low: float
    high: float
    runs: int

    def as_dict(self) -> dict[str, float]:
        return {
            "median": round(self.median, 3),
            "min": round(self.low, 3),
            "max": round(self.high, 3),
            "runs": self.runs,
        }


def summarize(values: list[float]) -> Summary:
    return Summary(statistics.median(values), min(values), max(values), len(values))


def build(project: Path, site: Path, env: dict[str, str] | None = None) -> BuildRun:
    """Build ``project`` strictly into ``site``, as `make site` does, and measure that one process.

    ``env`` adds to the environment of the build (the real site's stand-in municipality file).
    """
    shutil.rmtree(site, ignore_errors=True)
    log = site.with_name(site.name + ".log")
    # Never a preview: the publishing build is measured, as `make site` runs it.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BORGERGUIDE_PREVIEW": "0", **(env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        # wait4 gives this child's own resource use; RUSAGE_CHILDREN would be the maximum over every
        # child so far, so a small build after a large one would report the large one's memory.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text("utf-8", errors="replace")[-3000:]
        raise BenchError(f"the build of {project} failed (exit {process.returncode}):\n{tail}")
    # ru_maxrss is in kilobytes on Linux.
    return BuildRun(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def summarize_builds(runs: list[BuildRun]) -> dict[str, Any]:
    return {
        "seconds": summarize([r.seconds for r in runs]).as_dict(),
        "cpu_seconds": summarize([r.cpu_seconds for r in runs]).as_dict(),
        "peak_mb": summarize([r.peak_mb for r in runs]).as_dict(),
    }


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def time_rules_load(rules_file: Path, known_pages: frozenset[str], runs: int) -> dict[str, Any]:
    """Read (YAML with line numbers) and validate a rules file in this process, as the hook does.

    The rules are checked against the project's source registry and municipality file beside them in data/
    (as the hook does); those two small files are read once beforehand and not timed.
    """
    # The languages of the project whose data/ folder holds the rules file.
    languages = read_languages(rules_file.parent.parent)
    sources = load_sources(rules_file.with_name("sources.yml"), "data/sources.yml", languages)
    municipality = load_municipality(rules_file.with_name("municipality.yml"), languages)
    read_times, check_times = [], []
    for _ in range(runs):
        gc.collect()  # start each run from the same heap, as a fresh build process would
        read_seconds, data = _timed(lambda: read_yaml(rules_file))
        check_seconds, _ = _timed(
            lambda data=data: build_rules(data, str(rules_file), languages, known_pages, municipality, sources)
        )
        read_times.append(read_seconds)
        check_times.append(check_seconds)
    totals = [r + c for r, c in zip(read_times, check_times, strict=True)]
    return {
        "read_seconds": summarize(read_times).as_dict(),
        "validate_seconds": summarize(check_times).as_dict(),
        "total_seconds": summarize(totals).as_dict(),
    }
