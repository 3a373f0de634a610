# Lectern: `make` sets up what is missing, builds, and runs the pipeline on content/ into output/;
# `make test` runs the test suite. See README.md.
SWIFT ?= swift
BUILD_FLAGS ?= -c release
BIN := .build/release

.PHONY: all deps build test bench bench-peers clean

all: build
	$(BIN)/lectern build --content content --output output
	$(BIN)/lectern import content/logs --state output/state.sqlite
	$(BIN)/lectern faq --state output/state.sqlite --index output/index --output output/faq
	@# The drafts go into the state too, so the site's FAQ page lists them (none: nothing to import).
	@set -- output/faq/*.json; if [ -e "$$1" ]; then $(BIN)/lectern import "$$@" --doctype "AI FAQ Draft" --state output/state.sqlite; fi
	$(BIN)/lectern reports --state output/state.sqlite --output output/site

deps:
	@scripts/deps.sh

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

# Release mode: the parity tests run the real model, which is slow unoptimized.
test: deps
	$(SWIFT) test $(BUILD_FLAGS)

bench: build
	$(BIN)/lectern-bench

# Opt-in: the same workloads through sentence-transformers (about 3 GB of downloads, once).
bench-peers: bench
	bench/peers/run.sh

clean:
	rm -rf .build output/bench output/faq output/index output/site output/state.sqlite*
