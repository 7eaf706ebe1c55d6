"""Benchmarks of the site (build speed, scale of the rules file, page weight, Lighthouse): `make bench`."""
