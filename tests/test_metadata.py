"""Titles, sources and URLs read from every place an article gives them."""
from __future__ import annotations

from orchestration.extract.text import clean_document

BODY = ("Chinese President Xi Jinping on Wednesday held talks with Russian President Vladimir Putin in Beijing, "
        "the two leaders agreeing to deepen their cooperation, state media reported.\n\n"
        "Putin is in Beijing for the third Belt and Road Forum for International Cooperation, his first trip "
        "to a major world power since the war in Ukraine began, officials said on Wednesday.")


def test_a_headline_on_the_first_line_is_the_title():
    doc = clean_document(" date 2023-10-19 Xi, Putin hold talks in Beijing\n\n" + BODY)
    assert doc.title == "Xi, Putin hold talks in Beijing"


def test_a_first_sentence_is_not_taken_for_a_title():
    assert clean_document(" date 2023-10-19 " + BODY).title is None


def test_front_matter_gives_title_source_and_url():
    doc = clean_document("title: Talks in Beijing\nsource: Xinhua\nurl: https://example.org/a\n\n" + BODY)
    assert (doc.title, doc.source, doc.url) == ("Talks in Beijing", "Xinhua", "https://example.org/a")


def test_the_site_of_the_url_is_the_source_when_nothing_names_the_outlet():
    doc = clean_document(BODY, url="https://www.prothomalo.com/international/x")
    assert doc.source == "prothomalo.com"
    assert clean_document(BODY, url="https://www.prothomalo.com/x", source="Prothom Alo").source == "Prothom Alo"
