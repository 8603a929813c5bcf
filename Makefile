# Kompetanseinnsyn. `make site` builds the site, `make test` runs every test; both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup system-deps site build demo serve test snapshots lint fmt bench data vendor clean
# Debian packages the browser, serving and HTML-validation tests need (installed when missing and root).
DEBIAN_PACKAGES := chromium nginx libnginx-mod-http-brotli-static wrk default-jre-headless iproute2 libreoffice-calc

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the project with its test tools

site: $(STAMP) ## Build site/ from the bundled data
	$(BIN)/innsyn build --out site

build: site ## Same as `make site`

demo: $(STAMP) ## Build the demonstration package examples/demo/ (made-up figures, DEMO banner) into demo-site/, never site/
	$(BIN)/innsyn build --data examples/demo --content examples/content --out demo-site

serve: $(STAMP) ## Live-reloading preview on http://127.0.0.1:8000/
	$(BIN)/innsyn serve --port 8000

system-deps: ## Install the Debian packages the tests need (chromium, nginx, wrk, Java) when missing
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Missing Debian packages: $$missing (install them, or browser and serving tests are skipped)"; fi; \
	fi

test: $(STAMP) system-deps lint ## Lint, then run the whole test suite on two workers (pytest-xdist; all tests of a file on one worker), browser, nginx and HTML-validation tests included
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

snapshots: $(STAMP) ## Regenerate the golden HTML snapshots, then review `git diff tests/snapshots`
	$(BIN)/python -m pytest -q tests/test_snapshots.py --update-snapshots

lint: $(STAMP) ## ruff check, ruff format --check and mypy (strict) over the code and the tests
	$(BIN)/ruff check builder tests bench data/make_example.py data/make_statsregnskap.py
	$(BIN)/ruff format --check builder tests bench
	$(BIN)/mypy builder

fmt: $(STAMP) ## Format and auto-fix
	$(BIN)/ruff format builder tests bench
	$(BIN)/ruff check --fix builder tests bench

bench: $(STAMP) ## Build-time, memory and page-weight benchmark at 1x, 10x and 100x data, and the ratio to Hugo
	@command -v hugo >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo; \
	  else echo "hugo is missing (apt-get install hugo): the ratio to Hugo is skipped"; fi; }
	$(BIN)/python -m bench.run

vendor: $(STAMP) ## Remake the shipped .gz/.br (quality 11) of the large vendored files in builder/static/vendor/
	$(BIN)/python -c "from builder.publish.compress import write_vendored; print(*write_vendored(), sep='\n')"

data: ## Regenerate data/ and the demo package examples/demo/ from data/upstream/ (deterministic)
	$(PYTHON) data/make_statsregnskap.py
	$(PYTHON) data/make_example.py

clean: ## Remove build output and caches
	rm -rf site .site-releases demo-site .demo-site-releases .preview build-report.json .pytest_cache .mypy_cache .ruff_cache
