"""The guidance pages: front matter and language parity (pages), the [[contact:]], [[tree:]] and [[term:]]
markers in them (markers), and the glossary whose terms they link to (glossary)."""
