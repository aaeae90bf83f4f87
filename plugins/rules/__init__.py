"""Built-in rule bundles, one per family (S, T, A, N, X)."""
