"""Build the site into a fresh folder and publish it only if the whole build succeeds.

A failed build (a broken rules file, a dead link, a missing translation) leaves the last good site in
site/ untouched, so a mistake never takes the public site down or publishes half a site.
"""

from __future__ import annotations

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
    preview = "--preview" in (sys.argv[1:] if argv is None else argv)
    engine = os.environ.get("SITE_ENGINE") or "mkdocs"
    if engine not in ENGINES:
        print(
            f"SITE_ENGINE={engine} is not a site generator this project builds with; use one of: {', '.join(ENGINES)}.",
            file=sys.stderr,
        )
        return 2
    published = ROOT / "site"
    fresh = ROOT / "site.new"
    old = ROOT / "site.old"
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
        kept = "The last good site in site/ is unchanged." if published.exists() else "No site was published."
        print(f"\nBUILD FAILED: nothing was published. {kept}", file=sys.stderr)
        return 1
    shutil.rmtree(old, ignore_errors=True)
    if published.exists():
        published.rename(old)
    fresh.rename(published)
    shutil.rmtree(old, ignore_errors=True)
    what = "Preview (not ready to publish) built" if preview else "Site published"
    print(f"{what} to {published.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
