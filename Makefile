# The front door. `make serve` to preview, `make test` to check everything.
# Both set up what they need themselves (virtual environment, packages, browser).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
# The site generator: mkdocs, or properdocs (its maintained fork; README, "Building with ProperDocs").
ENGINE ?= mkdocs
export SITE_ENGINE := $(ENGINE)

NODE_STAMP := node_modules/.installed-stamp
BENCH_STAMP := $(VENV)/.bench-stamp
BENCH_NODE_STAMP := bench/node_modules/.installed-stamp

.PHONY: help setup tools browser serve site test test-fast check links changes lint format lix terms review translations golden screenshots nginx bench bench-smoke clean

help:
	@echo "make serve   - preview the site at http://127.0.0.1:8000 with live reload"
	@echo "make site    - build the site into site/ (the last good site stays if the build fails)"
	@echo "make test    - set up and run every test (build, content, decision trees, browser)"
	@echo "make check   - the quick check for editors: everything but the browser and server tests (under 1 min)"
	@echo "make changes BASE=main - what changed in guides and pages, with addresses and word diffs (FORMAT=markdown)"
	@echo "make links   - check external links in pages and data files (needs the internet; ONLY_DEAD=1 hides redirects)"
	@echo "make lint    - check code style with ruff"
	@echo "make site PREVIEW=1 - build a preview marked 'not ready to publish' while details are missing"
	@echo "make lix     - print the readability (LIX) of every Danish page"
	@echo "make terms   - check pages and data against the term list (data/terms.yml)"
	@echo "make review  - list pages and outcomes not reviewed for 12 months (MONTHS=6 for another age)"
	@echo "make translations - per language: missing translations, and translated pages older than the Danish page"
	@echo "make golden  - rewrite tests/golden/paths.txt after an intended change of the trees"
	@echo "make screenshots - build the site and photograph key pages at phone and desktop width"
	@echo "make bench   - measure build time, scale, page weight and Lighthouse scores (~15 min; bench/README.md)"
	@echo "make bench-smoke - the same with small sizes and one run (~1 min; CI runs it)"
	@echo "make nginx   - build and serve the site through the production nginx configuration (port 8080)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $@

setup: $(STAMP)

# Debian's Chromium for the browser tests (Playwright never downloads a browser of its own here),
# Java for the Nu Html Checker and nginx for the server configuration tests.
APT_INSTALL = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq

browser:
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Chromium (Debian package)..."; \
	  $(APT_INSTALL) chromium >/dev/null; }
	@command -v java >/dev/null 2>&1 || { echo "Installing Java (Debian package)..."; \
	  $(APT_INSTALL) default-jre-headless >/dev/null; }
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { echo "Installing nginx (Debian package)..."; \
	  $(APT_INSTALL) nginx >/dev/null; }

# The Nu Html Checker and axe-core, pinned in package.json / package-lock.json; used by tests only.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

tools: $(NODE_STAMP)

serve: setup
	$(BIN)/$(ENGINE) serve --config-file mkdocs.yml --dev-addr 127.0.0.1:8000

# PREVIEW=1 builds a site that says on every page that it is not ready to publish, even while details
# a citizen depends on (data/municipality.yml) are missing; without it, publishing refuses until they are set.
site: setup
	$(BIN)/python tools/build_site.py $(if $(PREVIEW),--preview)

# The tests run in one process per core (pytest-xdist): the browser tests are most of the time, and Chromium
# and the test code each keep a core busy. Each process builds the site once for itself.
test: setup tools browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n auto

# For editors: everything but the browser and web server tests (content, rules, pages, the built site,
# plain language, the term list), with located messages. About 50 s on two cores, one test process per core.
check: setup
	@start=$$(date +%s); \
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && \
	$(BIN)/python -m pytest -q -n auto -m "not browser and not server"; status=$$?; \
	echo "make check took $$(( $$(date +%s) - start )) s"; exit $$status

test-fast: check

# For the reviewer of a pull request: guide routes, questions, outcomes and pages that changed since BASE
# (default origin/main, else HEAD), with their addresses and a word-level diff. FORMAT=markdown for a PR comment.
changes: setup
	$(BIN)/python tools/changes_report.py $(if $(BASE),--base $(BASE)) $(if $(FORMAT),--format $(FORMAT)) $(if $(SITE_URL),--site-url $(SITE_URL))

# Opt-in, needs the internet: dead and redirected external links with file and line (not in CI).
# Exit 1 when a link is dead, 2 when no site answered (offline). TIMEOUT=seconds per site, ONLY_DEAD=1 hides redirects.
TIMEOUT ?= 10
links: setup
	$(BIN)/python tools/check_links.py --timeout $(TIMEOUT) $(if $(ONLY_DEAD),--only-dead)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lix: setup
	$(BIN)/python tools/lix_report.py

golden: setup
	$(BIN)/python tools/write_golden.py

# Pages and outcomes whose last_reviewed is older than MONTHS months (default 12), oldest first.
MONTHS ?= 12
review: setup
	$(BIN)/python tools/review_report.py --months $(MONTHS)

# Per language other than the default: every missing translation (pages, data texts, interface strings) and every
# translated page last reviewed before its default-language page, with file and line. Exit 1 only when one is missing.
translations: setup
	$(BIN)/python tools/translations_report.py

# The term list (data/terms.yml): every slip in pages and data files, with file and line.
terms: setup
	$(BIN)/python tools/check_terms.py

# Serve the published site/ through the production nginx configuration at http://127.0.0.1:8080.
nginx: site browser
	$(BIN)/python tools/nginx_config.py --site site --listen 127.0.0.1:8080 --out .nginx/nginx.conf
	$$( command -v nginx || echo /usr/sbin/nginx ) -c $(CURDIR)/.nginx/nginx.conf -p $(CURDIR)/.nginx -g "daemon off;"

screenshots: site browser
	$(BIN)/python tools/screenshots.py

# Benchmarks (bench/README.md): matplotlib for the plot, and Lighthouse pinned in bench/package.json
# (its own node_modules, so the test tools stay small).
$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
	touch $@

$(BENCH_NODE_STAMP): bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench: $(BENCH_STAMP) $(BENCH_NODE_STAMP) browser
	$(BIN)/python -m bench

bench-smoke: $(BENCH_STAMP) $(BENCH_NODE_STAMP) browser
	$(BIN)/python -m bench --smoke

clean:
	rm -rf site site.new site.old .pytest_cache
