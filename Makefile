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

# Inspects every sample; samples/invalid/ is broken on purpose, so a non-zero status is expected.
demo: build
	@HOOKCHECK_DRIFT_TOKEN="$$(cat samples/drift/.token)" HOOKCHECK_SUPEROFFICE_SECRET="$$(cat samples/superoffice/.secret)" \
	  $(BIN) --public-key samples/copernica/.sample-key.dkim.txt --body samples/captures/drift-contact_updated.body.json samples/ \
	  || echo "(exit status $$?: samples/invalid/ holds broken inputs on purpose)"

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
