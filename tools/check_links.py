"""make links: dead and redirected external links in the guidance pages and data files, with file and line.

Needs the internet, so it is opt-in and not part of `make test`. Exit status: 0 when no link is dead (redirects
are warnings), 1 when a link is dead, 2 when no site answered at all (the network seems closed: nothing checked).
"""

from __future__ import annotations

import argparse
import sys
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from borgerguide.editors.links import (  # noqa: E402
    DEFAULT_TIMEOUT,
    DEFAULT_WORKERS,
    LinkFileError,
    Result,
    check,
    find_links,
    host_of,
)

GONE = "find the page's new address or remove the link"


def dead_hint(result: Result) -> str:
    status = result.answer.status
    if status is None:
        if result.answer.kind == "dead":
            return "correct the address"
        return "the site did not answer: open the link in a browser; if the site is gone, remove the link"
    if status in (401, 403, 429):
        return "the site refused the checker: open the link in a browser; if the page is gone, " + GONE
    if status >= 500:
        return "the site had an error: try again later; if it lasts, " + GONE
    return GONE


def redirect_hint(result: Result) -> str:
    location = result.answer.location
    if location is None:
        return "the site gave no new address: open the link in a browser"
    old, new = urllib.parse.urlsplit(result.link.url), urllib.parse.urlsplit(location)
    if new.path in ("", "/") and old.path not in ("", "/"):
        return "the page seems gone (it leads to the front page): " + GONE
    return f"update the address to {location}"


def report_line(result: Result) -> str:
    link, answer = result.link, result.answer
    where = f"{link.file}:{link.line}:"
    if answer.kind == "redirect":
        return f"{where} REDIRECT {answer.status} {link.url} -> {answer.location or '(no address)'} -- " + (
            redirect_hint(result)
        )
    what = str(answer.status) if answer.status is not None else f"({answer.reason})"
    return f"{where} DEAD {what} {link.url} -- {dead_hint(result)}"


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def report(results: Sequence[Result], only_dead: bool = False) -> tuple[list[str], int]:
    """The lines to print and the exit status."""
    if not results:
        return ["No external links found in the pages or data files."], 0
    placeholders = [result for result in results if result.answer.kind == "placeholder"]
    checked = [result for result in results if result.answer.kind != "placeholder"]
    not_checked = [
        f"{result.link.file}:{result.link.line}: NOT CHECKED {result.link.url} -- a placeholder "
        f"({result.answer.reason}): set the real address before publishing"
        for result in placeholders
    ]
    skipped = f"; {plural(len(placeholders), 'placeholder')} not checked" if placeholders else ""
    if checked and all(result.answer.kind == "no-answer" for result in checked):
        # Not one site answered: the network is closed, not every site dead. One line per site, not per link.
        lines = ["No site answered: the network seems closed or offline, so no link was checked."]
        sites: dict[str, list[Result]] = {}
        for result in checked:
            sites.setdefault(result.host, []).append(result)
        for host, site in sites.items():
            lines.append(f"  {host}: {site[0].answer.reason}; {plural(len(site), 'link')} not checked")
        return [*lines, f"Run `make links` again with internet access{skipped}."], 2
    dead = [result for result in checked if result.answer.kind in ("dead", "no-answer")]
    moved = [result for result in checked if result.answer.kind == "redirect"]
    shown = ("dead", "no-answer") if only_dead else ("dead", "no-answer", "redirect")
    lines = [report_line(result) for result in checked if result.answer.kind in shown] + not_checked
    addresses = plural(len({result.link.url for result in checked}), "address", "addresses")
    hosts = plural(len({result.host for result in checked}), "site")
    hidden = " (not shown: --only-dead)" if only_dead and moved else ""
    lines.append(
        f"Checked {plural(len(checked), 'link')} ({addresses} on {hosts}): {len(dead)} dead, "
        f"{len(moved)} redirected{hidden}, {len(checked) - len(dead) - len(moved)} fine{skipped}."
    )
    return lines, 1 if dead else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds to wait for each site")
    parser.add_argument("--only-dead", action="store_true", help="leave out redirects (they stay in the summary)")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="sites asked at the same time")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to check (default: this one)")
    args = parser.parse_args(argv)
    try:
        links = find_links(args.root)
    except LinkFileError as error:
        print(error, file=sys.stderr)
        return 1
    sites = len({host_of(link.url) for link in links})
    print(f"Checking {plural(len(links), 'link')} on {plural(sites, 'site')}...", file=sys.stderr, flush=True)
    lines, status = report(check(links, timeout=args.timeout, workers=args.workers), only_dead=args.only_dead)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
