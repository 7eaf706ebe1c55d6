"""Tools for content editors and reviewers: the term list (terms), review dates (review), what a change
does to guides and pages (changes) and the external link check (links)."""
