"""Titles, sources, URLs and dates read from every place an article gives them: the first line,
front matter, JSON-lines fields under their usual names, and a web page's own metadata."""
from __future__ import annotations

import json
from datetime import date

import pytest

from orchestration.extract.ingest import read_file
from orchestration.extract.metadata import RECORD_NAMES
from orchestration.extract.text import clean_document, parse_date

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


# The names tables of orchestration/extract/metadata.py. The article below is invented: its
# places, people and outlets exist nowhere.
FERRY = ("The harbour ministers of Valdoria and Ostmark met on Tuesday in the port town of Kessel Bay to "
         "settle fishing quotas and open a ferry line, officials from both governments said.\n\n"
         "Minister Ilse Varga told reporters that trade between the two neighbours should grow by a fifth "
         "next year, according to a statement her office released in the evening.")


def _jsonl(tmp_path, *records: dict):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return read_file(path)


def _one(tmp_path, **fields):
    (doc,), rejections = _jsonl(tmp_path, {"text": FERRY, **fields})
    assert rejections == []
    return doc


@pytest.mark.parametrize("name", RECORD_NAMES["title"])
def test_every_json_name_of_a_title_is_read(tmp_path, name):
    assert _one(tmp_path, **{name: "Ferry line agreed"}).title == "Ferry line agreed"


@pytest.mark.parametrize("name", RECORD_NAMES["url"])
def test_every_json_name_of_a_link_is_read(tmp_path, name):
    assert _one(tmp_path, **{name: "https://harbour.example/ferry"}).url == "https://harbour.example/ferry"


@pytest.mark.parametrize("name", RECORD_NAMES["source"])
def test_every_json_name_of_an_outlet_is_read_as_a_string_or_a_named_object(tmp_path, name):
    assert _one(tmp_path, **{name: "Kessel Courier"}).source == "Kessel Courier"
    assert _one(tmp_path, **{name: {"id": None, "name": "Kessel Courier"}}).source == "Kessel Courier"


@pytest.mark.parametrize("name", RECORD_NAMES["published_date"])
def test_every_json_name_of_a_date_is_read(tmp_path, name):
    assert _one(tmp_path, **{name: "2024-03-05T23:10:00-05:00"}).published_date == date(2024, 3, 5)


@pytest.mark.parametrize("written", ["2024-03-05", "2024-03-05T10:00:00Z", "Tue, 05 Mar 2024 10:00:00 GMT",
                                     "5 March 2024", "March 5, 2024"])
def test_a_date_is_read_as_feeds_write_it(written):
    assert parse_date(written) == date(2024, 3, 5)


def test_a_value_that_is_no_date_gives_no_date():
    assert parse_date("last Tuesday") is None and parse_date("") is None


def test_the_most_telling_name_wins_and_a_link_gives_the_outlet_only_when_nothing_names_it(tmp_path):
    doc = _one(tmp_path, headline="Second", title="First", link="https://harbour.example/a",
               canonical_url="https://harbour.example/b")
    assert (doc.title, doc.url, doc.source) == ("First", "https://harbour.example/b", "harbour.example")


def test_a_newsapi_style_record_gives_all_four(tmp_path):
    doc = _one(tmp_path, source={"id": "kessel-courier", "name": "Kessel Courier"}, title="Ferry line agreed",
               url="https://harbour.example/ferry", publishedAt="2024-03-05T09:30:00Z")
    assert (doc.title, doc.source, doc.url, doc.published_date) == (
        "Ferry line agreed", "Kessel Courier", "https://harbour.example/ferry", date(2024, 3, 5))


def test_a_badly_typed_field_sets_its_record_aside_with_the_reason_and_its_neighbours_go_on(tmp_path):
    docs, rejections = _jsonl(
        tmp_path, {"text": FERRY, "headline": ["Ferry", "line"]}, {"text": FERRY, "publisher": {"id": 7}},
        {"text": FERRY, "pubDate": 1709630000}, {"text": FERRY, "link": True},
        {"text": FERRY, "site": "Kessel Courier", "title": "Kept"})
    assert [d.title for d in docs] == ["Kept"]
    assert [(r.file_name, r.reason, r.outcome) for r in rejections] == [
        ("feed.jsonl#1", 'line 1: field "headline" is a list, expected a string', "set aside"),
        ("feed.jsonl#2", 'line 2: field "publisher" is an object, expected a string or an object with a "name"',
         "set aside"),
        ("feed.jsonl#3", 'line 3: field "pubDate" is a number, expected a string', "set aside"),
        ("feed.jsonl#4", 'line 4: field "link" is true/false, expected a string', "set aside")]


def test_front_matter_takes_the_same_names(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text("headline: Ferry line agreed\npublisher: Kessel Courier\nlink: https://harbour.example/f\n"
                    "pubDate: Tue, 05 Mar 2024 10:00:00 GMT\n\n" + FERRY, encoding="utf-8")
    (doc,), _ = read_file(path)
    assert (doc.title, doc.source, doc.url, doc.published_date) == (
        "Ferry line agreed", "Kessel Courier", "https://harbour.example/f", date(2024, 3, 5))
    assert not doc.text.startswith("headline")


def _page(head: str, tmp_path, body_extra: str = ""):
    paras = "".join(f"<p>{p}</p>" for p in FERRY.split("\n\n"))
    path = tmp_path / "ferry.html"
    path.write_text(f"<html><head>{head}</head><body><article>{paras}</article>{body_extra}</body></html>",
                    encoding="utf-8")
    (doc,), rejections = read_file(path)
    assert rejections == []
    return doc


def test_open_graph_tags_give_title_link_outlet_and_date(tmp_path):
    doc = _page('<title>Ferry | KC</title><meta property="og:title" content="Ferry line agreed">'
                '<meta property="og:url" content="https://harbour.example/og">'
                '<meta property="og:site_name" content="Kessel Courier">'
                '<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">', tmp_path)
    assert (doc.title, doc.url, doc.source, doc.published_date) == (
        "Ferry line agreed", "https://harbour.example/og", "Kessel Courier", date(2024, 3, 5))


def test_a_twitter_title_and_a_canonical_link_are_read(tmp_path):
    doc = _page('<meta name="twitter:title" content="Ferry line agreed">'
                '<link rel="canonical" href="https://harbour.example/canonical">', tmp_path)
    assert (doc.title, doc.url) == ("Ferry line agreed", "https://harbour.example/canonical")


@pytest.mark.parametrize("wrap", [lambda n: n, lambda n: {"@context": "https://schema.org", "@graph": [
    {"@type": "WebSite", "name": "Not this"}, n]}, lambda n: [{"@type": "BreadcrumbList"}, n]])
def test_json_ld_news_article_gives_headline_date_and_publisher(tmp_path, wrap):
    node = {"@type": "NewsArticle", "headline": "Ferry line agreed", "datePublished": "2024-03-05T08:00:00Z",
            "publisher": {"@type": "Organization", "name": "Kessel Courier"},
            "mainEntityOfPage": {"@id": "https://harbour.example/ld"}}
    doc = _page(f'<script type="application/ld+json">{json.dumps(wrap(node))}</script>', tmp_path)
    assert (doc.title, doc.url, doc.source, doc.published_date) == (
        "Ferry line agreed", "https://harbour.example/ld", "Kessel Courier", date(2024, 3, 5))


def test_a_page_date_is_never_guessed_from_its_copyright_line_links_or_text(tmp_path):
    doc = _page("<title>Ferry line agreed</title>", tmp_path,
                '<a href="https://harbour.example/2019/05/06/other">More</a><footer>© 2019-2023 KC</footer>')
    assert doc.published_date is None
    assert _page('<script type="application/ld+json">{not json</script>', tmp_path).published_date is None
