"""make translations: per language other than the default, every missing translation (pages, texts in the
data files, interface strings) and every translated page last reviewed before its default-language page, each
with file and line.

Exit code 0 when nothing is missing (pages to bring up to date do not fail it), 1 when something is missing or
a file cannot be read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from borgerguide import read_languages  # noqa: E402
from borgerguide.editors.translations import TranslationReport, translation_report  # noqa: E402
from borgerguide.errors import RulesError  # noqa: E402


def render(report: TranslationReport) -> str:
    """The report as plain text, one section per language."""
    lines: list[str] = []
    for problem in report.problems:
        lines.append(f"Cannot read: {problem}")
    for language in report.languages:
        if lines:
            lines.append("")
        if not language.missing and not language.stale:
            lines.append(f"{language.label}: everything is translated and up to date.")
            continue
        lines.append(f"{language.label}: {len(language.missing)} missing, {len(language.stale)} out of date")
        if language.missing:
            lines.append(f"  Missing (located at the {report.default_label} text to translate):")
            lines.extend(f"    {item.where}  {item.what}" for item in language.missing)
        if language.stale:
            lines.append(f"  Out of date (last_reviewed before the {report.default_label} page):")
            lines.extend(f"    {item.where}  {item.what}" for item in language.stale)
    if not report.languages:
        lines.append("The site has one language, so there is nothing to translate.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    args = parser.parse_args(argv)
    try:
        languages = read_languages(args.root)
    except RulesError as error:
        print(error.report(), file=sys.stderr)
        return 1
    report = translation_report(args.root, languages)
    print(render(report))
    return 0 if report.complete else 1


if __name__ == "__main__":
    sys.exit(main())
