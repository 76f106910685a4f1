# tiaowen — make targets. Everything builds from this repository alone.

GO       ?= go
BIN      := build/tiaowen
CONTENT  ?= content
FUZZTIME ?= 30s
# How long the fuzzer may minimise an input, in runs of the target. Go's
# default, 60s, applies to every input that finds new coverage too: a
# target as slow as a .docx import then spends its whole FUZZTIME
# minimising its first finds, at 0 runs a second. A failing input is
# still shrunk this much; rerun it with -fuzzminimizetime 60s for more.
FUZZMINIMIZE ?= 200x
# The packages, named by their roots: ./... would also walk build/, which a
# benchmark fills with hundreds of thousands of directories (and empties
# while the walk runs).
PKGS     := . ./cmd/... ./internal/... ./bench/...
# Fuzz targets as package:Target.
FUZZ_TARGETS := \
	./internal/numbering:FuzzParse \
	./internal/numbering:FuzzParseChinese \
	./internal/textnorm:FuzzNormalize \
	./internal/hanconv:FuzzSimplify \
	./internal/bibliography:FuzzFormats \
	./internal/ingest:FuzzImport \
	./internal/ingest:FuzzImportHTML \
	./internal/ingest:FuzzImportDocx \
	./internal/ingest:FuzzDecode \
	./internal/ingest:FuzzReflow \
	./internal/ingest:FuzzImportOFD \
	./internal/ingest:FuzzParagraphLines \
	./internal/msdoc:FuzzRead \
	./internal/rtf:FuzzRead \
	./internal/validity:FuzzFind \
	./internal/corpus:FuzzParseDocument \
	./internal/corpus:FuzzVersions \
	./internal/themes:FuzzFind \
	./internal/regions:FuzzRegions \
	./internal/themes:FuzzLoad \
	./internal/themes:FuzzSuggest \
	./internal/refs:FuzzFind \
	./internal/yamlerr:FuzzLocate \
	./internal/align:FuzzSharedPassages \
	./internal/htmlesc:FuzzSameAsTemplate \
	./internal/site:FuzzParseConfig \
	./internal/site:FuzzManifest \
	./internal/site:FuzzEscapeTo \
	./internal/scaffold:FuzzSiteYAML

.PHONY: all tiaowen site serve test bench fuzz lint clean

all: tiaowen

tiaowen:
	$(GO) build -o $(BIN) ./cmd/tiaowen

## site: build build/site/ and the offline zip from content/
site: tiaowen
	$(BIN) build --content $(CONTENT) --out build/site

## serve: run the live-reloading development server on content/
serve: tiaowen
	$(BIN) serve --content $(CONTENT)

## test: vet, build for macOS and Windows, and run every test (browser
## tests need chromium: see .ci/run;
## internal/site's take minutes, past go test's default 10-minute limit
## on a slow machine)
test:
	@out=$$(gofmt -l cmd internal bench *.go); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	@# tiaowen builds for the systems readers and writers use, not only this one
	GOOS=darwin $(GO) build -o /dev/null ./cmd/tiaowen
	GOOS=windows $(GO) build -o /dev/null ./cmd/tiaowen
	$(GO) test -timeout 30m $(PKGS)

## bench: Go benchmarks of every stage
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## fuzz: run each fuzz target for FUZZTIME
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "== $$name ($$pkg) for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $$pkg; \
	done

## lint: gofmt and go vet
lint:
	@out=$$(gofmt -l cmd internal bench *.go); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

clean:
	rm -rf build
