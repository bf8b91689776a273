# mk/course.mk - the course kit's tools and the project's own checks
# (docs/course/README.md). A handout leaves this file out: a student's
# `make test` builds, runs the host tests and grades labs <= its lab.
#
#   make handout LAB=N OUT=DIR [KEEP=holes]  a student's tree for lab 0x0N
#   make handouts OUT=DIR                    git repo, branches lab-0x01..07
#   make gradescope LAB=N OUT=FILE.zip       Gradescope autograder of lab 0x0N
#                                            (grader/contrib/README.md)
#   make check-leaks LAB=N OUT=DIR           no removed solution line in DIR
#   make test-stages                         the stage matrix, every handout
#   make test-holes [LAB=N]                  each hole caught by a test
#   make print-stage LAB=N                   the programs/host tests of stage N

.PHONY: print-stage handout handouts gradescope check-leaks test-stages test-holes \
	check-markers check-docs check-grader test-course

# The reference at its highest stage grades every group (robust, rustabi);
# below it, labs <= LAB as a handout does.
ifeq ($(LAB),$(LAB_MAX))
GRADE_ARGS :=
endif
TEST_CHECKS := check-markers check-docs check-grader test-course

print-stage:
	@echo "APP_ALL_NAMES := $(APP_ALL_NAMES)"
	@echo "APP_NAMES := $(APP_NAMES)"
	@echo "TEST_ALL_NAMES := $(TEST_ALL_NAMES)"
	@echo "TEST_NAMES := $(TEST_NAMES)"
	@echo "LATER_FILES := $(LATER_FILES)"

need_out = $(if $(OUT),,$(error $(1) needs OUT=$(or $(2),DIR)))

handout:
	$(call need_out,make handout)
	$(Q)$(PYTHON) scripts/handout $(if $(filter holes,$(KEEP)),--keep-holes) $(LAB) $(OUT)

handouts:
	$(call need_out,make handouts)
	$(Q)$(PYTHON) scripts/handout --branches $(OUT)

gradescope:
	$(call need_out,make gradescope,FILE.zip)
	$(Q)$(PYTHON) -m grader.contrib.gradescope bundle $(LAB) $(OUT)

# LAB: the lowest lab whose holes DIR must not give away (1 for KEEP=holes).
check-leaks:
	$(call need_out,make check-leaks)
	$(Q)$(PYTHON) scripts/check-handout-leaks . $(OUT) $(LAB)

test-stages:
	$(Q)$(PYTHON) scripts/test-stages

test-holes:
	$(Q)$(PYTHON) scripts/test-holes $(HOLES_LAB)

check-markers:
	$(Q)$(PYTHON) scripts/check-markers

check-docs:
	$(Q)$(PYTHON) tests/check_docs.py

check-grader:
	$(Q)$(PYTHON) -m pytest -q -p no:cacheprovider grader/tests tests/test_check_docs.py

# The part of test-stages that fits in `make test` (docs/course/README.md).
test-course:
	$(Q)$(PYTHON) scripts/test-stages --quick
