"""What a figure is (reported, target, forecast, estimate), its category and its countries."""
from __future__ import annotations

from orchestration.extract.figure_meaning import article_pair, countries, figure_kind, measure_category
from orchestration.extract.figures import extract_figures


def _by_text(text: str) -> dict:
    return {f.raw_text: f for f in extract_figures(text)}


def test_a_forecast_is_not_a_reported_value_and_its_baseline_stays_reported():
    text = ("Putin told Wang Yi that bilateral trade between Russia and China was better than expected "
            "and could soon reach $200 billion a year, up from $185 billion in 2022.")
    figs = _by_text(text)
    assert figs["$200 billion"].figure_kind == "forecast"
    assert figs["$185 billion"].figure_kind == "reported"


def test_targets_and_estimates_are_told_apart():
    text = ("Russia and China agreed to increase gas supplies to 44 billion cubic meters per year. "
            "Western analysts estimated the losses at $12 billion.")
    figs = _by_text(text)
    assert figs["44 billion cubic meters"].figure_kind == "target"
    assert figs["$12 billion"].figure_kind == "estimate"
    assert figure_kind("a 5% increase forecast by economists", 2, 4, 0) == "forecast"


def test_a_conversion_beside_a_figure_is_linked_to_it():
    text = "Trade between Russia and China reached a record $240bn (£191bn) in 2023, official data show."
    figs = extract_figures(text)
    assert [f.raw_text for f in figs] == ["$240bn", "£191bn"]
    assert figs[0].conversion_of is None and figs[1].conversion_of == 0


def test_measure_categories_come_from_the_measure_then_its_sentence():
    assert measure_category("trade between Russia and China") == "trade"
    assert measure_category("Chinese exports to Russia") == "exports"
    assert measure_category("imports from Russia") == "imports"
    assert measure_category("yuan's share in the countries' bilateral trade") == "payments"
    assert measure_category("dual-use products") == "sanctions"
    assert measure_category("gas", "Russia will supply 22 billion cubic meters of gas to China.") == "exports"
    assert measure_category("GDP") == "economy"
    assert measure_category("amount", "It was a sunny day.") == "other"


def test_flows_run_from_origin_to_recipient_and_pairs_are_alphabetical():
    pair = ("RUS", "CHN")
    assert countries("Chinese exports to Russia", "exports", pair) == ("CHN", "RUS")
    assert countries("exports to Russia", "exports", pair) == ("CHN", "RUS")
    assert countries("imports from Russia", "imports", pair) == ("RUS", "CHN")
    assert countries("trade between Russia and China", "trade", pair) == ("CHN", "RUS")
    assert countries("bilateral trade", "trade", pair) == ("CHN", "RUS")
    assert countries("India's GDP", "economy", pair) == ("IND", None)
    assert countries("amount", "other", pair) == (None, None)


def test_the_article_pair_is_the_two_countries_it_is_most_about():
    text = ("Trade between China and Russia reached a record high last year, official data show.\n\n"
            "Meanwhile, trade between China and the United States grew by 3.7%.\n\n"
            "Moscow and Beijing have strengthened their partnership, the Russian side said.")
    assert set(article_pair(text)) == {"CHN", "RUS"}
    assert set(article_pair("The People's Republic of China and Russia held talks in Moscow.")) == {"CHN", "RUS"}
