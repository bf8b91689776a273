# pkg/storage build fragment (filled in by its owner)
