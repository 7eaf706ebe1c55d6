"""Render the nginx configuration for a built site, with a Content-Security-Policy made for it.

The theme puts a few small inline scripts in every page. Rather than allowing all inline scripts
('unsafe-inline'), the policy lists the SHA-256 hash of each distinct one found in the built pages, so a
script injected into a page would not run.

    python tools/nginx_config.py --site site --listen 127.0.0.1:8080 --out nginx.conf
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import sys
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXECUTABLE_TYPES = {None, "", "text/javascript", "application/javascript", "module"}


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") in EXECUTABLE_TYPES:
            self._inside, self._buffer = True, []

    def handle_data(self, data: str) -> None:
        if self._inside:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inside:
            self.scripts.append("".join(self._buffer))
            self._inside = False


def inline_script_hashes(site: Path) -> list[str]:
    hashes = set()
    for page in site.rglob("*.html"):
        parser = _InlineScripts()
        parser.feed(page.read_text("utf-8"))
        for script in parser.scripts:
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(site: Path) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *inline_script_hashes(site)]),
        "style-src": "'self'",
        # The theme's icons are data: URIs in its CSS.
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "worker-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def render(site: Path, listen: str, state: Path) -> str:
    # The municipality's own details live in one file (data/municipality.yml), /was included.
    municipality = yaml.safe_load((ROOT / "data" / "municipality.yml").read_text("utf-8"))
    csp = content_security_policy(site)

    def headers(cache_control: str) -> str:
        # nginx drops inherited add_header lines in a location that has its own, so every location repeats them.
        lines = [
            f'add_header Cache-Control "{cache_control}" always;',
            f'add_header Content-Security-Policy "{csp}" always;',
            'add_header X-Content-Type-Options "nosniff" always;',
            'add_header Referrer-Policy "no-referrer" always;',
            'add_header X-Frame-Options "DENY" always;',
            'add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), interest-cohort=()" always;',
            'add_header Cross-Origin-Opener-Policy "same-origin" always;',
        ]
        return "\n            ".join(lines)

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "deploy"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    return environment.get_template("nginx.conf.j2").render(
        root=site.resolve(),
        listen=listen,
        state=state.resolve(),
        mime_types="/etc/nginx/mime.types",
        run_as_root=os.geteuid() == 0,
        accessibility_statement=municipality["accessibility_statement"],
        headers=headers,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument("--state", type=Path, default=ROOT / ".nginx", help="folder for pid, logs and temp files")
    parser.add_argument("--out", type=Path, default=ROOT / ".nginx" / "nginx.conf")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found: build the site first (make site).", file=sys.stderr)
        return 1
    args.state.mkdir(parents=True, exist_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(args.site, args.listen, args.state), "utf-8")
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
