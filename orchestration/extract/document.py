"""All facts of one article, as rows for the raw mention tables."""
from __future__ import annotations

from datetime import date

from .actors import find_actors
from .figures import extract_figures
from .meetings import extract_meetings
from .records import Actor
from .relevance import is_international
from .statements import extract_statements


def _actor_cols(actor: Actor | None, prefix: str) -> dict:
    return {
        f"{prefix}name": actor.name if actor else None,
        f"{prefix}type": actor.actor_type if actor else None,
        f"{prefix}country": actor.country_code if actor else None,
        f"{prefix}role": actor.role if actor else None,
    }


TABLES = ("actor_mentions", "statements", "meetings", "meeting_participants", "figures")


def extract_document(text: str, published_date: date | None,
                     dateline: str | None) -> tuple[bool, dict[str, list[dict]]]:
    """Whether the article is about international relations, and its rows for the raw mention tables.

    An off-topic article (a robbery, a product launch) yields no rows at all.
    """
    actors = find_actors(text)
    if not is_international(text, actors.actors):
        return False, {table: [] for table in TABLES}
    mentions = [
        {"mention_index": i, "name": m.actor.name, "actor_type": m.actor.actor_type,
         "country_code": m.actor.country_code, "role": m.actor.role, "surface": m.surface,
         "char_start": m.char_start, "char_end": m.char_end}
        for i, m in enumerate(actors.mentions)]

    statements = []
    for i, s in enumerate(extract_statements(text, actors, published_date)):
        speaker = _actor_cols(s.speaker, "speaker_")
        statements.append({
            "statement_index": i, "speaker_name": speaker["speaker_name"],
            "speaker_type": speaker["speaker_type"], "speaker_country": speaker["speaker_country"],
            "speaker_role": speaker["speaker_role"], "statement_kind": s.kind,
            "quote_text": s.quote_text, "cue": s.cue, "cited_by": s.cited_by,
            "statement_date": s.statement_date,
            "char_start": s.char_start, "char_end": s.char_end})

    meetings, participants = [], []
    for i, m in enumerate(extract_meetings(text, actors, published_date, dateline)):
        meetings.append({
            "meeting_index": i, "status": m.status, "meeting_type": m.meeting_type,
            "meeting_date": m.meeting_date, "date_precision": m.date_precision,
            "date_text": m.date_text, "date_hint": m.date_hint, "location": m.location,
            "location_country": m.location_country, "evidence": m.evidence,
            "char_start": m.char_start, "char_end": m.char_end})
        for j, p in enumerate(m.participants):
            participants.append({
                "meeting_index": i, "participant_index": j, "name": p.name,
                "actor_type": p.actor_type, "country_code": p.country_code, "role": p.role})

    figures = [
        {"figure_index": i, "value": f.value, "unit": f.unit, "raw_text": f.raw_text,
         "measure": f.measure, "period": f.period, "source": f.source,
         "countries": ",".join(f.countries) or None, "char_start": f.char_start, "char_end": f.char_end}
        for i, f in enumerate(extract_figures(text, published_date, actors=actors))]

    return True, {"actor_mentions": mentions, "statements": statements, "meetings": meetings,
                  "meeting_participants": participants, "figures": figures}
