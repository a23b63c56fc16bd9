"""Reference data comes from packages, covers the world, and matches the dbt seeds."""
from __future__ import annotations

import csv

from orchestration.config import DBT_PROJECT_DIR
from orchestration.extract.reference import (
    COUNTRIES, capital_country, city_country, country_for, currency_for, write_seeds)


def test_countries_by_name_alternative_name_and_demonym():
    assert country_for("China").alpha3 == "CHN"
    assert country_for("Chinese").alpha3 == "CHN"
    assert country_for("People's Republic of China").alpha3 == "CHN"
    assert country_for("Russian").alpha3 == "RUS"
    assert country_for("American").alpha3 == "USA"  # the populous country wins a shared demonym
    assert country_for("U.S.").alpha3 == "USA"
    assert country_for("Brazil's").alpha3 == "BRA"
    assert country_for("us") is None  # a pronoun, not a country
    assert len({c.alpha3 for c in COUNTRIES}) == len(COUNTRIES) > 240


def test_cities_and_capitals():
    assert capital_country("Moscow") == "RUS"
    assert capital_country("Washington") == "USA"
    assert city_country("Harbin") == "CHN"
    assert city_country("Samarkand") == "UZB"
    assert city_country("Not A Real Town") is None


def test_currency_words_codes_and_symbols():
    assert [currency_for(t) for t in ("$", "US$", "USD", "dollars", "yuan", "renminbi", "RMB",
                                      "roubles", "rubles", "rupees", "euros", "€")] == [
        "USD", "USD", "USD", "USD", "CNY", "CNY", "CNY", "RUB", "RUB", "INR", "EUR", "EUR"]
    assert currency_for("Indian rupees") == "INR"
    assert currency_for("gallons") is None


def test_dbt_seeds_are_in_sync_with_the_packages(tmp_path):
    for written in write_seeds(tmp_path):
        shipped = DBT_PROJECT_DIR / "seeds" / written.name
        assert list(csv.reader(shipped.open())) == list(csv.reader(written.open())), (
            f"{shipped.name} is stale: run `communique seeds`")


def test_a_city_spelled_with_a_straight_apostrophe_is_the_one_spelled_with_a_curly_one():
    assert city_country("Xi'an") == city_country("Xi’an") == "CHN"


def test_country_adjectives_the_demonym_lists_lack_are_name_plus_suffix():
    from orchestration.extract.reference import country_for
    assert country_for("Icelandic").alpha3 == "ISL"
    assert country_for("Slovenian").alpha3 == "SVN"
    assert country_for("Luxembourgish").alpha3 == "LUX"
    assert country_for("Albanese") is None  # a surname, not "Albanian"
    assert country_for("Brian") is None
