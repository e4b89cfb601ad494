"""Big articles of every format are checked in chunks, with the same findings at the same offsets."""

from __future__ import annotations

import random

import pytest

import cleaner.pipeline as pipeline_module
from cleaner.checks.rules import load_checker
from cleaner.config import Settings
from cleaner.document import Source, load_document
from cleaner.document.chunking import chunk_bounds, chunks
from cleaner.pipeline import Pipeline
from tests.support.cmd_fixtures import RULES

pytestmark = pytest.mark.timeout(300)

WORDS = [
    "the",
    "minister",
    "said",
    "pricing",
    "talks",
    "would",
    "resume",
    "with",
    "the",
    "census",
    "office",
    "after",
    "talks",
]


def _paragraphs(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 40))).capitalize() + "." for _ in range(n)]


def _markdown(n: int) -> str:
    parts = []
    for i, p in enumerate(_paragraphs(n)):
        if i % 17 == 0:
            parts.append(f"## Pricing talks, part {i}")
        if i % 23 == 0:
            parts.append("```\npricing talks in code are not prose\n```")
        parts.append(f"> {p}" if i % 11 == 0 else f"{p} See [pricing talks](https://example.com/pricing-talks).")
    return "---\ntitle: pricing talks\n---\n\n" + "\n\n".join(parts) + "\n"


def _html(n: int) -> str:
    body = "".join(
        f"<h2>Pricing talks {i}</h2>\n" if i % 13 == 0 else f'<p class="pricing talks">{p}</p>\n'
        for i, p in enumerate(_paragraphs(n))
    )
    return (
        f"<html><head><title>pricing talks</title></head><body>\n{body}<script>pricing talks</script></body></html>\n"
    )


def _text(n: int) -> str:
    return "\n".join(_paragraphs(n)) + "\n"


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    return load_checker([folder], builtin=False, use_cache=False)


@pytest.mark.parametrize(("name", "make"), [("a.md", _markdown), ("a.html", _html), ("a.txt", _text)])
def test_chunked_findings_equal_whole_findings(checker, monkeypatch, name, make):
    source = Source(name, make(1500))
    found = {}
    for size in (10**9, 7_000):
        monkeypatch.setattr(pipeline_module, "CHUNK_CHARS", size)
        result = Pipeline([checker], Settings(), lambda m: None).analyze(source)
        found[size] = [(f.rule_id, f.span) for f in result.findings]
    assert found[10**9] == found[7_000]
    assert len(found[7_000]) > 100
    for _, span in found[7_000]:
        assert source.text[span.start : span.end].lower() in {"pricing talks", "census office"}


@pytest.mark.parametrize(("name", "make"), [("a.md", _markdown), ("a.html", _html)])
def test_chunks_keep_markup_blanked_and_regions_shifted(name, make):
    doc = load_document(Source(name, make(600)))
    pieces = list(chunks(doc, 5_000))
    assert len(pieces) > 5
    assert "".join(p.text for _, p in pieces) == doc.text
    assert "".join(p.check_text for _, p in pieces) == doc.check_text
    kinds = set()
    for offset, part in pieces:
        for region in part.regions:
            kinds.add(region.kind)
            assert part.text[region.span.start : region.span.end] in doc.text[offset + region.span.start :]
        for para in part.paragraphs:
            whole = doc.check_text[offset + para.start : offset + para.end]
            assert whole == part.check_text[para.start : para.end]
    assert "headline" in kinds


def test_one_huge_line_is_cut_at_spaces_not_inside_words():
    text = " ".join(["pricing", "talks"] * 30_000)
    doc = load_document(Source("line.txt", text))
    bounds = chunk_bounds(doc, 10_000)
    assert len(bounds) > 10
    for start, end in bounds[:-1]:
        assert end - start <= 10_000
        assert text[end - 1] == " "
    assert bounds[-1][1] == len(text)
