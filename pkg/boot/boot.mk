# pkg/boot build fragment (filled in by its owner)
