# hookcheck: make (release build), make demo, make test, make bench, make install PREFIX=... (binary, completions, man page), make clean
SWIFT ?= swift
# Extra flags for the release build (CI passes -Xswiftc -warnings-as-errors).
SWIFT_FLAGS ?=
PREFIX ?= /usr/local
BIN := .build/release/hookcheck

.PHONY: all build demo test bench install clean

all: build

build:
	$(SWIFT) build -c release --product hookcheck $(SWIFT_FLAGS)

# Inspects a few samples in full (a Drift dump, a SuperOffice dump, a pcap of four deliveries), then
# every sample with the sample token, secret and key, as a tally per folder naming every invalid
# file and why it is invalid on purpose. --now is when the Copernica samples were signed:
# Copernica's receivers refuse a Date older than a minute.
DEMO_ENV = HOOKCHECK_DRIFT_TOKEN="$$(cat samples/drift/.token)" HOOKCHECK_SUPEROFFICE_SECRET="$$(cat samples/superoffice/.secret)"
DEMO_OPTIONS = --now 2026-04-14T09:21:30Z --public-key samples/copernica/.sample-key.dkim.txt --body samples/captures/drift-contact_updated.body.json
demo: build
	@$(DEMO_ENV) $(BIN) $(DEMO_OPTIONS) samples/drift/contact_updated.http samples/superoffice/sale.lost.http samples/captures/keepalive.pcap || true
	@$(DEMO_ENV) $(BIN) --format ndjson $(DEMO_OPTIONS) samples/ | awk -f samples/.demo-tally.awk samples/.invalid-on-purpose -

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench:
	$(SWIFT) build -c release --product hookcheck
	$(SWIFT) build -c release --product hookcheck-bench
	.build/release/hookcheck-bench 133000 $(BIN)

# The binary, and the completion scripts and manual page it generates from its own option table.
GENERATED := .build/generated
install: build
	mkdir -p $(GENERATED)
	$(BIN) completions bash > $(GENERATED)/hookcheck.bash
	$(BIN) completions zsh > $(GENERATED)/_hookcheck
	$(BIN) completions fish > $(GENERATED)/hookcheck.fish
	$(BIN) help --man > $(GENERATED)/hookcheck.1
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d" \
	  "$(DESTDIR)$(PREFIX)/share/man/man1"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/hookcheck"
	install -m 644 $(GENERATED)/hookcheck.bash "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/hookcheck"
	install -m 644 $(GENERATED)/_hookcheck "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_hookcheck"
	install -m 644 $(GENERATED)/hookcheck.fish "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/hookcheck.fish"
	install -m 644 $(GENERATED)/hookcheck.1 "$(DESTDIR)$(PREFIX)/share/man/man1/hookcheck.1"

clean:
	rm -rf .build
