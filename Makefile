# qbintake — build, test, install. See README.md.
#   make            build every program into bin/
#   make check      warnings as errors, every test (TAP via prove), then again under ASan+UBSan
#   make demo       the main job over samples/
#   make bench      speed against pandoc / LibreOffice / bsdtar (ratios)
#   make install PREFIX=/usr/local DESTDIR=

CC      ?= cc
PREFIX  ?= /usr/local
WERROR  ?= -Werror
PKGS     = libarchive libzip libxml-2.0 libpcre2-8 jansson inih harfbuzz-subset xlsxwriter nettle zlib \
           libpng libjpeg libmicrohttpd icu-i18n libqpdf

# The dependency step runs before any flag is asked of pkg-config: build/config.mk is
# made by it, and make reads the makefile again once it exists (so the first
# `make demo` on a fresh machine installs, then builds).
.DEFAULT_GOAL := all
ifeq ($(filter clean,$(MAKECMDGOALS)),)
include build/config.mk
endif
build/config.mk: mk/deps.sh Makefile
	@sh mk/deps.sh
	@mkdir -p build
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; } > $@.tmp && mv $@.tmp $@

# libhpdf ships no .pc file (LIBRARIES.md), hence plain -lhpdf.
LIBS     = -Wl,--as-needed $(PKG_LIBS) -lhpdf -lm
# The shared library, one folder per subsystem (README.md, "Layout").
LIB_DIRS = core model docx rules intake report render record
INCLUDES = $(addprefix -Ifilters/lib/,$(LIB_DIRS)) -Ipipeline/batch -Ipipeline/serve -Isamples -Ibuild/gen
CFLAGS_COMMON = -std=c11 -D_POSIX_C_SOURCE=200809L -g -Wall -Wextra -Wpedantic $(WERROR) \
          -MMD -MP -fPIC -fno-semantic-interposition $(INCLUDES) $(PKG_CFLAGS) -DQB_DATADIR='"$(PREFIX)/share/qbintake"'
CFLAGS  ?= -O2
SAN_FLAGS = -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC   = $(sort $(wildcard $(addsuffix /*.c,$(addprefix filters/lib/,$(LIB_DIRS)))))
BATCH_SRC = $(sort $(wildcard pipeline/batch/*.c))
SERVE_SRC = $(sort $(wildcard pipeline/serve/*.c))
PROG_SRC  = $(sort $(wildcard filters/qb-*.c pipeline/qb-*.c))
PROGS     = $(notdir $(basename $(PROG_SRC)))
TOOL_SRC  = $(sort $(wildcard samples/*.c))
TOOLS     = $(notdir $(basename $(TOOL_SRC)))
UNIT_SRC  = $(sort $(wildcard tests/unit/*.c))
UNITS     = $(notdir $(basename $(UNIT_SRC)))
MODULES   = render archive

# One object tree per flavour, mirroring the source tree: build/rel (bin/) and
# build/san (sanitizers).
REL = build/rel
SAN = build/san

.PHONY: all deps check test test-san samples demo bench install clean
# keep objects between runs (they are intermediate files to make)
.SECONDARY:
all: deps $(addprefix bin/,$(PROGS)) $(addprefix bin/,$(TOOLS)) $(addprefix lib/qbintake/,$(addsuffix .so,$(MODULES))) \
     build/templates/application-form.docx

deps: build/config.mk

$(REL)/%.o: %.c build/config.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_COMMON) $(CFLAGS) -c -o $@ $<
$(SAN)/%.o: %.c build/config.mk
	@mkdir -p $(dir $@)
	@echo "  CC san  $<"
	@$(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) -c -o $@ $<

$(REL)/libqb.a: $(addprefix $(REL)/,$(LIB_SRC:.c=.o))
	$(AR) rcs $@ $^
$(SAN)/libqb.a: $(addprefix $(SAN)/,$(LIB_SRC:.c=.o))
	$(AR) rcs $@ $^
$(REL)/libqbbatch.a: $(addprefix $(REL)/,$(BATCH_SRC:.c=.o))
	$(AR) rcs $@ $^
$(SAN)/libqbbatch.a: $(addprefix $(SAN)/,$(BATCH_SRC:.c=.o))
	$(AR) rcs $@ $^
$(REL)/libqbserve.a: $(addprefix $(REL)/,$(SERVE_SRC:.c=.o))
	$(AR) rcs $@ $^
$(SAN)/libqbserve.a: $(addprefix $(SAN)/,$(SERVE_SRC:.c=.o))
	$(AR) rcs $@ $^

# The server's page (templates/serve/) is built into the program: each file becomes a
# list of bytes that pipeline/serve/serve_page.c includes.
SERVE_PAGE = index.html app.js app.css
build/gen/serve_%.inc: templates/serve/%
	@mkdir -p $(dir $@)
	@od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g' > $@.tmp && mv $@.tmp $@
$(REL)/pipeline/serve/serve_page.o $(SAN)/pipeline/serve/serve_page.o: $(addprefix build/gen/serve_,$(addsuffix .inc,$(SERVE_PAGE)))

# qb-check loads the dossier and the RAR/7z reader as modules (filters/lib/core/module.h)
# rather than mapping their libraries at every start: lib/qbintake/NAME.so beside bin/
# (build/san/lib/qbintake beside build/san/bin, PREFIX/lib/qbintake once installed),
# each its entry point, qb_module_bind (the program's registry of paths to remove) and
# what it pulls from libqb.a (objects are -fPIC), all else local. Every other program,
# test and fuzz target links the libarchive reader in.
mod_entry = $(if $(filter render,$(1)),qb_render_record,qb_reader_libarchive)
LINK_ARC  = -Wl,--undefined=qb_reader_libarchive
prog_arc  = $(if $(filter qb-check,$(1)),,$(LINK_ARC))
define module
lib/qbintake/$(1).so: $(REL)/libqb.a mk/modules.map
	@mkdir -p $$(dir $$@)
	@echo "  LD      $$@"
	@$$(CC) $$(CFLAGS) -shared -o $$@ -Wl,--undefined=$(call mod_entry,$(1)),--undefined=qb_module_bind -Wl,--version-script=mk/modules.map \
	  $(REL)/libqb.a $$(LIBS)
$(SAN)/lib/qbintake/$(1).so: $(SAN)/libqb.a mk/modules.map
	@mkdir -p $$(dir $$@)
	@echo "  LD san  $$@"
	@$$(CC) $$(SAN_FLAGS) -shared -o $$@ -Wl,--undefined=$(call mod_entry,$(1)),--undefined=qb_module_bind -Wl,--version-script=mk/modules.map \
	  $(SAN)/libqb.a $$(LIBS)
endef
$(foreach m,$(MODULES),$(eval $(call module,$(m))))

# A program's object: filters/qb-x.o, pipeline/qb-x.o or samples/x.o.
prog_obj = $(1)/$(patsubst %.c,%.o,$(filter %/$(2).c,$(PROG_SRC) $(TOOL_SRC) $(UNIT_SRC)))
# The server's library, for qb-serve and the serve_* unit tests only.
prog_libs = $(if $(filter qb-serve serve_%,$(2)),$(1)/libqbserve.a)

define program
bin/$(1): $(call prog_obj,$(REL),$(1)) $(call prog_libs,$(REL),$(1)) $(REL)/libqbbatch.a $(REL)/libqb.a
	@mkdir -p bin
	@echo "  LD      $$@"
	@$$(CC) $$(CFLAGS) -o $$@ $(call prog_arc,$(1)) $$^ $$(LIBS)
$(SAN)/bin/$(1): $(call prog_obj,$(SAN),$(1)) $(call prog_libs,$(SAN),$(1)) $(SAN)/libqbbatch.a $(SAN)/libqb.a
	@mkdir -p $$(dir $$@)
	@echo "  LD san  $$@"
	@$$(CC) $$(SAN_FLAGS) -o $$@ $(call prog_arc,$(1)) $$^ $$(LIBS)
endef
define unit
$(REL)/unit/$(1).t: $(call prog_obj,$(REL),$(1)) $(call prog_libs,$(REL),$(1)) $(REL)/libqbbatch.a $(REL)/libqb.a
	@mkdir -p $$(dir $$@)
	@echo "  LD      $$@"
	@$$(CC) $$(CFLAGS) -o $$@ $$(LINK_ARC) $$^ $$(LIBS)
$(SAN)/unit/$(1).t: $(call prog_obj,$(SAN),$(1)) $(call prog_libs,$(SAN),$(1)) $(SAN)/libqbbatch.a $(SAN)/libqb.a
	@mkdir -p $$(dir $$@)
	@echo "  LD san  $$@"
	@$$(CC) $$(SAN_FLAGS) -o $$@ $$(LINK_ARC) $$^ $$(LIBS)
endef
$(foreach p,$(PROGS) $(TOOLS),$(eval $(call program,$(p))))
$(foreach u,$(UNITS),$(eval $(call unit,$(u))))

# the in-process half of make bench (mk/bench-check.c), not a program users run
$(REL)/bench-check: $(REL)/mk/bench-check.o $(REL)/libqb.a
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $(LINK_ARC) $^ $(LIBS)
$(SAN)/bench-check: $(SAN)/mk/bench-check.o $(SAN)/libqb.a
	@echo "  LD san  $@"
	@$(CC) $(SAN_FLAGS) -o $@ $(LINK_ARC) $^ $(LIBS)
BENCH_RUNS ?= 5
BENCH_TINY ?= 0

SHELL_TESTS = $(sort $(wildcard tests/t*.t))

# Tests find programs through QB_BIN and generated samples through QB_SAMPLES.
test: all $(addprefix $(REL)/unit/,$(addsuffix .t,$(UNITS))) $(REL)/bench-check
	QB_BIN=$(CURDIR)/bin QB_SAMPLES=$(CURDIR)/build/samples QB_UNIT=$(CURDIR)/$(REL)/unit \
	QB_BENCH_CHECK=$(CURDIR)/$(REL)/bench-check \
	  prove -e '' $(REL)/unit/*.t $(SHELL_TESTS)

test-san: deps $(addprefix $(SAN)/bin/,$(PROGS) $(TOOLS)) $(addprefix $(SAN)/lib/qbintake/,$(addsuffix .so,$(MODULES))) \
          $(addprefix $(SAN)/unit/,$(addsuffix .t,$(UNITS))) $(SAN)/bench-check
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	QB_BENCH_CHECK=$(CURDIR)/$(SAN)/bench-check \
	QB_BIN=$(CURDIR)/$(SAN)/bin QB_SAMPLES=$(CURDIR)/build/samples-san QB_UNIT=$(CURDIR)/$(SAN)/unit \
	QB_RULES_DIR=$(CURDIR)/templates/rules \
	  prove -e '' $(SAN)/unit/*.t $(SHELL_TESTS)

check: test test-san

# the blank application form a secretariat hands out, generated (samples/mkform.c)
build/templates/application-form.docx: bin/mkform
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@bin/mkform --blank $@

demo: all
	@sh mk/demo.sh

# BENCH_RUNS=N (medians of N runs, default 5), BENCH_TINY=1 (one small input a row);
# the anchors (pandoc, LibreOffice, bsdtar) are installed here, never by make check
bench: all $(REL)/bench-check
	@sh mk/deps.sh bench || echo "bench: an anchor is missing; its rows say \"not installed\""
	@BENCH_RUNS=$(BENCH_RUNS) BENCH_TINY=$(BENCH_TINY) sh mk/bench.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/qbintake/rules
	install -m 755 $(addprefix bin/,$(PROGS)) $(DESTDIR)$(PREFIX)/bin/
	install -d $(DESTDIR)$(PREFIX)/lib/qbintake
	install -m 644 $(addprefix lib/qbintake/,$(addsuffix .so,$(MODULES))) $(DESTDIR)$(PREFIX)/lib/qbintake/
	install -m 644 templates/rules/*.ini $(DESTDIR)$(PREFIX)/share/qbintake/rules/
	install -m 644 templates/qb-serve.service $(DESTDIR)$(PREFIX)/share/qbintake/
	install -m 644 build/templates/application-form.docx $(DESTDIR)$(PREFIX)/share/qbintake/

clean:
	rm -rf build bin out lib

-include $(shell find build -name '*.d' 2>/dev/null)

# ---- fuzzing (issue 14; fuzz/README.md) ---------------------------------------------
# libFuzzer targets fuzz/fuzz_*.c with Debian's clang; the library is compiled again
# with clang into build/fuzz/ (-fsanitize=fuzzer-no-link for coverage), each target
# linked with -fsanitize=fuzzer,address,undefined. `make fuzz FUZZ_SECONDS=N` runs each
# target N seconds (one at a time); `make check` runs each briefly (FUZZ_CHECK_SECONDS).
FUZZ               = build/fuzz
FUZZ_CC            = clang
FUZZ_SECONDS      ?= 60
FUZZ_CHECK_SECONDS ?= 10
FUZZ_FLAGS         = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_SRC           = $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_TARGETS       = $(notdir $(basename $(FUZZ_SRC)))
FUZZ_COMMON        = $(addprefix $(FUZZ)/obj/fuzz/,common.o docx_chain.o)

.PHONY: fuzz fuzz-build fuzz-check
$(FUZZ)/obj/%.o: %.c build/config.mk
	@mkdir -p $(dir $@)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(CFLAGS_COMMON) -Ifuzz $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
$(FUZZ)/libqb.a: $(addprefix $(FUZZ)/obj/,$(LIB_SRC:.c=.o))
	$(AR) rcs $@ $^
$(FUZZ)/fuzz_%: $(FUZZ)/obj/fuzz/fuzz_%.o $(FUZZ_COMMON) $(FUZZ)/libqb.a
	@echo "  LD fuzz $@"
	@$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $(LINK_ARC) $^ $(LIBS)
fuzz-build: all $(addprefix $(FUZZ)/,$(FUZZ_TARGETS))
fuzz: fuzz-build
	@sh fuzz/run.sh $(FUZZ) $(FUZZ_SECONDS) $(FUZZ_TARGETS)
fuzz-check: fuzz-build
	@sh fuzz/run.sh --check $(FUZZ) $(FUZZ_CHECK_SECONDS) $(FUZZ_TARGETS)
check: fuzz-check
# ---- end of fuzzing ------------------------------------------------------------------
