# chat gateway - a plain Makefile (see README.md).
#
#   make            build cgi-bin/chat.fcgi (release, in build/release/)
#   make run        install what is missing, build, start lighttpd + workers on 127.0.0.1:$${PORT:-8080}
#   make test       install what is missing, build both variants, run every test; ends with "N passed, M failed"
#   make deps       install the missing Debian packages (the list is DEB_PACKAGES below, and only here)
#   make asan       build the AddressSanitizer + UBSan variant in build/asan/
#   make bench      measure login, heartbeat and memory; writes docs/BENCHMARKS.md
#   make fuzz       run every libFuzzer target for FUZZ_SECONDS (60) each
#   make clean
#
# O is the build folder of a variant; SAN=1 builds it with the sanitizers.

# The one list of Debian packages the project needs to build, run and test.
DEB_PACKAGES = build-essential pkg-config libfcgi-dev libcurl4-openssl-dev libjson-c-dev \
	libsqlite3-dev libjwt-dev libsodium-dev libcmocka-dev lighttpd sqlite3 curl python3 clang-format \
	clang libclang-rt-dev

O ?= build/release
SAN ?=
CC ?= cc
PKGS = libcurl json-c sqlite3 libjwt libsodium

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

ifeq ($(SAN),1)
OPT = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
OPT = -O2 -g
endif

CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -fno-strict-aliasing \
	$(OPT) -Ilib $(PKG_CFLAGS) -MMD -MP
LDFLAGS = $(OPT)
# libfcgi ships no .pc file on Debian: linked directly.
LIBS = $(PKG_LIBS) -lfcgi

VERSION = 0.1.0

CORE = lib/core/err.c lib/core/log.c lib/core/clock.c lib/core/config.c lib/core/json.c
CRYPTO = lib/crypto/random.c lib/crypto/password.c lib/crypto/key.c lib/crypto/token.c
MODEL = lib/model/db.c lib/model/table.c lib/model/user.c lib/model/login.c \
	lib/model/login_failure.c lib/model/prompt.c
SERVICE = lib/service/auth.c lib/service/prompt.c lib/service/health.c
CONTROLLER = lib/controller/route.c lib/controller/field.c lib/controller/reply.c \
	lib/controller/auth.c lib/controller/login.c lib/controller/heartbeat.c \
	lib/controller/prompt.c lib/controller/health.c
HTTP = lib/http/request.c lib/http/response.c lib/http/server.c
LIB_SRCS = $(CORE) $(CRYPTO) $(MODEL) $(SERVICE) $(CONTROLLER) $(HTTP)
SQL_FILES = $(sort $(wildcard sql/[0-9]*.sql))

UNIT_TESTS = test_err test_config test_random test_password test_key test_token \
	test_table test_model test_field test_http

LIB_OBJS = $(LIB_SRCS:%.c=$(O)/%.o) $(O)/gen/migrations.o
UNIT_BINS = $(UNIT_TESTS:%=$(O)/tests/%)

.PHONY: all asan run test deps clean unit bench install fmt fmt-check

all: $(O)/chat.fcgi $(if $(SAN),,cgi-bin/chat.fcgi)

asan:
	$(MAKE) O=build/asan SAN=1 all unit

unit: $(UNIT_BINS)

$(O)/libchat.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(O)/chat.fcgi: $(O)/cgi-bin/chat.o $(O)/libchat.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

cgi-bin/chat.fcgi: $(O)/chat.fcgi
	cp $< $@

$(O)/cgi-bin/chat.o: CFLAGS += -DCHAT_VERSION='"$(VERSION)"'

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(O)/gen/migrations.c: $(SQL_FILES) bin/embed-sql
	@mkdir -p $(dir $@)
	sh bin/embed-sql $(SQL_FILES) > $@.tmp && mv $@.tmp $@

$(O)/gen/migrations.o: $(O)/gen/migrations.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(O)/tests/%: tests/unit/%.c $(O)/libchat.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(O)/libchat.a $(LIBS) -lcmocka

deps:
	@sh bin/deps $(DEB_PACKAGES)

run: deps
	@$(MAKE) --no-print-directory all
	@exec sh bin/serve

test: deps
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory O=build/asan SAN=1 all unit
	@sh tests/run

# Measures login time, heartbeat requests/s against a minimal FastCGI program
# and a static file, and worker RSS; rewrites docs/BENCHMARKS.md.
bench: deps
	@$(MAKE) --no-print-directory all
	@bash bin/bench

clean:
	rm -rf build cgi-bin/chat.fcgi

# Every C file of the project, formatted by .clang-format (make test checks it).
C_FILES = $(sort $(wildcard cgi-bin/*.c lib/*/*.[ch] tests/*.h tests/*/*.[ch]))

fmt:
	clang-format -i $(C_FILES)

fmt-check:
	@clang-format --dry-run -Werror $(C_FILES)

-include $(shell find build -name '*.d' 2>/dev/null)

# ======================================================================
# Fuzzing (libFuzzer, clang) - tests/fuzz/. Everything fuzz-related is in
# this block.
#
#   make fuzz-build    build every target into build/fuzz/fuzz_<name>
#   make fuzz          build, then run each target for FUZZ_SECONDS (60) over
#                      its seed corpus tests/fuzz/corpus/<name>/; new inputs go
#                      to build/fuzz/corpus-<name>/ (merge by hand), crashes to
#                      build/fuzz/crash-<name>-*. Stops at the first crash.
#   make fuzz FUZZ_TARGETS=utf8 FUZZ_SECONDS=10 FUZZ_FLAGS=-jobs=2   one target
#
# The library is compiled with ASan + UBSan and the fuzzer's coverage
# instrumentation (-fsanitize=fuzzer-no-link) into build/fuzz/libchat.a; each
# harness is linked with -fsanitize=fuzzer (libFuzzer's main). tests/run runs
# every target once over its seed corpus (the fuzz regression ring).
FUZZ_TARGETS = json_fields utf8 http_request token accept_language config_line
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -fno-strict-aliasing -g -O1 $(FUZZ_SAN) \
	-Ilib $(PKG_CFLAGS) -MMD -MP
FUZZ_LIB = build/fuzz/libchat.a
FUZZ_OBJS = $(LIB_SRCS:%.c=build/fuzz/obj/%.o) build/fuzz/obj/gen/migrations.o
FUZZ_BINS = $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

.PHONY: fuzz fuzz-build

fuzz-build: $(FUZZ_BINS)

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/gen/migrations.c: $(SQL_FILES) bin/embed-sql
	@mkdir -p $(dir $@)
	sh bin/embed-sql $(SQL_FILES) > $@.tmp && mv $@.tmp $@

build/fuzz/obj/gen/migrations.o: build/fuzz/gen/migrations.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_OBJS)
	rm -f $@
	ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) $(LIBS)

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz/corpus-$$t || exit 1; \
		echo "== fuzz_$$t: $(FUZZ_SECONDS) s"; \
		build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
			-artifact_prefix=build/fuzz/crash-$$t- $(FUZZ_FLAGS) \
			build/fuzz/corpus-$$t tests/fuzz/corpus/$$t || exit 1; \
	done
# ======================================================================
