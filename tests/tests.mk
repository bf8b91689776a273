# Host unit tests: every tests/test_NAME.c becomes build/tests/test_NAME,
# linked with the portable sources the owning fragment lists in
# test_NAME_SRCS (e.g. test_bootconf_SRCS := pkg/boot/src/config.c).
TEST_NAMES := $(basename $(notdir $(wildcard tests/test_*.c)))
HOST_TESTS += $(TEST_NAMES:%=$(BUILD)/tests/%)

$(BUILD)/tests/%: tests/%.c $$($$*_SRCS) | deps
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -MMD -MP -MF $@.d $($*_CFLAGS) -o $@ $< $($*_SRCS)

-include $(TEST_NAMES:%=$(BUILD)/tests/%.d)
