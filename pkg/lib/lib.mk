# pkg/lib build fragment (filled in by its owner)
