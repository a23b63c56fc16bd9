"""Sentence splitting for news text.

`split_sentences(text)` returns (start, end) character offsets of the
sentences of `text`, whitespace trimmed. It is a regular-expression splitter
that knows the ways English news prose fools a naive one:

- abbreviations and titles ("Mr.", "Gen.", "Dec. 30", "St. Petersburg"),
  initials ("L. Oyun-Erdene") and dotted acronyms ("U.S.", "U.N.");
- closing quotation marks and brackets after the full stop stay with the
  sentence (`... ties." Next`);
- a full stop glued to the next sentence by broken scraping
  (`said.Zhang highlighted`) still ends a sentence;
- a line break always ends a sentence (headlines, captions, paragraphs).
"""
from __future__ import annotations

import re

# Words that, followed by a full stop, do not end a sentence when a capital
# follows (titles, months, "St.", "No.").
ABBREVIATIONS = frozenset("""
mr mrs ms messrs mme mlle dr prof gen lt col maj capt cmdr adm sgt cpl brig
sen rep gov pres amb hon rev fr sr jr st mt ft no nos vol art sec dept
jan feb mar apr jun jul aug sep sept oct nov dec
approx est vs fig ca cf
""".split())

# Dotted acronyms that usually sit inside a sentence ("the U.S. President").
# After them a break is made only before a typical sentence opener.
SENTENCE_OPENERS = frozenset("""
the a an it he she they we i in on at but and this that these those there
his her their its our however meanwhile yet so as after before while when
since if for last earlier later on according under despite
""".split())

OPEN_QUOTES = "\"'“‘«„‹"
CLOSE_QUOTES = "\"'”’»›"
CLOSERS = CLOSE_QUOTES + ")]"

# A candidate end: terminal punctuation, then closing quotes/brackets.
_END = re.compile(r"(?:[.!?]+|…)[" + re.escape(CLOSERS) + r"]*")
_NEWLINE = re.compile(r"[ \t]*\n\s*")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*|\d+)$", re.UNICODE)
_ACRONYM_BEFORE = re.compile(r"(?:\b[^\W\d_]\.){1,3}[^\W\d_]?$", re.UNICODE)
_NEXT_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _is_break(text: str, dot: int, after: int) -> bool:
    """Does the punctuation run text[dot:after] end a sentence?"""
    n = len(text)
    # what follows: skip spaces (not newlines: those break anyway)
    j = after
    while j < n and text[j] in " \t\u00a0":
        j += 1
    if j >= n or text[j] == "\n":
        return True
    nxt = text[j]
    glued = j == after
    punct = text[dot:after]
    if not (nxt.isupper() or nxt.isdigit() or nxt in OPEN_QUOTES or nxt in "([" ):
        return False
    if "." not in punct[:1] or punct.startswith(".."):
        # "!" "?" "…" and "..." followed by a capital end a sentence,
        # unless glued to the next word
        return not glued or punct[-1] in CLOSERS or punct[0] in "!?"
    before = text[max(0, dot - 40):dot]
    if glued:
        # "said.Zhang" ends a sentence; "U.S.", "3.1", "Sputnik.com" do not
        m = _WORD_BEFORE.search(before)
        if punct[-1] in CLOSERS:
            return True
        if not m:
            return False
        word = m.group(1)
        return len(word) >= 2 and word.islower() and word.lower() not in ABBREVIATIONS \
            and nxt.isupper() and not text[j:j + 4].isupper()
    if punct != ".":
        # '."' or '.)' - closing mark after the stop: a real end
        return True
    acr = _ACRONYM_BEFORE.search(before)
    if acr:
        # dotted acronym ("U.S."): break only before a typical sentence opener
        m = _NEXT_WORD.match(text, j)
        return bool(m) and m.group(0).lower() in SENTENCE_OPENERS
    m = _WORD_BEFORE.search(before)
    if m:
        word = m.group(1)
        if word.lower() in ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isupper():
            return False  # an initial
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences of `text` as (start, end) offsets, whitespace trimmed."""
    cuts: list[int] = []
    n = len(text)
    for m in _END.finditer(text):
        if _is_break(text, m.start(), m.end()):
            end = m.end()
            # 'Interfax."These changes': a straight quote glued to the next word opens it
            if text[end - 1] == '"' and end < n and text[end].isalnum() and end - 1 > m.start():
                end -= 1
            cuts.append(end)
    for m in _NEWLINE.finditer(text):
        cuts.append(m.start())
    cuts.sort()
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in cuts + [len(text)]:
        if cut <= start:
            continue
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = cut
    return spans


def sentence_at(spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the sentence containing offset `pos` (or the nearest before)."""
    lo, hi = 0, len(spans) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if spans[mid][0] <= pos:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs (runs of text between line breaks) as (start, end) offsets."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# A transcript's speaker label at the start of a line: "Mikhail Mishustin: Welcome ...", or the
# label alone, with the time in the recording ("Lazarus McCarthy Chakwera (03:07):"), the turn
# following on the next lines. LABEL_TAIL is what follows the name; TIME_MARK a time on its own
# ("(04:39)") inside a turn.
_RECORDING_TIME = r"\((?P<time>\d{1,2}:\d{2}(?::\d{2})?)\)"
LABEL_TAIL = re.compile(rf"(?:[ \t]*{_RECORDING_TIME})?:")
# A broadcast transcript puts the clock before the label and the speaker's office after the name,
# in capitals: "[14:30:04] JANE DOE, MINISTER OF TRADE: ...".
TRANSCRIPT_LABEL = re.compile(r"^(?:\[(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)\][ \t]*)?"
                              r"(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
                              r"(?:,[ \t]+(?P<office>[A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*){0,7}))?"
                              + LABEL_TAIL.pattern + r"(?:[ \t]+(?P<rest>\S.*)|[ \t]*)$", re.M)
TIME_MARK = re.compile(rf"^{_RECORDING_TIME}[ \t]*")
