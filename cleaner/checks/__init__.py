"""Document-level checkers: checks that need the whole article, not one sentence (name consistency)."""
