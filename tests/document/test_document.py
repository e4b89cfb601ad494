from __future__ import annotations

from cleaner.document.document import Document
from cleaner.document.spans import Span


def test_sentences_do_not_split_after_abbreviations() -> None:
    doc = Document.from_text("Mr. Trump met U.S. officials on Jan. 5. They talked. Then left!")
    texts = [doc.text[s.start : s.end] for s in doc.sentences]
    assert texts == ["Mr. Trump met U.S. officials on Jan. 5.", "They talked.", "Then left!"]


def test_each_line_is_a_paragraph() -> None:
    doc = Document.from_text("First line.\n\n  Second line.  \nThird.")
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == ["First line.", "Second line.", "Third."]


def test_line_col_is_one_based() -> None:
    doc = Document.from_text("ab\ncd\r\nef")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(4) == (2, 2)
    assert doc.line_col(7) == (3, 1)


def test_quotes_are_regions() -> None:
    doc = Document.from_text('He said “we will win” and left. "Yes" too.')
    assert doc.in_region("quote", Span(9, 20))
    assert not doc.in_region("quote", Span(0, 2))
    assert len(doc.quotes) == 2


def test_check_text_must_keep_length() -> None:
    try:
        Document(path="x", text="abc", check_text="ab")
    except ValueError:
        return
    raise AssertionError("a shorter check_text was accepted")


def test_word_count_counts_whitespace_separated_words() -> None:
    assert Document.from_text("One two,  three\nfour.").word_count == 4


def test_a_pickled_document_leaves_out_what_it_derives_and_derives_it_again() -> None:
    import pickle

    doc = Document.from_text('The talks, he said, "went well".\n\nPrices rose.')
    derived = (doc.tokens, doc.sentences, doc.quotes, doc.line_starts, doc.word_count)
    data = pickle.dumps(doc)
    assert b"went" in data and b"Token" not in data  # the text travels, its tokens do not
    copy = pickle.loads(data)
    assert copy == doc
    assert (copy.tokens, copy.sentences, copy.quotes, copy.line_starts, copy.word_count) == derived
