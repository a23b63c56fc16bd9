"""Offsets settled on the words they point at, and the sentence that holds a fact."""
from __future__ import annotations

from orchestration.extract.document import extract_document
from orchestration.extract.evidence import Sentences, align

TEXT = ('Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday. '
        'Putin said the two countries "have never been closer." He added that trade between Russia '
        'and China reached $240 billion in 2023, up from $185 billion in 2022.')


def test_align_moves_offsets_onto_the_quote():
    quote = "have never been closer."
    start = TEXT.index(quote)
    assert align(TEXT, quote, start - 1, start - 1 + len(quote)) == (quote, start, start + len(quote))
    assert align(TEXT, quote, start, start + len(quote)) == (quote, start, start + len(quote))


def test_align_falls_back_to_the_words_of_the_span():
    quote, start, end = align(TEXT, "words the article never says", 7, 26)
    assert TEXT[start:end] == quote == "President Vladimir"


def test_the_sentence_around_a_fact_and_its_attribution():
    sentences = Sentences(TEXT)
    start = TEXT.index("$240 billion")
    assert sentences.around(start, start + 12).startswith("He added that trade")
    q = TEXT.index("have never")
    assert sentences.around(q, q + 10, also="Putin said") == 'Putin said the two countries "have never been closer."'


def test_every_row_of_an_article_slices_its_own_words_and_carries_its_sentence():
    on_topic, rows = extract_document(TEXT, None, None)
    assert on_topic and rows["statements"] and rows["figures"]
    for row in rows["statements"]:
        assert TEXT[row["char_start"]:row["char_end"]] == row["quote_text"]
        assert row["quote_text"] in row["evidence"]
    for row in rows["figures"]:
        assert TEXT[row["char_start"]:row["char_end"]] == row["raw_text"]
        assert row["raw_text"] in row["evidence"]
    assert {r["raw_text"]: r["figure_kind"] for r in rows["figures"]} == {"$240 billion": "reported",
                                                                          "$185 billion": "reported"}
    assert rows["meetings"][0]["location_country_code"] == "RUS"
    assert rows["meetings"][0]["latitude"] == rows["meetings"][0]["latitude"]  # a number, not NaN
    assert 55 < rows["meetings"][0]["latitude"] < 56
