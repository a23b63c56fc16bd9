"""Tie each fact to the words it stands on: exact offsets, and the sentence that holds it.

The marts promise that `body_text[char_start:char_end]` is a statement's quote or a figure's
raw text, and that `evidence` is the sentence a reader can check it against. Extractors give
offsets that may carry a stray space or stop short of a closing quote mark; these helpers
settle them on the text itself, so the promise holds whatever rule produced the fact.
"""
from __future__ import annotations

from .sentences import sentence_at, split_sentences

_SLACK = 3  # characters an extractor's offsets may be off by at either end


def align(text: str, quote: str, start: int, end: int) -> tuple[str, int, int]:
    """(quote, start, end) with text[start:end] == quote, moving the offsets as little as possible.

    The quote is looked for where the extractor put it (give or take a few characters); when it
    is not there verbatim, the span is trimmed of outer whitespace and its own words become the
    quote, so what a reader is shown is always what the article says.
    """
    if text[start:end] == quote:
        return quote, start, end
    lo, hi = max(0, start - _SLACK), min(len(text), end + _SLACK + len(quote) - (end - start))
    near = text.find(quote, lo, max(hi, lo + len(quote)))
    if quote and near >= 0:
        return quote, near, near + len(quote)
    anywhere = text.find(quote) if quote else -1
    if anywhere >= 0 and text.find(quote, anywhere + 1) < 0:
        return quote, anywhere, anywhere + len(quote)
    s, e = max(0, start), min(len(text), end)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return text[s:e], s, e


class Sentences:
    """An article's sentences, split once, for every fact of the article."""

    def __init__(self, text: str):
        self.text = text
        self.spans = split_sentences(text) or [(0, len(text))]

    def around(self, start: int, end: int, also: str | None = None) -> str:
        """The sentence(s) spanning [start, end); with `also` (an attribution such as
        'Patrushev said'), the sentence next to them that holds it too when they do not."""
        first = sentence_at(self.spans, start)
        last = sentence_at(self.spans, max(start, end - 1))
        if also and also not in self.text[self.spans[first][0]:self.spans[last][1]]:
            if first > 0 and also in self.text[self.spans[first - 1][0]:self.spans[first - 1][1]]:
                first -= 1
            elif last + 1 < len(self.spans) and also in self.text[self.spans[last + 1][0]:self.spans[last + 1][1]]:
                last += 1
        return self.text[self.spans[first][0]:self.spans[last][1]]
