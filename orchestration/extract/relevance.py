"""Is an article about relations between countries at all?

The landing folder also receives crime reports, product launches and weather
news. Their quotes and prices are real, but they are not the facts this
warehouse is for, so an article must show that it is about international
relations before anything is extracted from it: the vocabulary of diplomacy,
trade and security, used about at least two countries or blocs.
"""
from __future__ import annotations

import re

from .records import Actor

_TOPIC_WORDS = re.compile(
    r"\b(?:diplomat\w*|embass\w+|ambassador\w*|summit\w*|bilateral|multilateral|treaty|treaties|"
    r"foreign\s+minist\w+|foreign\s+policy|minister\w*|president\w*|premier|prime\s+minister|"
    r"sanction\w*|tariff\w*|trade|exports?|imports?|geopolitic\w*|sovereignty|alliance|nato|"
    r"united\s+nations|military|defen[cs]e|security\s+council|state\s+visit|talks|negotiat\w+|"
    r"cooperation|partnership|government|kremlin|white\s+house|econom\w+|investment\w*|deficit|"
    r"declaration|bloc|leaders?|G7|G20|BRICS|EU|ASEAN|SCO|African\s+Union|European\s+Union)\b", re.I)

# Intergovernmental organisations act as parties to international relations too.
BLOCS = re.compile(
    r"\b(?:EU|European\s+Union|NATO|OPEC\+?|UN|United\s+Nations|ASEAN|African\s+Union|SCO|"
    r"Shanghai\s+Cooperation\s+Organi[sz]ation|BRICS|G7|G20|WTO|IMF|World\s+Bank|Arab\s+League|OSCE|"
    r"EAEU|Eurasian\s+Economic\s+Union|CSTO|GCC|Gulf\s+Cooperation\s+Council|Mercosur|APEC|"
    r"Quad|AUKUS|OAS|ECOWAS|Commonwealth)\b")

MIN_COUNTRIES = 2
MIN_TOPIC_WORDS = 2  # with two countries; twice as many with fewer


def parties_involved(text: str, actors: list[Actor]) -> set[str]:
    """Countries of the article's actors, and the intergovernmental organisations it names."""
    return {a.country_code for a in actors if a.country_code} | {
        re.sub(r"\s+", " ", m.group(0)) for m in BLOCS.finditer(text)}


def is_international(text: str, actors: list[Actor]) -> bool:
    """The article speaks the language of diplomacy, trade or security, about named countries.

    Two countries and a couple of such words suffice; with fewer countries the words must
    carry the article on their own.
    """
    words = len(_TOPIC_WORDS.findall(text))
    countries = len(parties_involved(text, actors))
    if countries >= MIN_COUNTRIES:
        return words >= MIN_TOPIC_WORDS
    return words >= 2 * MIN_TOPIC_WORDS
