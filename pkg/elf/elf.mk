# pkg/elf build fragment (filled in by its owner)
