"""All facts of one article, as rows for the raw mention tables.

Cost is kept linear in the size of the text. The rules ask about quotations, paragraphs,
claimed clauses, words and each actor's mentions through indexes built once per text
(indexes.py, statements._Ctx, actors.DocumentActors), not by rescanning the text per
sentence or per quote. What still compares items pairwise (meetings merged with every
earlier meeting, mentions resolved against the article's actors) grows with their number,
so a document longer than CHUNK_CHARS is also extracted one paragraph-sized chunk at a
time, with offsets mapped back; an ordinary article is one chunk. Each document has a
time budget too: past it, DocumentTimeout is raised and the document is recorded as failed.
"""
from __future__ import annotations

import re
import time
from datetime import date

from .actors import find_actors
from .budget import DocumentTimeout, time_budget
from .evidence import Sentences, align
from .figures import extract_figures
from .meetings import extract_meetings
from .records import Actor, Figure, Statement
from .reference import place_point
from .relevance import is_international
from .statements import extract_statements


def _actor_cols(actor: Actor | None, prefix: str) -> dict:
    return {
        f"{prefix}name": actor.name if actor else None,
        f"{prefix}type": actor.actor_type if actor else None,
        f"{prefix}country": actor.country_code if actor else None,
        f"{prefix}role": actor.role if actor else None,
    }


def _statement_row(i: int, s: Statement, sentences: Sentences) -> dict:
    """A statement's row, its offsets settled on its quote and its sentence(s) with the attribution."""
    speaker = _actor_cols(s.speaker, "speaker_")
    quote, start, end = align(sentences.text, s.quote_text, s.char_start, s.char_end)
    return {"statement_index": i, "speaker_name": speaker["speaker_name"],
            "speaker_type": speaker["speaker_type"], "speaker_country": speaker["speaker_country"],
            "speaker_role": speaker["speaker_role"], "statement_kind": s.kind,
            "quote_text": quote, "cue": s.cue, "cited_by": s.cited_by,
            "statement_date": s.statement_date, "char_start": start, "char_end": end,
            "evidence": sentences.around(start, end, also=s.cue)}


def _figure_row(i: int, f: Figure, sentences: Sentences) -> dict:
    raw, start, end = align(sentences.text, f.raw_text, f.char_start, f.char_end)
    return {"figure_index": i, "value": f.value, "unit": f.unit, "raw_text": raw,
            "measure": f.measure, "period": f.period, "source": f.source,
            "countries": ",".join(f.countries) or None, "char_start": start, "char_end": end,
            "figure_kind": f.figure_kind, "measure_category": f.measure_category,
            "from_country": f.from_country, "to_country": f.to_country,
            "conversion_of_index": f.conversion_of, "evidence": sentences.around(start, end)}


def _place_cols(location: str | None, country: str | None) -> dict:
    """Where a meeting place lies, from reference data (the city, else the country's capital)."""
    point = place_point(location, country)
    if point is None:
        return {"location_country_code": country, "latitude": None, "longitude": None}
    return {"location_country_code": point[0], "latitude": point[1], "longitude": point[2]}


TABLES = ("actor_mentions", "statements", "meetings", "meeting_participants", "figures")
CHUNK_CHARS = 20_000  # far above any news article; a chunk costs well under a second
_INDEX = {"actor_mentions": "mention_index", "statements": "statement_index", "meetings": "meeting_index",
          "meeting_participants": "meeting_index", "figures": "figure_index"}
_SENTENCE_GAP = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, slice) pieces of at most `size` characters, cut at a paragraph, else a sentence, else a space."""
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n\n")
        if cut < size // 4:
            gaps = [m.end() for m in _SENTENCE_GAP.finditer(window, size // 4)]
            cut = gaps[-1] if gaps else window.rfind(" ")
        if cut < size // 4:
            cut = size
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def extract_document(text: str, published_date: date | None, dateline: str | None,
                     budget_s: float | None = None) -> tuple[bool, dict[str, list[dict]]]:
    """Whether the article is about international relations, and its rows for the raw mention tables.

    An off-topic article (a robbery, a product launch) yields no rows at all. A text longer
    than CHUNK_CHARS is extracted chunk by chunk (see the module's docstring).
    """
    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    on_topic = False
    with time_budget(budget_s) as deadline:
        for offset, piece in chunks(text):
            if time.monotonic() > deadline:
                raise DocumentTimeout(f"over the time budget of {budget_s:g} s (COMMUNIQUE_DOC_SECONDS)")
            piece_on_topic, piece_rows = _extract_text(piece, published_date, dateline)
            on_topic |= piece_on_topic
            _append_shifted(rows, piece_rows, offset)
    return on_topic, rows


def _append_shifted(rows: dict[str, list[dict]], piece: dict[str, list[dict]], offset: int) -> None:
    """A chunk's rows with offsets into the whole text and indexes that continue the earlier chunks'."""
    base = {table: (max((r[_INDEX[table]] for r in rows[table]), default=-1) + 1) for table in TABLES}
    base["meeting_participants"] = base["meetings"]
    for table, table_rows in piece.items():
        for r in table_rows:
            r[_INDEX[table]] += base[table]
            if "char_start" in r:
                r["char_start"] += offset
                r["char_end"] += offset
            rows[table].append(r)


def _extract_text(text: str, published_date: date | None,
                  dateline: str | None) -> tuple[bool, dict[str, list[dict]]]:
    """Rows of one chunk, offsets into the chunk."""
    actors = find_actors(text)
    if not is_international(text, actors.actors):
        return False, {table: [] for table in TABLES}
    mentions = [
        {"mention_index": i, "name": m.actor.name, "actor_type": m.actor.actor_type,
         "country_code": m.actor.country_code, "role": m.actor.role, "surface": m.surface,
         "char_start": m.char_start, "char_end": m.char_end}
        for i, m in enumerate(actors.mentions)]

    sentences = Sentences(text)
    statements = [_statement_row(i, s, sentences)
                  for i, s in enumerate(extract_statements(text, actors, published_date))]

    meetings, participants = [], []
    for i, m in enumerate(extract_meetings(text, actors, published_date, dateline)):
        meetings.append({
            "meeting_index": i, "status": m.status, "meeting_type": m.meeting_type,
            "meeting_date": m.meeting_date, "date_precision": m.date_precision,
            "date_text": m.date_text, "date_hint": m.date_hint, "location": m.location,
            "location_country": m.location_country, "evidence": m.evidence,
            "char_start": m.char_start, "char_end": m.char_end, **_place_cols(m.location, m.location_country)})
        for j, p in enumerate(m.participants):
            participants.append({
                "meeting_index": i, "participant_index": j, "name": p.name,
                "actor_type": p.actor_type, "country_code": p.country_code, "role": p.role})

    figures = [_figure_row(i, f, sentences)
               for i, f in enumerate(extract_figures(text, published_date, actors=actors))]

    return True, {"actor_mentions": mentions, "statements": statements, "meetings": meetings,
                  "meeting_participants": participants, "figures": figures}
