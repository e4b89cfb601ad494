"""The fluency checker: a small language model (pure numpy) scores sentences.

Two jobs (docs/fluency.md): *gate* re-scores every other engine's proposed
replacement in its sentence and sets its confidence from the log-probability
difference; *propose* tries the words a pivot-language round trip confuses
(confusion sets built from bilingual dictionaries) where the model finds the
original surprising.

Modules: ``gguf_weights`` (GGUF file → float arrays, cached on disk),
``tokenizer`` (byte-level BPE from the GGUF vocabulary), ``token_tree``
(windows laid out so that shared tokens are computed once), ``llama`` (the
forward pass), ``scorer`` (windows, passes, reuse between them, score cache),
``confusions`` (the committed confusion sets), ``checker`` (the engine),
``gate`` (the post-merge step), ``settings``.
"""

PROPOSE_RULE_ID = "fluency-pivot-sense"
"""The rule id of the checker's own proposals (here, so knowing it loads no model code)."""
PROPOSE_CATEGORY = "pivot-sense"

SURPRISE_RULE_ID = "fluency-surprise"
"""The rule id of the surprising-word hints (``surprise`` nats; on in full mode by default, off in gate mode)."""
SURPRISE_CATEGORY = "surprise"
