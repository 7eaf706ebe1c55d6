"""Turn the measurements into checks against the issue's targets, a Markdown report and the plot."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from bench.weight import KB

# The targets of the benchmark issue; bench/README.md explains each.
RATIO_TARGET = 1.2
LINEAR_EXPONENT = 1.1  # growth exponent of the size-dependent part of the build time
LOAD_TARGET_SECONDS = 1.0
HTML_BUDGET = 14 * KB
FIRST_VIEW_BUDGET = 100 * KB
# Page types measured and reported without the citizens' budget: the teaching kit is print material for
# teachers (its pages carry QR codes and their own stylesheet), not a page a citizen opens first.
NO_BUDGET = ("teaching",)
SCORE_TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95, "seo": 0.95}


def growth_exponent(sizes: list[int], seconds: list[float]) -> float | None:
    """How the build time grows between the two largest sizes, the smallest size's time taken as fixed
    cost (start-up, theme, the hand-written pages): 1.0 is linear, 2.0 quadratic. None below 3 sizes."""
    if len(sizes) < 3:
        return None
    fixed = seconds[0]
    middle, large = seconds[-2] - fixed, seconds[-1] - fixed
    if middle <= 0 or large <= 0:
        return None
    return math.log(large / middle) / math.log(sizes[-1] / sizes[-2])


def _check(name: str, target: str, measured: str, met: bool) -> dict[str, Any]:
    return {"check": name, "target": target, "measured": measured, "met": met}


def _scale_checks(scale: list[dict[str, Any]]) -> list[dict[str, Any]]:
    checks = []
    for row in scale:
        ratio = row["ratio"]
        checks.append(
            _check(
                f"build ratio at {row['nodes']:,} nodes", f"<= {RATIO_TARGET}", f"{ratio:.2f}", ratio <= RATIO_TARGET
            )
        )
    sizes = [row["nodes"] for row in scale]
    for side in ("generated", "handwritten"):
        exponent = growth_exponent(sizes, [row[side]["seconds"]["median"] for row in scale])
        if exponent is not None:
            checks.append(
                _check(
                    f"{side} build grows linearly",
                    f"exponent <= {LINEAR_EXPONENT}",
                    f"{exponent:.3f}",
                    exponent <= LINEAR_EXPONENT,
                )
            )
    largest = scale[-1]
    load = largest["rules_load"]["total_seconds"]["median"]
    checks.append(
        _check(
            f"rules load + validation, {largest['nodes']:,} nodes",
            f"< {LOAD_TARGET_SECONDS} s",
            f"{load:.2f} s",
            load < LOAD_TARGET_SECONDS,
        )
    )
    return checks


def _weight_checks(html: dict[str, Any], views: dict[str, Any]) -> list[dict[str, Any]]:
    checks = []
    for kind in html:
        largest = html[kind]["max_bytes"]
        checks.append(_check(f"HTML, {kind} (largest page)", "<= 14 KB", _kb(largest), largest <= HTML_BUDGET))
    for kind, view in views.items():
        first = view["first_view"]
        if view.get("kind", kind) not in NO_BUDGET:
            checks.append(
                _check(f"first view, {kind}", "<= 100 KB", _kb(first["total"]), first["total"] <= FIRST_VIEW_BUDGET)
            )
        third = first["third_party_bytes"] + view["repeat_view"]["third_party_bytes"]
        requests = first["third_party_requests"] + view["repeat_view"]["third_party_requests"]
        checks.append(
            _check(
                f"third-party, {kind}",
                "0 bytes, 0 requests",
                f"{third} bytes, {requests} requests",
                third == requests == 0,
            )
        )
    return checks


def _lighthouse_checks(lighthouse: dict[str, Any]) -> list[dict[str, Any]]:
    checks = []
    for kind, result in lighthouse.items():
        for category, target in SCORE_TARGETS.items():
            score = result["scores"][category]
            checks.append(_check(f"Lighthouse {category}, {kind}", f">= {target}", f"{score:.2f}", score >= target))
    return checks


def checks(results: dict[str, Any]) -> list[dict[str, Any]]:
    found = _scale_checks(results["scale"])
    found += _weight_checks(results["page_weight"]["html"], results["page_weight"]["views"])
    if results.get("lighthouse"):
        found += _lighthouse_checks(results["lighthouse"])
    return found


# -- Markdown ---------------------------------------------------------------------------------------


def _kb(size: float) -> str:
    return f"{size / KB:.1f} KB"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table with padded columns, so it reads as well in a terminal as rendered."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def _machine(machine: dict[str, Any]) -> str:
    rows = [[key, str(value)] for key, value in machine.items()]
    return table(["machine", ""], rows)


def _real_site(real: dict[str, Any]) -> str:
    seconds, cpu, memory = real["seconds"], real["cpu_seconds"], real["peak_mb"]
    rows = [
        [
            f"{real['pages']} pages",
            f"{seconds['median']:.2f} s ({seconds['min']:.2f}–{seconds['max']:.2f})",
            f"{cpu['median']:.2f} s",
            f"{memory['median']:.0f} MB",
            str(seconds["runs"]),
        ]
    ]
    text = table(["real site", "build time, median (min–max)", "CPU time", "peak memory", "runs"], rows)
    made_up = real.get("made_up_municipality_details")
    if made_up:
        # The build refuses to publish while they are unset; the publishing build was measured with these.
        text += (
            "\n\ndata/municipality.yml is not ready to publish: measured with made-up values for "
            + ", ".join(f"`{detail}`" for detail in made_up)
            + " (bench/README.md)."
        )
    return text


def _scale(scale: list[dict[str, Any]]) -> str:
    rows = []
    for row in scale:
        generated, handwritten = row["generated"], row["handwritten"]
        rows.append(
            [
                f"{row['nodes']:,}",
                f"{row['pages_per_language']:,}",
                _kb(row["rules_bytes"]),
                f"{row['markdown_bytes']['generated']:,} / {row['markdown_bytes']['handwritten']:,}",
                f"{generated['seconds']['median']:.2f} s",
                f"{handwritten['seconds']['median']:.2f} s",
                f"{row['ratio']:.2f}",
                f"{row['cpu_ratio']:.2f}",
                f"{generated['peak_mb']['median']:.0f} / {handwritten['peak_mb']['median']:.0f} MB",
                f"{row['rules_load']['total_seconds']['median']:.3f} s",
            ]
        )
    header = [
        "nodes",
        "pages per language",
        "rules file",
        "Markdown bytes per page, gen / hand",
        "generated",
        "hand-written",
        "ratio",
        "CPU ratio",
        "peak memory, gen / hand",
        "rules load + validation",
    ]
    return table(header, rows)


def _views(html: dict[str, Any], views: dict[str, Any]) -> str:
    rows = []
    for key, view in views.items():
        first, repeat = view["first_view"], view["repeat_view"]
        kind, language = view.get("kind", key), view.get("language")
        sizes = html[kind]["languages"][language] if language else html[kind]
        rows.append(
            [
                kind + (" (no budget)" if kind in NO_BUDGET else ""),
                language or "all",
                f"`{view['path']}`",
                f"{_kb(sizes['median_bytes'])} / {_kb(sizes['max_bytes'])}",
                _kb(first["html"]),
                _kb(first["css"]),
                _kb(first["js"]),
                _kb(first["other"]),
                f"**{_kb(first['total'])}** ({first['requests']})",
                _kb(first["theme"]),
                f"{_kb(repeat['total'])} ({repeat['requests']}, {repeat['not_modified']} × 304)",
                str(first["third_party_bytes"] + repeat["third_party_bytes"]),
            ]
        )
    header = [
        "page type",
        "language",
        "measured page",
        "HTML of the type in the language, median / largest",
        "HTML",
        "CSS",
        "JS",
        "other",
        "first view (requests)",
        "of which the theme's files",
        "repeat view (requests)",
        "third-party bytes",
    ]
    return table(header, rows)


def _first_view_files(views: dict[str, Any]) -> str:
    """The files of the home page's first view, in each language (the first view when no home was measured)."""
    keys = [key for key, view in views.items() if view.get("kind", key) == "home"] or [next(iter(views))]
    header = ["file", "status", "kind", "gzip bytes", "shipped by"]
    parts = []
    for key in keys:
        rows = [
            [f"`{f['path']}`", str(f["status"]), f["kind"], _kb(f["body_bytes"]), "theme" if f["theme"] else "ours"]
            for f in views[key]["first_view_files"]
        ]
        parts.append(f"Files of the first view of the {key} page:\n\n" + table(header, rows))
    return "\n\n".join(parts)


def _lighthouse(lighthouse: dict[str, Any]) -> str:
    rows = []
    for kind, result in lighthouse.items():
        scores, metrics = result["scores"], result["metrics"]
        rows.append(
            [
                kind,
                *(f"{scores[c]:.2f}" for c in SCORE_TARGETS),
                f"{metrics['fcp_ms'] / 1000:.1f} s",
                f"{metrics['lcp_ms'] / 1000:.1f} s",
                f"{metrics['tbt_ms']:.0f} ms",
                f"{metrics['cls']:.3f}",
                "; ".join(result["shortfalls"]) or "–",
            ]
        )
    header = ["page type", *SCORE_TARGETS, "FCP", "LCP", "TBT", "CLS", "audits that cost points (median run)"]
    return table(header, rows)


def _checks(found: list[dict[str, Any]]) -> str:
    rows = [[c["check"], c["target"], c["measured"], "met" if c["met"] else "**MISSED**"] for c in found]
    return table(["check", "target", "measured", ""], rows)


def markdown(results: dict[str, Any]) -> str:
    parts = [
        f"# Benchmark results ({results['mode']})",
        f"Measured {results['measured_at']} with `{results['command']}`. KB = 1,024 bytes; sizes are gzip "
        "(level 6) bodies as served. bench/README.md explains every figure.",
        "## Machine",
        _machine(results["machine"]),
        "## Build of the real site",
        _real_site(results["real_site"]),
        "## Scale: generated guide pages against hand-written Markdown",
        "![Build time against number of nodes](build-time.svg)",
        _scale(results["scale"]),
        "## Page weight",
        _views(results["page_weight"]["html"], results["page_weight"]["views"]),
        _first_view_files(results["page_weight"]["views"]),
    ]
    if results.get("lighthouse"):
        parts += ["## Lighthouse 12.2.3, mobile", _lighthouse(results["lighthouse"])]
    else:
        parts += ["## Lighthouse", f"Not run: {results.get('lighthouse_skipped', 'skipped')}."]
    parts += ["## Checks against the targets", _checks(results["checks"])]
    return "\n\n".join(parts) + "\n"


# -- the plot ---------------------------------------------------------------------------------------


def plot(scale: list[dict[str, Any]], path: Path) -> None:
    """Build time against number of nodes, median with the min–max range, as a small SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # Text stays text (a smaller file) and ids do not change from run to run.
    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "borgerguide-bench", "font.size": 10})
    nodes = [row["nodes"] for row in scale]
    figure, axes = plt.subplots(figsize=(6.4, 4))
    for side, label, style in (
        ("generated", "generated by the rules hook", "o-"),
        ("handwritten", "hand-written Markdown", "s--"),
    ):
        seconds = [row[side]["seconds"] for row in scale]
        medians = [s["median"] for s in seconds]
        spread = [
            [m - s["min"] for m, s in zip(medians, seconds, strict=True)],
            [s["max"] - m for m, s in zip(medians, seconds, strict=True)],
        ]
        axes.errorbar(nodes, medians, yerr=spread, fmt=style, capsize=3, label=label)
    axes.set_xlabel("nodes in the rules file")
    axes.set_ylabel("build time, seconds (median, min–max)")
    axes.set_title("Build time of a small two-language site")
    axes.set_xlim(left=0)
    axes.set_ylim(bottom=0)
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, format="svg", metadata={"Date": None})
    plt.close(figure)
