# qbintake — build, test, install. See README.md.
#   make            build every program into bin/
#   make check      warnings as errors, every test (TAP via prove), then again under ASan+UBSan
#   make demo       the main job over samples/
#   make bench      speed against pandoc / LibreOffice / bsdtar (ratios)
#   make install PREFIX=/usr/local DESTDIR=

CC      ?= cc
PREFIX  ?= /usr/local
WERROR  ?= -Werror
PKGS     = libarchive libzip libxml-2.0 libpcre2-8 jansson inih harfbuzz-subset xlsxwriter nettle zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# libhpdf ships no .pc file (LIBRARIES.md), hence plain -lhpdf.
LIBS     = -Wl,--as-needed $(PKG_LIBS) -lhpdf -lm
CFLAGS_COMMON = -std=c11 -D_POSIX_C_SOURCE=200809L -g -Wall -Wextra -Wpedantic $(WERROR) \
          -Ifilters/lib -Isamples $(PKG_CFLAGS) -DQB_DATADIR='"$(PREFIX)/share/qbintake"'
CFLAGS  ?= -O2
SAN_FLAGS = -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC  = $(sort $(wildcard filters/lib/*.c))
PROG_SRC = $(sort $(wildcard filters/qb-*.c pipeline/qb-*.c))
PROGS    = $(notdir $(basename $(PROG_SRC)))
TOOL_SRC = $(sort $(wildcard samples/*.c))
TOOLS    = $(notdir $(basename $(TOOL_SRC)))
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNITS    = $(notdir $(basename $(UNIT_SRC)))

# One object tree per flavour: build/rel (bin/) and build/san (sanitizers).
REL = build/rel
SAN = build/san
vpath %.c filters/lib filters pipeline samples tests/unit

.PHONY: all deps check test test-san samples demo bench install clean
# keep objects between runs (they are intermediate files to make)
.SECONDARY:
all: deps $(addprefix bin/,$(PROGS)) $(addprefix bin/,$(TOOLS))

deps: build/.deps
build/.deps: mk/deps.sh
	@sh mk/deps.sh
	@mkdir -p build && touch $@

$(REL)/%.o: %.c build/.deps $(wildcard filters/lib/*.h samples/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_COMMON) $(CFLAGS) -c -o $@ $<
$(SAN)/%.o: %.c build/.deps $(wildcard filters/lib/*.h samples/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC san  $<"
	@$(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) -c -o $@ $<

$(REL)/libqb.a: $(addprefix $(REL)/,$(notdir $(LIB_SRC:.c=.o)))
	$(AR) rcs $@ $^
$(SAN)/libqb.a: $(addprefix $(SAN)/,$(notdir $(LIB_SRC:.c=.o)))
	$(AR) rcs $@ $^

bin/%: $(REL)/%.o $(REL)/libqb.a
	@mkdir -p bin
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS)
# the in-process half of make bench (mk/bench-check.c), not a program users run
$(REL)/bench-check: $(REL)/bench-check.o $(REL)/libqb.a
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS)
$(REL)/bench-check.o: mk/bench-check.c build/.deps
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_COMMON) $(CFLAGS) -c -o $@ $<

$(SAN)/bin/%: $(SAN)/%.o $(SAN)/libqb.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(SAN_FLAGS) -o $@ $^ $(LIBS)
$(REL)/unit/%.t: $(REL)/%.o $(REL)/libqb.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS)
$(SAN)/unit/%.t: $(SAN)/%.o $(SAN)/libqb.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(SAN_FLAGS) -o $@ $^ $(LIBS)

SHELL_TESTS = $(sort $(wildcard tests/t*.t))

# Tests find programs through QB_BIN and generated samples through QB_SAMPLES.
test: all $(addprefix $(REL)/unit/,$(addsuffix .t,$(UNITS)))
	QB_BIN=$(CURDIR)/bin QB_SAMPLES=$(CURDIR)/build/samples QB_UNIT=$(CURDIR)/$(REL)/unit \
	  prove -e '' $(REL)/unit/*.t $(SHELL_TESTS)

test-san: deps $(addprefix $(SAN)/bin/,$(PROGS) $(TOOLS)) $(addprefix $(SAN)/unit/,$(addsuffix .t,$(UNITS)))
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	QB_BIN=$(CURDIR)/$(SAN)/bin QB_SAMPLES=$(CURDIR)/build/samples-san QB_UNIT=$(CURDIR)/$(SAN)/unit \
	QB_RULES_DIR=$(CURDIR)/templates/rules \
	  prove -e '' $(SAN)/unit/*.t $(SHELL_TESTS)

check: test test-san

demo: all
	@sh mk/demo.sh

bench: all $(REL)/bench-check
	@sh mk/bench.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/qbintake/rules
	install -m 755 $(addprefix bin/,$(PROGS)) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 templates/rules/*.ini $(DESTDIR)$(PREFIX)/share/qbintake/rules/

clean:
	rm -rf build bin out
