# lobbyd — see README.md. `make demo` and `make test` are the contract: both work on a fresh
# Debian 12 machine with Swift, installing the Debian packages they need when run as root.

SWIFT        ?= swift
CONFIG       ?= debug
BIN          := .build/$(CONFIG)
FORMAT_PATHS := Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Sources

# Everything the build, the tests and the demo need from Debian.
APT_PACKAGES := pkg-config libserialport-dev libsqlite3-dev libfreetype-dev zlib1g-dev fonts-unifont

.PHONY: all deps build test demo bench lint format install uninstall clean

all: build

## deps: install missing Debian packages (as root), or say exactly what to install.
deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' "$$package" 2>/dev/null | grep -q '^install ok installed' \
	    || missing="$$missing $$package"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -ne 0 ]; then \
	  echo "make deps: missing Debian packages:$$missing" >&2; \
	  echo "make deps: install them with: sudo apt-get install$$missing   (or run: sudo make deps)" >&2; \
	  exit 1; \
	fi; \
	echo "make deps: installing$$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

## build: debug build of every target.
build: deps
	$(SWIFT) build -c $(CONFIG)

## test: every test (unit, property, end-to-end), Swift Testing.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

## demo: the whole system against the simulated sign (demo/demo.sh explains what it sets up).
demo: build
	@./demo/demo.sh "$(BIN)"

## bench: benchmarks (Benchmarks/, a separate package), never part of `make test`. Each prints
## its figures and the ratio against a reference measured in the same run.
## `make bench BENCH="daemon store"` runs only those (render, wire, latency, daemon, store).
BENCH_VENV := .build-bench/venv
bench: deps $(BENCH_VENV)/bin/python
	$(SWIFT) build -c release
	cd Benchmarks && $(SWIFT) build -c release --scratch-path ../.build-bench/swift
	.build-bench/swift/release/lobby-bench $(BENCH_VENV)/bin/python .build/release $(BENCH)

$(BENCH_VENV)/bin/python:
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet pillow

## lint: swift-format in strict mode, as CI runs it.
lint:
	$(SWIFT) format lint --strict --recursive $(FORMAT_PATHS)

## format: rewrite sources in the house style.
format:
	$(SWIFT) format format --in-place --recursive $(FORMAT_PATHS)

install uninstall:
	@echo "make $@: not available yet; the systemd installation arrives with the install issue." >&2
	@exit 1

clean:
	$(SWIFT) package clean
	rm -rf .build .build-bench
