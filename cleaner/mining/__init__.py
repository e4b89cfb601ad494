"""Mining rule candidates from (original, garbled) round-trip pairs, and making such pairs with Apertium."""
