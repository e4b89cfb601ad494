"""Mining rule candidates from (original, garbled) round-trip pairs, and making such pairs with Apertium.

``alignment`` (the round-trip README's token alignment), ``pairs`` (reading pair and
clean corpora with one-line errors), ``miner`` (recurring substitutions with their
contexts, measured), ``render`` (candidate rule YAML), ``roundtrip`` (Apertium round
trips, as the development data were made).
"""

from cleaner.mining.miner import Candidate, MineSettings, mine
from cleaner.mining.pairs import read_clean, read_pairs
from cleaner.mining.render import candidates_yaml

__all__ = ["Candidate", "MineSettings", "candidates_yaml", "mine", "read_clean", "read_pairs"]
