"""Date expressions found in text and resolved against the published date."""
from datetime import date
from pathlib import Path

import pytest

from orchestration.extract.dates import DateMention, find_dates, resolve_date

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"
PUB = date(2022, 9, 20)  # a Tuesday


def one(phrase: str, published=PUB, planned=False) -> DateMention:
    found = find_dates(phrase, published, planned=planned)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("phrase, expected, precision", [
    ("met on Monday", date(2022, 9, 19), "day"),
    ("at the start of Monday's talks", date(2022, 9, 19), "day"),
    ("on Tuesday", date(2022, 9, 20), "day"),  # the published day itself
    ("at a meeting last week in Uzbekistan", date(2022, 9, 1), "month"),
    ("during next month's trip", date(2022, 10, 1), "month"),
    ("last month", date(2022, 8, 1), "month"),
    ("declared last year", date(2021, 1, 1), "year"),
    ("this year", date(2022, 1, 1), "year"),
    ("In May Putin visited China", date(2022, 5, 1), "month"),
    ("on May 29", date(2022, 5, 29), "day"),
    ("May 29, 2024", date(2024, 5, 29), "day"),
    ("29 May 2024", date(2024, 5, 29), "day"),
    ("2024-05-29", date(2024, 5, 29), "day"),
    ("in 2023", date(2023, 1, 1), "year"),
    ("earlier this month", date(2022, 9, 1), "month"),
    ("yesterday", date(2022, 9, 19), "day"),
    ("today", date(2022, 9, 20), "day"),
    ("tomorrow", date(2022, 9, 21), "day"),
    ("talks over the weekend", date(2022, 9, 17), "day"),
    ("his weekend talks", date(2022, 9, 17), "day"),
    ("exactly 10 years ago", date(2012, 1, 1), "year"),
    ("On the afternoon of June 28, 2021", date(2021, 6, 28), "day"),
    ("Oct. 18, 2023", date(2023, 10, 18), "day"),
    ("on 3 November", date(2021, 11, 3), "day"),
    ("23rd March, 2023", date(2023, 3, 23), "day"),
    ("in spring 2023", date(2023, 1, 1), "year"),
    ("in February 2023", date(2023, 2, 1), "month"),
])
def test_expressions_resolve(phrase, expected, precision):
    d = one(phrase)
    assert (d.date, d.precision) == (expected, precision)


def test_offsets_and_text_point_into_the_span():
    text = "Putin said on Thursday he understood"
    d = one(text)
    assert text[d.start:d.end] == d.text == "on Thursday"
    assert d.relative
    later = find_dates("xx. Wang arrived on Monday.", PUB, start=4)
    assert later and later[0].start == 17


def test_planned_events_resolve_forward():
    assert one("in May", planned=True).date == date(2023, 5, 1)
    assert one("will meet on Monday", planned=True).date == date(2022, 9, 26)
    assert one("on Tuesday", planned=True).date == date(2022, 9, 20)
    assert one("next Monday").date == date(2022, 9, 26)
    assert one("last Monday").date == date(2022, 9, 19)


def test_without_published_date_only_absolute_forms_resolve():
    assert one("on Monday", published=None).date is None
    assert one("last week", published=None).date is None
    assert one("in May", published=None).date is None
    assert one("May 29, 2024", published=None).date == date(2024, 5, 29)
    assert one("in 2023", published=None).date == date(2023, 1, 1)
    assert one("on Monday", published=None).text == "on Monday"


def test_weekday_with_explicit_date_is_one_mention():
    d = one("met remotely via video link Friday (Dec. 30).", published=date(2022, 12, 31))
    assert d.text == "Friday (Dec. 30)" and d.date == date(2022, 12, 30)
    d = one("Saturday, April 15, 2023")
    assert d.date == date(2023, 4, 15) and not d.relative


def test_words_that_are_no_dates():
    assert find_dates("Putin may visit China; marching orders", PUB) == []
    assert find_dates("within 2023 limits", PUB) == []
    assert find_dates("the 1970s and 1,500 students", PUB) == []
    assert find_dates("Maya and Mayor Sunday-school", PUB) == []


def test_resolve_date_helper():
    assert resolve_date("next month's trip", PUB).date == date(2022, 10, 1)
    assert resolve_date("no date here", PUB) is None


def test_seed_article_dates_are_found():
    text = (RAW / "003_8332380b85e5dca4.txt").read_text(encoding="utf-8")
    found = find_dates(text, PUB)
    texts = {d.text for d in found}
    assert {"on Monday", "last week"} <= texts


def test_weekday_with_a_bare_day_of_month_in_brackets():
    (m,) = find_dates("Lula and Xi signed, this Friday (14th), in Beijing, 15 agreements.", date(2023, 4, 20))
    assert m.text == "this Friday (14th)" and m.date == date(2023, 4, 14) and m.precision == "day"
    (m,) = find_dates("Lula and Xi signed, this Friday (14th), in Beijing, 15 agreements.")
    assert m.text == "this Friday (14th)" and m.date is None


def test_a_month_modifying_a_meeting_dates_it_and_a_name_does_not():
    text = "The text was finalized in March 2025, but a July meeting in Abu Dhabi produced nothing."
    (_, july) = find_dates(text, date(2025, 8, 9))
    assert (july.text, july.date, july.precision) == ("July", date(2025, 7, 1), "month")
    (_, undated) = find_dates(text, None)
    assert (undated.date, undated.partial) == (None, "07")
    assert find_dates("Theresa May met him on May Day.", None) == []
