# Carbon Partner Assistant — developer commands. Every target is idempotent.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install browser postgres demo test test-fast bench bench-scale slack review screenshots eval ingest clean

install: $(STAMP)

# torch is pinned and installed first: an unpinned torch would pull a CUDA build.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

ingest: install
	$(BIN)/carbonbot ingest knowledge

demo: ingest
	$(BIN)/python -m bot.demo

# A Debian package the tests need, installed when running as root, else one line says how.
# $(call apt_need,<command that succeeds once it is installed>,<package>,<what needs it>)
define apt_need
	@$(1) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(2); \
	  else \
	    echo "make test needs $(3): run 'sudo apt-get install -y $(2)', then make test" >&2; \
	    exit 1; \
	  fi; }
endef

# The browser tests drive Debian's Chromium.
browser:
	$(call apt_need,command -v chromium,chromium,Chromium for the browser tests)

# The shared-state tests run every case on SQLite and on a throwaway PostgreSQL server (Debian's binaries,
# started by the tests in a temp dir).
postgres:
	$(call apt_need,ls /usr/lib/postgresql/*/bin/initdb,postgresql,PostgreSQL for the database tests)

test: install browser postgres
	$(BIN)/python -m pytest -q

test-fast: install postgres
	$(BIN)/python -m pytest -q -m "not slow and not server and not browser"

eval: install
	$(BIN)/carbonbot eval --report reports/eval

# Warm latency on the sample knowledge, then the whole program at 1,000 generated firms (figures in reports/bench.json).
bench: install
	$(BIN)/carbonbot bench
	$(BIN)/carbonbot bench --firms 1000 --json reports/bench.json

# The same at 10,000 firms (about 1,000,000 ledger rows), figures rendered into the README.
bench-scale: install
	nice -n 10 $(BIN)/carbonbot bench --firms 10000 --json reports/bench.json --readme README.md

slack: ingest
	$(BIN)/carbonbot slack

review: ingest
	$(BIN)/carbonbot review

# The review console's screenshots in docs/, from the browser test (a Korean font, so Hangul is not boxes).
screenshots: install browser
	@fc-list 2>/dev/null | grep -qi nanum || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-nanum; } || true
	WRITE_DOCS_SCREENSHOT=1 $(BIN)/python -m pytest -q tests/bot/review/test_review_browser.py

clean:
	rm -rf .data reports
