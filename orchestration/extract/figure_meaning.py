"""What a figure is: a value reported, a target, a forecast or an estimate; what kind of
measure it is; and which countries it runs between.

Analysts group and compare figures by these, so they are read from the words around the
figure and from reference data, never from a list of articles.
"""
from __future__ import annotations

import re
from collections import Counter

from .reference import capital_country, country_for

# The words that make a figure something other than a value the article gives as fact. Only the
# words between the figure and the figure before it (or the start of its clause) count, so in
# "could soon reach $200 billion a year, up from $185 billion in 2022" the forecast is $200bn
# alone and $185bn stays a reported value.
_KIND_BEFORE = [
    ("target", re.compile(r"\b(?:target(?:s|ed|ing)?|goals?|aim(?:s|ed|ing)?\s+(?:to|at|for)|plan(?:s|ned)?\s+to|"
                          r"pledg(?:e|es|ed)\s+to|agreed\s+to|intends?\s+to|seek(?:s|ing)?\s+to|objective|"
                          r"ambition)\b", re.I)),
    ("forecast", re.compile(r"\b(?:could|would|will|may|might|shall|expected\s+to|expect(?:s|ed)?|projected|"
                            r"projections?|forecasts?|forecast(?:ed|ing)|predict(?:s|ed|ion|ions)?|likely\s+to|"
                            r"set\s+to|on\s+track\s+to|poised\s+to|expectations?\s+of|anticipat\w+|outlook)\b", re.I)),
    ("estimate", re.compile(r"\b(?:estimat\w*|est\.)", re.I)),
]
# "the 5% increase forecast in a Bloomberg survey", "a $100bn target", "an estimated ..." after it
_KIND_AFTER = re.compile(r"^\W{0,3}(?:[a-z-]+\s+){0,2}?(?P<w>forecast|projection|target|goal|estimate)s?\b", re.I)
_CLAUSE_START = re.compile(r"[.;:!?]\s|\n|\s[–—]\s")


_BASELINE = re.compile(r"\bfrom\s+(?:about\s+|around\s+|some\s+)?$", re.I)


def figure_kind(text: str, start: int, end: int, floor: int) -> str:
    """reported, target, forecast or estimate, from the words just before the figure (back to
    `floor`: its sentence's start or the end of the figure before it) and just after it. The
    starting point of a change ('increase supplies to 44 bcm from 38 bcm') is reported."""
    before = text[max(floor, start - 90):start]
    if _BASELINE.search(before):
        return "reported"
    cut = [m.end() for m in _CLAUSE_START.finditer(before)]
    if cut:
        before = before[cut[-1]:]
    found = [(m.start(), kind) for kind, rx in _KIND_BEFORE for m in rx.finditer(before)]
    after = _KIND_AFTER.match(text[end:end + 30])
    if after:
        word = after.group("w").lower()
        return {"projection": "forecast", "goal": "target"}.get(word, word)
    if found:
        return max(found)[1]  # the cue nearest the figure
    return "reported"


# ------------------------------------------------------------------ measure category

_CATEGORY = [
    ("payments", r"\b(?:payments?|settlements?|settled|transactions?|currenc\w*|yuan|renminbi|rubles?|roubles?|"
                 r"dollar|swift)\b(?!.*\b(?:reserves?|holdings|wealth\s+fund)\b)"),
    ("tariff", r"\b(?:tariffs?|dut(?:y|ies)|levy|levies|customs\s+rates?)\b"),
    ("sanctions", r"\b(?:sanction\w*|blacklist\w*|frozen|freez\w+|seiz\w+|dual-use|export\s+controls?|embargo\w*)\b"),
    ("lending", r"\b(?:loans?|lend\w*|credit\w*|debts?|borrow\w*|bonds?)\b"),
    ("aid", r"\b(?:aid|assistance|grants?|donat\w+|humanitarian)\b"),
    ("investment", r"\b(?:invest\w*|fdi|stakes?|acquisitions?)\b"),
    ("trade", r"\b(?:trade|commerce|turnover|imports?\s+and\s+exports?|exports?\s+and\s+imports?)\b"),
    ("exports", r"\b(?:exports?|exported|suppl(?:y|ies|ied)|deliver(?:y|ies|ed))\b"),
    ("imports", r"\b(?:imports?|imported|purchases?)\b"),
    ("price", r"\b(?:prices?|costs?|per\s+(?:barrel|tonne|ton|cubic))\b"),
    ("production", r"\b(?:production|output|produc\w+|harvest|capacity|gas|oil|coal|grain|pipeline)\b"),
    ("economy", r"\b(?:gdp|econom\w*|inflation|growth\s+rate|budget|reserves?|wealth\s+fund|holdings|"
                r"unemployment|deficit|surplus)\b"),
]
_CATEGORY_RX = [(name, re.compile(rx, re.I)) for name, rx in _CATEGORY]
CATEGORIES = tuple(name for name, _ in _CATEGORY) + ("other",)


_STRONG = tuple(name for name, _ in _CATEGORY if name not in ("price", "production", "economy"))


def measure_category(measure: str | None, sentence: str = "") -> str:
    """One of CATEGORIES: the measure's own words first, then its sentence's; goods and prices
    only when neither names a flow ('22 bcm of gas' in 'Russia will supply ... gas to China' is
    exports), the economy from the sentence only when nothing else fits."""
    passes = [(measure or "", _STRONG + ("economy",)), (sentence, _STRONG),
              (measure or "", ("price", "production")), (sentence, ("price", "production", "economy"))]
    for words, names in passes:
        for name, rx in _CATEGORY_RX:
            if name in names and rx.search(words):
                return name
    return "other"


# ------------------------------------------------------------------ countries

_NAME = re.compile(r"[A-Z][\w.'’]*(?:\s+(?:of\s+)?[A-Z][\w.'’]*)*")
_PAIR_WORDS = re.compile(r"\b(?:bilateral|two\s+(?:countries|nations|sides|states|economies)|both\s+(?:countries|"
                         r"nations|sides)|the\s+countries|each\s+other)\b", re.I)
_TO = re.compile(r"\b(?:to|into|for|toward|towards|with)\s+(?:the\s+)?$", re.I)
_FROM = re.compile(r"\b(?:from|out\s+of|by)\s+(?:the\s+)?$", re.I)


def codes_with_places(phrase: str) -> list[tuple[str, int]]:
    """(alpha-3, offset) of each country the phrase names, by name, demonym or capital."""
    out: list[tuple[str, int]] = []
    for m in _NAME.finditer(phrase.replace("-", " ")):
        words = m.group(0).split()
        i, pos = 0, m.start()
        while i < len(words):
            hit = None
            for n in (5, 4, 3, 2, 1):  # "People's Republic of China" before "Republic of China"
                if i + n <= len(words):
                    cand = " ".join(words[i:i + n]).removesuffix("'s").removesuffix("’s")
                    c = country_for(cand)
                    code = c.alpha3 if c else capital_country(cand)
                    if code:
                        hit = (code, n)
                        break
            word_at = phrase.replace("-", " ").find(words[i], pos)
            pos = word_at + len(words[i])
            if hit:
                if hit[0] not in (c for c, _ in out):
                    out.append((hit[0], word_at))
                i += hit[1]
            else:
                i += 1
    return out


def article_pair(text: str) -> tuple[str, str] | None:
    """The two countries an article is most about: named most often (by name, demonym or capital),
    a mention in its first two sentences (headline and lead) counting three times."""
    counts: Counter[str] = Counter()
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]
    for i, sentence in enumerate(sentences):
        for piece in re.split(r"[,;()]", sentence):
            for code, _ in codes_with_places(piece):
                counts[code] += 3 if i < 2 else 1
    top = [code for code, _ in counts.most_common(2)]
    return (top[0], top[1]) if len(top) == 2 else None


def countries(measure: str | None, category: str, pair: tuple[str, str] | None) -> tuple[str | None, str | None]:
    """(from, to) as the contract has them: a flow's origin and recipient; a measure between two
    countries, the two in alphabetical order; a measure of one country, that country and null.
    A measure that points at the pair without naming it ('bilateral trade') takes the article's pair;
    a flow that names one end ('imports from Russia') takes the pair's other country as the other."""
    m = measure or ""
    found = codes_with_places(m)
    if category in ("exports", "imports", "investment", "lending", "aid") and found:
        origin = [c for c, at in found if _FROM.search(m[:at])]
        dest = [c for c, at in found if _TO.search(m[:at])]
        rest = [c for c, _ in found if c not in origin and c not in dest]
        if category == "imports":  # "Russian imports" are Russia's purchases
            dest = dest or rest[:1]
        else:  # "Chinese exports", "Chinese investment": the country they come from
            origin = origin or rest[:1]
        src, dst = (origin or [None])[0], (dest or [None])[0]
        other = _other_of(pair, src or dst)
        if src is None and dst is not None and other and category == "exports":
            src = other  # "exports to Russia" in a Russia-China article: China's
        if dst is None and src is not None and other and category == "imports" and src in origin:
            dst = other  # "imports from Russia": the partner's
        return src, dst
    codes = [c for c, _ in found]
    if len(codes) < 2 and pair and _PAIR_WORDS.search(m):
        codes = list(pair)
    if len(codes) >= 2:
        a, b = sorted(codes[:2])
        return a, b
    return (codes[0], None) if codes else (None, None)


def _other_of(pair: tuple[str, str] | None, code: str | None) -> str | None:
    if pair is None or code is None or code not in pair:
        return None
    return pair[1] if pair[0] == code else pair[0]
