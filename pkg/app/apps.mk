# pkg/app build fragment (filled in by its owner)
