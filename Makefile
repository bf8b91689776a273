# YSOS-C top-level Makefile. Targets mirror the Rust lab's Makefile:
#   make build    build loader, kernel, apps and the ESP folder (esp/)
#   make run      build + launch QEMU (serial console on this terminal)
#   make launch   launch QEMU on the existing esp/
#   make debug    launch QEMU halted, waiting for gdb on :1234 (see .gdbinit)
#   make intdbg   launch with -no-reboot -d int,cpu_reset
#   make list     list the apps
#   make test     install deps, build, run host unit tests and the grader
#                 (every check runs; the failures are listed at the end)
#   make clean    remove build/ and esp/ (newlib's cache stays: see below)
#   make distclean  clean, and this checkout's newlib cache entry
# newlib is built once per machine into ${XDG_CACHE_HOME:-~/.cache}/ysos-c/
# newlib-KEY (KEY: a hash of scripts/build-newlib.sh, gcc's version and the
# tarball) and shared by every checkout; NEWLIB_CACHE=DIR puts it in DIR.
# Without HOME or a writable cache it is built into build/ (pkg/lib/lib.mk).
# Each package owns a make fragment (pkg/*/NAME.mk, tests/tests.mk); this file
# only wires them together. V=1 shows the commands.

BUILD  := build
ESP    := esp
PYTHON := /usr/bin/python3
CC     := gcc
LD     := ld
OBJCOPY := objcopy
V ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
endif

.DEFAULT_GOAL := build
.SECONDEXPANSION:
.DELETE_ON_ERROR:

# Filled in by the fragments.
ESP_FILES :=
HOST_TESTS :=
APPS :=

include mk/stage.mk
include mk/flags.mk
include pkg/boot/boot.mk
include pkg/elf/elf.mk
include pkg/format/format.mk
include pkg/todo/todo.mk
include pkg/console/console.mk
include pkg/storage/storage.mk
# Lab 0x08 (stage 8): not in the course handouts, which stop at lab 0x07.
-include pkg/alloc/alloc.mk
include pkg/kernel/kernel.mk
include pkg/lib/lib.mk
include pkg/app/apps.mk
include tests/tests.mk

.PHONY: build run launch debug intdbg list clean distclean test host-tests grader deps format

# Installs missing Debian packages (fast no-op when all are there).
deps:
	$(Q)sh scripts/setup-deps.sh

ESP_FILES += $(ESP)/EFI/BOOT/boot.conf

build: $(ESP_FILES)

$(ESP)/EFI/BOOT/boot.conf: config.toml scripts/config.py mk/stage.mk | deps
	$(Q)mkdir -p $(@D)
	$(Q)YSOS_LAB=$(LAB) $(PYTHON) scripts/config.py bootconf config.toml > $@

run: build launch

launch:
	$(Q)sh scripts/qemu.sh

debug: build
	$(Q)sh scripts/qemu.sh -s -S

intdbg: build
	$(Q)sh scripts/qemu.sh -no-reboot -d int,cpu_reset

list:
	$(Q)for app in $(APPS); do echo $$app; done

# Runs every host test, then fails if any failed (a handout shows all its
# red tests at once, not just the first).
host-tests: $(HOST_TESTS)
	$(Q)failed=""; for t in $(HOST_TESTS); do echo "== $$t"; $$t || failed="$$failed $${t##*/}"; done; \
	if [ -n "$$failed" ]; then echo "host tests failed:$$failed"; exit 1; fi

grader: build
	$(Q)$(PYTHON) -m grader

# `make test` grades labs <= LAB. mk/course.mk (the course kit; a handout
# has none) adds the project's own checks (TEST_CHECKS) and grades every
# group at the highest stage. A red host test or check does not stop the
# rest: everything runs, then the failures are listed.
GRADE_ARGS := $(foreach n,$(wordlist 1,$(LAB),$(STAGES)),--lab $(n))
TEST_CHECKS :=
-include mk/course.mk

test: deps
	$(Q)$(MAKE) --no-print-directory build
	$(Q)failed=""; \
	$(MAKE) --no-print-directory host-tests || failed="$$failed host-tests"; \
	for c in $(TEST_CHECKS); do $(MAKE) --no-print-directory $$c || failed="$$failed $$c"; done; \
	$(PYTHON) -m grader --no-build $(GRADE_ARGS) || failed="$$failed grader"; \
	if [ -n "$$failed" ]; then echo "make test failed:$$failed"; exit 1; fi

format:
	$(Q)find pkg tests -name '*.[ch]' | xargs clang-format -i

clean:
	$(Q)rm -rf $(BUILD) $(ESP)

# Only this checkout's key: the entries of other keys (an older checkout's)
# belong to whoever uses them.
distclean: clean
	$(Q)sh scripts/build-newlib.sh --remove $(NEWLIB_DIR)
