# hookcheck: make (release build), make demo, make test, make bench, make install PREFIX=..., make clean
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

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/hookcheck"

clean:
	rm -rf .build
