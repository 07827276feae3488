# Reelboard: make run | make test | make bench | make lint | make package
#
# `make run` and `make test` install the Debian/Ubuntu packages they need when
# they are missing (with sudo when not root).

GO        ?= go
TAGS      := migrated_fynedo
export LANG ?= C.UTF-8

# System packages: building (cgo for fyne, ALSA for beep's speaker, libmpg123,
# libvorbis and libFLAC for MP3, OGG and FLAC), and the peers the tests drive
# (ffmpeg, melt, xmllint, pdftotext, sox).
RUN_PKGS   := gcc pkg-config libgl1-mesa-dev xorg-dev libasound2-dev libmpg123-dev libvorbis-dev libflac-dev
TEST_PKGS  := $(RUN_PKGS) ffmpeg melt libxml2-utils poppler-utils sox wesnoth-music chromium
BENCH_PKGS := $(TEST_PKGS) aubio-tools

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

CRASH_KILLS ?= 300

.PHONY: crashtest eval-beats all run build test bench fuzz lint fmt-check vet staticcheck package deps-run deps-test deps-bench demo clean

all: build

# install-missing PKG... installs the packages dpkg does not know as installed.
define install-missing
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps-run:
	$(call install-missing,$(RUN_PKGS))

deps-test:
	$(call install-missing,$(TEST_PKGS))

deps-bench:
	$(call install-missing,$(BENCH_PKGS))

build: deps-run
	$(GO) build -tags $(TAGS) -o reelboard .

run: build
	./reelboard

# REELBOARD_REQUIRE_TOOLS=1: a test whose external tool is missing fails here
# (a plain `go test ./...` skips it with a one-line reason).
test: deps-test fmt-check vet staticcheck
	REELBOARD_REQUIRE_TOOLS=1 $(GO) test -race -timeout 30m -tags $(TAGS) ./...

# Kill a saving process with SIGKILL $(CRASH_KILLS) times per file kind
# (project, recovery) and check that nothing is lost (storyboard/crash_test.go).
crashtest:
	REELBOARD_CRASH_KILLS=$(CRASH_KILLS) $(GO) test -tags $(TAGS) -count=1 -v -run '^TestCrashSafety$$' ./storyboard

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet -tags $(TAGS) ./...

staticcheck:
	$(GO) tool staticcheck -tags $(TAGS) ./...

lint: fmt-check vet staticcheck

bench: deps-bench build
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...
	@if [ -x scripts/bench-audio.sh ]; then scripts/bench-audio.sh ./reelboard; fi
	scripts/bench-scale.sh

# Fuzzing: each target runs for FUZZTIME (go test's -fuzztime: 60s, 10m,
# 1000x) on one worker, as PKG:TARGET pairs. Crashers land in the
# package's testdata/fuzz/TARGET and run with every `go test` after.
FUZZTIME ?= 60s
# FUZZMIN bounds the minimising of each new interesting input: the decoders'
# seeds are whole encodings (up to 2 MB), and go test's default of 60 s per
# input stalled a worker for most of a run (151 execs in 4 minutes).
FUZZMIN ?= 2s
FUZZ_TARGETS := ./audio:FuzzWAV ./audio:FuzzMP3 ./audio:FuzzOgg ./audio:FuzzFLAC ./audio:FuzzLoad \
                ./storyboard:FuzzLoad ./storyboard:FuzzHistory ./export:FuzzWriteText

fuzz: deps-test
	@for pt in $(FUZZ_TARGETS); do \
	  pkg=$${pt%%:*}; target=$${pt#*:}; \
	  echo "== $$target ($$pkg) for $(FUZZTIME)"; \
	  $(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMIN) -parallel 1 $$pkg || exit 1; \
	done

package: deps-run
	$(GO) tool fyne package -os linux -tags $(TAGS) -release

# Beat-tracking evaluation: renders a MIDI corpus once into ../beats-corpus
# (outside the repository) and scores reelboard beside aubiotrack with mir_eval.
EVAL_PKGS := fluidsynth fluid-soundfont-gm python3-mir-eval python3-numpy aubio-tools sonic-pi-samples sox ffmpeg

eval-beats: build
	$(call install-missing,$(EVAL_PKGS))
	/usr/bin/python3 scripts/eval-beats.py --reelboard ./reelboard $(EVAL_ARGS)

# Rebuild the demo soundtrack and project (needs ffmpeg).
demo:
	cd assets && $(GO) run gen_demo.go

clean:
	rm -f reelboard
