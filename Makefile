# lobbyd — see README.md. `make demo` and `make test` are the contract: both work on a fresh
# Debian 12 machine with Swift, installing the Debian packages they need when run as root.

SHELL        := /bin/bash
SWIFT        ?= swift
CONFIG       ?= debug
BIN          := .build/$(CONFIG)
FORMAT_PATHS := Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Sources Fuzz/Package.swift Fuzz/Sources

# Everything the build, the tests and the demo need from Debian.
# systemd-analyze (systemd), ansible-playbook (ansible) and promtool (prometheus) check the units,
# the fleet playbooks, the alert rules and the metrics file in `make test`; python3 (3.11, tomllib) is
# the reference the TOML parser is tested against. chromium prints the monthly report's HTML to PDF
# in a test, poppler-utils reads the PDF back (pdfinfo, pdftotext, pdftoppm), fonts-wqy-microhei
# gives it Chinese glyphs.
APT_PACKAGES := pkg-config libserialport-dev libsqlite3-dev sqlite3 libfreetype-dev zlib1g-dev fonts-unifont systemd python3 \
                ansible prometheus chromium poppler-utils fonts-wqy-microhei man-db groff-base binutils

.PHONY: all deps build test fuzz soak check-units check-contrib manpages shipped-calendar demo bench lint format install install-files uninstall clean

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

## test: every test (unit, property, end-to-end), Swift Testing, and the systemd units checked.
test: deps
	$(SWIFT) build --build-tests
	./systemd/check-units
	$(MAKE) check-contrib
	$(SWIFT) test --skip-build --disable-xctest

## check-units: systemd-analyze verify, and the exposure score of each service (fails above 2.0).
check-units: build
	./systemd/check-units

## check-contrib: the fleet playbooks parse (ansible-playbook --syntax-check) and the alert rules
## load (promtool check rules).
check-contrib:
	ANSIBLE_LOCALHOST_WARNING=false ansible-playbook --syntax-check -i contrib/ansible/inventory.example.ini \
	  contrib/ansible/install.yml contrib/ansible/publish.yml
	promtool check rules contrib/prometheus/lobbyd-alerts.yml

## manpages: the man pages, written by hand in man/ (English) and man/zh_CN/ (Chinese):
## lobbyd(8), lobbyd.toml(5), lobbyctl(1). This target renders each, as `man -l` does.
MAN_PAGES := man/lobbyd.8 man/lobbyd.toml.5 man/lobbyctl.1
manpages:
	for page in $(MAN_PAGES) $(subst man/,man/zh_CN/,$(MAN_PAGES)); do \
	  man -l $$page > /dev/null 2>&1 || { echo "make manpages: $$page does not render" >&2; exit 1; }; \
	done

## shipped-calendar: compiles calendar/cn-*.toml into the programs as their default calendar
## (Sources/LobbyCore/Calendar/ShippedCalendar.swift; ShippedCalendarTests fails until this is run
## after a change to calendar/).
shipped-calendar:
	./Tests/Tools/shipped-calendar.sh

## demo: the whole system against the simulated sign (demo/demo.sh explains what it sets up).
## CONTROLLER=onbon-bx: against a simulated Onbon card; LINK=tcp: that card over TCP.
CONTROLLER ?= alpha
LINK ?= serial
demo: build
	@CONTROLLER="$(CONTROLLER)" LINK="$(LINK)" ./demo/demo.sh "$(BIN)"

## bench: benchmarks (Benchmarks/, a separate package), never part of `make test`. Each prints
## its figures and the ratio against a reference measured in the same run.
## `make bench BENCH="daemon store"` runs only those (render, wire, latency, daemon, store).
BENCH_VENV := .build-bench/venv
bench: deps $(BENCH_VENV)/bin/python
	$(SWIFT) build -c release
	@# SwiftPM does not see files added to the parent package through the path dependency
	@# until its build plan is made again; removing the plan costs a second, not a rebuild.
	rm -f .build-bench/swift/release.yaml
	cd Benchmarks && $(SWIFT) build -c release --scratch-path ../.build-bench/swift
	.build-bench/swift/release/lobby-bench $(BENCH_VENV)/bin/python .build/release $(BENCH)

$(BENCH_VENV)/bin/python:
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet pillow

## fuzz: libFuzzer (with AddressSanitizer and LeakSanitizer) on the playlist path (each input
## signed by a trusted key, validated signature first), on TOML built by a structure-aware
## generator, on the control request parser and on the signs' packet decoders (Alpha, Onbon), FUZZ_SECONDS each
## (default 60), inputs up to the real file limit (1 MiB), never part of `make test`. New
## inputs that reach new code are kept in Tests/Fuzz/corpus/TARGET; a crash or a leak stops it
## and leaves the input in .build-fuzz/findings/TARGET/ (make it a regression test).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= playlist toml control alpha onbon
fuzz: deps
	@# -Xswiftc: SwiftPM's --sanitize instruments only this package; the code under test is a dependency.
	cd Fuzz && $(SWIFT) build --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
	  --scratch-path ../.build-fuzz
	for target in $(FUZZ_TARGETS); do \
	  mkdir -p Tests/Fuzz/corpus/$$target .build-fuzz/findings/$$target || exit 1; \
	  echo "make fuzz: $$target for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 SWIFT_BACKTRACE=enable=no LOBBY_FUZZ_TARGET=$$target .build-fuzz/debug/lobby-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=1048576 -timeout=10 -detect_leaks=1 \
	    -artifact_prefix=.build-fuzz/findings/$$target/ -print_final_stats=1 Tests/Fuzz/corpus/$$target \
	    2>&1 | grep -E '^(stat::(number_of_executed_units|new_units_added|peak_rss_mb)|==[0-9]+==|SUMMARY|INFO: seed)|Assertion|Fatal' ; \
	  test $${PIPESTATUS[0]} -eq 0 || { echo "make fuzz: $$target found a crash or a leak; see .build-fuzz/findings/$$target/" >&2; exit 1; }; \
	done

## soak: the hall's life in virtual time (Tests/SoakTests): SOAK_DAYS days (default 90) from
## SOAK_START against the real player, link, spool and event log, with playlists, pulled cables,
## power cuts and clock steps drawn from SOAK_SEED. Prints the `reliability: soak` figures that
## RELIABILITY.md quotes; takes about 16 minutes on 2 cores. `make test` runs a week of it.
## Then the hall's whole upload (19 pages) and its re-upload after a power cut through lobby-sim
## at real line speed, at each of SOAK_BAUDS (Tests/EndToEndTests/LinkSoakTests.swift, about 5
## minutes); `make test` runs one page at 9600.
SOAK_DAYS  ?= 90
SOAK_START ?= 2026-09-01
SOAK_SEED  ?= 20261125
SOAK_BAUDS ?= 9600 4800
soak: deps
	$(SWIFT) build --build-tests
	LOBBY_SOAK_DAYS=$(SOAK_DAYS) LOBBY_SOAK_START=$(SOAK_START) LOBBY_SOAK_SEED=$(SOAK_SEED) \
	  $(SWIFT) test --skip-build --disable-xctest --filter 'SoakTests\.'
	LOBBY_SOAK_PAGES=19 LOBBY_SOAK_BAUDS="$(SOAK_BAUDS)" \
	  $(SWIFT) test --skip-build --disable-xctest --filter LinkSoakTests

## lint: swift-format in strict mode, as CI runs it.
lint:
	$(SWIFT) format lint --strict --recursive $(FORMAT_PATHS)

## format: rewrite sources in the house style.
format:
	$(SWIFT) format format --in-place --recursive $(FORMAT_PATHS)

## install: release build, then everything below into $(DESTDIR)$(PREFIX) and /etc (see
## docs/INSTALL.md). An existing /etc/lobbyd/lobbyd.toml is never overwritten. Afterwards:
## systemd-sysusers; systemd-tmpfiles --create; systemctl enable --now lobbyd
PREFIX      ?= /usr/local
DESTDIR     ?=
SYSCONFDIR  ?= /etc
INSTALL_BIN ?= .build/release
BINDIR      := $(PREFIX)/bin
LIBDIR      := $(PREFIX)/lib
DATADIR     := $(PREFIX)/share/lobbyd
DOCDIR      := $(PREFIX)/share/doc/lobbyd
MANDIR      := $(PREFIX)/share/man
UNITS       := lobbyd.service lobbyd-report.service lobbyd-report.timer
install: deps
	$(MAKE) build CONFIG=release
	$(MAKE) install-files

## install-files: the installation without building (INSTALL_BIN names the binaries' directory).
install-files:
	@test -x $(INSTALL_BIN)/lobbyd || { echo "make install-files: no $(INSTALL_BIN)/lobbyd; run make install" >&2; exit 1; }
	install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/systemd/system $(DESTDIR)$(LIBDIR)/sysusers.d \
	  $(DESTDIR)$(LIBDIR)/tmpfiles.d $(DESTDIR)$(LIBDIR)/lobbyd $(DESTDIR)$(DATADIR)/calendar \
	  $(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(DOCDIR)/calendar \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 \
	  $(DESTDIR)$(MANDIR)/zh_CN/man1 $(DESTDIR)$(MANDIR)/zh_CN/man5 $(DESTDIR)$(MANDIR)/zh_CN/man8 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d \
	  $(DESTDIR)$(SYSCONFDIR)/lobbyd/trusted-keys $(DESTDIR)$(SYSCONFDIR)/lobbyd/calendar.d
	install -s -m 0755 $(INSTALL_BIN)/lobbyd $(INSTALL_BIN)/lobbyctl $(DESTDIR)$(BINDIR)/
	# The simulator is for demos and tests, not a command for the hall: outside PATH.
	install -s -m 0755 $(INSTALL_BIN)/lobby-sim $(DESTDIR)$(LIBDIR)/lobbyd/
	for unit in $(UNITS); do \
	  sed 's#/usr/local/#$(PREFIX)/#g' systemd/$$unit > $(DESTDIR)$(LIBDIR)/systemd/system/$$unit; \
	  chmod 0644 $(DESTDIR)$(LIBDIR)/systemd/system/$$unit; \
	done
	install -m 0644 systemd/lobbyd.sysusers $(DESTDIR)$(LIBDIR)/sysusers.d/lobbyd.conf
	install -m 0644 systemd/lobbyd.tmpfiles $(DESTDIR)$(LIBDIR)/tmpfiles.d/lobbyd.conf
	install -m 0644 calendar/*.toml $(DESTDIR)$(DATADIR)/calendar/
	install -m 0644 calendar/README.md $(DESTDIR)$(DOCDIR)/calendar/
	sed 's#"/usr/share/lobbyd/calendar"#"$(DATADIR)/calendar"#' lobbyd.toml.example > $(DESTDIR)$(DOCDIR)/examples/lobbyd.toml
	chmod 0644 $(DESTDIR)$(DOCDIR)/examples/lobbyd.toml
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/lobbyd/lobbyd.toml ]; then \
	  echo "make install: keeping $(DESTDIR)$(SYSCONFDIR)/lobbyd/lobbyd.toml (the new example is $(DOCDIR)/examples/lobbyd.toml)"; \
	else \
	  install -m 0644 $(DESTDIR)$(DOCDIR)/examples/lobbyd.toml $(DESTDIR)$(SYSCONFDIR)/lobbyd/lobbyd.toml; \
	fi
	install -m 0644 systemd/60-lobbyd-sign.rules systemd/lobbyd-network-card.conf $(DESTDIR)$(DOCDIR)/examples/
	install -m 0644 README.md docs/*.md playlists/FORMAT.md $(DESTDIR)$(DOCDIR)/
	for page in $(MAN_PAGES); do \
	  section=$${page##*.}; \
	  install -m 0644 $$page $(DESTDIR)$(MANDIR)/man$$section/; \
	  install -m 0644 man/zh_CN/$${page#man/} $(DESTDIR)$(MANDIR)/zh_CN/man$$section/; \
	done
	$(INSTALL_BIN)/lobbyctl --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/lobbyctl
	$(INSTALL_BIN)/lobbyctl --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_lobbyctl
	$(INSTALL_BIN)/lobbyctl --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/lobbyctl.fish
	chmod 0644 $(DESTDIR)$(PREFIX)/share/bash-completion/completions/lobbyctl \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_lobbyctl $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/lobbyctl.fish

## uninstall: removes what install put there; configuration, keys, spool, event log and
## reports stay (they are the hall's records).
uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,lobbyd lobbyctl)
	rm -rf $(DESTDIR)$(LIBDIR)/lobbyd
	rm -f $(addprefix $(DESTDIR)$(LIBDIR)/systemd/system/,$(UNITS))
	rm -f $(DESTDIR)$(LIBDIR)/sysusers.d/lobbyd.conf $(DESTDIR)$(LIBDIR)/tmpfiles.d/lobbyd.conf
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	for page in $(MAN_PAGES); do \
	  section=$${page##*.}; \
	  rm -f $(DESTDIR)$(MANDIR)/man$$section/$${page#man/} $(DESTDIR)$(MANDIR)/zh_CN/man$$section/$${page#man/}; \
	done
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/lobbyctl \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_lobbyctl $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/lobbyctl.fish
	@echo "make uninstall: kept $(SYSCONFDIR)/lobbyd, /var/spool/lobbyd and /var/lib/lobbyd (the hall's records)"

clean:
	$(SWIFT) package clean
	rm -rf .build .build-bench
