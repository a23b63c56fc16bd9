"""Only articles about relations between countries yield facts."""
from __future__ import annotations

from conftest import seed_text
from orchestration.extract.actors import find_actors
from orchestration.extract.document import extract_document
from orchestration.extract.relevance import is_international, parties_involved
from orchestration.extract.text import clean_document

WEATHER = (
    "It will be very hot in the southeast in particular, with a high of 28C, forecasters said on Tuesday. "
    "The mercury reached 28.2C at Kew Gardens on Wednesday, surpassing the previous high of the year. "
    "\"So it's going to be very hot as we go into the latter part of the week,\" the forecaster said.")
ROBBERY = (
    "Police arrested two men on Friday in connection with two convenience store robberies. "
    "\"Officers were already familiar with a description of the suspects and a vehicle,\" Captain "
    "Wendell Turner said. The suspects were charged with armed robbery and taken to the county jail.")


def test_every_seed_article_is_international():
    for i in range(5):
        text = clean_document(seed_text(i)).text
        assert is_international(text, find_actors(text).actors), i


def test_weather_and_crime_reports_are_not():
    for text in (WEATHER, ROBBERY):
        assert not is_international(text, find_actors(text).actors)
        on_topic, facts = extract_document(text, None, None)
        assert on_topic is False and not any(facts.values())


def test_blocs_count_as_parties():
    text = ("According to von der Leyen, the reasons for the trade deficit are the more difficult market "
            "access for EU companies in China.")
    assert {"CHN", "EU"} <= parties_involved(text, find_actors(text).actors)
