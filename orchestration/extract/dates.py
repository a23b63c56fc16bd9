"""Date expressions in news text, resolved against the published date.

The API is two functions and one record:

    find_dates(text, published=None, start=0, end=None, *, planned=False) -> list[DateMention]
        every date expression in text[start:end], in order of position, with
        offsets into ``text``.
    resolve_date(phrase, published=None, *, planned=False) -> DateMention | None
        the first date expression of a short phrase ("on Monday", "in May 2024").

    DateMention(date, precision, text, start, end, relative, partial)
        date       datetime.date | None  first day of the month/year when less precise;
                                         None when the expression is relative and there
                                         is no published date (or it cannot be resolved)
        precision  "day" | "month" | "year"
        text       the words as written ("on Monday", "Monday's", "May 29, 2024")
        start, end character offsets into the text given
        relative   True when the date needed the published date ("last week", "in May")
        partial    "MM-DD" or "MM" of a date written without its year, else None

Resolution rules (``published`` is the article's date):

- weekdays ("on Monday", "Monday's talks", "early Thursday"): the latest such day on
  or before the published date ("on Monday" in an article published on a Monday is
  that day); with ``planned=True`` the earliest on or after it. "last Monday" is
  strictly before, "next Monday" strictly after.
- "yesterday", "today", "tomorrow", "the weekend" (the Saturday of the latest/next
  weekend), "N days/weeks/months/years ago".
- "last/this/next week" -> the month of that week; "last/this/next month",
  "earlier/later this month" -> month; "last/this/next year" -> year.
- a month without a year ("in May"): the nearest such month on or before the
  published month; with ``planned=True`` the nearest on or after it. A day without a
  year ("on May 29", "on 3 November", "Dec. 30") likewise, by day.
- absolute forms resolve without a published date: "May 29, 2024", "29 May 2024",
  "2024-05-29", "May 2024", "in 2023", "in spring 2023" (year precision).

A weekday directly followed by an explicit date ("Friday (Dec. 30)",
"Saturday, April 15, 2023") is one mention dated by the explicit date; one followed by
a bare day of the month ("this Friday (14th)") is that weekday falling on that day.
Detection is a handful of regexes compiled at import; no per-token parsing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

__all__ = ["DateMention", "find_dates", "resolve_date", "MONTHS", "WEEKDAYS"]


@dataclass(frozen=True)
class DateMention:
    date: date | None
    precision: str  # day | month | year
    text: str
    start: int
    end: int
    relative: bool = False
    # month and day as written when the text gives no year ("on May 29" -> "05-29", "in May" ->
    # "05"): with no published date to resolve against, still enough to tell meetings apart
    partial: str | None = None


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "fifteen": 15, "twenty": 20, "thirty": 30, "several": None, "few": None}

# Month names are matched capitalised only, so the verb "may" and "march" stay out.
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
          r"Oct\.?|Nov\.?|Dec\.?)(?![a-z])")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_PREP = r"(?:(?i:on|in|since|from|by|until|till|during|of|before|after)\s+)"
_NUMWORD = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"

_PATTERNS = [
    # 2024-05-29
    ("iso", rf"(?<![\d-])(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\d-])"),
    # (on) May 29(, 2024) / Oct. 18, 2023 / March 20 through 22
    ("mdy", rf"(?:{_PREP})?(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})(?!\d)(?:,?\s+(?P<mdy_y>{_YEAR})(?!\d))?"),
    # (on) 29 May (2024) / 3 November / 23rd March, 2023
    ("dmy", rf"(?:{_PREP})?(?<!\d)(?P<dmy_d>{_DAY})(?:\s+of)?\s+(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR})(?!\d))?"),
    # in spring 2023 / next spring / this summer
    ("season", rf"(?i:(?:(?:in|during|by)\s+)?(?:(?P<sea_rel>last|this|next)\s+)?(?:the\s+)?(?:early\s+|late\s+)?)"
               rf"(?P<sea>(?i:spring|summer|autumn|fall|winter))(?:\s+(?:of\s+)?(?P<sea_y>{_YEAR}))?(?!\w)"),
    # (in) May 2024 / in May / since February
    ("my", rf"(?:(?P<my_prep>(?i:in|since|from|by|until|till|during|of|before|after|early|late|mid|mid-)\s*)"
           rf"(?:(?i:early|late|mid|mid-)\s*)?)?(?P<my_m>{_MONTH})(?:,?\s+(?P<my_y>{_YEAR})(?!\d))?"),
    # in 2023 / since 2001 / early 2022
    ("year", rf"(?P<yr_prep>(?i:in|during|since|by|until|till|from|through|for|of|early|late|mid-|mid|the\s+year|the\s+end\s+of))\s*(?P<yr>{_YEAR})(?![\d-]|\s*(?:%|percent|per cent))"),
    # last week / this month / next year / earlier this month / later this year
    ("rel", r"(?i:(?P<rel_mod>earlier|later|early|late)\s+)?(?P<rel_q>(?i:last|this|next|past|coming))\s+(?P<rel_u>(?i:week|month|year))(?P<rel_pos>['’]s)?(?!\w)"),
    # N days/weeks/months/years ago
    ("ago", rf"(?i:(?:exactly|some|about|nearly|almost|more\s+than|less\s+than|over)\s+)?(?P<ago_n>(?i:{_NUMWORD}))\s+(?P<ago_u>(?i:day|week|month|year))s?\s+(?i:ago)(?!\w)"),
    # yesterday / today / tomorrow
    ("deictic", r"(?<!\w)(?P<dx>(?i:yesterday|today|tomorrow|tonight))(?!\w)"),
    # the weekend / his weekend talks / last weekend
    ("weekend", r"(?i:(?P<we_q>last|this|next|over\s+the|on\s+the|at\s+the|the)\s+)?(?P<we>(?i:weekend))(?P<we_pos>['’]s)?(?!\w)"),
    # on Monday / Monday's / early Thursday / last Monday / Friday (Dec. 30)
    ("weekday", rf"(?:(?P<wd_q>(?i:last|next|this|on|early|late|by|since|until|from))\s+)?(?P<wd>{_WEEKDAY})(?P<wd_pos>['’]s)?(?![\w-])"
           rf"(?:(?P<wd_tail>\s*\(\s*|,\s+)(?P<wd_m>{_MONTH})\s+(?P<wd_d>{_DAY})(?:,?\s+(?P<wd_y>{_YEAR}))?\s*\)?"
           rf"|\s*\(\s*(?P<wd_dom>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s*\))?"),
]
_KINDS = [name for name, _ in _PATTERNS]
_ANCHOR_RE = re.compile(
    r"(?=[A-Za-z0-9])\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"|\d|(?i:last|this|next|past|coming|yesterday|today|tomorrow|tonight|weekend|ago|spring|summer|"
    r"autumn|fall|winter))")
_DATE_RE = re.compile("\\b(?<![\\w-])(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS) + ")")


_MODIFIER_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Ll]ast|[Tt]heir|[Hh]is|[Hh]er)\s+$")
_EVENT_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:meeting|summit|visit|talks|call|trip|session|round|conference)\b")


def _month_modifier(m: re.Match) -> bool:
    """"a July meeting", "the March summit": a month that dates the event it modifies."""
    return bool(_MODIFIER_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) and
                _EVENT_AFTER.match(m.string, m.end()))


def _month_num(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day_num(token: str) -> int:
    return int(re.match(r"\d+", token).group())


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _add_months(d: date, months: int) -> date:
    idx = d.year * 12 + d.month - 1 + months
    return date(idx // 12, idx % 12 + 1, 1)


def _weekday(published: date | None, wd: int, mode: str) -> date | None:
    """mode: past (on/before), future (on/after), prev (strictly before), next (strictly after)."""
    if published is None:
        return None
    back = (published.weekday() - wd) % 7
    fwd = (wd - published.weekday()) % 7
    if mode == "past":
        return published - timedelta(days=back)
    if mode == "future":
        return published + timedelta(days=fwd)
    if mode == "prev":
        return published - timedelta(days=back or 7)
    return published + timedelta(days=fwd or 7)


def _month_no_year(published: date | None, month: int, planned: bool) -> date | None:
    if published is None:
        return None
    cand = date(published.year, month, 1)
    if planned:
        if month < published.month:
            cand = date(published.year + 1, month, 1)
    elif month > published.month:
        cand = date(published.year - 1, month, 1)
    return cand


def _day_no_year(published: date | None, month: int, day: int, planned: bool) -> date | None:
    if published is None:
        return None
    cand = _safe_date(published.year, month, day)
    if cand is None:
        return None
    # Two days of slack: a report dated the 15th may carry a dateline of the 16th.
    if planned:
        if cand < published - timedelta(days=2):
            cand = _safe_date(published.year + 1, month, day)
    elif cand > published + timedelta(days=2):
        cand = _safe_date(published.year - 1, month, day)
    return cand


def _num(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return NUMBERS.get(token)


def _resolve(m: re.Match, published: date | None, planned: bool) -> tuple[date | None, str, bool] | None:
    kind = next(k for k in _KINDS if m.group(k) is not None)
    g = m.group
    if kind == "iso":
        d = _safe_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
        return (d, "day", False) if d else None
    if kind == "mdy" or kind == "dmy":
        mo, dy, yr = (g("mdy_m"), g("mdy_d"), g("mdy_y")) if kind == "mdy" else (
            g("dmy_m"), g("dmy_d"), g("dmy_y"))
        month, day = _month_num(mo), _day_num(dy)
        if not 1 <= day <= 31:
            return None
        if yr:
            return _safe_date(int(yr), month, day), "day", False
        return _day_no_year(published, month, day, planned), "day", True
    if kind == "season":
        if g("sea_y"):
            return date(int(g("sea_y")), 1, 1), "year", False
        rel = (g("sea_rel") or "").lower()
        if not rel and not re.match(r"(?i)in|during|by", m.group()):
            return None  # a bare "spring" is no date
        if published is None:
            return None, "year", True
        start = SEASONS[g("sea").lower()]
        year = published.year
        if rel == "next" or (rel != "last" and planned):
            year = year + 1 if published.month >= start else year
        elif rel == "last":
            year = year - 1 if published.month < start + 3 else year
        return date(year, 1, 1), "year", True
    if kind == "my":
        month = _month_num(g("my_m"))
        if g("my_y"):
            return date(int(g("my_y")), month, 1), "month", False
        if not g("my_prep") and not _month_modifier(m):
            return None  # a bare month name ("March" as a name, a heading) is too weak
        if g("my_m") == "May" and (g("my_prep") or "").strip().lower() in ("by", "of"):
            return None
        return _month_no_year(published, month, planned), "month", True
    if kind == "year":
        return date(int(g("yr")), 1, 1), "year", False
    if kind == "rel":
        q, unit = g("rel_q").lower(), g("rel_u").lower()
        if published is None:
            return None, "month" if unit != "year" else "year", True
        step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[q]
        if unit == "week":
            monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
            return date((monday + timedelta(days=3)).year, (monday + timedelta(days=3)).month, 1), "month", True
        if unit == "month":
            return _add_months(published, step), "month", True
        return date(published.year + step, 1, 1), "year", True
    if kind == "ago":
        n = _num(g("ago_n"))
        unit = g("ago_u").lower()
        if n is None or published is None:
            return None, {"day": "day", "week": "month", "month": "month", "year": "year"}[unit], True
        if unit == "day":
            return published - timedelta(days=n), "day", True
        if unit == "week":
            d = published - timedelta(weeks=n)
            return date(d.year, d.month, 1), "month", True
        if unit == "month":
            return _add_months(published, -n), "month", True
        return date(published.year - n, 1, 1), "year", True
    if kind == "deictic":
        if published is None:
            return None, "day", True
        off = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g("dx").lower()]
        return published + timedelta(days=off), "day", True
    if kind == "weekend":
        q = (g("we_q") or "").lower()
        if not q and not g("we_pos") and not re.search(r"(?i)\b(?:his|her|their|its|a)\s+$",
                                                        m.string[max(0, m.start() - 8):m.start()]):
            return None
        if published is None:
            return None, "day", True
        mode = "next" if q == "next" else "future" if planned and q != "last" else "prev" if q == "last" else "past"
        return _weekday(published, 5, mode), "day", True
    if kind == "weekday":
        if g("wd_m"):
            month, day = _month_num(g("wd_m")), _day_num(g("wd_d"))
            if g("wd_y"):
                return _safe_date(int(g("wd_y")), month, day), "day", False
            d = _day_no_year(published, month, day, planned)
            return d, "day", True
        q = (g("wd_q") or "").lower()
        mode = {"last": "prev", "next": "next", "since": "past", "until": "future"}.get(
            q, "future" if planned else "past")
        d = _weekday(published, WEEKDAYS[g("wd").lower()], mode)
        if g("wd_dom") and d is not None:
            # "this Friday (14th)": that weekday falling on the 14th, nearest the published date
            dom = int(g("wd_dom"))
            hits = [d + timedelta(weeks=k) for k in range(-6, 7) if (d + timedelta(weeks=k)).day == dom]
            d = min(hits, key=lambda x: abs((x - d).days)) if hits else d
        return d, "day", True
    return None


@lru_cache(maxsize=16)
def _scan(text: str, start: int, end: int) -> tuple[re.Match, ...]:
    """The regex matches of text[start:end], shared by every caller on the same text
    (meetings, statements and figures all ask about the same article)."""
    # The full pattern is costly to try at every position; a cheap one finds the words a
    # date expression must contain and the full one runs only in windows around them.
    out: list[re.Match] = []
    win_s = win_e = -1
    for a in _ANCHOR_RE.finditer(text, start, end):
        ws, we = max(start, a.start() - 25), min(end, a.end() + 60)
        if ws <= win_e:
            win_e = max(win_e, we)
            continue
        if win_e > win_s:
            out.extend(_DATE_RE.finditer(text, win_s, win_e))
        win_s, win_e = ws, we
    if win_e > win_s:
        out.extend(_DATE_RE.finditer(text, win_s, win_e))
    return tuple(out)


def find_dates(text: str, published: date | None = None, start: int = 0, end: int | None = None,
               *, planned: bool = False) -> list[DateMention]:
    """Every date expression in text[start:end], resolved against ``published``.

    ``planned=True`` resolves ambiguous expressions ("in May", "on Friday") forward
    from the published date, as for an event still to come.
    """
    end = len(text) if end is None else end
    out: list[DateMention] = []
    for m in _scan(text, start, end):
        res = _resolve(m, published, planned)
        if res is None:
            continue
        d, precision, relative = res
        s, e = m.span()
        # trim a trailing unmatched "(" / whitespace of the weekday tail
        while e > s and text[e - 1] in " (\t\n":
            e -= 1
        out.append(DateMention(d, precision, text[s:e], s, e, relative, _partial(m)))
    return out


def _partial(m: re.Match) -> str | None:
    """The month (and day) of a date written without its year."""
    g = m.group
    for mo, dy, yr in (("mdy_m", "mdy_d", "mdy_y"), ("dmy_m", "dmy_d", "dmy_y"), ("wd_m", "wd_d", "wd_y")):
        if g(mo) and not g(yr):
            day = _day_num(g(dy))
            return f"{_month_num(g(mo)):02d}-{day:02d}" if 1 <= day <= 31 else None
    if g("my_m") and not g("my_y") and (g("my_prep") or _month_modifier(m)):
        return f"{_month_num(g('my_m')):02d}"
    return None


def resolve_date(phrase: str, published: date | None = None, *,
                 planned: bool = False) -> DateMention | None:
    """The first date expression of a short phrase, or None."""
    found = find_dates(phrase, published, planned=planned)
    return found[0] if found else None
