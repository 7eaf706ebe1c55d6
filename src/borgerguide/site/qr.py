"""Public addresses and QR codes for pages that are printed: the teaching kit's handouts and the guides' outcomes.

A printed page carries a QR code of its own absolute address, so a reader, a relative or a volunteer can open
the same page on a phone. The codes are drawn at build time as inline SVG: no script, no request, sharp in print.
"""

from __future__ import annotations

import segno

from borgerguide.languages import Language, Languages

# QR error correction "M" survives a smudged or creased printout (15 %) and keeps the code small.
QR_ERROR = "m"


def absolute_url(site_url: str, languages: Languages, language: Language, path: str) -> str:
    """The public address of a page (``path`` relative to the language root), as a QR code must carry it."""
    return site_url.rstrip("/") + "/" + languages.prefix(language) + path


def qr_svg(url: str, title: str) -> str:
    """A QR code for ``url`` as inline SVG with ``title`` as its accessible name."""
    code = segno.make(url, error=QR_ERROR, micro=False)
    svg = code.svg_inline(
        omitsize=True, border=4, svgclass="dd-qr__code", lineclass="dd-qr__modules", title=title, dark="#000"
    )
    # role=img makes screen readers announce the <title>; the address is printed beside the code as well.
    return svg.replace("<svg ", '<svg role="img" ', 1)
