# pkg/boot: the UEFI loader (C + gnu-efi) -> esp/EFI/BOOT/BOOTX64.EFI.
# Built as a shared ELF with gnu-efi's crt0 and linker script, then turned
# into a PE32+ EFI application by objcopy. GNU_EFI_USE_MS_ABI makes the UEFI
# function pointers ms_abi, so firmware calls need no uefi_call_wrapper.
BOOT_BUILD := $(BUILD)/boot
EFI_INC := /usr/include/efi
EFI_LIB := /usr/lib

EFI_CFLAGS := -std=gnu11 $(WARN) -O2 -g -ffreestanding -fno-stack-protector -fpic \
	-fshort-wchar -mno-red-zone -mgeneral-regs-only -maccumulate-outgoing-args \
	-fno-strict-aliasing -DGNU_EFI_USE_MS_ABI -MMD -MP \
	-I$(EFI_INC) -I$(EFI_INC)/x86_64 $(STAGE_CFLAGS) -Ipkg/boot/include -Ipkg/elf/include -Ipkg/format/include
EFI_LDFLAGS := -nostdlib -znocombreloc -shared -Bsymbolic -T $(EFI_LIB)/elf_x86_64_efi.lds
EFI_SECTIONS := -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel -j .rela \
	-j .rel.* -j .rela.* -j .reloc

# Recursive (=): ELF_SRCS and FORMAT_SRCS come from pkg/elf/elf.mk and
# pkg/format/format.mk, included after this file.
BOOT_SRCS = $(wildcard pkg/boot/src/*.c) $(ELF_SRCS) $(FORMAT_SRCS)
BOOT_OBJS = $(BOOT_SRCS:%.c=$(BOOT_BUILD)/%.o)

ESP_FILES += $(ESP)/EFI/BOOT/BOOTX64.EFI

$(ESP)/EFI/BOOT/BOOTX64.EFI: $(BOOT_BUILD)/BOOTX64.EFI
	$(Q)mkdir -p $(@D)
	$(Q)cp $< $@

$(BOOT_BUILD)/BOOTX64.EFI: $(BOOT_BUILD)/BOOTX64.so
	$(Q)$(OBJCOPY) $(EFI_SECTIONS) --target efi-app-x86_64 --subsystem=10 $< $@

$(BOOT_BUILD)/BOOTX64.so: $$(BOOT_OBJS)
	$(Q)$(LD) $(EFI_LDFLAGS) -L$(EFI_LIB) $(EFI_LIB)/crt0-efi-x86_64.o $^ -o $@ -lefi -lgnuefi

$(BOOT_BUILD)/%.o: %.c | deps
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(EFI_CFLAGS) -c $< -o $@

-include $(BOOT_OBJS:.o=.d)

# Host test of the portable boot.conf parser and the snprintf it uses.
test_bootconf_SRCS = pkg/boot/src/config.c $(FORMAT_SRCS)
