# Makefile for proxylint -- see README.md
PREFIX	?= /usr/local
BUILD	?= build
PKGS	 = ldns jansson yaml-0.1
CFLAGS	?= -O2 -g
WARN	 = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	   -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes \
	   -Wwrite-strings -Wvla -Wshadow -Wformat=2 $(if $(WERROR),-Werror)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -Iinclude $(PKG_CFLAGS)
LDLIBS	 += $(PKG_LIBS) -lpthread
SAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Built-in rule files, in the order of the catalogue (rules.md): it is the
# order of --list-rules and of the use cases in the output.
RULE_ORDER = proxy-eligibility email domain-verification saas non-http \
	     other-cdn api-webhook proxied-records input suppressions
RULES	 = $(wildcard $(RULE_ORDER:%=rules/%.yaml)) \
	   $(filter-out $(RULE_ORDER:%=rules/%.yaml),$(sort $(wildcard rules/*.yaml)))
# The program's own files; everything else of src/ is libproxylint.a.
CLI_SRC	 = src/main.c src/options.c src/usage.c
CLI_OBJ	 = $(patsubst src/%.c,$(BUILD)/%.o,$(CLI_SRC))
LIB_SRC	 = $(filter-out $(CLI_SRC),$(wildcard src/*.c))
LIB_OBJ	 = $(patsubst src/%.c,$(BUILD)/%.o,$(LIB_SRC)) $(BUILD)/rules_builtin.o
UNIT	 = $(patsubst tests/unit/%.c,$(BUILD)/%,$(wildcard tests/unit/test_*.c))
APT_PKGS = build-essential pkg-config libldns-dev libjansson-dev libyaml-dev

all: $(BUILD)/proxylint

# Installs the build dependencies with apt-get, only when pkg-config or the
# compiler cannot find them (run as root on Debian or Ubuntu).
deps:
	@if ! command -v cc >/dev/null 2>&1 || ! command -v make >/dev/null 2>&1 || \
	    ! command -v pkg-config >/dev/null 2>&1 || \
	    ! pkg-config --exists $(PKGS) 2>/dev/null; then \
		echo "installing $(APT_PKGS)"; \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PKGS) >/dev/null; \
	fi

# As root it also installs proxylint (make install), so that the README's
# examples run as written; otherwise it runs the one in $(BUILD).
demo: deps
	@$(MAKE) --no-print-directory all
	@if [ "$$(id -u)" = 0 ]; then \
		$(MAKE) --no-print-directory install >/dev/null && \
		echo "installed $(PREFIX)/bin/proxylint"; fi
	@echo '$$ proxylint examples/example.com.txt'
	@if command -v proxylint >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		proxylint examples/example.com.txt; \
	else $(BUILD)/proxylint examples/example.com.txt; fi; \
	    rc=$$?; echo "(exit status $$rc)"; [ $$rc -le 1 ]

$(BUILD)/%.o: src/%.c
	@mkdir -p $(BUILD)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/rules_builtin.c: $(RULES) tools/embed-rules.sh Makefile
	@mkdir -p $(BUILD)
	sh tools/embed-rules.sh $(RULES) > $@.tmp && mv $@.tmp $@

$(BUILD)/rules_builtin.o: $(BUILD)/rules_builtin.c
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libproxylint.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/proxylint: $(CLI_OBJ) $(BUILD)/libproxylint.a
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/test_%: tests/unit/test_%.c tests/unit/tap.h $(BUILD)/libproxylint.a
	$(CC) $(WARN) $(CPPFLAGS) -Itests/unit $(CFLAGS) $< $(BUILD)/libproxylint.a $(LDFLAGS) $(LDLIBS) -o $@

check: deps
	@$(MAKE) --no-print-directory all units replays
	@sh tests/run-all.sh $(BUILD)

units: $(UNIT)

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" all units replays
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    sh tests/run-all.sh build-asan

valgrind: all units
	@sh tests/valgrind.sh $(BUILD)

golden-update: all
	@sh tests/run-golden.sh $(BUILD)/proxylint --update
	@sh tests/suites/fix.sh $(BUILD)/proxylint --update

bench: all
	@sh bench/run.sh $(BUILD)/proxylint
	@sh bench/readers.sh $(BUILD)/proxylint

install: all
	install -Dm755 $(BUILD)/proxylint $(DESTDIR)$(PREFIX)/bin/proxylint
	install -Dm644 proxylint.1 $(DESTDIR)$(PREFIX)/share/man/man1/proxylint.1
	install -Dm644 completions/proxylint.bash \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/proxylint
	install -Dm644 completions/_proxylint \
	    $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_proxylint

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/proxylint \
	    $(DESTDIR)$(PREFIX)/share/man/man1/proxylint.1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/proxylint \
	    $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_proxylint

clean:
	rm -rf build build-asan build-fuzz

# ---- Fuzzing and hostile input (issue 6) -----------------------------------
# One libFuzzer target per reader and loader (tests/fuzz/fuzz_NAME.c), each
# with its seed corpus tests/fuzz/NAME.in/ (seeds and regress-* crash cases).
#   make fuzz                      builds build-fuzz/fuzz_NAME (clang, ASan, UBSan)
#   make fuzz-run FUZZ_SECONDS=N   runs each target N seconds, FUZZ_JOBS at once
#   make fuzz-replay               replays every corpus with the gcc build
# check and asan build $(BUILD)/replay_NAME (replays), which the suite
# tests/suites/fuzz.sh runs; tests/suites/hostile.sh is the hostile inputs.
FUZZ_TARGETS	= bind cfjson tfplan octodns dnscontrol rules config hcl tf \
		  markdown
FUZZ_SECONDS	?= 60
FUZZ_JOBS	?= 2
FUZZ_MAXLEN	?= 16384
# Plans are verbose: their seeds reach 37 KiB.
FUZZ_MAXLEN_tfplan ?= 65536
FUZZ_SAN	= -fsanitize=address,undefined -fno-sanitize-recover=all \
		  -fno-omit-frame-pointer
FUZZ_OPTS	= -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
FUZZ_REPLAYS	= $(FUZZ_TARGETS:%=$(BUILD)/replay_%)

replays: $(FUZZ_REPLAYS)

$(BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c \
    tests/fuzz/fuzz_common.h $(BUILD)/libproxylint.a
	$(CC) $(WARN) $(CPPFLAGS) -DFUZZ_ALL_REPORTERS $(CFLAGS) tests/fuzz/fuzz_$*.c \
	    tests/fuzz/replay.c $(BUILD)/libproxylint.a $(LDFLAGS) $(LDLIBS) -o $@

fuzz-replay: all replays
	@sh tests/suites/fuzz.sh $(BUILD)/proxylint

fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" fuzz-targets

fuzz-targets: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(BUILD)/libproxylint.a
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer $< \
	    $(BUILD)/libproxylint.a $(LDLIBS) -o $@

fuzz-run: fuzz
	@$(MAKE) --no-print-directory -k -j$(FUZZ_JOBS) \
	    $(FUZZ_TARGETS:%=fuzz-run-%)
	@for t in $(FUZZ_TARGETS); do \
	    printf '%-8s ' $$t; grep -h 'stat::number_of_executed_units\|^Done\|ERROR\|SUMMARY' \
	        build-fuzz/$$t.log | tr '\n' ' '; echo; done

# Finds go to build-fuzz/corpus/NAME (the seeds stay as they are), crashes to
# build-fuzz/artifacts/NAME/; minimise one with -minimize_crash=1 and keep it
# as tests/fuzz/NAME.in/regress-WHAT.
fuzz-run-%:
	@mkdir -p build-fuzz/corpus/$* build-fuzz/artifacts/$*
	@echo "fuzzing $* for $(FUZZ_SECONDS) s (log: build-fuzz/$*.log)"
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    build-fuzz/fuzz_$* $(FUZZ_OPTS) -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=$(or $(FUZZ_MAXLEN_$*),$(FUZZ_MAXLEN)) \
	    -artifact_prefix=build-fuzz/artifacts/$*/ \
	    $(if $(wildcard tests/fuzz/$*.dict),-dict=tests/fuzz/$*.dict) \
	    build-fuzz/corpus/$* tests/fuzz/$*.in > build-fuzz/$*.log 2>&1; \
	    rc=$$?; tail -n 3 build-fuzz/$*.log; exit $$rc

.PHONY: replays fuzz-replay fuzz fuzz-targets fuzz-run
# ---- end of the fuzzing block ----------------------------------------------

-include $(wildcard $(BUILD)/*.d)
.PHONY: all deps demo check units asan valgrind golden-update bench install uninstall clean
.SUFFIXES:
.PRECIOUS: $(BUILD)/rules_builtin.c
