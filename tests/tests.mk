# Host unit tests: every tests/test_NAME.c becomes build/tests/test_NAME,
# linked with the portable sources the owning fragment lists in
# test_NAME_SRCS (e.g. test_bootconf_SRCS := pkg/boot/src/config.c).
# A test runs from the lab stage (mk/stage.mk) whose code it tests on;
# a test not listed runs at every stage.
TEST_LAB_2 := test_console test_datetime test_frames test_kheap test_paging test_ring test_size
TEST_LAB_3 := test_proc_pid test_proc_usage
TEST_LAB_4 := test_emu_int80 test_proc_user_alloc test_syscall_fuzz \
	test_userlib_format test_userlib_line test_userlib_shell
TEST_LAB_5 := test_proc_sync test_proc_zombie
TEST_LAB_6 := test_ata_identify test_block_cache test_fat16 test_fat16_corrupt \
	test_fat16_direntry test_mbr test_random test_storage_common
# test_userlib_apps runs the whole user land (brk programs, fork, the
# shell's file commands) under the host emulator: the last stage.
TEST_LAB_7 := test_proc_vm test_userlib_apps
# The lab 0x08 extension: pkg/alloc/alloc.mk adds its tests to TEST_LAB_8.
TEST_LAB_8 += test_proc_mmap
test_lab = $(firstword $(foreach n,8 7 6 5 4 3 2,$(if $(filter $(1),$(TEST_LAB_$(n))),$(n))) 1)

TEST_ALL_NAMES := $(basename $(notdir $(wildcard tests/test_*.c)))
TEST_NAMES := $(foreach t,$(TEST_ALL_NAMES),$(if $(call lab_at_least,$(call test_lab,$(t))),$(t)))
HOST_TESTS += $(TEST_NAMES:%=$(BUILD)/tests/%)

$(BUILD)/tests/%: tests/%.c $$($$*_SRCS) | deps
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -MMD -MP -MF $@.d $($*_CFLAGS) -o $@ $< $($*_SRCS)

-include $(TEST_NAMES:%=$(BUILD)/tests/%.d)
