# pkg/app - user programs. Every folder pkg/app/NAME/ with .c files is one
# program: its sources are compiled with USER_CFLAGS (pkg/lib/lib.mk),
# linked to build/app/NAME and installed, without debug info, as
# esp/APP/NAME. Adding a program needs no edit here.
#
# A program may carry pkg/app/NAME/build.mk setting APP_NAME_CFLAGS and/or
# APP_NAME_LDFLAGS (e.g. APP_shell_CFLAGS := -DFOO).

# The lab each program comes with (mk/stage.mk): the guide's apps of that
# lab, or the lab whose tests run it. A program not listed comes with lab
# 0x04, where user programs start; a stage before it has none.
APP_LAB_5 := counter dinner fork_test idle mq mutex proc_test sem_test
APP_LAB_7 := alloc_all alloc_hold alloc_until_null brk brk_alloc_test brk_test hog
APP_LAB_8 := alloc_bench mmap_bench mmap_big mmap_hold mmap_test tmmap
app_lab = $(firstword $(foreach n,8 7 5,$(if $(filter $(1),$(APP_LAB_$(n))),$(n))) 4)

APP_ALL_NAMES := $(sort $(patsubst pkg/app/%/,%,$(dir $(wildcard pkg/app/*/*.c))))
APP_NAMES := $(foreach app,$(APP_ALL_NAMES),$(if $(call lab_at_least,$(call app_lab,$(app))),$(app)))
APPS += $(APP_NAMES)
ESP_FILES += $(APP_NAMES:%=$(ESP)/APP/%)

-include $(wildcard pkg/app/*/build.mk)

# build/app/obj/NAME/FILE.o for every pkg/app/NAME/FILE.c
app_objs = $(patsubst pkg/app/%.c,$(BUILD)/app/obj/%.o,$(wildcard pkg/app/$(1)/*.c))
APP_ALL_OBJS := $(foreach app,$(APP_NAMES),$(call app_objs,$(app)))

# $* is NAME/FILE; the first path element is the program's name.
$(BUILD)/app/obj/%.o: pkg/app/%.c $(NEWLIB_REF) pkg/lib/lib.mk
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(USER_CFLAGS) $(APP_$(firstword $(subst /, ,$*))_CFLAGS) -c -o $@ $<

$(APP_NAMES:%=$(BUILD)/app/%): $(BUILD)/app/%: $$(call app_objs,$$*) $(USER_RUNTIME)
	$(Q)$(CC) $(USER_LDFLAGS) $(APP_$*_LDFLAGS) -o $@ $(LIB_CRT0) $(call app_objs,$*) $(USER_LIBS)

$(APP_NAMES:%=$(ESP)/APP/%): $(ESP)/APP/%: $(BUILD)/app/%
	$(Q)mkdir -p $(@D)
	$(Q)$(OBJCOPY) --strip-debug $< $@

-include $(APP_ALL_OBJS:.o=.d)

# Host unit tests of the shell's portable parts.
test_userlib_shell_SRCS := pkg/app/shell/path.c pkg/app/shell/args.c pkg/app/shell/hexdump.c
test_userlib_shell_CFLAGS := -Ipkg/app/shell

# Host test that runs the built programs under the YSOS syscall emulator
# (pkg/lib/host): it needs them in esp/APP first.
test_userlib_apps_SRCS := $(wildcard pkg/lib/host/*.c) $(CONSOLE_SRCS)
test_userlib_apps_CFLAGS := -Ipkg/lib/host
$(BUILD)/tests/test_userlib_apps: $(APP_NAMES:%=$(ESP)/APP/%)
