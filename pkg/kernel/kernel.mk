# pkg/kernel build fragment (filled in by its owner)
