"""Behaviour of the figures extractor on real and constructed sentences."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from orchestration.extract.actors import find_actors
from orchestration.extract.figures import extract_figures
from orchestration.extract.records import Figure

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"


def article(name: str) -> tuple[str, date | None]:
    """A seed article as the pipeline sees it: the leading ' date YYYY-MM-DD' marker removed."""
    text = (RAW / name).read_text(encoding="utf-8")
    stripped = text.lstrip()
    if stripped.startswith("date "):
        published = date.fromisoformat(stripped[5:15])
        return stripped[15:].lstrip(), published
    return text, None


def only(text: str, published: date | None = None) -> Figure:
    figs = extract_figures(text, published)
    assert len(figs) == 1, [(f.raw_text, f.value, f.unit) for f in figs]
    return figs[0]


def values(text: str, published: date | None = None) -> list[tuple[float, str]]:
    return [(f.value, f.unit) for f in extract_figures(text, published)]


# --------------------------------------------------------------- real articles

def test_seed_trade_figure_last_year_without_published_date():
    text, published = article("002_955c51490e1f022d.txt")
    figs = extract_figures(text, published)
    assert [(f.value, f.unit) for f in figs] == [(240_000_000_000, "USD")]
    fig = figs[0]
    assert fig.raw_text == "$240 billion"
    assert text[fig.char_start:fig.char_end] == "$240 billion"
    assert "trade" in fig.measure.lower()
    assert fig.period is None  # "last year" with no published date cannot be resolved


def test_seed_percentage_with_approximation_period_and_source():
    text, published = article("001_1733c6f7cdd7144f.txt")
    fig = only(text, published)
    assert (fig.value, fig.unit, fig.raw_text) == (90, "percent", "some 90%")
    assert fig.period == "2023"
    assert fig.source and "Nathaniel Sher" in fig.source
    assert "dual-use" in fig.measure
    assert "RUS" in fig.countries


def test_meeting_articles_without_figures_stay_quiet():
    for name in ("000_84a7454bba45616f.txt", "003_8332380b85e5dca4.txt", "004_72a596977695a507.txt"):
        text, published = article(name)
        assert extract_figures(text, published) == []


# --------------------------------------------------------------- currencies and scales

@pytest.mark.parametrize("phrase,value,unit", [
    ("$240 billion", 240e9, "USD"),
    ("US$5.2 billion", 5.2e9, "USD"),
    ("USD240B", 240e9, "USD"),
    ("USD 65.6 billion", 65.6e9, "USD"),
    ("$240bn", 240e9, "USD"),
    ("240 billion dollars", 240e9, "USD"),
    ("4 billion USD", 4e9, "USD"),
    ("$18 bln", 18e9, "USD"),
    ("$240m", 240e6, "USD"),
    ("$5,400", 5400, "USD"),
    ("300 billion yuan", 300e9, "CNY"),
    ("100 billion renminbi", 100e9, "CNY"),
    ("RMB 100 billion", 100e9, "CNY"),
    ("1.5 tn yuan", 1.5e12, "CNY"),
    ("3 trillion roubles", 3e12, "RUB"),
    ("300 billion rubles", 300e9, "RUB"),
    ("Rs 500 crore", 5e9, "INR"),
    ("1.2 trillion rupees", 1.2e12, "INR"),
    ("€3bn", 3e9, "EUR"),
    ("4 billion euros", 4e9, "EUR"),
    ("£2.5m", 2.5e6, "GBP"),
    ("20 billion Australian dollars", 20e9, "AUD"),
    ("A$5 billion", 5e9, "AUD"),
    ("2 thousand dollars", 2000, "USD"),
    ("two billion dollars", 2e9, "USD"),
])
def test_currency_forms_and_scales(phrase, value, unit):
    fig = only(f"Trade between the two countries reached {phrase} in 2023.")
    assert fig.unit == unit
    assert fig.value == pytest.approx(value)
    assert fig.raw_text == phrase


def test_base_units_have_no_float_noise():
    fig = only("Chinese exports reached $8.28 billion.")
    assert fig.value == 8_280_000_000


def test_yen_sign_follows_the_country_the_article_is_about():
    japan = only("Japan's trade surplus with Russia was ¥500 billion, the Japanese finance ministry said.")
    china = only("Chinese investment in Russia rose to ¥500 billion, Chinese officials said in Beijing.")
    assert japan.unit == "JPY" and china.unit == "CNY"


# --------------------------------------------------------------- percentages and quantities

@pytest.mark.parametrize("phrase,value,unit", [
    ("90%", 90, "percent"),
    ("90 percent", 90, "percent"),
    ("90 per cent", 90, "percent"),
    ("ten per cent", 10, "percent"),
    ("2 percentage points", 2, "percentage points"),
    ("50 basis points", 50, "basis points"),
])
def test_percentage_forms(phrase, value, unit):
    fig = only(f"The share of payments in national currencies rose by {phrase}.")
    assert (fig.value, fig.unit) == (value, unit)


@pytest.mark.parametrize("sentence,value,unit", [
    ("Russia will supply 22 billion cubic meters of gas to China.", 22e9, "cubic meters"),
    ("Russia will supply 10 billion cubic metres of natural gas.", 10e9, "cubic meters"),
    ("Gazprom agreed to raise supplies from 38 bcm of gas.", 38e9, "cubic meters"),
    ("India imported 2.1 million barrels per day of Russian crude oil.", 2.1e6, "barrels per day"),
    ("OPEC+ cut output by two million barrels a day.", 2e6, "barrels per day"),
    ("Russia sold 5 million barrels of oil to China.", 5e6, "barrels"),
    ("German firms will buy 2m tonnes of liquid gas from Qatar.", 2e6, "tonnes"),
    ("Up to 2 million tons of grain are to be delivered annually.", 2e6, "tonnes"),
    ("Russia exported 3 mln tonnes of wheat.", 3e6, "tonnes"),
])
def test_physical_quantities_of_trade(sentence, value, unit):
    fig = only(sentence)
    assert fig.unit == unit
    assert fig.value == pytest.approx(value)


def test_approximations_stay_in_raw_text_only():
    for word in ("nearly", "some", "more than", "about", "over", "around"):
        fig = only(f"Bilateral trade was {word} $200 billion in 2022.")
        assert fig.raw_text == f"{word} $200 billion"
        assert fig.value == 200e9


def test_ranges_take_the_lower_bound_and_keep_the_words():
    fig = only("Gas deliveries could reach 10-12 bcm a year.")
    assert (fig.value, fig.raw_text) == (10e9, "10-12 bcm")
    fig = only("The contract is worth between $10 billion and $12 billion.")
    assert fig.value == 10e9 and fig.raw_text == "between $10 billion and $12 billion"
    fig = only("Tariffs on cars rose 3-4% in 2023.")
    assert fig.value == 3
    fig = only("Russia will give African countries 25,000-50,000 tonnes of grain.")
    assert fig.value == 25000


def test_first_of_two_amounts_borrows_the_scale():
    figs = extract_figures("Trade rose from $10 to $12 billion.")
    assert [f.value for f in figs] == [10e9, 12e9]
    fig = only("It cost between $5 and $7 million.")
    assert fig.value == 5e6


def test_more_unit_spellings():
    assert values("Russia shipped 1.5 million barrels of oil per day to India.") == [(1.5e6, "barrels per day")]
    assert values("China's trade surplus hit Rmb100bn.") == [(100e9, "CNY")]
    assert values("US producers sold 100 bcf of gas.") == [(100e9, "cubic feet")]


def test_countries_of_the_measure():
    assert only("Trade with Beijing rose 5% in 2023.").countries == ["CHN"]
    assert only("Washington imposed a 25% tariff on Mexican goods.").countries == ["MEX"]
    assert only("Trade between Russia and China fell 9.1%.").countries == ["RUS", "CHN"]


def test_from_to_is_a_change_not_a_range():
    figs = extract_figures("In addition, they agreed to expand gas supply via the Far Eastern route from 10 to 12 bcm.")
    assert [(f.value, f.unit) for f in figs] == [(10e9, "cubic meters"), (12e9, "cubic meters")]
    figs = extract_figures("The deal will lower tariffs on Scotch whisky from 150% to 75%.")
    assert [f.value for f in figs] == [150, 75]


# --------------------------------------------------------------- not figures

@pytest.mark.parametrize("sentence", [
    "(At an exchange rate of $1 = 7.2 yuan.)",
    "$1 = 90 roubles",
    "The exchange rate was 7.1 yuan per dollar.",
    "The two-day visit marked the 75th anniversary of diplomatic relations.",
    "Mishustin co-chaired the 29th regular meeting of heads of government.",
    "NATO's 32 members met in Washington in July 2024.",
    "The institutes will open a joint school for 1,500 students.",
    "The United States sanctioned 42 Chinese companies and nearly 400 entities.",
    "Call +7 495 123 4567 for details.",
    "A poll found 62% of Russians back the talks.",
    "Putin said he was 100% sure of victory.",
    "The bloc represents more than 40% of the world's population.",
    "The military coup displaced 1.21 million people within Myanmar.",
    "The S-400 systems and Su-35 jets arrived during COVID-19.",
])
def test_not_figures(sentence):
    assert extract_figures(sentence, date(2024, 5, 17)) == []


def test_economic_percentages_are_kept():
    assert values("China imposed 84% tariffs on American goods.") == [(84, "percent")]
    assert values("Inflation was 7 per cent, the central bank said.") == [(7, "percent")]
    assert values("Brazil is the biggest supplier of beef and 60% of Brazilian production is sold to China.") == \
        [(60, "percent")]


# --------------------------------------------------------------- periods

@pytest.mark.parametrize("sentence,published,period", [
    ("Trade between the two countries increased to $240 billion last year.", date(2024, 5, 17), "2023"),
    ("Trade reached $240.1 billion in 2023.", None, "2023"),
    ("Trade fell 9.1% year-on-year in the first half of 2025.", None, "2025-H1"),
    ("Chinese exports to Russia dropped 8.4% from January to June.", date(2025, 7, 14), "2025-H1"),
    ("Chinese exports to Russia dropped 8.4% in January–June.", date(2025, 7, 14), "2025-H1"),
    ("GDP grew 5.3% in the first quarter, according to the statistics bureau.", date(2024, 4, 16), "2024-Q1"),
    ("Exports grew 6% in Q3 2023.", None, "2023-Q3"),
    ("In June, bilateral trade held steady at around $17.6 billion.", date(2025, 7, 14), "2025-06"),
    ("In June, bilateral trade held steady at around $17.6 billion.", date(2025, 3, 1), "2024-06"),
    ("Exports rose 4% in the first nine months of 2024.", None, "2024-01/2024-09"),
    ("Trade stood at $65.7 billion in fiscal 2023-24.", None, "2023-24"),
    ("Trade is expected to exceed $200 billion this year.", date(2024, 2, 5), "2024"),
    ("Exports rose 5.8% year-on-year.", date(2025, 7, 14), None),
    ("Trade between the two countries increased to $240 billion last year.", None, None),
])
def test_periods(sentence, published, period):
    assert only(sentence, published).period == period


def test_each_figure_takes_its_own_year():
    figs = extract_figures("The yuan's share in the countries' bilateral trade rose from 3.1% in 2014 to 17.5% in 2020.")
    assert [(f.value, f.period) for f in figs] == [(3.1, "2014"), (17.5, "2020")]
    figs = extract_figures("Trade rose just 1.9% in 2024 compared to a 26% surge in 2023.")
    assert [(f.value, f.period) for f in figs] == [(1.9, "2024"), (26, "2023")]


def test_since_and_baselines_do_not_set_the_period():
    figs = extract_figures("Trade between both countries reached a record $240bn (£191bn) in 2023, "
                           "up more than 64% since 2021.", date(2025, 1, 22))
    assert [(f.unit, f.period) for f in figs] == [("USD", "2023"), ("GBP", "2023"), ("percent", "2023")]
    assert figs[2].raw_text == "more than 64%"
    assert "trade" in figs[2].measure


def test_period_comes_from_the_sentence_before_but_not_from_a_baseline():
    text = ("Trade between China and Russia reached a record high last year, according to official data. "
            "The total value of imports and exports amounted to $244.8 billion, a modest increase from "
            "$240.1 billion in 2023, China's General Administration of Customs reported.")
    figs = extract_figures(text, date(2025, 1, 13))
    assert [(f.value, f.period) for f in figs] == [(244.8e9, "2024"), (240.1e9, "2023")]
    assert all(f.source == "China's General Administration of Customs" for f in figs)


def test_standing_shares_do_not_borrow_an_earlier_period():
    text = ("The yuan's share in bilateral trade rose from 3.1% in 2014 to 17.5% in 2020, the ambassador said. "
            "The yuan accounts for 30.4% of the wealth fund's holdings, and 12.8% of Russia's reserve assets.")
    assert [f.period for f in extract_figures(text, date(2021, 7, 30))] == ["2014", "2020", None, None]


def test_founding_dates_are_not_periods():
    fig = only("Founded in Shanghai in June 2001, the bloc has a combined economic output of nearly $30 trillion.",
               date(2025, 9, 1))
    assert fig.period is None


def test_without_published_date_the_reported_half_year_anchors_months():
    text = ("Trade between Russia and China fell 9.1% year-on-year in the first half of 2025.\n\n"
            "In June, bilateral trade held steady at around $17.6 billion. "
            "Russian exports to China increased by only 1% last year.")
    figs = extract_figures(text, None)
    assert [f.period for f in figs] == ["2025-H1", "2025-06", "2024"]


# --------------------------------------------------------------- measures, sources, countries

def test_measure_is_the_thing_counted():
    text = ("Trade between Russia and China fell 9.1% year-on-year in the first half of 2025, totaling "
            "$106.48 billion, according to data released Monday by China's General Administration of Customs.")
    pct, money = extract_figures(text, None)
    assert "decline" in pct.measure and "trade between russia and china" in pct.measure.lower()
    assert money.measure.lower() == "trade between russia and china"
    assert money.countries == ["RUS", "CHN"]
    assert pct.source == money.source == "China's General Administration of Customs"


def test_measure_from_noun_phrases_around_the_figure():
    figs = extract_figures("Imports from Russia declined 9.6% to $59.32 billion, leaving Russia with a trade "
                           "surplus of $12.16 billion, down 10.2% compared to the same period last year.")
    measures = [f.measure for f in figs]
    assert measures[1].lower() == "imports from russia"
    assert measures[2] == "trade surplus"
    assert "trade surplus" in measures[3]
    fig = only("The Chinese yuan accounts for 12.8% of Russia's reserve assets, the ambassador said.")
    assert "share of Russia's reserve assets" in fig.measure
    fig = only("It provided dual-use products worth $4 million to Russian companies.")
    assert fig.measure == "dual-use products"
    fig = only("Xi pledged more than $50 billion in funding for Africa over the next three years.")
    assert fig.measure == "funding for Africa"


def test_measure_is_never_empty():
    for sentence in ("$5 billion.", "It cost $699.", "Revenues: 3 trillion roubles"):
        for fig in extract_figures(sentence):
            assert fig.measure


def test_sources():
    fig = only("Russia will supply 22 billion cubic meters of gas to China this year, "
               "Russian Deputy Prime Minister Alexander Novak said on Thursday.", date(2023, 3, 23))
    assert fig.source == "Alexander Novak" and fig.period == "2023"
    fig = only("Trade between China and the United States grew by 3.7% in 2024, according to customs data.")
    assert fig.source == "customs data"
    fig = only("According to Russian news agency RIA, Gazprom agreed to increase supplies to 44 bcm.")
    assert fig.source == "RIA"
    rose, forecast = extract_figures("Exports rose 5.8% year-on-year, beating the 5% increase forecast in a "
                                     "Bloomberg survey of economists.")
    assert rose.source is None and forecast.source == "Bloomberg survey of economists"
    fig = only("Trade reached $240bn in 2023.")
    assert fig.source is None


def test_surname_and_role_resolve_to_the_full_name():
    text = ("Chinese Ambassador to Russia Zhang Hanhui spoke to Interfax.\n\n"
            "The yuan accounts for 30.4% of Russia's National Wealth Fund's holdings, the ambassador said.\n\n"
            "Putin welcomed the visit. Russian President Vladimir Putin spoke later. "
            "Trade could soon reach $200 billion a year, Putin said.")
    pct, money = extract_figures(text, None)
    assert pct.source == "Zhang Hanhui"
    assert money.source == "Vladimir Putin"


def test_speaker_of_a_quotation():
    text = ('"Negotiations on a contract with a total capacity of 50 billion cubic meters of gas are at '
            'the final stage. This will allow us to reach 100 billion cubic meters," Novak said.')
    figs = extract_figures(text)
    assert [f.source for f in figs] == ["Novak", "Novak"]


def test_repeated_lead_is_reported_once():
    text = ("Russia will supply 22 billion cubic meters of gas to China this year, Novak said.\n\n"
            "MOSCOW (Sputnik - 23rd March, 2023) Russia will supply 22 billion cubic meters of gas to China "
            "this year, Novak said.")
    assert len(extract_figures(text, date(2023, 3, 23))) == 1


def test_same_value_for_different_things_is_kept_twice():
    text = ("While Chinese exports to Russia grew by 5% last year, Russian exports to China increased by only 1%. "
            "Exports rose 5.8% year-on-year in June, beating the 5% increase forecast by economists.")
    assert [f.value for f in extract_figures(text, date(2025, 7, 14))] == [5, 1, 5.8, 5]


def test_offsets_point_at_the_raw_text():
    text = "Trade fell 9% in the first half, to nearly $106.48 billion."
    for fig in extract_figures(text, date(2025, 7, 14)):
        assert text[fig.char_start:fig.char_end] == fig.raw_text


def test_off_topic_and_empty_text():
    assert extract_figures("", None) == []
    assert extract_figures("The two leaders met in Moscow on Monday and discussed Ukraine.", None) == []


def test_a_financial_year_follows_the_fiscal_calendar_of_the_figures_country():
    text = ("India's bilateral trade with Russia jumped to an all-time high. Trade between the two countries "
            "reached $18.2bn between April and August this year, compared to bilateral trade of $13.12bn in the "
            "last financial year, data released by India's Department of Commerce showed. Russia's trade with "
            "China was $190bn in the last financial year, according to Russian customs.")
    got = {f.raw_text: f.period for f in extract_figures(text, date(2022, 10, 21))}
    assert got["$13.12bn"] == "2021-04/2022-03"  # India: April to March
    assert got["$190bn"] == "2021"  # Russia: the calendar year


def test_measures_name_what_is_counted_not_who_is_speaking():
    text = ("In exchange, the U.S. had agreed to reduce tariffs on $120 billion in Chinese products from 15% to "
            "7.5%. The centerpiece of the visit is a pledge by Saudi Arabia to invest $600 billion in the United "
            "States over the coming years. Beijing imposed trade barriers on wine, coal and barley that cost "
            "Australian exporters 20 billion Australian dollars a year.")
    got = {f.raw_text: f.measure for f in extract_figures(text, date(2025, 5, 14))}
    assert got["$120 billion"] == "Chinese products"
    assert got["15%"] == got["7.5%"] == "tariffs on Chinese products"
    assert got["$600 billion"].startswith("investment in") and got["$600 billion"].endswith("United States")
    assert got["20 billion Australian dollars"] == "cost to Australian exporters"


def test_a_bare_dollar_is_the_dollar_of_the_country_the_article_is_about_when_it_has_its_own():
    def money(text):
        return [(f.value, f.unit) for f in extract_figures(text, actors=find_actors(text))]
    assert money("New Zealand will give Tonga $30 million over five years for its fisheries service, the New "
                 "Zealand foreign minister said in Wellington. New Zealand has given such aid since 2010.") == [
        (30_000_000, "NZD")]
    # the US named as often or more: the US dollar
    assert money("The United States and New Zealand agreed a $2 billion research fund, U.S. officials said. "
                 "Washington will pay first, the United States said.") == [(2_000_000_000, "USD")]
    # a dollar country named in passing: the US dollar; and a name that stands for another country
    # too counts for neither ("Chinese" is China's, not Taiwan's)
    assert money("Chinese exports to Russia reached $240 billion, Chinese customs said. Chinese officials "
                 "warned Taiwan, and the Chinese envoy told Russia that Taiwan was a Chinese affair.") == [
        (240_000_000_000, "USD")]


@pytest.mark.parametrize("text, period", [
    ("Chile has pledged $4 billion over the next three years for Pacific port works.", "2026-2029"),
    ("Kenya bought 2.1 billion euros of Chilean copper from 2015-2019, according to a customs report.", "2015-2019"),
    ("Kenya bought 2.1 billion euros of Chilean copper between 2015 and 2019, a customs report said.", "2015-2019"),
    ("Chile offers an additional $2 billion in port financing for Kenya until 2031.", "2026-2031"),
    ("Chile has invested up to $1.2 billion in Kenyan mining over the past 15 years.", "2011-2026"),
    # two years named one after the other are no run of years
    ("Chilean exports to Kenya reached $2 billion in 2024 and 2025, officials said.", "2024"),
])
def test_a_run_of_whole_years_is_the_figures_period(text, period):
    (fig,) = extract_figures(text, date(2026, 2, 10))
    assert fig.period == period
