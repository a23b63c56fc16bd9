"""Trade and economic figures: money amounts, percentages and physical quantities.

`extract_figures(text, published_date)` returns one `records.Figure` per figure the
article states, with

- ``value`` in base units ("$240 billion" -> 240000000000, "90%" -> 90, "38 bcm" ->
  38000000000 cubic meters) and ``unit`` an ISO 4217 code, "percent",
  "percentage points", "basis points" or a physical unit ("cubic meters", "barrels",
  "barrels per day", "tonnes", "cubic feet", "kilowatt hours", "ounces", "bushels");
- ``raw_text`` the words as written, approximations included ("some 90%");
- ``measure`` what the figure counts, a short noun phrase from its clause (never None);
- ``period`` the period it is about ("2023", "2025-H1", "2024-Q1", "2025-06",
  "2025-01/2025-09" for other month spans, "2024-2027" for runs of whole years, as the
  annotation writes them), resolved against the published date,
  None when it cannot be resolved;
- ``source`` who the article credits for it ("according to ...", "X said", "data
  released by X", "in a X survey"), else None;
- ``countries`` ISO alpha-3 codes of the countries the measure names.

Documented choices:

- a range ("between $10 and $12 billion", "10-12 bcm", "3-4%") is one figure whose
  value is the LOWER bound; ``raw_text`` keeps the whole range. "from 10 to 12 bcm"
  is a change, not a range: two figures (the first borrows the unit and scale of the
  second, as in "from $10 to $12 billion").
- "$" alone is USD, unless the article is about a country with a dollar of its own (AUD in
  "Australia will give Vanuatu $500 million"; see ``_home_dollar``); "¥" is CNY or JPY by which
  of China/Japan the article talks about.
- a figure stated again (same value and unit, compatible period, same words around it or
  a measure about the same thing) is reported once, at its first mention.
- money amounts are always figures (save exchange-rate footnotes like "$1 = 7.2 yuan");
  percentages only when their sentence is about trade, payments, sanctions,
  investment, production or the economy (not poll shares, populations, "100% sure");
  physical quantities only for traded goods (gas, oil, grain, coal, power ...).
- counts of people, companies, members, rounds, years are never figures (they carry
  no unit this module knows).
- "year-on-year", "since 2021", "compared with the same period last year" never set a
  period. A figure whose own sentence names no period takes the latest period named
  in one of the three sentences before it that talk about the economy.
"""
from __future__ import annotations

import bisect
import re
from decimal import Decimal
from functools import lru_cache
from dataclasses import dataclass
from datetime import date, timedelta

from orchestration.extract import figure_meaning, reference
from orchestration.extract.indexes import has_word
from orchestration.extract.records import Figure
from orchestration.extract.sentences import split_sentences

from orchestration.extract.reference import country_for as _country_for
from orchestration.extract.reference import currency_for as _currency_for

__all__ = ["extract_figures"]

# --------------------------------------------------------------------------- numbers

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a": 1, "an": 1, "a hundred": 100, "one hundred": 100,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUM = (rf"(?:(?:{_TENS})[-\s](?:{_UNITS})|a hundred|one hundred|{_TENS}|eleven|twelve|thirteen|"
            rf"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|{_UNITS}|an?)")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "trn": 1e12, "tln": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
}
_SCALE = (r"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|mln|bln|trn|tln|crores?|lakhs?)"
          r"(?:s\b|\b)|\s?(?P<scale_short>bn|tn|mn)\b|(?P<scale_letter>[mbkMBK])\b)")

# --------------------------------------------------------------------------- currencies

_SYMBOL_PREFIX = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD",
    "ca$": "CAD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "nt$": "TWD", "r$": "BRL",
    "mex$": "MXN", "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB", "₩": "KRW", "₺": "TRY",
    "₴": "UAH", "₦": "NGN", "₱": "PHP", "₫": "VND", "rs": "INR", "rs.": "INR", "rp": "IDR",
    "rp.": "IDR", "rm": "MYR", "rmb": "CNY", "rmb¥": "CNY",
}
# ISO codes of the currencies English news writes as codes.
_CODES = ("USD EUR GBP CNY RMB JPY INR RUB CHF AUD CAD HKD SGD KRW TRY BRL SAR AED ZAR KZT UAH "
          "IDR MYR THB VND PHP MXN PKR BDT EGP NGN IRR QAR KWD ILS PLN SEK NOK DKK NZD TWD BYN "
          "UZS AMD AZN GEL MNT KGS TJS LKR NPR KES ETB ARS CLP COP PEN HUF CZK RON").split()
_BASE_WORDS = {
    "dollar": "USD", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "ruble": "RUB",
    "rouble": "RUB", "rupee": "INR", "euro": "EUR", "pound": "GBP", "sterling": "GBP",
    "pounds sterling": "GBP", "pound sterling": "GBP", "yen": "JPY", "won": "KRW", "lira": "TRY",
    "riyal": "SAR", "rial": "IRR", "dirham": "AED", "rand": "ZAR", "tenge": "KZT",
    "hryvnia": "UAH", "franc": "CHF", "rupiah": "IDR", "ringgit": "MYR", "baht": "THB",
    "peso": "MXN", "naira": "NGN", "shilling": "KES", "dong": "VND", "manat": "AZN",
    "lari": "GEL", "som": "KGS", "dram": "AMD", "zloty": "PLN", "krona": "SEK",
    "krone": "NOK", "real": "BRL", "shekel": "ILS", "taka": "BDT", "dinar": "KWD",
    "forint": "HUF", "leu": "RON", "tugrik": "MNT",
}
_PLURALS = {"kronor": "krona", "kroner": "krone", "reais": "real", "hryvnias": "hryvnia",
            "liras": "lira", "lire": "lira", "zlotys": "zloty", "shekels": "shekel",
            "dinars": "dinar", "forints": "forint", "lei": "leu", "tenges": "tenge"}
# words that are currencies only with a scale word or a country qualifier ("won", "real")
_WEAK_CURRENCY = {"won", "real", "rand", "dong", "som", "lari", "dram", "pound", "franc",
                  "peso", "leu", "real"}

_CURRENCY_WORD = (r"dollars?|yuan|renminbi|rubles?|roubles?|rupees?|euros?|pounds?\s+sterling|pounds?|"
                  r"sterling|yen|won|liras?|lire|riyals?|rials?|dirhams?|rand|tenge|hryvnias?|francs?|"
                  r"rupiah|ringgit|baht|pesos?|naira|shillings?|dong|manat|lari|soms?|drams?|zlotys?|"
                  r"kronor|kroner|krona|krone|reais|real|shekels?|taka|dinars?|forints?|lei|leu|tugriks?|"
                  r"(?-i:RMB|" + "|".join(_CODES) + r")")
_QUALIFIER = r"(?-i:(?:U\.S\.|US|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s)"

_PREFIX = (r"(?P<pre>(?<![A-Za-z0-9])(?-i:US|U\.S\.|AU|A|CA|C|HK|NZ|S|NT|R|Mex)\$|RMB¥|\$|€|£|¥|₹|₽|₩|₺|₴|₦|₱|"
           r"(?<![A-Za-z])(?-i:Rs\.?|Rp\.?|RM|RMB|Rmb|" + "|".join(_CODES) + r")(?=\s?\d))\s?")

# --------------------------------------------------------------------------- units

_UNIT = (r"(?P<unit>%|per[\s-]?cent\b|percent\b|pct\b|percentage[\s-]points?\b|basis[\s-]points?\b|bps\b|"
         r"pp\b|ppts?\b|"
         r"cubic[\s-]met(?:er|re)s?\b|cu\.?\s?m\b|bcm\b|tcm\b|m3\b|m³|cubic[\s-]f(?:ee|oo)t\b|bcf\b|tcf\b|"
         r"barrels?(?:\s+(?:per|a)\s+day|\s+daily)?\b|bpd\b|b/d\b|bbl/d\b|mb/d\b|mbpd\b|kb/d\b|bbls?\b|"
         r"(?:metric[\s-])?tonnes?\b|(?:metric[\s-])?tons?\b|mmt\b|mtpa\b|"
         r"kilowatt[\s-]hours?\b|kwh\b|mwh\b|gwh\b|twh\b|(?:troy\s+)?ounces\b|bushels\b)")

_FIGURE = re.compile(
    rf"(?:{_PREFIX})?(?:(?P<num>{_DIGITS})(?:\s?[-–—]\s?(?P<num2>{_DIGITS}))?|"
    rf"(?P<wnum>\b{_WORDNUM}\b(?=[\s-]+(?:thousand|million|billion|trillion|per[\s-]?cent|"
    rf"percent|percentage))))(?:{_SCALE})?"
    rf"(?:[\s-]?(?P<curq>{_QUALIFIER})?(?P<curw>(?:{_CURRENCY_WORD}))\b|[\s-]?{_UNIT})?",
    re.IGNORECASE)

# Where a figure can begin: cheap scans for digit runs, currency signs, codes and number
# words before a scale; the full pattern is then tried only there.
_DIGIT_RUN = re.compile(r"\d[\d,.]*")
_SIGN = re.compile(r"[$€£¥₹₽₩₺₴₦₱]")
_CODE_LIKE = re.compile(r"(?<![A-Za-z])(?:Rs|Rp|RM|Rmb|[A-Z]{3})(?=\.?\s?\d)")
_SCALE_WORD = re.compile(r"(?:thousand|million|billion|trillion|per[\s-]?cent|percent|percentage)", re.I)
_WORDNUM_BEFORE = re.compile(rf"\b{_WORDNUM}[\s-]+$", re.I)


def _figure_matches(text: str):
    """_FIGURE matches, tried only where a figure can begin."""
    anchors: set[int] = {m.start() for m in _DIGIT_RUN.finditer(text)}
    for m in _SIGN.finditer(text):
        anchors.update(range(max(0, m.start() - 4), m.start() + 1))
    anchors.update(m.start() for m in _CODE_LIKE.finditer(text))
    for m in _SCALE_WORD.finditer(text):
        w = _WORDNUM_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if w:
            anchors.add(w.start())
    pos = 0
    for a in sorted(anchors):
        if a < pos:
            continue
        m = _FIGURE.match(text, a)
        if m and m.end() > m.start() and (m.group("num") or m.group("wnum")):
            yield m
            pos = m.end()


_APPROX = re.compile(
    r"(?:\b(?:nearly|almost|about|around|approximately|approx\.|roughly|some|more\s+than|over|"
    r"less\s+than|fewer\s+than|under|up\s+to|at\s+least|at\s+most|close\s+to|as\s+much\s+as|"
    r"as\s+many\s+as|just\s+over|just\s+under|upwards\s+of|in\s+excess\s+of|an\s+estimated|"
    r"estimated|around\s+about|a\s+little\s+over|slightly\s+more\s+than|slightly\s+over|"
    r"almost\s+exactly|well\s+over|below|above|~)\s+)+$", re.IGNORECASE)

_PHYSICAL = {
    "cubic meters": ("cubic meters", 1), "bcm": ("cubic meters", 1e9),
    "tcm": ("cubic meters", 1e12), "m3": ("cubic meters", 1), "bcf": ("cubic feet", 1e9),
    "tcf": ("cubic feet", 1e12), "barrels": ("barrels", 1),
    "barrels per day": ("barrels per day", 1), "bpd": ("barrels per day", 1),
    "mb/d": ("barrels per day", 1e6), "mbpd": ("barrels per day", 1e6),
    "kb/d": ("barrels per day", 1e3), "tonnes": ("tonnes", 1), "mmt": ("tonnes", 1e6),
    "mtpa": ("tonnes", 1e6), "kilowatt hours": ("kilowatt hours", 1),
    "mwh": ("kilowatt hours", 1e3), "gwh": ("kilowatt hours", 1e6),
    "twh": ("kilowatt hours", 1e9), "ounces": ("ounces", 1), "bushels": ("bushels", 1),
}


def _norm_unit(raw: str) -> tuple[str, float]:
    """(normalised unit, multiplier) of a unit as written."""
    u = re.sub(r"[\s-]+", " ", raw.lower()).strip()
    if u in ("%", "per cent", "percent", "pct", "percent"):
        return "percent", 1
    if u.startswith("percentage point") or u in ("pp", "ppt", "ppts"):
        return "percentage points", 1
    if u.startswith("basis point") or u == "bps":
        return "basis points", 1
    if u.startswith("cubic f"):
        return "cubic feet", 1
    if u.startswith("cubic") or u.startswith("cu") or u == "m³":
        return "cubic meters", 1
    if u.startswith("barrel"):
        return ("barrels per day", 1) if ("day" in u or "daily" in u) else ("barrels", 1)
    if u in ("b/d", "bbl/d"):
        return "barrels per day", 1
    if u.startswith("bbl"):
        return "barrels", 1
    if "ton" in u:
        return "tonnes", 1
    if u.startswith("kilowatt") or u == "kwh":
        return "kilowatt hours", 1
    if "ounce" in u:
        return "ounces", 1
    return _PHYSICAL.get(u, (u, 1))


def _currency(qualifier: str | None, word: str) -> str | None:
    w = re.sub(r"\s+", " ", word.strip())
    low = w.lower()
    if w.upper() in _CODES and w.isupper():
        return "CNY" if w.upper() == "RMB" else w.upper()
    low = _PLURALS.get(low, low)
    if low not in _BASE_WORDS and low.endswith("s") and low[:-1] in _BASE_WORDS:
        low = low[:-1]
    base = _BASE_WORDS.get(low)
    if qualifier:
        q = qualifier.strip()
        country = _country_for(q)
        if country is not None and country.currencies:
            return country.currencies[0] if base != "USD" or "USD" not in country.currencies else "USD"
        code = _currency_for(f"{q} {low}")
        if code:
            return code
    if base:
        return base
    return _currency_for(w)


# --------------------------------------------------------------------------- periods

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
        "4th": 4, "final": 4}
_REL_YEAR = r"(?:(?:this|last|the\s+current|the\s+previous|the\s+past|next|the\s+same)\s+year)"
_YEAR_TAIL = rf"(?:,?\s+(?:of\s+)?(?:the\s+)?(?:{_REL_YEAR}|(?:fiscal\s+)?(?P<y>{_YEAR})))?"

_PERIOD_PATTERNS = [
    ("half", re.compile(rf"\b(?:the\s+)?(?P<n>first|second|1st|2nd)\s+half(?:\s+of)?{_YEAR_TAIL}", re.I)),
    ("half", re.compile(rf"(?<![\w-])(?:H(?P<n>[12])|(?P<n2>[12])H)(?:\s*(?:of\s+)?(?P<y>{_YEAR}))?\b")),
    ("half", re.compile(rf"\b(?P<y>{_YEAR})\s*H(?P<n>[12])\b")),
    ("quarter", re.compile(rf"\b(?:the\s+)?(?P<n>first|second|third|fourth|1st|2nd|3rd|4th|final)\s+"
                           rf"quarter(?:\s+of)?{_YEAR_TAIL}", re.I)),
    ("quarter", re.compile(rf"(?<![\w-])Q(?P<n>[1-4])(?:\s*(?:of\s+)?(?P<y>{_YEAR}))?\b")),
    ("quarter", re.compile(rf"\b(?P<y>{_YEAR})\s*Q(?P<n>[1-4])\b")),
    ("firstmonths", re.compile(rf"\b(?:the\s+)?first\s+(?P<n>two|three|four|five|six|seven|eight|nine|"
                               rf"ten|eleven|\d{{1,2}})\s+months(?:\s+of)?{_YEAR_TAIL}", re.I)),
    ("span", re.compile(rf"\b(?:from\s+|between\s+)?(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?\s*"
                        rf"(?:-|–|—|to|through|and|until|till)\s*(?P<m2>{_MONTH})(?!\s*\d{{1,2}}\b)"
                        rf"{_YEAR_TAIL}")),
    ("monthyear", re.compile(rf"(?<!\d\s)\b(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b")),
    ("month", re.compile(rf"\b(?P<prep>[Ii]n|[Ff]or|[Dd]uring|[Oo]f|[Ll]ast|[Tt]his|[Ss]ince|[Bb]y|"
                         rf"[Tt]hrough|[Uu]ntil|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?P<m>{_MONTH})(?![\w-])"
                         rf"(?!\s*\d)")),
    ("base", re.compile(r"\b(?:the\s+)?same\s+(?:period|month|quarter|time|half)\s+(?:of\s+|in\s+)?"
                        r"(?:last|the\s+previous|a|the\s+prior)\s+year\b|\byear[\s-]on[\s-]year\b|"
                        r"\byear[\s-]over[\s-]year\b|\by/y\b|\byoy\b|\bon\s+an?\s+annual\s+basis\b|"
                        r"\ba\s+year\s+(?:earlier|ago|before)\b|\b(?:from|over|than|compared\s+(?:to|with)|"
                        r"versus)\s+(?:the\s+)?(?:previous|prior|last|preceding)\s+(?:year|month|quarter)\b",
                        re.I)),
    # runs of years: "between 2024 and 2027", "from 2011-2020", "2024–2027"; "until 2030" from now
    ("years", re.compile(rf"\b(?:between\s+(?P<a1>{_YEAR})\s+and\s+(?P<a2>{_YEAR})|(?:from\s+)?(?P<b1>{_YEAR})"
                         rf"\s*(?:-|–|to|through)\s*(?P<b2>{_YEAR}))\b(?!\s*(?:-|–)\s*\d)", re.I)),
    ("until", re.compile(rf"\b(?:until|till|through|up\s+to)\s+(?:the\s+end\s+of\s+)?(?P<y>{_YEAR})\b(?![\w-])", re.I)),
    ("year", re.compile(rf"\b(?P<prep>in|for|during|of|through|throughout|by|since|from|until|till|over|to|"
                        rf"as\s+of|at\s+the\s+end\s+of|the\s+end\s+of|end[\s-]|the\s+start\s+of|early|late|"
                        rf"mid[\s-]?|fiscal|FY|calendar|financial\s+year)\s*(?:the\s+)?(?:(?:early|late|"
                        rf"mid[\s-]?)\s*)?(?:(?:fiscal|financial|calendar)\s+(?:year\s+)?)?(?P<y>{_YEAR})"
                        rf"(?![\w-]|\s*(?:-|–)\s*\d)", re.I)),
    ("fiscal", re.compile(rf"\b(?:(?:in|for|during|of)\s+)?(?:(?:the\s+)?(?:fiscal|financial)\s+(?:year\s+)?|FY\s?)"
                          rf"(?P<y>{_YEAR})[-–/](?P<y2>\d{{2}}|{_YEAR})\b", re.I)),
    ("year", re.compile(rf"(?<![\w$€£¥.,-])(?P<y>{_YEAR})(?:'s|’s)?\s+(?=(?:bilateral\s+|total\s+|annual\s+)?"
                        rf"(?:trade|exports?|imports?|turnover|figures?|data|sales|output|production|"
                        rf"budget|GDP|growth|levels?|volumes?)\b)", re.I)),
    ("rel", re.compile(rf"\b(?P<prep>(?:so\s+far\s+|earlier\s+|later\s+|until\s+the\s+end\s+of\s+)?)"
                       rf"(?P<which>this|last|the\s+current|the\s+previous|the\s+past|next|the\s+coming)\s+"
                       rf"(?P<what>(?:financial\s+|fiscal\s+)?year|month|week)\b", re.I)),
    # a run of whole years counted from the article's date: "over the next three years", "for the
    # coming four years", "over the past 20 years"
    ("nyears", re.compile(r"\b(?:in|over|during|within|for)\s+the\s+(?P<dir>next|coming|following|past|last|"
                          r"previous)\s+(?P<n>\d{1,2}|[a-z]+)\s+years\b", re.I)),
    # spans that are periods but not calendar ones: "in five months", "over the next three years"
    ("vague", re.compile(r"\b(?:in|over|during|within|for)\s+(?:the\s+)?(?:(?:last|past|next|coming|previous|"
                         r"following)\s+)?(?:\w+\s+)?(?:years|months|decades|weeks)\b", re.I)),
]
# events whose date is not the date of the figures beside them ("Founded in June 2001, the SCO ...")
_EVENT_BEFORE = re.compile(r"\b(?:founded|established|formed|created|launched|born|elected|signed|set\s+up|"
                           r"inaugurated|sworn\s+in|took\s+office|invaded|annexed)"
                           r"\s+(?:[\w’'-]+\s+){0,6}$", re.I)


# Cheap tests that let most period patterns skip a window: words one of their matches must hold.
_MONTH_HINT = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_PATTERN_HINTS = {
    "half": ("half", "h1", "h2", "1h", "2h"), "quarter": ("quarter", "q1", "q2", "q3", "q4"),
    "firstmonths": ("months",), "fiscal": ("fiscal", "financial", "fy"),
    "base": ("year", "y/y", "yoy", "annual", "previous", "prior", "preceding"),
    "rel": ("year", "month", "week"), "vague": ("years", "months", "decades", "weeks"),
}
_YEAR_DIGITS = re.compile(rf"(?<!\d){_YEAR}(?!\d)")


def _period_matches(text: str, windows: list[tuple[int, int]]):
    """(kind, match) of every period pattern in the windows, pattern by pattern (the order matters)."""
    for lo, hi in windows:
        window = text[lo:hi]
        low = window.lower()
        months = bool(_MONTH_HINT.search(window))
        years = [y.start() + lo for y in _YEAR_DIGITS.finditer(window)]
        for idx, (kind, rx) in enumerate(_PERIOD_PATTERNS):
            if kind in ("span", "monthyear", "month") and not months:
                continue
            hints = _PATTERN_HINTS.get(kind)
            if hints and not any(h in low for h in hints) and not (kind == "half" and idx and years) \
                    and not (kind == "quarter" and idx and years):
                continue
            if kind == "year" and idx == _FIRST_YEAR_PATTERN:
                # anchored on the digits: try the pattern only where a year stands
                for pos in years:
                    for start in range(max(lo, pos - 45), pos):
                        if start == lo or not text[start - 1].isalnum():
                            m = rx.match(text, start, hi)
                            if m and m.end() >= pos + 4:
                                yield kind, m
                                break
                continue
            if kind == "year" and not years:
                continue
            for m in rx.finditer(text, lo, hi):
                yield kind, m


@dataclass
class _Period:
    start: int
    end: int
    value: str | None
    base: bool  # a baseline ("year-on-year", "since 2021"): never a figure's period
    partial_year: int | None = None  # the year, when the period is part of a year


def _year_from_tail(m: re.Match, pub: date | None, ref: int | None) -> int | None:
    y = m.groupdict().get("y")
    if y:
        return int(y)
    tail = m.group(0).lower()
    if "last year" in tail or "previous year" in tail or "past year" in tail:
        return ref - 1 if ref else None
    if "next year" in tail:
        return ref + 1 if ref else None
    return None


def _default_year(first_month: int, pub: date | None, ref: int | None) -> int | None:
    """The year of a part-year period named without a year: the latest that has begun."""
    if pub is not None:
        return pub.year if first_month <= pub.month else pub.year - 1
    return ref


def _month_num(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")]


def _span_value(y: int, m1: int, m2: int) -> str:
    if m1 == 1 and m2 == 12:
        return str(y)
    if (m1, m2) in ((1, 6), (7, 12)):
        return f"{y}-H{1 if m1 == 1 else 2}"
    if m2 - m1 == 2 and m1 % 3 == 1:
        return f"{y}-Q{(m1 + 2) // 3}"
    if m1 == m2:
        return f"{y}-{m1:02d}"
    return f"{y}-{m1:02d}/{y}-{m2:02d}"


def _find_periods(text: str, pub: date | None, ref: int | None,
                  windows: list[tuple[int, int]] | None = None) -> list[_Period]:
    """Period expressions of `text` (only inside `windows`, when given)."""
    found: list[_Period] = []
    taken: list[tuple[int, int]] = []
    windows = windows or [(0, len(text))]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for kind, m in _period_matches(text, windows):
        if True:
            s, e = m.span()
            if not free(s, e):
                continue
            value: str | None = None
            base = False
            partial = None
            gd = m.groupdict()
            if kind in ("half", "quarter", "firstmonths"):
                if kind == "firstmonths":
                    raw_n = gd["n"].lower()
                    n = int(raw_n) if raw_n.isdigit() else _WORD_NUMBERS.get(raw_n, 0)
                    if not 1 <= n <= 12:
                        continue
                    first, last = 1, n
                else:
                    token = (gd.get("n") or gd.get("n2") or "").lower()
                    n = int(token) if token.isdigit() else _ORD.get(token, 0)
                    if not n:
                        continue
                    first = 1 + (n - 1) * (6 if kind == "half" else 3)
                    last = first + (5 if kind == "half" else 2)
                y = _year_from_tail(m, pub, pub.year if pub else ref)
                if y is None:
                    y = _default_year(first, pub, ref)
                if y is not None:
                    value = (f"{y}-H{n}" if kind == "half" else f"{y}-Q{n}" if kind == "quarter"
                             else _span_value(y, first, last))
                    partial = y if gd.get("y") else None
            elif kind == "span":
                if not (m.group("m1")[0].isupper() and m.group("m2")[0].isupper()):
                    continue
                m1, m2 = _month_num(m.group("m1")), _month_num(m.group("m2"))
                if m2 < m1:
                    continue
                y = int(gd["y1"]) if gd.get("y1") else _year_from_tail(m, pub, pub.year if pub else ref)
                if y is None:
                    y = _default_year(m1, pub, ref)
                if y is not None:
                    value = _span_value(y, m1, m2)
                    partial = y if (gd.get("y1") or gd.get("y")) else None
            elif kind == "monthyear":
                if m.group("m").lower().rstrip(".") == "may" and not m.group("m")[0].isupper():
                    continue
                if re.search(r"\d(?:st|nd|rd|th)?\s*$", text[max(0, s - 6):s]):
                    continue  # "23rd March, 2023": a day, not a period
                value = f"{m.group('y')}-{_month_num(m.group('m')):02d}"
                partial = int(m.group("y"))
                base = text[max(0, s - 7):s].lower().strip().endswith("since")
            elif kind == "month":
                mo = _month_num(m.group("m"))
                prep = m.group("prep").lower()
                if prep == "last":
                    y = None if pub is None else (pub.year if mo < pub.month else pub.year - 1)
                else:
                    y = _default_year(mo, pub, ref)
                base = prep == "since"
                if y is not None:
                    value = f"{y}-{mo:02d}"
            elif kind == "base":
                base = True
            elif kind == "fiscal":
                value = f"{m.group('y')}-{m.group('y2')[-2:]}"
            elif kind == "year":
                prep = (gd.get("prep") or "").lower().strip()
                value = m.group("y")
                base = prep in ("since", "from")
            elif kind == "years":
                y1, y2 = int(gd.get("a1") or gd["b1"]), int(gd.get("a2") or gd["b2"])
                if y2 <= y1:
                    continue
                value = f"{y1}-{y2}"
            elif kind == "until":
                y = int(m.group("y"))
                value = f"{pub.year}-{y}" if pub is not None and y > pub.year else str(y)
            elif kind == "nyears":
                raw_n = m.group("n").lower()
                n = int(raw_n) if raw_n.isdigit() else _WORD_NUMBERS.get(raw_n, 0)
                if not 1 < n <= 50 or pub is None:
                    value = None
                elif m.group("dir").lower() in ("next", "coming", "following"):
                    value = f"{pub.year}-{pub.year + n}"
                else:
                    value = f"{pub.year - n}-{pub.year}"
            elif kind == "vague":
                value = None
            elif kind == "rel":
                which = m.group("which").lower().split()[-1]
                what = m.group("what").lower()
                if what.startswith(("financial", "fiscal")):
                    # whose fiscal year is known only once the figure's country is: resolved then
                    offset = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1,
                              "next": 1, "coming": 1}[which]
                    found.append(_Period(s, e, f"{_FISCAL}{offset:+d}", False, None))
                    taken.append((s, e))
                    continue
                if what == "week":
                    if pub is not None:
                        day = pub.toordinal() + {"this": 0, "current": 0, "last": -7, "previous": -7,
                                                 "past": -7, "next": 7, "coming": 7}[which]
                        d = date.fromordinal(day)
                        value = f"{d.year}-{d.month:02d}"
                    found.append(_Period(s, e, value, False, None))
                    taken.append((s, e))
                    continue
                before = text[max(0, s - 30):s].lower()
                if re.search(r"(?:from|over|than|compared\s+(?:to|with)|versus|vs\.?|against)\s+(?:a\s+|the\s+)?$",
                             before):
                    base = True
                if which == "past" and what == "year":
                    base = True  # "the past year": a rolling twelve months
                if what == "year":
                    anchor = pub.year if pub else ref
                    if anchor is not None:
                        shift = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1,
                                 "coming": 1, "past": -1}[which]
                        value = str(anchor + shift)
                elif pub is not None:
                    shift = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1,
                             "coming": 1, "past": -1}[which]
                    mm = pub.month + shift
                    yy = pub.year + (mm - 1) // 12
                    mm = (mm - 1) % 12 + 1
                    value = f"{yy}-{mm:02d}"
            if not base and kind not in ("base", "vague") and _EVENT_BEFORE.search(text, max(0, s - 60), s):
                base = True
            found.append(_Period(s, e, value, base, partial))
            taken.append((s, e))
    found.sort(key=lambda p: p.start)
    return found


_FIRST_YEAR_PATTERN = next(i for i, (k, _) in enumerate(_PERIOD_PATTERNS) if k == "year")

_REF_YEAR = re.compile(
    rf"\b(?:(?:first|second|1st|2nd)\s+half|(?:first|second|third|fourth)\s+quarter|first\s+\w+\s+months"
    rf"|{_MONTH}(?:\s*(?:-|–|to|through)\s*{_MONTH})?|H[12]|Q[1-4])(?:,?\s+(?:of\s+)?)(?P<y>{_YEAR})\b")


def _reference_year(text: str) -> int | None:
    """Without a published date: the latest year the article reports part of."""
    years = [int(m.group("y")) for m in _REF_YEAR.finditer(text)]
    return max(years) if years else None


# --------------------------------------------------------------------------- relevance

# Words of an economic sentence, and of sentences about people, polls and odds. Looked up
# word by word (a set is far faster than one large alternation regex).
_ECON_WORDS = frozenset("""
trade trades traded trading export exports exported exporting import imports imported importing tariff
tariffs duty duties tax taxes levy levies gdp economy economic economies growth grew grow inflation price
prices cost costs revenue revenues income profit profits earnings sales sold sell purchase purchases
purchased buy bought market markets stake stakes fund funds funding capital reserve reserves holding
holdings asset assets debt debts loan loans credit bank banks banking payment payments settlement
settlements yuan renminbi dollar dollars ruble rubles rouble roubles rupee rupees euro euros yen oil gas
fuel energy coal lng crude grain wheat production output supply supplies supplied deliveries shipment
shipments volume volumes turnover surplus deficit budget budgets spending expenditure expenditures
interest rate rates yield yields bond bonds stock stocks share shares index unemployment wage wages
consumption demand goods products commerce commercial firm firms contract contracts deal deals
procurement economist economists fiscal monetary valuation dividend dividends margin margins retail
consumer forecast forecasts recession devaluation aid cargo freight transaction transactions settled
denominated wealth pension pensions exchange remittance remittances tourism
""".split())
_ECON_STEMS = ("invest", "produc", "manufactur", "industr", "currenc", "salar", "sanction", "commodit",
               "business", "compan", "subsid", "financ", "depreciat", "appreciat")
_NOT_ECON_WORDS = frozenset("""
population people voter voters vote votes voted ballot ballots respondents surveyed poll polls polling
turnout citizens residents adults approval popularity chance chances probability likelihood sure certain
confident territory casualties killed wounded seats electorate emissions accuracy effective literacy
vaccinated infected
""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def _is_econ_word(word: str) -> bool:
    w = word.lower()
    return w in _ECON_WORDS or w.startswith(_ECON_STEMS)


class _Keywords:
    """Positions of economic and non-economic words in a text, for fast window queries."""

    def __init__(self, text: str):
        self.econ: list[int] = []
        self.other: list[int] = []
        for m in _WORD.finditer(text):
            w = m.group().lower()
            if w in _ECON_WORDS or w.startswith(_ECON_STEMS):
                self.econ.append(m.start())
            elif w in _NOT_ECON_WORDS:
                self.other.append(m.start())

    @staticmethod
    def _any(positions: list[int], lo: int, hi: int) -> bool:
        i = bisect.bisect_left(positions, lo)
        return i < len(positions) and positions[i] < hi

    def econ_in(self, lo: int, hi: int) -> bool:
        return self._any(self.econ, lo, hi)

    def other_in(self, lo: int, hi: int) -> bool:
        return self._any(self.other, lo, hi)


_NOT_GOODS = re.compile(r"\b(explosives?|tnt|bombs?|warheads?|munitions|payload|yield|ordnance)\b", re.I)
_EXCHANGE_AFTER = re.compile(
    r"^\s*(?:=|equals?\b|per\s+(?:one\s+|1\s+)?(?:U\.?S\.?\s+)?(?:dollar|euro|yuan|ruble|rouble|pound)|"
    r"to\s+the\s+(?:U\.?S\.?\s+)?(?:dollar|euro|yuan)|against\s+the\s+(?:U\.?S\.?\s+)?(?:dollar|euro)|"
    r"/\s*(?:\$|USD|EUR|€))", re.I)
_EXCHANGE_BEFORE = re.compile(r"(?:=|exchange\s+rate\s+of|exchange\s+rate\s+at|rate\s+of\s+exchange\s+of)\s*$",
                              re.I)

# --------------------------------------------------------------------------- measures

_CHANGE_VERBS_UP = r"rose|rise|rises|risen|grew|grow|grows|grown|increased|increases|increase|climbed|climbs|" \
                   r"jumped|jumps|surged|surges|soared|soars|gained|gains|expanded|expands|advanced|edged up|" \
                   r"was up|were up|is up|are up|went up|picked up|rebounded|accelerated|rising|growing|increasing|climbing|" \
                   r"jumping|surging|soaring|gaining|expanding"
_CHANGE_VERBS_DOWN = r"fell|falls|fall|fallen|declined|declines|decline|dropped|drops|drop|decreased|" \
                     r"decreases|slumped|slumps|plunged|plunges|tumbled|tumbles|shrank|shrinks|contracted|" \
                     r"contracts|slipped|slips|slid|dipped|dips|lost|was down|were down|is down|" \
                     r"are down|went down|eased|sank|plummeted|retreated|falling|declining|dropping|decreasing|" \
                     r"slumping|plunging|shrinking|contracting|slipping|sliding|dipping"
_RX_CHANGE_BEFORE = re.compile(
    rf"\b(?P<verb>{_CHANGE_VERBS_UP}|{_CHANGE_VERBS_DOWN})(?:\s+(?:by|some|about|around|nearly|almost|"
    rf"roughly|approximately|more\s+than|over|only|just|a\s+further|an\s+annual|sharply|year[\s-]on[\s-]year|"
    rf"an\s+estimated|a\s+whopping|a\s+modest|a\s+record|a\s+staggering))*\s*$", re.I)
_RX_UP = re.compile(rf"^(?:{_CHANGE_VERBS_UP})$", re.I)
_CHANGE_NOUNS = (r"increase|rise|growth|gain|jump|surge|hike|boost|expansion|drop|decline|fall|decrease|"
                 r"slump|plunge|contraction|cut|reduction|dip|slide|tumble|uptick|downturn")
_LEVEL_NOUNS = (r"stake|share|tariffs?|dut(?:y|ies)|levy|tax|discount|premium|interest\s+rate|rate|"
                r"inflation|unemployment|margin|cap|surcharge|subsidy|subsidies|fee|fine|loan|investment|"
                r"deal|contract|package|grant|credit|aid|fund|budget|order|bailout")
_RX_NOUN_AFTER = re.compile(
    rf"^(?:\s*\([^()]{{0,40}}\))?[\s-]+(?:(?:annual|annualised|annualized|year[\s-]on[\s-]year|y/y|"
    rf"overall|further|additional|new|increase|average)\s+)*(?P<noun>(?:{_CHANGE_NOUNS})s?|{_LEVEL_NOUNS})\b"
    rf"(?:\s+(?:forecast|expected|estimated|seen|recorded|reported|registered|posted))?"
    rf"(?:\s+(?P<prep>in|of|on|for|to|from|with)\s+(?P<np>[^,;:.()“”\"]{{2,120}}))?", re.I)
_RX_COMPOUND_AFTER = re.compile(r"^(?:\s*\([^()]{0,40}\))?[\s-]+(?P<np>(?:[a-z][\w’'-]*\s*){1,5})")
_RX_OF_AFTER = re.compile(
    r"^(?:\s*\([^()]{0,40}\))?(?:\s+(?:worth|in\s+value))?\s+(?P<prep>of|in|for|worth\s+of|to\s+be\s+spent\s+on)\s+"
    r"(?P<np>[^,;:.()]{2,140})", re.I)
_RX_NP_BEFORE = re.compile(
    r"(?P<np>(?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s+(?:(?P<link>of|at|worth|valued\s+at|totaling|totalling|"
    r"amounting\s+to|estimated\s+at|put\s+at|set\s+at|to)\s+)(?:(?:a|an|the|some|about|around|nearly|"
    r"almost|roughly|approximately|more\s+than|over|just|only|up\s+to|at\s+least|an\s+estimated|a\s+record|"
    r"record|a\s+total\s+of|a\s+combined)\s+)*$", re.I)
_CHANGE_VERB = (r"\b(?:increas(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|cut(?:s|ting)?|lift(?:s|ed|ing)?|"
                r"lower(?:s|ed|ing)?|expand(?:s|ed|ing)?|bring(?:s|ing)?|brought|doubl(?:e|es|ed|ing)|"
                r"tripl(?:e|es|ed|ing)|hik(?:e|es|ed|ing)|slash(?:es|ed|ing)?|boost(?:s|ed|ing)?)\s+")
_RX_CHANGE_OBJECT = re.compile(
    _CHANGE_VERB +
    r"(?P<np>(?:(?!to\b|from\b|by\b)[\w’'-]+\s+){1,8}?)(?:to|from|by)\s+(?:(?:a|an|the|some|about|around|nearly|"
    r"almost|roughly|more\s+than|over|just|only|up\s+to)\s+)*$", re.I)
# "raised the tariff charged to China by the United States of America to 125%": an object
# with its own "to"/"by", no number in it
_RX_CHANGE_OBJECT_LONG = re.compile(
    _CHANGE_VERB + r"(?P<np>(?:the|a|its|their)\s+(?:[A-Za-z][\w’'-]*\s+){1,11}?)to\s+(?:(?:about|around|nearly|almost|"
    r"roughly|more\s+than|over|just|only|up\s+to)\s+)*$", re.I)
_RX_AMOUNT_OF = re.compile(r"(?:[$€£¥]|US\$)\s?[\d.,]+\s*(?:trillion|billion|million|tn|bn|mn|m)?\s+(?:in|of|worth\s+of)\s+",
                           re.I)
_RX_COST_BEFORE = re.compile(r"\bcost(?:s|ing)?\s+(?P<np>(?!(?:about|around|nearly|some|more|over|up|at|an?|the|of|"
                             r"to|for|in|on|by|with|from|between|estimated|roughly|approximately|almost|just)\b)"
                             r"[A-Za-z][\w’'-]*(?:\s+[A-Za-z][\w’'-]*){0,3})\s+$")
_RX_MONEY_VERB_BEFORE = re.compile(r"\b(?P<v>invest|invests|invested|export|exports|exported|import|imports|"
                                   r"imported|sell|sells|sold|buy|buys|bought|spend|spends|spent)\s+"
                                   r"(?:(?:about|around|nearly|some|more\s+than|over|up\s+to|an?\s+(?:further|"
                                   r"additional|extra))\s+)*$", re.I)
_RX_PREV_LINK = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?(?:,\s*)?(?:(?:up|down|rising|falling|increasing|decreasing|"
    r"a\s+(?:modest\s+|slight\s+|sharp\s+|significant\s+)?(?:increase|rise|decrease|decline|drop|fall)|an\s+increase)"
    r"\s+)?(?:from|to|against|compared\s+(?:to|with)|versus|vs\.?|and)\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:(?:level|total|figure|high|low|record)\s+of\s+)?$", re.I)
_RX_UPDOWN_BEFORE = re.compile(r"(?:^|[,;(]\s*|\s)(?P<dir>up|down)\s+(?:(?:by|some|about|around|nearly|almost|"
                               r"roughly|more\s+than|over|just|only)\s+)*$", re.I)

_FUNCTION_WORDS = frozenset("""
a an the this that these those its their his her our your my some any each every which who whom whose
what it they he she we i you there here is are was were be been being has have had will would could should
can may might must do does did not no also only just even still already about around nearly almost
and or but so than then as if when while whereas because since although though
""".split())
_PREPS = frozenset("""of in to for on from with by at over under between into through per via against
during within after before across among since until toward towards upon amid despite like including
worth""".split())
_TIME_WORDS = frozenset("""last next previous annually respectively each apiece year years month months
week weeks day days quarter quarters daily weekly monthly yearly""".split())
_FRACTIONS = frozenset("half third quarter fifth tenth fraction dozen".split())
_BAD_HEADS = frozenset("""record high low level levels total sum amount figure figures value peak worth
height mark tally number rate""".split())
_SUBJECT_VERBS = re.compile(
    r"\b(?:reached|reach|reaches|rose|rises|rise|grew|grows|grow|increased|increases|fell|falls|declined|"
    r"declines|dropped|drops|totaled|totalled|totals|totaling|totalling|amounted|amounts|amount|stood|"
    r"stands|hit|hits|surged|surges|jumped|jumps|climbed|climbs|slipped|slid|plunged|soared|expanded|"
    r"contracted|shrank|edged|gained|lost|was|were|is|are|has|have|had|will|would|could|can|may|might|"
    r"should|accounts|accounted|account|represented|represents|made\s+up|makes\s+up|exceeded|exceeds|"
    r"topped|tops|doubled|tripled|held|holds|came|comes|remained|remains|hovered|slowed|slumped|tumbled|"
    r"dipped|eased|advanced|decreased|decreases|plummeted|sank|recorded|registered|posted|saw|sees|"
    r"supplied|supplies|supply|provided|provides|provide|transported|transports|transport|imported|"
    r"exported|imports|exports|bought|buys|purchased|purchases|invested|invests|pledged|pledges|"
    r"signed|spent|spends|earned|earns|received|receives|paid|pays|sold|sells|shipped|ships|delivered|"
    r"delivers|produced|produces|announced|announces|agreed|plans|planned|aims|expects|expected|"
    r"approved|allocated|committed|owes|owed|generated|attracted|lent|borrowed|raised|raises|cut|cuts|"
    r"imposed|imposes|set|sets|amounting|reaching|standing|accounting|hitting|rising|falling|growing)\b",
    re.I)
# words of _SUBJECT_VERBS that are as often nouns ("Chinese exports", "gas supplies")
_NOUN_LIKE = frozenset("""imports exports supply supplies purchases purchase plans cuts cut sets set sales
holds ships account amount reach rise fall drop decline increase transport provide import export pays
posted""".split())
_NOT_BEFORE_VERB = frozenset("""of the a an and or in on to for its their his her our with from by at as
total annual this that these those such new more less some any""".split())


def _first_verb(clause: str) -> re.Match | None:
    """The first finite verb of a clause, skipping nouns that look like verbs."""
    for v in _SUBJECT_VERBS.finditer(clause):
        if v.start() == 0:
            continue
        word = v.group(0).lower()
        prev = re.search(r"([\w’'-]+)\W*$", clause[:v.start()])
        pw = prev.group(1) if prev else ""
        if pw.lower() in _NOT_BEFORE_VERB:
            continue
        if word in _NOUN_LIKE and (pw[:1].isupper() or pw.lower() in ("gas", "oil", "energy", "grain",
                                                                        "arms", "weapons", "coal")):
            continue
        if word.endswith("ing"):
            continue
        return v
    return None


_GERUND_LINKS = re.compile(
    r"^(?:totaling|totalling|amounting|reaching|standing|worth|valued|bringing|taking|pushing|lifting|"
    r"with|and|up|down|rising|falling|growing|increasing|decreasing|compared|beating|surpassing|"
    r"exceeding|topping|or|to|from|while|which|making|marking|representing|accounting|according|"
    r"leaving|hitting|slightly|just|only|almost|nearly|about|around)\b", re.I)
_VERB_NOUNS = {
    "supply": "supply", "supplies": "supply", "supplied": "supply", "deliver": "deliveries",
    "delivers": "deliveries", "delivered": "deliveries", "export": "exports", "exports": "exports",
    "exported": "exports", "import": "imports", "imports": "imports", "imported": "imports",
    "sell": "sales", "sells": "sales", "sold": "sales", "buy": "purchases", "buys": "purchases",
    "bought": "purchases", "purchase": "purchases", "purchased": "purchases", "ship": "shipments",
    "ships": "shipments", "shipped": "shipments", "transport": "transport", "transports": "transport",
    "produce": "production", "produces": "production", "produced": "production", "pump": "supply",
    "invest": "investment", "invests": "investment", "invested": "investment",
    "provide": "supply", "provides": "supply", "provided": "supply",
    "lend": "lending", "lends": "lending", "lent": "lending", "spend": "spending", "spends": "spending",
    "spent": "spending", "pledged": "pledge", "pledges": "pledge", "pledge": "pledge",
}
_NP_STOP = re.compile(
    r"\s+(?:(?:is|are|was|were|will|would|could|has|have|had|to\s+be|be|which|who|that|while|whereas|"
    r"because|as|after|before|since|despite|amid|according|when|if|than|compared|in\s+(?:19|20)\d\d|"
    r"this\s+year|last\s+year|next\s+year|per\s+(?:year|day|month|annum)|a\s+(?:year|day|month)|"
    r"annually|each\s+year|every\s+year|year[\s-]on[\s-]year|from\s+(?:a|the)\s+year|worth|valued|"
    r"by\s+(?:19|20)\d\d|over\s+the|over\s+(?:\w+\s+)?(?:years?|months?|decades?|days?)|during|"
    r"in\s+the\s+(?:first|second|third|fourth|last|past)|in\s+fiscal|"
    r"in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"to\s+(?:[$€£¥]|\d)|from\s+(?:[$€£¥]|\d)|at\s+(?:[$€£¥]|\d)|goes|went|comes|came|gets|got|"
    r"flows|flowed|remains|remained)\b|\s*[$€£¥]|\s+\d)",
    re.I)
_LEAD_ADVERBS = re.compile(
    r"^(?:(?:meanwhile|however|also|still|overall|in\s+addition|additionally|moreover|furthermore|so\s+far|"
    r"by\s+contrast|in\s+contrast|at\s+the\s+same\s+time|last\s+year|this\s+year|in\s+total|"
    r"while|whereas|and|but|as|the|a|an|its|their|that|such)\b[\s,]*)+", re.I)
_TRAIL_ADVERBS = re.compile(
    r"(?:[\s,]+(?:also|only|just|already|still|again|alone|altogether|together|even|further|reportedly|"
    r"then|now|both|all|in\s+total|overall|meanwhile|have|has|had|it|sharply|slightly|significantly|"
    r"steadily|have\s+been|has\s+been))+$", re.I)


def _tidy(phrase: str) -> str:
    if ")" in phrase and "(" not in phrase.split(")")[0]:
        phrase = phrase.split(")")[-1]
    phrase = re.sub(r"(?:(?<=\s)|^)[\"“”‘']+|[\"“”]+(?=\s|$|[,.;:])|(?<![sS])[’'](?=\s|$|[,.;:])", "", phrase)
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:-–—(")
    phrase = _LEAD_ADVERBS.sub("", phrase)
    phrase = _TRAIL_ADVERBS.sub("", phrase)
    phrase = re.sub(r"(?:\s+(?:and|or|of|the|to|with|a|an|in|on|for|from|by|at|as|its|their))+$", "", phrase,
                    flags=re.I)
    return phrase.strip(" ,;:-–—(")


def _cut_np(np: str, max_words: int = 12) -> str:
    m = _NP_STOP.search(np)
    if m:
        np = np[:m.start()]
    v = _first_verb(np)
    if v is not None and v.group(0).lower() not in _NOUN_LIKE:
        np = np[:v.start()]
    words = np.split()
    if len(words) > max_words:
        np = " ".join(words[:max_words])
    return _tidy(np)


def _np_before(fragment: str) -> str | None:
    """The noun phrase that ends `fragment` ("... a trade surplus" -> "trade surplus")."""
    words = re.findall(r"[\w’'.-]+", fragment)
    out: list[str] = []
    for w in reversed(words[-5:]):
        if w.lower() in _FUNCTION_WORDS or (_SUBJECT_VERBS.fullmatch(w) and w.lower() not in _NOUN_LIKE) or w.lower() in (
                "of", "in", "to", "for", "from", "with", "at", "by", "on", "into", "via"):
            break
        out.append(w)
    if not out:
        return None
    return " ".join(reversed(out)).strip(".")


# --------------------------------------------------------------------------- sources

_REPORT_VERBS = (r"said|says|told|tells|stated|states|announced|announces|reported|reports|noted|notes|"
                 r"estimated|estimates|highlighted|stressed|emphasi[sz]ed|underlined|pointed\s+out|revealed|"
                 r"reveals|showed|shows|show|wrote|writes|added|adds|explained|confirmed|predicted|predicts|"
                 r"forecast|forecasts|projected|projects|calculated|mentioned|announced|disclosed|cited|"
                 r"published|released|indicated|indicates|according")
_RX_REPORT_VERB = re.compile(
    rf"(?:\s+(?:has|had|also|previously|earlier|recently))?\s+(?P<verb>{_REPORT_VERBS})\b")
_RX_PARTICIPLE = re.compile(r",\s+(?:telling|saying|noting|adding|stressing|pointing\s+out|explaining|"
                            r"announcing|highlighting|emphasi[sz]ing|estimating|revealing)\b", re.I)
_RX_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<src>[^,;:()]{2,140})", re.I)
_RX_DATA_BY = re.compile(
    r"\b(?:data|figures|statistics|estimates|numbers|report|statement|analysis|calculations|survey|study|"
    r"review|research|assessment)\b[^,;:()]{0,60}?\b(?:by|from)\s+(?P<src>(?:the\s+)?[A-Z][^,;:()]{1,120})")
_RX_LOCAL_SURVEY = re.compile(
    r"^[^,;.]{0,60}?\b(?:in|by|from|according\s+to)\s+(?:a|an|the)\s+(?P<src>(?:[A-Z][\w&.'’-]*\s+){1,4}"
    r"(?:survey|poll|report|study|analysis|estimate|forecast|data|calculations|consensus)"
    r"(?:\s+of\s+[a-z]+(?:\s+[a-z]+)?)?)", re.S)
_SOURCE_TAIL = re.compile(
    r"\s+(?:on|in|last|this|that|which|who|as|at|for|to|from|with|showed|shows|said|released|published|"
    r"revealed|cited|quoted|earlier|over|during|since|after|before|about)\b.*$", re.S)
_ROLE_WORDS = re.compile(
    r"\b(?:President|Vice[\s-]President|Prime\s+Minister|Deputy\s+Prime\s+Minister|Minister|Premier|"
    r"Ambassador|Secretary|Chancellor|Chairman|Chairwoman|Chair|CEO|Director|Governor|Spokesman|"
    r"Spokeswoman|Spokesperson|Adviser|Advisor|Aide|Envoy|Senator|King|Prince|Emir|General|Gen\.|"
    r"Admiral|Commissioner|Mayor|Head|Chief|Representative|Councillor|Councilor|Diplomat|Leader|"
    r"analyst|economist|researcher|fellow|professor|director|chairman|head|chief|official|spokesman|"
    r"spokeswoman|minister|ambassador|president|counterpart)\b\.?")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her"}
_ROLE_REFERENCES = re.compile(
    r"^(?:the\s+)?(?:(?:[A-Z][\w.]*|[A-Z][a-z]+)\s+)?(?P<role>ambassador|minister|official|president|"
    r"premier|leader|envoy|diplomat|spokesman|spokeswoman|spokesperson|governor|chairman|chief|"
    r"executive|secretary|deputy\s+prime\s+minister|prime\s+minister|analyst|economist)$", re.I)


def _clean_source(src: str) -> str | None:
    src = re.sub(r"\s+", " ", src).strip(" ,.;:'\"“”’")
    src = re.sub(r"(?:\s+(?:also|previously|earlier|recently|further|later|then|now|again|once|too|himself|"
                 r"herself|itself|themselves|separately|reportedly))+$", "", src, flags=re.I)
    src = _SOURCE_TAIL.sub("", src)
    src = re.sub(r"^(?:the|a|an)\s+", "", src, flags=re.I).strip(" ,.;:'\"“”’")
    if not src or len(src) > 90:
        return None
    if src.lower() in ("it", "that", "this", "which", "there"):
        return None
    return src


def _strip_role(name: str) -> str:
    """'Chinese Ambassador to Russia Zhang Hanhui' -> 'Zhang Hanhui'."""
    last = None
    for m in _ROLE_WORDS.finditer(name):
        last = m
    if last is None:
        return name
    rest = name[last.end():]
    rest = re.sub(r"^\s+(?:(?:to|of|for|at)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+)+?(?=[A-Z]))?", " ", rest)
    m = re.match(r"\s*(?:(?:to|of|for|at)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*?\s+)?"
                 r"(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*$", rest)
    if m and len(m.group("name").split()) >= 2 and m.group("name").split()[0] not in ("Council", "Ministry"):
        return m.group("name")
    return name


# --------------------------------------------------------------------------- the extractor

@dataclass
class _Fig:
    start: int
    end: int
    value: float
    unit: str
    raw_start: int
    num_start: int
    is_money: bool
    scale: float = 1.0
    sentence: int = 0
    period: _Period | None = None
    period_value: str | None = None
    baseline: bool = False
    conversion_of: int | None = None
    measure: str | None = None
    subject: str | None = None  # what changed, for a percent change
    source: str | None = None
    drop: bool = False


def _mul(a: float, b: float) -> float:
    """a * b without binary noise (8.28 * 1e9 is 8280000000, not 8279999999.999999)."""
    return float(Decimal(repr(a)) * Decimal(repr(b)))


def _parse_number(token: str) -> float | None:
    t = token.lower().replace(",", "").strip()
    t = re.sub(r"\s+", " ", t)
    if t in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[t])
    if re.fullmatch(r"[a-z]+[-\s][a-z]+", t):
        a, b = re.split(r"[-\s]", t)
        if a in _WORD_NUMBERS and b in _WORD_NUMBERS:
            return float(_WORD_NUMBERS[a] + _WORD_NUMBERS[b])
        return None
    try:
        return float(t)
    except ValueError:
        return None


def _yen_or_yuan(text: str) -> str:
    china = len(re.findall(r"\b(?:China|Chinese|Beijing|yuan|renminbi|RMB)\b", text))
    japan = len(re.findall(r"\b(?:Japan|Japanese|Tokyo|yen)\b", text))
    return "CNY" if china > japan else "JPY"


@lru_cache(maxsize=1)
def _dollar_countries() -> tuple[tuple[str, re.Pattern], ...]:
    """(currency, names pattern) of each country that pays in a dollar of its own (not the US's):
    its names, demonyms and capital, those that stand for it alone ("Chinese" is not Taiwan's)."""
    out = []
    for c in reference.all_countries():
        code = next((cur for cur in c.currencies if reference.currency_name(cur).endswith("dollar")), None)
        if code is None or code == "USD":
            continue
        names = {c.name, *c.alt_names, *c.demonyms} | ({c.capital} if c.capital else set())
        names = [n for n in names if n and len(n) > 2 and n[0].isupper()
                 and getattr(reference.country_for(n), "alpha3", None) == c.alpha3]
        if names:
            out.append((code, re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                                         + r")\b")))
    return tuple(out)


_US_NAMES = re.compile(r"\b(?:United\s+States|U\.S\.|US|USA|America|Americans?|Washington)\b")


def _home_dollar(text: str) -> str:
    """What "$" alone means: the dollar of the country the article is about, when that country
    pays in a dollar of its own and the article names it three times or more, and more often than
    the US ("Australia will give Vanuatu $500 million", in an Australian story); else the US dollar."""
    us = len(_US_NAMES.findall(text))
    best = max(((len(pattern.findall(text)), code) for code, pattern in _dollar_countries()), default=(0, "USD"))
    return best[1] if best[0] >= 3 and best[0] > us else "USD"


def _scan(text: str, dollar: str = "USD") -> list[_Fig]:
    figs: list[_Fig] = []
    yen = None
    for m in _figure_matches(text):
        num = m.group("num") or m.group("wnum")
        pre = m.group("pre")
        curw = m.group("curw")
        unit_raw = m.group("unit")
        scale_word = (m.group("scale") or m.group("scale_short") or m.group("scale_letter") or "")
        if not (pre or curw or unit_raw):
            continue
        word_number = not num[0].isdigit() and num[0] != "."
        if word_number:
            if not re.search(r"[a-z]", num, re.I) or num.lower() in ("a", "an") and not (scale_word and len(scale_word) > 2):
                continue
            if pre:
                continue
        if m.group("scale_letter") and not (pre or curw or unit_raw):
            continue
        if m.group("scale_letter") and not pre and curw is None and unit_raw and unit_raw.lower() in ("%",):
            continue
        value = _parse_number(num)
        if value is None:
            continue
        if m.group("num2"):  # "10-12 bcm", "$10-12 billion": a range, its lower bound
            upper = _parse_number(m.group("num2"))
            if upper is None or upper < value:
                continue
        scale = _SCALES.get(scale_word.lower(), 1.0) if scale_word else 1.0
        # a digit glued to a word before it ("COVID-19", "G20", "Su-35") is no figure
        if m.start() > 0 and not pre and (text[m.start() - 1].isalnum() or (
                text[m.start() - 1] in "-/" and m.start() > 1 and text[m.start() - 2].isalpha())):
            continue
        is_money = False
        if pre:
            p = pre.strip()
            key = p.lower()
            if p == "¥":
                if yen is None:
                    yen = _yen_or_yuan(text)
                unit = yen
            elif p == "$":
                unit = dollar
            elif key in _SYMBOL_PREFIX:
                unit = _SYMBOL_PREFIX[key]
            elif p.upper() in _CODES:
                unit = "CNY" if p.upper() == "RMB" else p.upper()
            else:
                continue
            is_money = True
            if unit_raw:
                continue  # "$5 %"? not a figure we understand
        elif curw:
            base = _PLURALS.get(curw.lower(), curw.lower())
            base = base[:-1] if base.endswith("s") and base[:-1] in _BASE_WORDS else base
            qual = m.group("curq")
            if qual and not (qual.strip() in ("US", "U.S.") or _country_for(qual.strip())):
                qual = None  # "in 2019 Biden won": no currency qualifier
            if base in _WEAK_CURRENCY and not (scale_word or qual) and base not in ("pound",):
                continue
            if base == "pound":
                after = text[m.end():m.end() + 6].lower()
                if after.startswith(" of") or text[m.start("curw") - 1] == "-":
                    continue
            if word_number and not scale_word:
                continue
            unit = _currency(qual, curw)
            if unit is None:
                continue
            is_money = True
        else:
            unit, mult = _norm_unit(unit_raw)
            scale *= mult
            if unit == "barrels" and re.match(r"\s+of\s+(?:[\w-]+\s+){0,2}?(?:per|a)\s+day\b",
                                              text[m.end():m.end() + 40], re.I):
                unit = "barrels per day"  # "1.5 million barrels of oil per day"
            if word_number and unit not in ("percent", "percentage points") and not scale_word:
                continue
            if unit == "percent" and unit_raw.lower() == "pct" and not scale_word:
                pass
        val = _mul(value, scale)
        # years ("in 2023 dollars") and money without magnitude are kept; a bare "%" on a year is not
        raw_start = m.start()
        before = text[max(0, m.start() - 60):m.start()]
        am = _APPROX.search(before)
        if am:
            raw_start = m.start() - (len(before) - am.start())
        end = m.end()
        # "billion cubic meters (bcm)" - keep the span tidy
        figs.append(_Fig(start=m.start(), end=end, value=val, unit=unit, raw_start=raw_start,
                         num_start=m.start("num") if m.group("num") else m.start("wnum"),
                         is_money=is_money, scale=scale))
    return figs


_BARE_BEFORE = re.compile(
    rf"(?P<lead>\b(?:from|between)\s+)?(?P<pre>[$€£¥]|US\$)?(?P<num>{_DIGITS})(?:{_SCALE})?"
    rf"(?P<pct>\s?%|\s?per\s?cent|\s?percent)?(?P<link>\s*(?:-|–|—|to|and)\s*)$", re.I)


def _ranges(text: str, figs: list[_Fig]) -> list[_Fig]:
    """Bare numbers before a figure ("from 10 to 12 bcm", "between 10 and 12%"), and ranges of two
    full figures ("between $10 billion and $12 billion", "$10bn-$12bn")."""
    out: list[_Fig] = []
    prev_end = 0
    for f in figs:
        window_start = max(prev_end, f.raw_start - 60)
        m = _BARE_BEFORE.search(text, window_start, f.raw_start)
        first = (m.start("pre") if m and m.group("pre") else m.start("num")) if m else 0
        if m and (first == 0 or not re.match(r"[\w.,]", text[first - 1])):
            num = _parse_number(m.group("num"))
            lead = (m.group("lead") or "").strip().lower()
            own_scale = m.group("scale") or m.group("scale_short") or m.group("scale_letter")
            link = m.group("link").strip().lower()
            is_year = re.fullmatch(r"(?:19|20)\d\d", m.group("num")) and not own_scale
            # "10 and 12" only after "between"; "10 to 12" only after "from"/"between" or with a sign
            if num is not None and not is_year and not (link == "and" and lead != "between") and not (
                    link == "to" and not lead and not m.group("pre")):
                scale = _SCALES.get(own_scale.lower(), 1.0) if own_scale else f.scale
                val = _mul(num, scale)
                if f.value and 0.05 <= val / f.value <= 20:
                    if lead == "from":  # a change: the starting figure is a figure of its own
                        start = m.start("num") if not m.group("pre") else m.start("pre")
                        out.append(_Fig(start=start, end=m.start("link"), value=val, unit=f.unit,
                                        raw_start=start, num_start=m.start("num"), is_money=f.is_money,
                                        scale=scale, baseline=True))
                    else:  # a range: one figure, the lower bound
                        f.raw_start = f.start = m.start("lead") if m.group("lead") else first
                        f.value = min(val, f.value)
        out.append(f)
        prev_end = f.end
    merged: list[_Fig] = []
    for f in out:
        if merged:
            p = merged[-1]
            gap = text[p.end:f.raw_start]
            between = re.search(r"\bbetween\s+$", text[max(0, p.raw_start - 12):p.raw_start], re.I)
            if p.unit == f.unit and p.scale == 1 and f.scale > 1 and re.fullmatch(r"\s*(?:[-–—]|to|and)\s*", gap) \
                    and f.value and 0.05 <= p.value * f.scale / f.value <= 20:
                p.value = _mul(p.value, f.scale)  # "from $10 to $12 billion": the first borrows the scale
                p.scale = f.scale
            if p.unit == f.unit and (re.fullmatch(r"\s*[-–—]\s*", gap) or (
                    re.fullmatch(r"\s+and\s+", gap) and between)):
                p.end = f.end
                p.value = min(p.value, f.value)
                if between:
                    p.raw_start = p.start = p.raw_start - len(between.group(0))
                continue
        merged.append(f)
    return merged


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = split_sentences(text)
    return spans or [(0, len(text))]


def _keep_percent(text: str, f: _Fig, sent: tuple[int, int], prev_sent: tuple[int, int] | None,
                  kw: _Keywords) -> bool:
    s, e = sent
    after = text[f.end:min(e, f.end + 60)]
    if re.match(r"^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,3}?"
                r"(?:population|people|voters?|votes?|respondents|citizens|residents|adults|electorate|"
                r"ballots?|seats|territory|land|men|women|children|youth|households|emissions|"
                r"[A-Z][a-z]+ans|[A-Z][a-z]+ese|[A-Z][a-z]+is)\b", after):
        return False
    lo, hi = max(s, f.start - 120), min(e, f.end + 120)
    if kw.other_in(lo, hi) and not kw.econ_in(lo, hi):
        return False
    if re.search(r"\b(?:sure|certain|confident|chance|probability|likelihood)\b", text[f.end:f.end + 40], re.I):
        return False
    if re.match(r"^\s+(?:of\s+the\s+way\s+)?(?:through|complete|completed|done|finished|built|ready)\b", after):
        return False
    if kw.econ_in(s, e):
        return True
    # "he added an additional 34%" after a sentence about tariffs
    if prev_sent is not None and "\n" not in text[prev_sent[1]:s]:
        return kw.econ_in(prev_sent[0], prev_sent[1])
    return False


def _keep_physical(text: str, f: _Fig, sent: tuple[int, int]) -> bool:
    s, e = sent
    return not _NOT_GOODS.search(text[max(s, f.start - 80):min(e, f.end + 80)])


def _is_exchange_rate(text: str, f: _Fig) -> bool:
    if not f.is_money:
        return False
    after = text[f.end:f.end + 25]
    before = text[max(0, f.raw_start - 25):f.raw_start]
    return bool(_EXCHANGE_AFTER.match(after) or _EXCHANGE_BEFORE.search(before))


def _mark_conversions(text: str, figs: list[_Fig]) -> None:
    """'$240bn (£191bn)', '2 billion yuan ($281 million)': the second restates the first."""
    for i in range(1, len(figs)):
        p, f = figs[i - 1], figs[i]
        gap = text[p.end:f.raw_start]
        if p.is_money and f.is_money and re.fullmatch(r"\s*[(\[]\s*(?:about|around|roughly|approximately|"
                                                      r"some|nearly|or|equivalent\s+to|approx\.)?\s*", gap):
            f.conversion_of = i - 1


# ----------------------------------------------------------------- periods per figure

_BASELINE_BEFORE = re.compile(
    r"\b(?:from|than|compared\s+(?:to|with)|versus|vs\.?|against|over)\s+(?:(?:a|an|the)\s+)?"
    r"(?:(?:record|modest|previous|prior|total|level|high|low|mere)\s+(?:of\s+)?)?(?:[\w-]+\s+){0,1}$", re.I)


_PRESENT_STATE = re.compile(
    r"\b(?:accounts?\s+for|is|are|represents?|stands?\s+at|makes?\s+up|holds?|remains?|comprises?|"
    r"constitutes?|owns?)\s+(?:[\w’'-]+\s+){0,3}$", re.I)


def _assign_periods(text: str, figs: list[_Fig], periods: list[_Period],
                    sents: list[tuple[int, int]], kw: _Keywords) -> None:
    starts = [p.start for p in periods]
    by_sentence: dict[int, list[int]] = {}
    for i, f in enumerate(figs):
        by_sentence.setdefault(f.sentence, []).append(i)
        before = text[max(sents[f.sentence][0], f.raw_start - 40):f.raw_start]
        if _BASELINE_BEFORE.search(before) and not re.search(r"\bover\s*$", before, re.I):
            f.baseline = True

    def periods_in(si: int) -> list[_Period]:
        s, e = sents[si]
        lo = bisect.bisect_left(starts, s)
        hi = bisect.bisect_left(starts, e)
        return periods[lo:hi]

    attached: dict[int, int] = {}  # id(period) -> figure index
    for si, idxs in by_sentence.items():
        ps = periods_in(si)
        main = [i for i in idxs if figs[i].conversion_of is None]
        main_ends = [figs[i].end for i in main]
        main_starts = [figs[i].raw_start for i in main]
        live = [p for p in ps if not p.base]
        # first: a period right after its figure ("$185 billion in 2022", "26.3% surge seen in 2023")
        for p in live:
            k = bisect.bisect_right(main_ends, p.start)
            prev = main[max(0, k - 1):k]
            if not prev:
                continue
            i = prev[-1]
            gap = text[figs[i].end:p.start]
            gap_clean = re.sub(r"\([^()]*\)|year[\s-]on[\s-]year|y/y|\bon\s+the\s+year\b", " ", gap, flags=re.I)
            words = re.findall(r"[\w’'-]+", gap_clean)
            if len(words) <= 4 and not re.search(r"[;:,]", gap_clean) and figs[i].period is None:
                figs[i].period = p
                attached[id(p)] = i
        # then: a period right before its figure ("In 2023, some 90% of ...")
        for p in live:
            if id(p) in attached:
                continue
            k = bisect.bisect_left(main_starts, p.end)
            nxt = main[k:k + 1]
            if not nxt:
                continue
            i = nxt[0]
            gap = text[p.end:figs[i].raw_start]
            words = re.findall(r"[\w’'-]+", gap)
            if len(words) <= 3 and not re.search(r"[;:]", gap) and figs[i].period is None and not re.search(
                    r"\b(?:from|than|compared|versus|against)\b", gap, re.I):
                figs[i].period = p
                attached[id(p)] = i
        for i in main:
            f = figs[i]
            if f.period is not None:
                continue
            cands = [p for p in ps if not p.base and p.value is not None and
                     not (id(p) in attached and figs[attached[id(p)]].baseline) and
                     ";" not in text[min(p.end, f.end):max(p.start, f.start)]]
            if cands:
                # nearest, preferring the period before the figure
                f.period = min(cands, key=lambda p: (abs((p.end if p.end <= f.start else p.start) - f.start)
                                                     if p.end <= f.start else
                                                     abs(p.start - f.end) + 40))
                continue
            if any(not p.base and not (id(p) in attached and figs[attached[id(p)]].baseline) for p in ps):
                continue  # the sentence names its own period, even if not a calendar one
            ss = max(sents[si][0], f.raw_start - 400)
            verb = _clause_subject(text[ss:f.raw_start], f.raw_start - ss)[1] or ""
            if _PRESENT_STATE.search(text, max(sents[si][0], f.raw_start - 60), f.raw_start) or \
                    verb in ("accounts", "account", "is", "are", "represents", "represent", "stands", "holds",
                             "remains", "makes up", "make up"):
                continue  # "the yuan accounts for 30.4% of ...": a standing share, not last period's
            # the latest period named by one of the three economic sentences before
            for back in range(si - 1, max(-1, si - 4), -1):
                s, e = sents[back]
                cands = [p for p in periods_in(back) if not p.base and p.value is not None
                         and not (id(p) in attached and figs[attached[id(p)]].baseline)
                         and (id(p) in attached or kw.econ_in(max(s, p.start - 60), p.start))]
                if cands:
                    f.period = cands[-1]
                    break
    for f in figs:
        if f.conversion_of is not None:
            f.period = figs[f.conversion_of].period
        f.period_value = f.period.value if f.period else None


# ----------------------------------------------------------------- measures

def _sentence_subject(sentence: str) -> str | None:
    """The subject of the main clause: words before its first finite verb."""
    m = re.match(r"^(?:(?:in|on|during|for|by|at|after|since|meanwhile|however|overall|according\s+to)\b[^,]{0,80},\s*)",
                 sentence, re.I)
    body = sentence[m.end():] if m else sentence
    v = _first_verb(body)
    if not v:
        return None
    subj = body[:v.start()]
    if "," in subj:
        # "While trade reached..., the growth rate slowed": the last comma part
        parts = [p for p in subj.split(",") if p.strip()]
        subj = parts[-1] if parts else subj
    subj = _tidy(subj)
    if not subj or subj.lower() in _PRONOUNS or len(subj.split()) > 14:
        return None
    return subj


_CLAUSE_CUT = re.compile(
    r"[;:—–]\s|,\s+|\b(?:that|while|whereas|after|before|because|since|when|although|though|once|until)\s+|"
    r"\b(?:said|says|told\s+\w+|stated|added|noted|announced|hopes|hoped|expects|expected|believes|"
    r"estimated|warned|argued|claimed)\s+|"
    r"^\s*[“\"]")


def _subject_of(piece: str) -> tuple[str | None, re.Match | None]:
    first = _first_verb(piece)
    if first is None:
        return None, None
    subj = _tidy(piece[:first.start()])
    if subj.lower() in _PRONOUNS:
        return "", first  # a subject, but only a pronoun
    if not subj or subj.lower() in _FUNCTION_WORDS or \
            _GERUND_LINKS.match(piece.strip()) or len(subj.split()) > 14:
        return None, first
    return subj, first


def _clause_subject(sent_text: str, rel: int) -> tuple[str | None, str | None]:
    """(subject, governing verb) of the clause in which position `rel` of the sentence sits.

    A clause without a subject of its own ("..., reaching $688.3 billion", "and 12.8% of
    ...") takes the subject of the nearest clause before it that has one.
    """
    head = sent_text[:rel]
    cuts = [0] + [m.end() for m in _CLAUSE_CUT.finditer(head)]
    pieces = [head[a:b] for a, b in zip(cuts, cuts[1:] + [len(head)])]
    own = pieces[-1]
    verbs = [v for v in _SUBJECT_VERBS.finditer(own) if v.group(0).lower() not in _NOUN_LIKE]
    verb = verbs[-1].group(0).lower() if verbs else None
    subj, first = _subject_of(own)
    if subj:
        return subj, verb or (first.group(0).lower() if first else None)
    if subj == "":
        return None, verb or first.group(0).lower()
    if first is not None and not _GERUND_LINKS.match(own.strip()) and not own.strip()[:1].islower():
        return None, verb
    for piece in reversed(pieces[:-1]):
        subj, first = _subject_of(piece)
        if subj:
            return subj, verb or first.group(0).lower()
        if subj == "":
            break
    return None, verb


def _lc(phrase: str, text: str) -> str:
    """Lower-case the first word when the article also writes it in lower case ("Trade" -> "trade")."""
    if not phrase:
        return phrase
    first = phrase.split()[0]
    if first[:1].isupper() and not first.isupper() and (
            _is_econ_word(first) or first.lower() in ("bilateral", "total", "annual", "overall", "mutual")
            or has_word(text, first.lower())):
        return first.lower() + phrase[len(first):]
    return phrase


def _measure_for(text: str, f: _Fig, figs: list[_Fig], idx: int, sent: tuple[int, int]) -> tuple[str, str | None]:
    """(measure, changed-thing) of one figure."""
    s, e = sent
    sent_text = text[s:e]
    rel_start = f.raw_start - s
    rel_end = f.end - s
    head = sent_text[:rel_start]
    tail = sent_text[rel_end:]
    yoy = bool(re.match(r"^\s*(?:\([^()]*\)\s*)?(?:,\s*)?(?:year[\s-]on[\s-]year|y/y|from\s+a\s+year\s+"
                        r"(?:earlier|ago)|on\s+the\s+year|compared\s+(?:to|with)\s+(?:the\s+)?same\s+period)",
                        tail, re.I))
    prev = figs[idx - 1] if idx > 0 and figs[idx - 1].sentence == f.sentence else None

    if f.conversion_of is not None:
        base = figs[f.conversion_of]
        return (base.measure or "amount"), base.subject

    # "a 2.2% increase in Chinese exports", "a 25% tariff on goods"
    m = _RX_NOUN_AFTER.match(tail)
    if m and (f.unit in ("percent", "percentage points", "basis points") or m.group("noun").lower() in (
            "investment", "loan", "deal", "contract", "package", "grant", "credit", "aid", "fund",
            "budget", "order", "bailout", "fine", "fee")):
        noun = re.sub(r"\s+", " ", m.group("noun").lower())
        np = _cut_np(m.group("np") or "", 10) if m.group("np") else ""
        if np and re.match(r"^(?:19|20)\d\d$|^(?:the\s+)?(?:first|second|third|fourth)\s|"
                           r"^(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}(?:survey|poll|report|study|forecast|"
                           r"estimate|statement|analysis)\b", m.group("np").strip(), re.I):
            np = ""
        if np:
            prep = m.group("prep").lower()
            if prep in ("to", "from") and noun in re.split(r"\|", _CHANGE_NOUNS.replace("s?", "")):
                np = ""
        if np:
            return f"{noun} {m.group('prep').lower()} {np}", np
        subj = _clause_subject(sent_text, rel_start)[0] or _sentence_subject(sent_text)
        subj = _lc(subj, text) if subj else subj
        if subj and noun in _CHANGE_NOUNS.split("|"):
            return f"{noun} in {subj}", subj
        if subj:
            return f"{subj} {noun}", subj
        return noun, None

    # "up 64%", "down 10.2%": a change in what the sentence (or the figure before) measures
    ud = _RX_UPDOWN_BEFORE.search(head)
    if ud and f.unit in ("percent", "percentage points", "basis points"):
        thing = (prev.subject or prev.measure) if prev else None
        thing = thing or _clause_subject(sent_text, rel_start)[0] or _sentence_subject(sent_text)
        thing = _lc(thing, text) if thing else thing
        noun = "increase" if ud.group("dir").lower() == "up" else "decrease"
        if yoy:
            noun = "year-on-year " + noun
        if thing:
            return f"{noun} in {thing}", thing
        return noun, None

    # "a $110 billion arms agreement", "a 25% import tax on goods from Mexico"
    cm = _RX_COMPOUND_AFTER.match(tail)
    if cm and (f.is_money or f.unit in ("percent", "percentage points")):
        words = []
        for w in cm.group("np").split():
            if (_SUBJECT_VERBS.fullmatch(w) and w.lower() not in _NOUN_LIKE) or \
                    (w.lower().endswith("ed") and "-" not in w) or w.lower() in _FUNCTION_WORDS or \
                    w.lower() in _PREPS or w.lower() in _TIME_WORDS:
                break
            words.append(w)
        if words and not re.match(r"^(?:year|month|day|week|quarter)s?$|^(?:y/y|yoy)$|^year[\s-]", words[0], re.I):
            np = " ".join(words[:4])
            rest = tail[cm.start("np") + len(np):]
            pm = re.match(r"^\s+(?P<prep>on|for|in|to|with|from|against)\s+(?P<np>[^,;:.()“”\"]{2,80})", rest)
            if pm and not (f.is_money and pm.group("prep") == "to"):
                more = _cut_np(pm.group("np"), 8)
                if more and not re.match(r"^(?:19|20)\d\d$", more):
                    np = f"{np} {pm.group('prep')} {more}"
            return np, np

    # "barriers that cost Australian exporters 20 billion Australian dollars a year"
    cost = _RX_COST_BEFORE.search(head)
    if cost and f.is_money:
        np = _cut_np(cost.group("np"), 6)
        if np:
            return f"cost to {np}", np

    # "up from $185 billion", "to $8.28 billion" after a figure: the same thing
    link_gap = re.sub(r"\([^()]*\)|\b(?:a|per|each|every)\s+(?:year|month|day|annum)\b|\bannually\b|"
                      r"\byear[\s-]on[\s-]year\b|\bin\s+(?:19|20)\d\d\b|\b(?:this|last)\s+year\b", " ",
                      text[prev.end:f.raw_start] if prev is not None else "", flags=re.I)
    if prev is not None and _RX_PREV_LINK.search(re.sub(r"\s+", " ", link_gap)) and \
            len(text[prev.end:f.raw_start]) < 60:
        if prev.unit == f.unit or not (prev.unit in ("percent", "percentage points")):
            return (prev.measure or "amount"), prev.subject
        if prev.subject:
            return prev.subject, prev.subject

    # "increase supplies to 44 bcm", "expand gas supply via the Far Eastern route from 10 to 12 bcm"
    ob = _RX_CHANGE_OBJECT.search(head) or _RX_CHANGE_OBJECT_LONG.search(head) or \
        _RX_CHANGE_OBJECT.search(_RX_AMOUNT_OF.sub("", head))  # "tariffs on $120 billion in Chinese products from"
    if ob and ob.group("np").strip():
        np = _cut_np(re.sub(r"^(?:in|of|on)\s+", "", ob.group("np").strip(), flags=re.I), 10)
        if np:
            return np, np

    # "a trade surplus of $12.16 billion", "products worth $4 million"
    nb = _RX_NP_BEFORE.search(head)
    if nb:
        np = _np_before(nb.group("np"))
        link = nb.group("link").lower()
        if np and np.split()[-1].lower() not in _BAD_HEADS and np.lower() not in _FRACTIONS and not (
                link == "to" and not re.search(
                rf"\b(?:raise|boost|reduce|lift|lower|expand|bring|brought|raised|boosted|reduced|lowered|"
                rf"expanded|{_CHANGE_NOUNS}|{_CHANGE_VERBS_UP}|{_CHANGE_VERBS_DOWN})s?\s+(?:[\w'’-]+\s+){{0,3}}$",
                head[:nb.start("link")] + " ", re.I)) and not re.fullmatch(r"[\d.,]+", np) and not (
                link == "at" and np.split()[-1].lower() in ("steady", "flat", "unchanged", "stable", "firm",
                                                             "constant", "level", "even", "about", "around")):
            of = _RX_OF_AFTER.match(tail)
            extra = ""
            if of and of.group("prep").lower() == "of" and f.unit not in ("percent",):
                cut = _cut_np(of.group("np"), 8)
                if cut and not re.match(r"^(?:19|20)\d\d", cut):
                    extra = f" of {cut}"
            return f"{np}{extra}", np

    # "30.4% of Russia's reserve assets", "10 bcm of gas", "$50 billion in funding for Africa"
    of = _RX_OF_AFTER.match(tail)
    subj, verb = _clause_subject(sent_text, rel_start)
    if of:
        # "$120 billion in Chinese products from 15% to 7.5%": the products, not the rates after
        np = _cut_np(re.split(r"\s+(?:from|to|by|between)\s+(?=[\d$€£¥]|(?:about|around|some|nearly)\s)",
                              of.group("np"))[0], 12)
        prep = of.group("prep").lower()
        if np and not re.search(r"\b(?:months?|years?|weeks?|days?|decades?|quarters?|period|time)$|"
                                r"^(?:fiscal|financial|calendar|FY)\b|\d", np, re.I) \
                and not re.match(r"^(?:(?:the\s+)?(?:first|second|third|fourth|same|previous|last)\b|"
                               r"(?:19|20)\d\d|(?:January|February|March|April|May|June|July|August|"
                               r"September|October|November|December)\b)", np, re.I):
            if f.unit in ("percent",) and prep == "of":
                if subj and verb and re.match(r"account|represent|made|make|comprise", verb):
                    return f"{subj} share of {np}", np
                return f"share of {np}", np
            if prep == "in" and f.unit in ("percent", "percentage points"):
                pass
            else:
                noun = _VERB_NOUNS.get((verb or "").split()[-1]) if verb else None
                if noun and not f.is_money:
                    return f"{noun} of {np}", np
                vb = _RX_MONEY_VERB_BEFORE.search(head)
                if vb and f.is_money and prep == "in":
                    # "to invest $600 billion in the United States": investment in the United States
                    return f"{_VERB_NOUNS[vb.group('v').lower()]} in {np}", np
                return np, np

    # the subject of the clause ("Trade between Russia and China fell 9.1%")
    if not subj:
        subj = _sentence_subject(sent_text)
    if subj:
        subj = _lc(subj, text)
        vm = _RX_CHANGE_BEFORE.search(head)
        if f.unit in ("percent", "percentage points") and vm:
            up = bool(_RX_UP.match(vm.group("verb")))
            noun = ("growth" if up else "decline")
            if yoy or re.search(r"year[\s-]on[\s-]year", vm.group(0), re.I):
                noun = "year-on-year " + noun
            if re.match(rf"^(?:\w+\s+)?(?:{_CHANGE_NOUNS})s?\b", subj, re.I):
                return subj, subj
            return f"{noun} of {subj}", subj
        if f.unit not in ("percent", "percentage points") and verb:
            noun = _VERB_NOUNS.get(verb.split()[-1])
            if noun and (not f.is_money or noun in ("investment", "lending", "spending", "pledge", "purchases",
                                                    "sales", "exports", "imports")):
                return f"{noun} by {subj}", subj
        return subj, subj

    # fallback: the nearest noun phrase of the clause
    np = _np_before(re.sub(r"[^\w’'\s.-]", " ", head).rstrip())
    if np:
        return np, np
    words = re.findall(r"[A-Za-z][\w’'-]*", tail)
    content = [w for w in words[:8] if w.lower() not in _FUNCTION_WORDS]
    if content:
        return " ".join(content[:4]), None
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", sent_text) if w.lower() not in _FUNCTION_WORDS]
    return (" ".join(words[:5]) or "amount"), None


# ----------------------------------------------------------------- sources

def _titled_holder(m: re.Match) -> str | None:
    """The name in a role phrase ("Ambassador Zhang Hanhui" -> "Zhang Hanhui"), when it holds one."""
    cand = _strip_role(m.group(0).strip())
    return cand if cand != m.group(0).strip() and len(cand.split()) >= 2 else None


class _Sources:
    def __init__(self, text: str, actors=None):
        self.text = text
        self._actors = actors
        self._actors_tried = actors is not None
        self._quotes: list[tuple[int, int]] | None = None
        self._named: dict[str, str | None] = {}  # _given_and_surname, per surname
        self._titled: dict[str, tuple] = {}  # _last_titled's matches, per role

    # quotations: spans between paired quotation marks within a paragraph
    def quote_around(self, pos: int) -> tuple[int, int] | None:
        """The quotation holding `pos`, if one does: found by bisection, as the spans (one
        regex's matches) come in order and never overlap."""
        if self._quotes is None:
            self._quotes = [m.span() for m in re.finditer(r"“[^”\n]{5,}”|\"[^\"\n]{5,}\"", self.text)]
            self._quote_starts = [qs for qs, _ in self._quotes]
        k = bisect.bisect_right(self._quote_starts, pos) - 1
        return self._quotes[k] if k >= 0 and pos < self._quotes[k][1] else None

    def actors(self):
        if not self._actors_tried:
            self._actors_tried = True
            from orchestration.extract.actors import find_actors  # only when a source needs resolving
            self._actors = find_actors(self.text)
        return self._actors

    def _resolve_person(self, name: str, pos: int) -> str | None:
        """The article's person that `name` at `pos` refers to, through the actors module."""
        actors = self.actors()
        if actors is None:
            return None
        actor = actors.resolve(name, pos)
        if actor is not None and actor.name and actor.actor_type == "person":
            return actor.name
        return None

    def full_name(self, name: str, pos: int) -> str:
        """A surname or role at `pos` as the fullest name the article gives."""
        name = _strip_role(name)
        low = name.lower()
        if low in _PRONOUNS or _ROLE_REFERENCES.match(name):
            rm = _ROLE_REFERENCES.match(name)
            if rm:  # "the ambassador": the last "Ambassador ... Zhang Hanhui" before
                best = self._last_titled(rm.group("role"), pos)
                if best:
                    return best
            resolved = self._resolve_person(name, pos)
            if resolved:
                return resolved
            return name
        words = name.split()
        if len(words) == 1 and words[0][:1].isupper():
            given = self._given_and_surname(words[0])
            if given is not None:
                return given
            resolved = self._resolve_person(name, pos)
            if resolved:
                return resolved
        return name

    def _last_titled(self, role: str, pos: int) -> str | None:
        """The holder's name of the last "<role> <Name>" ("Ambassador to France Lu Shaye") that
        text[:pos] holds, as a scan of text[:pos] finds it. The text is scanned once per role:
        its matches that end by `pos` are the prefix's too (the pattern asserts nothing after
        its last word), and only a match running past `pos` is read again, cut at `pos`."""
        if role not in self._titled:
            pattern = re.compile(rf"\b{re.escape(role)}\b(?-i:(?P<rest>(?:\s+(?:to|of|for|in|at|the|"
                                 rf"[A-Z][\w.'’-]*))+))", re.I)
            matches = list(pattern.finditer(self.text))
            best = [None]  # best[i]: the answer for the first i matches
            for m in matches:
                best.append(_titled_holder(m) or best[-1])
            self._titled[role] = (pattern, [m.start() for m in matches], [m.end() for m in matches], best)
        pattern, starts, ends, best = self._titled[role]
        j = bisect.bisect_right(ends, pos)
        found = best[j]
        if j < len(starts) and starts[j] < pos:
            for m in pattern.finditer(self.text, starts[j], pos):
                found = _titled_holder(m) or found
        return found

    def _given_and_surname(self, surname: str) -> str | None:
        """The first "Given Surname" the article writes for a bare surname, if any; the text
        is read once per surname, however many figures that person is the source of."""
        if surname not in self._named:
            self._named[surname] = next((m.group(0) for m in re.finditer(
                rf"\b(?P<first>[A-Z][\w'’-]+)\s+(?:[A-Z]\.\s+)?{re.escape(surname)}\b", self.text)
                if not (_ROLE_WORDS.fullmatch(m.group("first")) or _country_for(m.group("first")) or m.group("first") in (
                    "Mr", "Mrs", "Ms", "Dr", "The", "In", "On", "And", "But", "Said", "Told"))), None)
        return self._named[surname]

    def for_figure(self, f: _Fig, sent: tuple[int, int]) -> str | None:
        text = self.text
        s, e = sent
        # inside a quotation: the speaker named around the quotation
        around = self.quote_around(f.start)
        if around is not None:
            qs, qe = around
            after = text[qe:min(len(text), qe + 160)].split("\n")[0]
            m = re.match(r"^[,.]?\s*(?P<a>.{0,120})", after)
            src = self._speaker(m.group("a") if m else "", qe, leading=True)
            if src:
                return src
            before = text[max(0, qs - 160):qs].split("\n")[-1]
            m = re.search(rf"(?P<np>[A-Z][^,;.“”\"]{{0,80}}?)\s+(?:{_REPORT_VERBS})\b[^“\"]{{0,40}}[:,]?\s*$",
                          before)
            if m:
                src = self._name(m.group("np"), qs)
                if src:
                    return src
        sentence = text[s:e]
        local = text[f.end:min(e, f.end + 120)]
        m = _RX_LOCAL_SURVEY.match(local)
        if m:
            return _clean_source(m.group("src")) if not _SOURCE_TAIL.match(" " + m.group("src")) else m.group("src")
        proper_according = None
        generic_according = None
        for m in _RX_DATA_BY.finditer(sentence):
            src = _clean_source(m.group("src"))
            if src:
                proper_according = proper_according or self._name(src, s + m.start("src"))
        for m in _RX_ACCORDING.finditer(sentence):
            src = re.sub(r"^(?:(?:official|preliminary|the\s+latest|latest|new|the)\s+)?(?:data|figures|statistics|"
                         r"estimates|numbers)\s+(?:\w+\s+){0,3}?(?:from|by|of)\s+(?:the\s+)?", "", m.group("src"),
                         flags=re.I)
            src = re.sub(r"^(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:statement|report|press\s+release|analysis|survey|"
                         r"study|estimate|review)\s+(?:\w+\s+)?(?:from|by|of)\s+(?:the\s+)?", "", src, flags=re.I)
            src = _clean_source(src)
            if not src:
                continue
            if re.search(r"[A-Z]", src[:1]) or re.search(r"\b[A-Z][a-z]+", src):
                proper_according = proper_according or self._name(src, s + m.start("src"))
            else:
                generic_according = generic_according or src
        if proper_according:
            return proper_according
        spk = self._speaker(sentence, s)
        if spk:
            return spk
        return generic_according

    def _name(self, np: str, pos: int) -> str | None:
        np = _clean_source(np) or ""
        if not np:
            return None
        if np.lower() in _PRONOUNS or _ROLE_REFERENCES.match(np):
            full = self.full_name(np, pos)
            return None if full.lower() in _PRONOUNS else full
        # "Russian news agency RIA" -> "RIA"; keep the last run of capitalised words with its "of"s
        m = re.search(r"(?:[A-Z][\w.&'’-]*(?:\s+(?:of|for|and|de|al|bin|on)\s+(?:the\s+)?|\s+))*[A-Z][\w.&'’-]*$", np)
        if m and not re.search(r"\b(?:data|figures|statistics|survey|report|analysis|estimates)$", np, re.I):
            cand = m.group(0)
            head_words = np[:m.start()].split()
            if head_words and head_words[-1].lower() in ("agency", "outlet", "broadcaster", "newspaper", "daily",
                                                         "channel", "website", "firm", "company", "group",
                                                         "bank", "consultancy"):
                return cand
            if head_words and not re.search(r"[A-Z]", np[:m.start()]):
                # "customs data" style lowercase heads stay whole; "officials at X" -> X
                if head_words[-1].lower() in ("at", "of", "from", "by"):
                    return cand
            np2 = np if re.match(r"^(?:[A-Z]|\w+'s\s)", np) else cand
            return self.full_name(np2, pos) if len(np2.split()) == 1 else _strip_role(np2)
        return np

    def _speaker(self, sentence: str, offset: int, leading: bool = False) -> str | None:
        # ", Novak said", "Novak told the Rossiya 24 broadcaster", "China's customs reported"
        candidates = []
        for v in _RX_REPORT_VERB.finditer(sentence):
            if v.group("verb") == "according":
                continue
            lo = max(0, v.start() - 121)
            pre = sentence[lo:v.start()]
            cut = max(pre.rfind(ch) for ch in ",;:(“”\"")
            np = pre[cut + 1:].strip()
            if not np:
                continue
            m_start = v.start() - len(pre) + cut + 1 + (len(pre[cut + 1:]) - len(pre[cut + 1:].lstrip()))
            # a speaker is a short name, role or body: no verb of its own, no "this"/"which"
            np = re.split(r"\s+(?:and|that|which|while|as|but|though|although|because|when|if)\s+", np)[-1]
            if len(np.split()) > 9 or re.match(r"^(?:this|that|these|those|which|it|there|though|although|"
                                                r"while|but|and|so|then)\b", np, re.I):
                continue
            fv = _first_verb(np)
            if fv is not None and fv.group(0).lower() not in _NOUN_LIKE:
                continue
            # the subject is the end of what precedes the verb
            np = re.split(r"[,;:]\s*|\s+(?:and|that|which|while|as|but)\s+", np)[-1]
            np = re.sub(r"^.*\b(?:in|on|at|of)\s+(?=[a-z])", "", np) if np[:1].islower() else np
            if not np or (np[:1].islower() and not re.match(r"^(?:the\s+|officials?|analysts|experts|economists|"
                                                            r"customs|data|figures|statistics)", np)):
                if np.lower() not in _PRONOUNS:
                    continue
            candidates.append((m_start, np))
            if leading:
                break
        for start, np in candidates:
            src = self._name(np, offset + start)
            if src:
                return src
        m = re.search(r"\b(?:said|says|added|told|noted)\s+(?P<np>(?:the\s+)?[A-Z][^,;.“”\"]{2,80})[.”\"]?\s*$",
                      sentence)
        if m:
            src = self._name(m.group("np"), offset + m.start("np"))
            if src:
                return src
        pm = _RX_PARTICIPLE.search(sentence)
        if pm:
            subj = re.match(r"^(?P<np>(?:[A-Z][\w.'’-]*\s+){0,6}[A-Z][\w.'’-]*)\s+[a-z]", sentence)
            if subj and subj.group("np").split()[0].lower() not in _FUNCTION_WORDS:
                return self._name(subj.group("np"), offset)
        return None


# ----------------------------------------------------------------- countries

_FISCAL = "fiscal-year"


def _fiscal_period(marker: str, pub: date | None, codes: list[str]) -> str | None:
    """"last financial year" of the figure's country: "2021-04/2022-03" for India on 2022-10-21,
    "2021" for a country whose fiscal year is the calendar year; None when no country is known."""
    if pub is None or not codes:
        return None
    offset = int(marker.removeprefix(_FISCAL))
    start = next((reference.fiscal_year_start(c) for c in codes if reference.fiscal_year_start(c) != 1), 1)
    first = (pub.year if pub.month >= start else pub.year - 1) + offset
    if start == 1:
        return str(first)
    end = date(first + 1, start, 1) - timedelta(days=1)
    return f"{first}-{start:02d}/{end.year}-{end.month:02d}"


def _countries(measure: str) -> list[str]:
    """Alpha-3 codes of the countries a phrase names, by name, demonym or capital, in order."""
    return [code for code, _ in figure_meaning.codes_with_places(measure)]


# ----------------------------------------------------------------- main entry

def _window(sent: tuple[int, int], f: _Fig) -> tuple[int, int]:
    """The sentence around a figure, at most a few hundred characters each side (run-on text, tables)."""
    return max(sent[0], f.raw_start - 500), min(sent[1], f.end + 400)


def _words_before(text: str, f: _Fig) -> list[str]:
    return re.findall(r"[\w’'-]+", text[max(0, f.raw_start - 40):f.raw_start].lower())[-3:]


def _words_after(text: str, f: _Fig) -> list[str]:
    return re.findall(r"[\w’'-]+", text[f.end:f.end + 40].lower())[:3]


_GENERIC = frozenset("""share growth increase decrease decline rise fall drop change year-on-year total
amount value level of in on to for from with by the and a an""".split())


def _stems(measure: str | None) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z][\w-]+", (measure or "").lower())
            if len(w) > 2 and w not in _GENERIC and w not in _FUNCTION_WORDS and w not in _PREPS}


def extract_figures(text: str, published_date: date | None = None, actors=None) -> list[Figure]:
    """Money amounts, percentages and quantities the article states, as `Figure`s.

    `actors` may be the article's `find_actors(text)` result when the caller has it
    already; otherwise it is computed here, only if a source needs resolving ("he said").
    """
    if not text:
        return []
    figs = _scan(text, _home_dollar(text) if "$" in text else "USD")
    if not figs:
        return []
    figs = _ranges(text, figs)
    sents = _sentence_spans(text)
    sent_starts = [s for s, _ in sents]
    for f in figs:
        f.sentence = max(0, bisect.bisect_right(sent_starts, f.start) - 1)

    kw = _Keywords(text)
    kept: list[_Fig] = []
    for f in figs:
        sent = _window(sents[f.sentence], f)
        if _is_exchange_rate(text, f):
            continue
        if f.unit in ("percent", "percentage points", "basis points"):
            if not _keep_percent(text, f, sent, sents[f.sentence - 1] if f.sentence > 0 else None, kw):
                continue
        elif not f.is_money:
            if not _keep_physical(text, f, sent):
                continue
        kept.append(f)
    figs = kept
    if not figs:
        return []
    _mark_conversions(text, figs)

    ref = published_date.year if published_date else _reference_year(text)
    windows: list[tuple[int, int]] = []
    for si in sorted({f.sentence for f in figs}):
        lo, hi = sents[max(0, si - 3)][0], sents[si][1]
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    periods = _find_periods(text, published_date, ref, windows)
    _assign_periods(text, figs, periods, sents, kw)

    sources = _Sources(text, actors)
    last_source: tuple[int, str | None, str | None] | None = None  # (sentence, source, period)
    sentence_source: dict[int, str | None] = {}
    for i, f in enumerate(figs):
        sent = _window(sents[f.sentence], f)
        measure, subject = _measure_for(text, f, figs, i, sent)
        f.measure = measure or "amount"
        f.subject = subject
        if f.conversion_of is not None:
            f.source = figs[f.conversion_of].source
            continue
        local = bool(_RX_LOCAL_SURVEY.match(text[f.end:min(sent[1], f.end + 120)]))
        src = sources.for_figure(f, sent)
        if src is None and f.sentence in sentence_source:
            src = sentence_source.get(f.sentence)
        if src is None and last_source is not None:
            ls, lsrc, lper = last_source
            same_period = (lper or "")[:4] == (f.period_value or "")[:4]
            if lsrc and f.sentence != ls and f.sentence - ls <= 2 and same_period:
                src = lsrc
        f.source = src
        if local:
            continue  # "the 5% forecast in a Bloomberg survey" credits that figure alone
        if f.sentence not in sentence_source:
            sentence_source[f.sentence] = src
        if src is not None or f.sentence != (last_source[0] if last_source else -1):
            last_source = (f.sentence, src, f.period_value)

    # the same figure stated again later (same value, unit and period): report it once
    out: list[Figure] = []
    seen: list[_Fig] = []
    position: dict[int, int] = {}  # index in figs -> index in out
    pair = figure_meaning.article_pair(text)
    for fi, f in enumerate(figs):
        dup = False
        for g in seen:
            gp, fp = g.period_value or "", f.period_value or ""
            if g.unit == f.unit and abs(g.value - f.value) <= 1e-9 * max(1.0, abs(g.value)) and \
                    (gp.startswith(fp) or fp.startswith(gp)) and (
                        _words_before(text, g) == _words_before(text, f) or
                        _words_after(text, g) == _words_after(text, f) or
                        (g.sentence != f.sentence and _stems(g.measure) & _stems(f.measure))):
                dup = True
                break
        if dup:
            continue
        seen.append(f)
        if (f.period_value or "").startswith(_FISCAL):
            sent_text = text[sents[f.sentence][0]:sents[f.sentence][1]]
            codes = _countries(f.source or "") + _countries(f.measure or "") + _countries(sent_text)
            f.period_value = _fiscal_period(f.period_value, published_date, codes)
        raw = text[f.raw_start:f.end].strip()
        position[fi] = len(out)
        out.append(_figure(text, f, raw, figs[fi - 1] if fi else None, sents[f.sentence], pair,
                           position.get(f.conversion_of) if f.conversion_of is not None else None))
    return out


_RANGE_GAP = re.compile(r"\s*(?:to|and|-|–)\s*", re.I)


def _figure(text: str, f: _Fig, raw: str, before: _Fig | None, sent: tuple[int, int],
            pair: tuple[str, str] | None, conversion_of: int | None) -> Figure:
    """The public record of one figure, with what kind of figure it is and between which countries."""
    start = f.raw_start + (len(text[f.raw_start:f.end]) - len(text[f.raw_start:f.end].lstrip()))
    floor = sent[0]
    if before is not None and before.sentence == f.sentence and not _RANGE_GAP.fullmatch(text[before.end:f.raw_start]):
        floor = before.end  # a cue before the figure before is that figure's ('from 10 to 12 bcm' is one)
    category = figure_meaning.measure_category(f.measure, text[sent[0]:sent[1]])
    origin, recipient = figure_meaning.countries(f.measure, category, pair)
    return Figure(value=f.value, unit=f.unit, raw_text=raw, char_start=start, char_end=start + len(raw),
                  measure=f.measure, period=f.period_value, source=f.source,
                  countries=_countries(f.measure or ""),
                  figure_kind=figure_meaning.figure_kind(text, f.raw_start, f.end, floor),
                  measure_category=category, from_country=origin, to_country=recipient,
                  conversion_of=conversion_of)
