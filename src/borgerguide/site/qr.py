"""Public addresses and QR codes for pages that are printed: the teaching kit's handouts and the guides' outcomes.

A printed page carries a QR code of its own absolute address, so a reader, a relative or a volunteer can open
the same page on a phone. The codes are drawn at build time as inline SVG: no script, no request, sharp in print.
"""

from __future__ import annotations

import segno

from borgerguide.rules.model import LANGUAGES, Language

# QR error correction "M" survives a smudged or creased printout (15 %) and keeps the code small.
QR_ERROR = "m"


def absolute_url(site_url: str, language: Language, path: str) -> str:
    """The public address of a page (``path`` relative to the language root), as a QR code must carry it."""
    prefix = "" if language == LANGUAGES[0] else f"{language}/"
    return site_url.rstrip("/") + "/" + prefix + path


def qr_svg(url: str, title: str) -> str:
    """A QR code for ``url`` as inline SVG with ``title`` as its accessible name."""
    code = segno.make(url, error=QR_ERROR, micro=False)
    svg = code.svg_inline(
        omitsize=True, border=4, svgclass="dd-qr__code", lineclass="dd-qr__modules", title=title, dark="#000"
    )
    # role=img makes screen readers announce the <title>; the address is printed beside the code as well.
    return svg.replace("<svg ", '<svg role="img" ', 1)
