# ITB Companion: common tasks. `make help` lists them.
SHELL := /bin/bash
PORT ?= 8080
HOST ?= 127.0.0.1
ENV := . scripts/env.sh &&

.PHONY: help test run web serve desktop desktop-smoke android-check fmt fmt-check clippy setup fuzz fuzz-full bench size-floor hardening

help:
	@echo "make test            everything CI runs (scripts/test-all.sh)"
	@echo "make run             build the web app and serve it on http://$(HOST):$(PORT)/ (HOST=0.0.0.0 for the LAN)"
	@echo "make desktop         run the desktop app"
	@echo "make desktop-smoke   desktop smoke test under Xvfb"
	@echo "make android-check   cargo check for aarch64-linux-android"
	@echo "make fmt / clippy    format the code / lint all targets"
	@echo "make fuzz / fuzz-full  cargo fuzz smoke / long run of the UDI, stored-file and import parsers"
	@echo "make bench           benchmark: card visible vs a static page, first-load size, tap to result, desktop first frame"
	@echo "make size-floor      gzip size of the smallest Dioxus build that renders the card (the floor for the first load)"
	@echo "make hardening       crash harness (200 SIGKILLs), corrupt-file corpus, bad-input table, full fuzz; prints their figures"
	@echo "make setup           install the toolchain and tools (idempotent)"

setup:
	scripts/setup.sh

test:
	scripts/test-all.sh

web: setup
	scripts/build-web.sh

serve:
	scripts/serve.sh $(PORT) $(HOST)

run: web
	scripts/serve.sh $(PORT) $(HOST)

desktop: setup
	$(ENV) cargo run --no-default-features --features desktop

desktop-smoke: setup
	scripts/desktop-smoke.sh

android-check: setup
	$(ENV) cargo check --target aarch64-linux-android --no-default-features --features mobile

bench:
	scripts/bench.sh

size-floor:
	scripts/size-floor.sh

fuzz:
	scripts/fuzz.sh quick

fuzz-full:
	scripts/fuzz.sh full

hardening:
	scripts/hardening.sh

fmt:
	cargo fmt --all

fmt-check:
	cargo fmt --all --check

clippy:
	$(ENV) cargo clippy --all-targets -- -D warnings
	$(ENV) cargo clippy --all-targets --no-default-features --features desktop -- -D warnings
	$(ENV) cargo clippy --target wasm32-unknown-unknown -- -D warnings
