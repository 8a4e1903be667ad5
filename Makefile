# pgbaseline — build, test, benchmark.
#
#   make            build ./build/pgbaseline (installs missing Debian packages first)
#   make demo       build, then run `pgbaseline inspect` and `pgbaseline baseline --init`
#                   on a shipped sample
#   make test       every test: unit, layers, golden, CLI, integration (real PostgreSQL 15),
#                   then all of them again under ASan+UBSan, then fuzz-check (every
#                   fuzz target's regressions and 10,000 inputs from a fixed seed)
#   make bench      benchmark against a bare libpg_query parse of the same statements
#   make valgrind   unit, golden and CLI tests under valgrind memcheck (tests/valgrind/)
#   make static     build/pgbaseline-static: one file, linked statically, stripped
#   make deb        build/pgbaseline_VERSION_ARCH.deb of the static binary and the man page
#   make dist       the source tarball, the static binary and the package, with SHA256SUMS
#
# Variables: SANITIZE=1 builds with -fsanitize=address,undefined into build-san/;
# PUBLIC_DUMPS=DIR the public dumps the tests also read (../shared/dumps/public).

CC      ?= cc
PUBLIC_DUMPS ?= $(abspath ../shared/dumps/public)
export PUBLIC_DUMPS
BUILD   ?= build
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-unused-parameter -Iinclude -MMD -MP \
           -isystem $(PG_SERVER_INC) -ffile-prefix-map=$(CURDIR)=.
# PostgreSQL 15's node structs (parsenodes.h), which libpg_query's raw
# parser builds (src/ast.h); from postgresql-server-dev-15.
PG_SERVER_INC ?= /usr/include/postgresql/15/server
LDLIBS  += -lpg_query -lprotobuf-c -lpcre2-8 -lz -lzstd -llz4 -larchive -ljansson -lcrypto -lm
# Graphviz's library (libgraphviz-dev) draws `diagram --format svg` and the
# report's diagrams in process (src/diagram_svg.c); its headers as system ones.
GV_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags libgvc 2>/dev/null || \
                                              echo -I/usr/include/graphviz))
GV_LIBS   := $(shell pkg-config --libs libgvc 2>/dev/null || echo -lgvc -lcgraph -lcdt)
CFLAGS  += $(GV_CFLAGS)
LDLIBS  += $(GV_LIBS)

ifeq ($(SANITIZE),1)
BUILD   := build-san
CFLAGS  += -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
# A CLI test is killed as hung after CLI_TIMEOUT seconds; the sanitizers
# make the deepest statements (tests/cli/t_recur.sh) several times slower.
CLI_TIMEOUT ?= 240
endif
CLI_TIMEOUT ?= 60

SRC      := $(wildcard src/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BIN      := $(BUILD)/pgbaseline
DEPS_OK  := $(BUILD)/.deps-ok
PYTHON   ?= /usr/bin/python3

.PHONY: install all demo test check unit layers dist-check static deb dist golden cli integration sanitize-test valgrind bench clean format \
        golden-update install-deps fuzz fuzz-smoke fuzz-targets fuzz-replay fuzz-check

all: $(BIN)

# Install what is missing from Debian's packages before the first compile.
$(DEPS_OK): tools/install-deps.sh
	@tools/install-deps.sh build
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/%.o: src/%.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libpgb.a: $(LIB_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

$(BIN): $(BUILD)/main.o $(BUILD)/libpgb.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpgb.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libpgb.a $(LDLIBS) -lcmocka

install-deps:
	tools/install-deps.sh all

# Only the build dependencies ($(BIN) installs them): the test ones come with make test.
demo: $(BIN)
	$(BIN) inspect samples/shop.sql
	@rm -rf build/demo && mkdir -p build/demo
	cd build/demo && ../pgbaseline baseline --init ../../samples/shop.sql
	@echo "demo: the Alembic project is in build/demo/ (alembic.ini, alembic/versions/)"

unit: $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

golden: $(BIN)
	@tests/golden/run.sh $(BIN)

golden-update: $(BIN)
	@UPDATE=1 tests/golden/run.sh $(BIN)

cli: $(BIN)
	@CLI_TIMEOUT=$(CLI_TIMEOUT) tests/cli/run.sh $(BIN)

# Every tests/integration/test_*.py, the catalog comparison first.
INTEGRATION := tests/integration/test_catalog.py \
               $(filter-out tests/integration/test_catalog.py,$(sort $(wildcard tests/integration/test_*.py)))

integration: $(BIN)
	@tools/install-deps.sh all
	@set -e; for t in $(INTEGRATION); do \
	    echo "$(PYTHON) $$t --bin $(BIN)"; $(PYTHON) $$t --bin $(BIN); done

# The pipeline calls one way: tools/check-layers.py on this build's objects,
# and on small trees where it must refuse (tests/layers/run.sh).
layers: $(BIN)
	@tests/layers/run.sh $(BUILD)

# The whole suite once more under AddressSanitizer + UndefinedBehaviorSanitizer.
sanitize-test:
	$(MAKE) SANITIZE=1 unit golden cli integration

# Unit tests, golden runs and CLI runs under valgrind memcheck (tests/valgrind/):
# leaks and invalid accesses in the plain build, which ASan does not run.
valgrind: $(BIN) $(UNIT_BIN)
	@tests/valgrind/run.sh $(UNIT_BIN)

# Every suite (tools/run-tests.sh): the test dependencies first, then the plain
# build, the ASan+UBSan build and fuzz-check, and one closing line that sums
# every suite's counts.
test:
	@tools/install-deps.sh all
	@BUILD=$(BUILD) tools/run-tests.sh "$(MAKE)"

check: test

bench: $(BIN)
	@tools/bench.sh $(BIN)
	@$(PYTHON) tools/bench-skip.py $(BIN)
	@$(PYTHON) tools/bench-recur.py $(BIN)

PREFIX  ?= /usr/local

install: $(BIN)
	install -D -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/pgbaseline
	install -D -m 644 man/pgbaseline.1 $(DESTDIR)$(PREFIX)/share/man/man1/pgbaseline.1

# ---- One file to carry across an air gap (README: "Installing in an
# air-gapped network").  Reproducible: the same commit gives the same bytes
# (no build paths in the binary: -ffile-prefix-map; every timestamp from
# SOURCE_DATE_EPOCH, the commit's time, or the tarball's SOURCE_DATE_EPOCH;
# not exported: baseline reads it too, and the tests must not see it).
SOURCE_DATE_EPOCH ?= $(shell cat SOURCE_DATE_EPOCH 2>/dev/null || \
                       git log -1 --format=%ct 2>/dev/null || echo 0)
VERSION  := $(shell sed -n 's/^\#define PGB_VERSION "\(.*\)"/\1/p' include/pgb.h)
ARCH     := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
STATIC   := $(BUILD)/pgbaseline-static
DEB      := $(BUILD)/pgbaseline_$(VERSION)_$(ARCH).deb
DIST     := $(BUILD)/pgbaseline-$(VERSION).tar.gz
# Only what pgbaseline calls is linked: libarchive's tar reader needs none of
# its compression or xml libraries.  glibc warns that getaddrinfo and dlopen,
# which OpenSSL's unused network and module code names, need glibc's shared
# objects at run time; pgbaseline never calls them, so those lines are dropped.
# Debian ships no static Graphviz: the static binary links diagram_svg.c built
# without it (PGB_NO_GRAPHVIZ), ahead of libpgb.a, so the archive's member that
# needs Graphviz is never pulled in, and `diagram --format svg` says why it fails.
STATIC_LIBS := -lpg_query -lprotobuf-c -lpcre2-8 -larchive -lzstd -llz4 -lz -ljansson -lcrypto \
               -lm -lpthread

static: $(STATIC)

$(BUILD)/diagram_svg-nogv.o: src/diagram_svg.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DPGB_NO_GRAPHVIZ -c -o $@ $<

$(STATIC): $(BUILD)/main.o $(BUILD)/diagram_svg-nogv.o $(BUILD)/libpgb.a
	@$(CC) -static -o $@.full $^ $(STATIC_LIBS) 2>$@.log || { cat $@.log; exit 1; }
	@grep -v -e "in statically linked applications requires at runtime" \
	    -e ": in function \`" $@.log || true
	strip --strip-all -o $@ $@.full
	@rm -f $@.full $@.log

deb: $(DEB)

$(DEB): $(STATIC) man/pgbaseline.1 tools/make-deb.sh
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) tools/make-deb.sh $(STATIC) $(VERSION) $(ARCH) $@

# The tarball is what git holds at HEAD (make and make test need nothing
# else, and no git), plus SOURCE_DATE_EPOCH; then the checksums of all three.
dist: $(DIST) $(STATIC) $(DEB)
	cd $(BUILD) && sha256sum $(notdir $(DIST)) $(notdir $(STATIC)) $(notdir $(DEB)) >SHA256SUMS
	@cat $(BUILD)/SHA256SUMS

# Made again each time (cheap, and the same bytes for the same HEAD): never a stale tarball.
$(DIST): $(DEPS_OK) FORCE
	@git rev-parse --verify -q HEAD >/dev/null || \
	    { echo "make dist: needs a git checkout (the tarball is HEAD's files)" >&2; exit 2; }
	@mkdir -p $(BUILD)/dist-meta && echo $(SOURCE_DATE_EPOCH) >$(BUILD)/dist-meta/SOURCE_DATE_EPOCH
	git archive --format=tar --prefix=pgbaseline-$(VERSION)/ \
	    --add-file=$(BUILD)/dist-meta/SOURCE_DATE_EPOCH HEAD | gzip -9n >$@.tmp && mv $@.tmp $@

# The static binary behaves as the dynamic one, the package installs and runs
# with no library at all, and two clones of HEAD give the same SHA256SUMS.
dist-check: $(BIN) $(STATIC) $(DEB)
	@tests/dist/run.sh $(BIN) $(STATIC) $(DEB)

FORCE:

format:
	clang-format -i src/*.c src/*.h include/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h

clean:
	rm -rf build build-san

# libFuzzer targets (tests/fuzz/): the library is built again with clang,
# with coverage instrumentation and ASan+UBSan, into build-fuzz/.
#   make fuzz          replay tests/fuzz/regressions, then run each target
#                      FUZZ_SECONDS (120) seconds; FUZZ_TARGETS picks some,
#                      FUZZ_JOBS=N runs N jobs per target
#   make fuzz-smoke    the same, 60 seconds each
# New corpus entries go to build-fuzz/corpus/<target>/, crashes to
# build-fuzz/artifacts/<target>/.
FUZZ_CC      ?= clang
FUZZ_DIR     := build-fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS   = -O1 -g -fno-omit-frame-pointer $(filter-out -O2 -g -fsanitize=%,$(CFLAGS)) \
                $(FUZZ_SAN)
FUZZ_OBJ     := $(LIB_SRC:src/%.c=$(FUZZ_DIR)/%.o)
FUZZ_TARGETS ?= split input hint filter archive build
FUZZ_BIN      = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_SECONDS ?= 120
FUZZ_JOBS    ?= 1
FUZZ_FLAGS   ?= -max_len=65536 -timeout=20 -rss_limit_mb=4096 -close_fd_mask=2 -print_final_stats=1
# Seed directories per target (read only), after the target's own corpus.
FUZZ_SEEDS_split   := $(FUZZ_DIR)/seeds/sql
FUZZ_SEEDS_build   := $(FUZZ_DIR)/seeds/sql
FUZZ_SEEDS_input   := $(FUZZ_DIR)/seeds/compressed
FUZZ_SEEDS_hint    := $(FUZZ_DIR)/seeds/hint
FUZZ_DICT_split    := -dict=tests/fuzz/sql.dict
FUZZ_DICT_build    := -dict=tests/fuzz/sql.dict

$(FUZZ_DIR)/.deps-ok: tools/install-deps.sh
	@tools/install-deps.sh fuzz
	@mkdir -p $(FUZZ_DIR) && touch $@

$(FUZZ_DIR)/%.o: src/%.c $(FUZZ_DIR)/.deps-ok
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/libpgb.a: $(FUZZ_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_DIR)/libpgb.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/libpgb.a $(LDLIBS)

$(FUZZ_DIR)/seeds/.done: tests/fuzz/seeds.sh $(wildcard samples/*.sql)
	@mkdir -p $(FUZZ_DIR)
	@tests/fuzz/seeds.sh $(FUZZ_DIR)/seeds
	@touch $@

fuzz-targets: $(FUZZ_BIN)

# Shell, inside a loop over $$t: set $$seeds (read-only seed directories,
# then the committed corpus) and $$dict for target $$t.
FUZZ_SEEDS_OF_T = case $$t in \
	    split|build) seeds="$(FUZZ_SEEDS_split)" dict="$(FUZZ_DICT_split)" ;; \
	    input) seeds="$(FUZZ_SEEDS_input)" dict= ;; \
	    hint) seeds="$(FUZZ_SEEDS_hint)" dict= ;; \
	    *) seeds= dict= ;; \
	    esac; \
	    if [ -d tests/fuzz/corpus/$$t ]; then seeds="$$seeds tests/fuzz/corpus/$$t"; fi

# Replay every regression input once (a crash fails the target).
fuzz-replay: $(FUZZ_BIN)
	@set -e; for t in $(FUZZ_TARGETS); do \
	    if [ -n "$$(ls tests/fuzz/regressions/$$t 2>/dev/null)" ]; then \
	        echo "fuzz_$$t: replaying tests/fuzz/regressions/$$t"; \
	        $(FUZZ_DIR)/fuzz_$$t $(FUZZ_FLAGS) tests/fuzz/regressions/$$t/* >/dev/null 2>&1 || { \
	            $(FUZZ_DIR)/fuzz_$$t $(FUZZ_FLAGS) tests/fuzz/regressions/$$t/*; exit 1; }; \
	    fi; \
	done

# Part of `make test`: the regressions, then a short run of each target that
# is the same every time (fixed -seed, fixed number of inputs, a fresh
# corpus rather than what earlier runs learnt), so a clean run here is a
# clean run in CI.  It catches regressions; finding new bugs is `make fuzz`.
FUZZ_CHECK_RUNS ?= 10000
fuzz-check: fuzz-replay $(FUZZ_DIR)/seeds/.done
	@set -e; for t in $(FUZZ_TARGETS); do \
	    $(FUZZ_SEEDS_OF_T); \
	    rm -rf $(FUZZ_DIR)/check/$$t; mkdir -p $(FUZZ_DIR)/check/$$t/corpus; \
	    $(FUZZ_DIR)/fuzz_$$t $(FUZZ_FLAGS) $$dict -seed=1 -runs=$(FUZZ_CHECK_RUNS) \
	        -artifact_prefix=$(FUZZ_DIR)/check/$$t/ $(FUZZ_DIR)/check/$$t/corpus $$seeds \
	        >$(FUZZ_DIR)/check/$$t.log 2>&1 || { tail -n 60 $(FUZZ_DIR)/check/$$t.log; \
	        echo "fuzz_$$t: FAILED, input in $(FUZZ_DIR)/check/$$t/"; exit 1; }; \
	    echo "fuzz_$$t: $$(grep -E '^stat::number_of_executed_units' $(FUZZ_DIR)/check/$$t.log \
	        | sed 's/.*: *//') inputs, seed 1, clean"; \
	done

# The regressions, then fuzz for FUZZ_SECONDS per target.
fuzz: fuzz-replay $(FUZZ_BIN) $(FUZZ_DIR)/seeds/.done
	@set -e; jobs=; \
	if [ $(FUZZ_JOBS) -gt 1 ]; then jobs="-jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)"; fi; \
	for t in $(FUZZ_TARGETS); do \
	    $(FUZZ_SEEDS_OF_T); \
	    mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/artifacts/$$t; \
	    echo "fuzz_$$t: $(FUZZ_SECONDS) s, $(FUZZ_JOBS) job(s), corpus $(FUZZ_DIR)/corpus/$$t $$seeds"; \
	    $(FUZZ_DIR)/fuzz_$$t $(FUZZ_FLAGS) $$dict -max_total_time=$(FUZZ_SECONDS) $$jobs \
	        -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t/ $(FUZZ_DIR)/corpus/$$t $$seeds \
	        >$(FUZZ_DIR)/fuzz_$$t.log 2>&1 || { tail -n 60 $(FUZZ_DIR)/fuzz_$$t.log; \
	        echo "fuzz_$$t: FAILED, input in $(FUZZ_DIR)/artifacts/$$t/"; exit 1; }; \
	    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' $(FUZZ_DIR)/fuzz_$$t.log | tail -n 2; \
	done

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=60

-include $(LIB_OBJ:.o=.d) $(BUILD)/main.d $(BUILD)/diagram_svg-nogv.d
-include $(FUZZ_OBJ:.o=.d)
