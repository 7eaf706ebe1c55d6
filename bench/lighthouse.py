"""Lighthouse 12.2.3 (bench/package.json) in its default mobile mode, against Debian's Chromium.

Lighthouse 13 needs Node 22; 12.2.3 runs on Node 20. Each run starts its own headless Chromium, so one
URL takes about 12 seconds. Scores vary from run to run (performance most), hence the median.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path
from typing import Any

from bench.builds import BenchError
from bench.weight import CHROMIUM_ARGS, chromium_path

BENCH = Path(__file__).resolve().parent
CLI = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
VERSION = "12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "speed-index": "speed_index_ms",
    "total-byte-weight": "transfer_bytes",
}


def check_installed() -> None:
    if shutil.which("node") is None:
        raise BenchError("Lighthouse needs Node.js (node 20): it is not on PATH.")
    package = CLI.parent.parent / "package.json"
    if not package.is_file():
        raise BenchError("Lighthouse is not installed: run `make bench` (it runs `npm ci` in bench/).")
    installed = json.loads(package.read_text("utf-8"))["version"]
    if installed != VERSION:
        raise BenchError(f"bench/node_modules has Lighthouse {installed}, not {VERSION}: run `make bench`.")


def _run(url: str, report: Path) -> dict[str, Any]:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        "node",
        str(CLI),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=180)
    if result.returncode != 0 or not report.is_file():
        raise BenchError(f"Lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return json.loads(report.read_text("utf-8"))


def _shortfalls(data: dict[str, Any]) -> list[str]:
    """The audits that cost points in a category, so a missed target says why."""
    found = []
    for category in data["categories"].values():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            score = audit.get("score")
            if ref["weight"] > 0 and score is not None and score < 1:
                shown = audit.get("displayValue") or f"score {score}"
                found.append(f"{category['id']}: {ref['id']} ({shown})")
    return found


def measure(base: str, paths: dict[str, str], runs: int, workdir: Path) -> dict[str, Any]:
    """Median scores and metrics per page type; the audits that cost points in the median run."""
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    for kind, path in paths.items():
        reports = [_run(base + path, workdir / f"{kind}-{run}.json") for run in range(runs)]
        scores = {c: statistics.median(r["categories"][c]["score"] for r in reports) for c in CATEGORIES}
        metrics = {
            name: round(statistics.median(r["audits"][audit]["numericValue"] for r in reports), 3)
            for audit, name in METRICS.items()
        }
        # The run whose performance score is the median one explains the figures shown.
        middle = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])[len(reports) // 2]
        results[kind] = {
            "path": path,
            "runs": runs,
            "scores": scores,
            "metrics": metrics,
            "shortfalls": _shortfalls(middle),
        }
    return results
