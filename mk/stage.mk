# mk/stage.mk - which lab stage this build is (docs/course/README.md).
#
#   make build LAB=N   the system at the end of lab 0x0N: every lab <= N
#                      solved, the code of later labs left out. Without LAB:
#                      LAB_MAX, the whole system. Stage 8 is the guide's
#                      lab 0x08 (an extension: mmap, a kernel heap that
#                      shrinks, the buddy/slab allocator); the course's
#                      handouts and grades are labs 0x01-0x07.
#   SOLVED=K           (course tools, K < LAB) the holes of labs > K compile
#                      to their TODO stubs: what a student of lab K+1 runs.
#
# The source marks what belongs to which lab with two preprocessor symbols,
# so `unifdef` (a standard tool) can strip them to make a handout:
#   #if YSOS_LAB >= N     code lab 0x0N brings (given to the student)
#   #if YSOS_SOLVED >= N  a hole: code the student writes in lab 0x0N;
#                         its #else is the stub a handout keeps.
# Each stage builds in its own folder; newlib is shared by all of them.
LAB_MAX := 8
LAB ?= $(LAB_MAX)
SOLVED ?= $(LAB)

STAGES := 1 2 3 4 5 6 7 8 9
ifeq ($(filter $(LAB),$(wordlist 1,$(LAB_MAX),$(STAGES))),)
$(error LAB must be one of 1..$(LAB_MAX), not '$(LAB)')
endif
ifeq ($(filter $(SOLVED),0 $(wordlist 1,$(LAB),$(STAGES))),)
$(error SOLVED must be one of 0..$(LAB), not '$(SOLVED)')
endif

# Every compiler gets them, with pkg/todo (LAB_TODO, the stub of a hole).
STAGE_CFLAGS := -DYSOS_LAB=$(LAB) -DYSOS_SOLVED=$(SOLVED) -Ipkg/todo/include

# lab_at_least(N): non-empty when this build's stage is N or later.
lab_at_least = $(filter $(1),$(wordlist 1,$(LAB),$(STAGES)))

# Whole files a lab brings: each package's fragment adds its own to
# LAB_FILES_N (e.g. pkg/kernel/kernel.mk). LATER_FILES, those of the labs
# after this stage, are not built and not in this stage's handout.
LATER_FILES = $(foreach n,2 3 4 5 6 7 8,$(if $(call lab_at_least,$(n)),,$(LAB_FILES_$(n))))

NEWLIB_BUILD := $(BUILD)
ifneq ($(LAB)-$(SOLVED),$(LAB_MAX)-$(LAB_MAX))
BUILD := $(BUILD)/lab$(LAB)$(if $(filter $(SOLVED),$(LAB)),,-solved$(SOLVED))
endif

# esp/ holds the stage built last: building another stage starts it afresh,
# so no program of a later lab is left behind in it.
ESP_STAGE := $(LAB)/$(SOLVED)
ifneq ($(filter build run debug intdbg test grader,$(or $(MAKECMDGOALS),build)),)
ESP_STAGE_FILE := $(NEWLIB_BUILD)/esp.stage
ifneq ($(shell cat $(ESP_STAGE_FILE) 2>/dev/null),$(ESP_STAGE))
$(shell rm -rf $(ESP); mkdir -p $(NEWLIB_BUILD); echo '$(ESP_STAGE)' > $(ESP_STAGE_FILE))
endif
endif
