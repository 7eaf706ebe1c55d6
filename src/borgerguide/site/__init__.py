"""The site's rendering: generated pages for each guide (render), the flowchart's layout (flowchart), page
addresses (urls), QR codes of public addresses (qr), interface strings per language (strings, strings/) and
the Jinja2 templates (templates/)."""
