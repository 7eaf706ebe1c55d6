"""The theme's stylesheets without the rules no page uses (README, "Search and page weight"); the logic is in
borgerguide.site.unused_css, this hook only reads and writes the built files.

After the i18n plugin has built every language (its ``on_post_build``, priority -100; its inner builds are
skipped), each of the theme's ``assets/stylesheets/*.min.css`` is pruned against every built page and every
script the theme ships, written under a new fingerprint, and every page is pointed at the new name. The old
file and its source map (which no longer matches) are removed. The site's own stylesheets (``extra_css``,
from overrides/) keep every rule and lose their comments and extra white space.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from borgerguide.site.unused_css import fingerprint, minify_css, prune_css, used_names

STYLESHEETS = "assets/stylesheets"
SCRIPTS = "assets/javascripts"


@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return  # an inner build of one language: the pages of every language exist only at the end
    site = Path(config.site_dir)
    sheets = sorted((site / STYLESHEETS).glob("*.min.css"))
    if not sheets:
        return
    pages = {path: path.read_text("utf-8") for path in site.rglob("*.html")}
    scripts = [path.read_text("utf-8") for path in (site / SCRIPTS).rglob("*.js")]
    used = used_names(pages.values(), scripts)
    renamed: dict[str, str] = {}
    for sheet in sheets:
        try:
            pruned = prune_css(sheet.read_text("utf-8"), used)
        except ValueError as error:
            raise PluginError(f"{sheet}: {error}; the theme's stylesheet could not be read for pruning") from None
        name = fingerprint(sheet.name, pruned)
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
        if name != sheet.name:
            sheet.unlink()
            renamed[f"{STYLESHEETS}/{sheet.name}"] = f"{STYLESHEETS}/{name}"
        (site / STYLESHEETS / name).write_text(pruned, "utf-8")
    for extra in config.extra_css:
        own = site / str(extra)
        if own.suffix == ".css" and own.is_file():
            try:
                own.write_text(minify_css(own.read_text("utf-8")), "utf-8")
            except ValueError as error:
                raise PluginError(f"{extra} (overrides/{extra}): {error}") from None
    for path, html in pages.items():
        changed = html
        for old, new in renamed.items():
            changed = changed.replace(old, new)
        if changed != html:
            path.write_text(changed, "utf-8")
