"""Build the site into a fresh folder and publish it only if the whole build succeeds.

A failed build (a broken rules file, a dead link, a missing translation) leaves the last good site in
site/ untouched, so a mistake never takes the public site down or publishes half a site.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from site_checks import site_problems  # noqa: E402

# The site generators that build this project unchanged (README, "Building with ProperDocs").
ENGINES = ("mkdocs", "properdocs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", action="store_true", help="build while details are missing, marked as a preview")
    parser.add_argument(
        "--site-dir",
        type=Path,
        default=ROOT / "site",
        help="where to publish (default: site/ in the project; a relative path is taken from the current folder)",
    )
    arguments = parser.parse_args(argv)
    preview = arguments.preview
    published = arguments.site_dir.resolve()
    refusal = _refusal(published)
    if refusal:
        print(f"--site-dir {arguments.site_dir}: {refusal} Nothing was built or removed.", file=sys.stderr)
        return 2
    engine = os.environ.get("SITE_ENGINE") or "mkdocs"
    if engine not in ENGINES:
        print(
            f"SITE_ENGINE={engine} is not a site generator this project builds with; use one of: {', '.join(ENGINES)}.",
            file=sys.stderr,
        )
        return 2
    fresh = published.with_name(published.name + ".new")
    old = published.with_name(published.name + ".old")
    shutil.rmtree(fresh, ignore_errors=True)
    # Without a preview, the build refuses while details a citizen depends on are missing
    # (hooks/borgerguide_adapter.py).
    env = {**os.environ, "BORGERGUIDE_PREVIEW": "1" if preview else "0"}
    build = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(fresh)],
        cwd=ROOT,
        env=env,
        check=False,
    )
    problems = site_problems(fresh, ROOT / "docs") if build.returncode == 0 else []
    for problem in problems:
        print(f"CHECK FAILED: {problem}", file=sys.stderr)
    if build.returncode != 0 or problems:
        shutil.rmtree(fresh, ignore_errors=True)
        kept = "No site was published."
        if published.exists():
            kept = f"The last good site in {_shown(published)}/ is unchanged."
        print(f"\nBUILD FAILED: nothing was published. {kept}", file=sys.stderr)
        return 1
    shutil.rmtree(old, ignore_errors=True)
    if published.exists():
        published.rename(old)
    fresh.rename(published)
    shutil.rmtree(old, ignore_errors=True)
    what = "Preview (not ready to publish) built" if preview else "Site published"
    print(f"{what} to {_shown(published)}/")
    return 0


def _refusal(published: Path) -> str | None:
    """Why a folder may not be published to, or None. Publishing replaces the folder (and its .new and .old
    siblings) as a whole, so it must be a built site or a new folder, never the project or its sources."""
    if published == ROOT or published in ROOT.parents:
        return "this folder holds the project itself; publish to a folder of its own (the default is site/)."
    if published.is_relative_to(ROOT / "docs"):
        return "this folder is inside docs/, which the site is built from; publish outside it (the default is site/)."
    if published.is_dir() and any(published.iterdir()) and not (published / "index.html").is_file():
        return "this folder holds files but no built site, and publishing would replace them; choose a new folder."
    return None


def _shown(folder: Path) -> str:
    return str(folder.relative_to(ROOT)) if folder.is_relative_to(ROOT) else str(folder)


if __name__ == "__main__":
    sys.exit(main())
