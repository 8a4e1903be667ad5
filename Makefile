# pgbaseline — build, test, benchmark.
#
#   make            build ./build/pgbaseline (installs missing Debian packages first)
#   make demo       build, then run `pgbaseline inspect` and `pgbaseline baseline --init`
#                   on a shipped sample
#   make test       every test: unit, golden, CLI, integration (real PostgreSQL 15),
#                   then all of them again under ASan+UBSan
#   make bench      benchmark against a bare libpg_query parse of the same statements
#   make valgrind   unit, golden and CLI tests under valgrind memcheck (tests/valgrind/)
#
# Variables: SANITIZE=1 builds with -fsanitize=address,undefined into build-san/.

CC      ?= cc
BUILD   ?= build
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-unused-parameter -Iinclude -MMD -MP
LDLIBS  += -lpg_query -lprotobuf-c -lpcre2-8 -lz -lzstd -llz4 -larchive -ljansson -lcrypto -lm

ifeq ($(SANITIZE),1)
BUILD   := build-san
CFLAGS  += -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

SRC      := $(wildcard src/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BIN      := $(BUILD)/pgbaseline
DEPS_OK  := $(BUILD)/.deps-ok
PYTHON   ?= /usr/bin/python3

.PHONY: install all demo test check unit golden cli integration sanitize-test valgrind bench clean format \
        golden-update install-deps

all: $(BIN)

# Install what is missing from Debian's packages before the first compile.
$(DEPS_OK): tools/install-deps.sh
	@tools/install-deps.sh build
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/%.o: src/%.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libpgb.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/main.o $(BUILD)/libpgb.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpgb.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libpgb.a $(LDLIBS) -lcmocka

install-deps:
	tools/install-deps.sh all

demo: $(BIN)
	@tools/install-deps.sh all
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
	@tests/cli/run.sh $(BIN)

integration: $(BIN)
	@tools/install-deps.sh all
	$(PYTHON) tests/integration/test_catalog.py --bin $(BIN)
	$(PYTHON) tests/integration/test_alembic.py --bin $(BIN)
	$(PYTHON) tests/integration/test_archives.py --bin $(BIN)
	$(PYTHON) tests/integration/test_large.py --bin $(BIN)
	$(PYTHON) tests/integration/test_hostile.py --bin $(BIN)

# The whole suite once more under AddressSanitizer + UndefinedBehaviorSanitizer.
sanitize-test:
	$(MAKE) SANITIZE=1 unit golden cli integration

# Unit tests, golden runs and CLI runs under valgrind memcheck (tests/valgrind/):
# leaks and invalid accesses in the plain build, which ASan does not run.
valgrind: $(BIN) $(UNIT_BIN)
	@tests/valgrind/run.sh $(UNIT_BIN)

test: all unit golden cli integration sanitize-test

check: test

bench: $(BIN)
	@tools/bench.sh $(BIN)
	@$(PYTHON) tools/bench-skip.py $(BIN)

PREFIX  ?= /usr/local

install: $(BIN)
	install -D -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/pgbaseline
	install -D -m 644 man/pgbaseline.1 $(DESTDIR)$(PREFIX)/share/man/man1/pgbaseline.1

format:
	clang-format -i src/*.c include/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build build-san

-include $(LIB_OBJ:.o=.d) $(BUILD)/main.d
