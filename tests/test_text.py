"""Page furniture never reaches the article body; metadata is read, never guessed."""
from __future__ import annotations

from datetime import date

from conftest import seed_text
from orchestration.extract.text import clean_document, normalise_text, read_front_matter


def test_reader_comment_vote_counter_caption_and_newsletter_are_set_aside():
    doc = clean_document(seed_text(4))
    kinds = {kind for kind, _ in doc.furniture}
    assert {"newsletter", "caption", "comments", "vote"} <= kinds
    assert "he can forget it" not in doc.text  # the reader's comment
    assert "Kremlin Pool Photo" not in doc.text  # the photo caption
    assert "Newsletter" not in doc.text
    assert doc.title == "Putin meets with China's defense minister in Moscow"
    assert doc.dateline == "Moscow"
    assert doc.published_date == date(2023, 4, 17)
    assert doc.text.startswith("Russian President Vladimir Putin met with China's defense minister on Sunday")


def test_dateline_agency_and_headline():
    doc = clean_document(seed_text(0))
    assert doc.dateline == "Moscow" and doc.source == "AP"
    assert doc.title.startswith("Kremlin says Russia and China must edge closer")
    assert doc.published_date is None  # the article states none: never guessed
    assert "More of AP" not in doc.text


def test_sign_off_names_the_agency():
    doc = clean_document(seed_text(3))
    assert doc.source == "Reuters"
    assert not doc.text.rstrip().endswith("REUTERS")


def test_mojibake_is_repaired():
    assert normalise_text("Moscow\u00e2\u20ac\u2122s actions") == "Moscow’s actions"


def test_front_matter_stops_at_the_body():
    meta, rest = read_front_matter("title: A\nsource: TASS\n\nDate: the body starts here.")
    assert meta == {"title": "A", "source": "TASS"}
    assert rest.strip() == "Date: the body starts here."


def test_agency_dateline_forms():
    for first, place, agency in (
            ("BEIJING, Oct. 18 (Xinhua) -- Chinese President Xi Jinping on Wednesday held talks with "
             "Russian President Vladimir Putin in Beijing, the two sides said.", "Beijing", "Xinhua"),
            ("NOVO-OGARYOVO, December 15. /TASS/. Russian President Vladimir Putin has described "
             "relations with China as a model of cooperation, the Kremlin said.", "Novo-Ogaryovo", "TASS")):
        doc = clean_document(first)
        assert (doc.dateline, doc.source) == (place, agency)


def test_a_leading_wire_tag_is_the_source_not_the_first_words():
    doc = clean_document("Azerbaijan, Armenia Prepare Signing Peace Accord\n(MENAFN) A peace-oriented roadmap "
                         "scheduled for endorsement by the heads of Azerbaijan and Armenia will pave the way for a "
                         "transport link, according to the White House on Friday.\n")
    assert doc.text.startswith("A peace-oriented roadmap")
    assert doc.source == "MENAFN"


def test_a_date_line_above_the_body_is_the_published_date():
    doc = clean_document("China, U.S. sign phase-one trade deal\nThursday, January 16, 2020\nU.S. President Donald "
                         "Trump and Chinese Vice Premier Liu He signed the first phase of a trade deal on Wednesday "
                         "at the White House, ending months of talks between the two largest economies.\n\nOn May 21, "
                         "2019 the talks had stalled.\n")
    assert doc.published_date == date(2020, 1, 16)
    assert doc.text.startswith("U.S. President Donald Trump")


def test_a_numeric_published_date_is_read_only_when_its_order_is_settled():
    body = ("BEIJING (Reuters) - Russian President Vladimir Putin touched down in Beijing for the Winter Olympics on "
            "Friday, bringing a gas deal with him. Leaders are expected at the opening ceremony later on Friday.")
    assert clean_document(f"Published 04/02/2022, 08:29 pm\n{body}\n").published_date == date(2022, 2, 4)
    assert clean_document(f"Published 25/02/2022, 08:29 pm\n{body}\n").published_date == date(2022, 2, 25)
    undecided = body.replace("later on Friday", "on Friday")
    assert clean_document(f"Published 04/02/2022, 08:29 pm\n{undecided}\n").published_date is None


def test_a_lead_that_lost_its_full_stop_is_body_not_the_title():
    doc = clean_document(
        " date 2024-02-16 Biden To Host Kenya's Ruto For State Visit In May: White House\n"
        "US President Joe Biden will host his Kenyan counterpart William Ruto on May 23 for a state visit aimed "
        "at boosting ties with a key East African ally, the White House said Friday\n"
        "Ruto will be the first African leader to receive a state visit at the White House since 2021.\n")
    assert doc.published_date == date(2024, 2, 16)
    assert doc.text.startswith("US President Joe Biden will host")
    assert doc.title != doc.text.split("\n")[0]


def test_a_desk_credit_run_into_the_lead_is_set_aside():
    doc = clean_document(" date 2023-08-24 -Edited by Bev Mortimer- Six new countries have been invited to join "
                         "BRICS, South African President Cyril Ramaphosa said at the summit in Johannesburg.\n")
    assert doc.text.startswith("Six new countries have been invited")
    assert ("credit", "-Edited by Bev Mortimer-") in doc.furniture


def test_a_published_on_line_gives_the_date():
    doc = clean_document("Summit in China shoulders mission of building consensus among parties, Xi says.\n"
                         "Published On 31 Aug 2025\n"
                         "The Shanghai Cooperation Organisation now bears greater responsibility, Chinese President "
                         "Xi Jinping told about 20 world leaders.\n")
    assert doc.published_date == date(2025, 8, 31)
    assert "Published" not in doc.text


def test_a_media_line_between_quotation_paragraphs_is_furniture():
    doc = clean_document("Von der Leyen told a press conference in Montevideo that this is a win for Europe: "
                         "\"We are strengthening this unique partnership as never before.\n"
                         "Video via Reuters\n"
                         "\"First, in an increasingly confrontational world, we demonstrate that democracies can "
                         "rely on each other.\n")
    assert ("caption", "Video via Reuters") in doc.furniture and "Video via" not in doc.text
