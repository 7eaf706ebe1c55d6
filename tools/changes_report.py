"""make changes: what changed in the guides and pages between BASE (a git ref) and the working tree.

For the reviewer of a pull request: every guide start page, question, outcome, route and page whose text,
answers or targets changed, in every language, with its address on the site and a word diff of the text
(removed words [-like this-], new words {+like this+}; with --format markdown, struck out and underlined).

The old version is taken out of git into a temporary folder (data/ and docs/ only) and read with the same
loaders as the build. A version that does not load is named with its problems; the report still exits 0.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from borgerguide.editors.changes import compare, format_markdown, format_text, load_snapshot  # noqa: E402
from borgerguide.languages import CONFIG_FILE  # noqa: E402

# What the report compares: the rules file and the guidance pages.
PARTS = ("data", "docs")
DEFAULT_BASES = ("origin/main", "HEAD")


class GitError(Exception):
    pass


def git(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed.") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed."
        raise GitError(message)
    return result.stdout


def commit_of(root: Path, ref: str) -> str | None:
    """The short commit ID a ref names, or None if it names no commit."""
    try:
        return git(root, "rev-parse", "--verify", "--quiet", "--short", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        return None


def default_base(root: Path) -> str:
    return next((ref for ref in DEFAULT_BASES if commit_of(root, ref)), "HEAD")


def materialise(root: Path, ref: str, target: Path) -> None:
    """Write data/, docs/ and mkdocs.yml as they are at ``ref`` into ``target``; a folder missing there is left
    out."""
    prefix = git(root, "rev-parse", "--show-prefix").decode().strip()
    for part in PARTS:
        tree = f"{ref}:{prefix}{part}"
        try:
            git(root, "cat-file", "-e", tree)
        except GitError:
            continue
        archive = git(root, "archive", "--format=tar", f"--prefix={part}/", tree)
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
            tar.extractall(target, filter="data")
    # The languages of that version are in its configuration.
    (target / CONFIG_FILE).write_bytes(git(root, "show", f"{ref}:{prefix}{CONFIG_FILE}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", help="the git ref to compare with (default: origin/main if it exists, else HEAD)")
    parser.add_argument("--format", choices=("text", "markdown"), default="text", help="plain text or Markdown")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    parser.add_argument("--site-url", default="", help="put this in front of the addresses, e.g. https://...")
    parser.add_argument("--width", type=int, default=100, help="wrap plain text at this width (0: never)")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    try:
        git(root, "rev-parse", "--git-dir")
        base = args.base or default_base(root)
        commit = commit_of(root, base)
        if commit is None:
            print(f"'{base}' is not a commit, branch or tag in {root}; check BASE=...", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory(prefix="changes-") as folder:
            materialise(root, base, Path(folder))
            old = load_snapshot(Path(folder), f"{base} ({commit})" if base != commit else base)
            new = load_snapshot(root, "the working tree")
            changes = compare(old, new)
    except GitError as error:
        print(f"git could not read the old version from {root}: {error}", file=sys.stderr)
        return 2
    if args.format == "markdown":
        print(format_markdown(changes, args.site_url), end="")
    else:
        print(format_text(changes, args.site_url, args.width), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
