"""The plain records the extractors return.

Every extractor takes cleaned article text (plus the published date where
known) and returns these; the Dagster assets turn lists of them into polars
frames and the dbt models shape them into the public marts. Offsets are
character offsets into the cleaned text, so every fact can be traced back to
the words it came from.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class Actor:
    """An actor as one article knows it, at its fullest."""

    name: str  # "Vladimir Putin", "Russian Security Council", "China"
    actor_type: str  # person | organization | country
    country_code: str | None = None  # ISO 3166-1 alpha-3
    role: str | None = None  # "President", "Foreign Minister", as the article gives it


@dataclass(frozen=True)
class ActorMention:
    actor: Actor
    surface: str  # the words as written: "Mr Putin", "the Russian leader", "he"
    char_start: int
    char_end: int


@dataclass
class Statement:
    speaker: Actor | None
    kind: str  # direct | indirect
    quote_text: str
    char_start: int
    char_end: int
    cue: str | None = None  # "Patrushev said", "according to the Kremlin"
    cited_by: str | None = None  # outlet the article quotes through ("TASS")
    statement_date: date | None = None


@dataclass
class Meeting:
    participants: list[Actor]
    status: str  # held | planned
    meeting_type: str  # talks | visit | summit | call | other
    evidence: str  # the sentence that says so
    char_start: int
    char_end: int
    meeting_date: date | None = None  # first day of the month/year when less precise
    date_precision: str | None = None  # day | month | year
    date_text: str | None = None
    location: str | None = None  # city, else country
    location_country: str | None = None  # ISO alpha-3 of the place, where reference data knows it
    date_hint: str | None = None  # "MM-DD" / "MM" of an undated mention whose text names no year


@dataclass
class Figure:
    value: float  # base units: "$240 billion" -> 240000000000, "90%" -> 90
    unit: str  # ISO 4217 code, "percent", "percentage points", or a physical unit
    raw_text: str  # "some 90%"
    char_start: int
    char_end: int
    measure: str | None = None  # what it counts: "trade between Russia and China"
    period: str | None = None  # "2023", "2024-Q1", "2025-H1", "2024-05"
    source: str | None = None  # who the article credits
    countries: list[str] = field(default_factory=list)  # ISO alpha-3 codes concerned
    figure_kind: str = "reported"  # reported | target | forecast | estimate
    measure_category: str = "other"  # trade, exports, imports, ... (figure_meaning.CATEGORIES)
    from_country: str | None = None  # a flow's origin, or the first of a pair (alphabetical)
    to_country: str | None = None  # a flow's recipient, or the second of a pair
    conversion_of: int | None = None  # index of the figure this one restates in another currency


def as_row(record) -> dict:
    """A record as a flat dict for a polars frame."""
    return asdict(record)
