"""Indexes of one text, built once: spans (quotations, claimed clauses) found by bisection, and
the words the text holds, instead of a scan of the spans or of the whole text per question.

A rule that asks, for each sentence, quotation or name, "which quotations overlap this?"
or "does the article write this word?" costs the size of the article each time when it
scans: the square of a long document's size in all. These indexes give the same answers
as the scans they replace, in logarithmic or constant time.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from functools import lru_cache
from itertools import accumulate

_WORD_RUN = re.compile(r"\w+")


class _Words:
    """Where each maximal run of word characters of one text starts, and the answers given."""

    def __init__(self, text: str):
        self.text = text
        self.runs: dict[str, list[int]] = {}
        for m in _WORD_RUN.finditer(text):
            self.runs.setdefault(m.group(), []).append(m.start())
        self.answers: dict[str, bool] = {}

    def has(self, word: str) -> bool:
        if word not in self.answers:
            self.answers[word] = self._find(word)
        return self.answers[word]

    def _find(self, word: str) -> bool:
        if _WORD_RUN.fullmatch(word):
            return word in self.runs  # between boundaries, a word of word characters is a whole run
        run = _WORD_RUN.search(word)
        pattern = re.compile(rf"\b{re.escape(word)}\b")
        if run is None:  # no word character at all ("’"): nothing to look it up by
            return pattern.search(self.text) is not None
        # "china’s": each of its runs ("china") is a whole run of the text wherever it occurs
        # between boundaries, so only the places of its first run are tried
        at = run.start()
        return any(pattern.match(self.text, p - at) for p in self.runs.get(run.group(), ()) if p >= at)


@lru_cache(maxsize=8)
def _words(text: str) -> _Words:
    """One text's index of words (cached: every rule asks about the same text)."""
    return _Words(text)


def has_word(text: str, word: str) -> bool:
    """Whether `word` occurs in `text` between word boundaries, as
    `re.search(rf"\b{re.escape(word)}\b", text)` says, from an index built once per text."""
    return _words(text).has(word)


class SpanIndex:
    """Fixed spans (start, end), sorted by start, with the farthest end reached so far, so
    that spans may overlap or nest and still be found."""

    def __init__(self, spans):
        self.spans: list[tuple[int, int]] = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach = list(accumulate((e for _, e in self.spans), max))

    def reach_at(self, pos: int) -> int:
        """The farthest end of the spans that start at or before `pos` (-1 when none does):
        `pos` lies inside one of them when this is greater than `pos`."""
        k = bisect_right(self.starts, pos)
        return self.reach[k - 1] if k else -1

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans sharing at least one character with [start, end), in order of start."""
        lo, hi = bisect_right(self.reach, start), bisect_left(self.starts, end)
        return [(a, b) for a, b in self.spans[lo:hi] if max(a, start) < min(b, end)]

    def any_over(self, start: int, end: int) -> bool:
        """Whether a span starts before `end` and ends after `start` (an empty span inside
        counts, as in the test `a < end and start < b` it replaces)."""
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start

    def starting_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that start in [start, end), in order of start."""
        return self.spans[bisect_left(self.starts, start):bisect_left(self.starts, end)]


class Claims:
    """Non-empty spans that never overlap one another, added one at a time: a clause is given
    to one statement only. Overlap is two bisections; the last additions can be taken back."""

    def __init__(self):
        self._spans: list[tuple[int, int]] = []  # sorted; disjoint, so ends are sorted too
        self._added: list[tuple[int, int]] = []  # in the order they came

    def __len__(self) -> int:
        return len(self._added)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a span held (one holding `start`, or
        one starting inside it)."""
        k = bisect_right(self._spans, (start, float("inf")))
        return (k > 0 and self._spans[k - 1][1] > start) or (k < len(self._spans) and self._spans[k][0] < end)

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
        self._added.append((start, end))

    def take_back(self, n: int) -> None:
        """Forget every span added after the first `n`."""
        for span in self._added[n:]:
            del self._spans[bisect_left(self._spans, span)]
        del self._added[n:]
