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
LIB_SRC	 = $(filter-out src/main.c,$(wildcard src/*.c))
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

demo: deps
	@$(MAKE) --no-print-directory all
	@echo '$$ proxylint examples/example.com.txt'
	@$(BUILD)/proxylint examples/example.com.txt; \
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

$(BUILD)/proxylint: $(BUILD)/main.o $(BUILD)/libproxylint.a
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/test_%: tests/unit/test_%.c tests/unit/tap.h $(BUILD)/libproxylint.a
	$(CC) $(WARN) $(CPPFLAGS) -Itests/unit $(CFLAGS) $< $(BUILD)/libproxylint.a $(LDFLAGS) $(LDLIBS) -o $@

check: deps
	@$(MAKE) --no-print-directory all units
	@sh tests/run-all.sh $(BUILD)

units: $(UNIT)

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" all units
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    sh tests/run-all.sh build-asan

golden-update: all
	@sh tests/run-golden.sh $(BUILD)/proxylint --update

bench: all
	@sh bench/run.sh $(BUILD)/proxylint

install: all
	install -Dm755 $(BUILD)/proxylint $(DESTDIR)$(PREFIX)/bin/proxylint
	install -Dm644 proxylint.1 $(DESTDIR)$(PREFIX)/share/man/man1/proxylint.1

clean:
	rm -rf build build-asan build-fuzz

-include $(wildcard $(BUILD)/*.d)
.PHONY: all deps demo check units asan golden-update bench install clean
.SUFFIXES:
.PRECIOUS: $(BUILD)/rules_builtin.c
