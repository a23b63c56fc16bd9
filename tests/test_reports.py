"""Reported speech from the parse, on sentences written for the test (names and wording the
corpus does not hold)."""
import pytest

from orchestration.extract.actors import find_actors
from orchestration.extract.reports import reported_speech
from orchestration.extract.sentences import split_sentences
from orchestration.extract.statements import extract_statements


def reports_of(text: str, taken=None):
    return reported_speech(text, split_sentences(text), find_actors(text), taken or [])


def test_that_clause_of_a_reporting_verb_with_its_subject_as_speaker():
    text = ("Bhutanese Prime Minister Tshering Tobgay said on Monday that his government would double "
            "hydropower exports to India by 2030.")
    (st,) = reports_of(text)
    assert st.speaker.name == "Tshering Tobgay" and st.kind == "indirect"
    assert st.quote_text == "his government would double hydropower exports to India by 2030"
    assert text[st.char_start:st.char_end] == st.quote_text


def test_a_pronoun_subject_is_the_person_it_stands_for():
    text = ("Slovenian Prime Minister Robert Golob arrived in Vaduz on Tuesday. He cautioned that the "
            "Alpine states could not finance the tunnel alone.")
    (st,) = reports_of(text)
    assert st.speaker.name == "Robert Golob"
    assert st.quote_text.startswith("the Alpine states could not finance")


def test_a_clause_before_its_verb_set_off_by_a_comma():
    text = ("The ferry link will reopen before the rainy season, Tanzanian Foreign Minister "
            "Mahmoud Thabit Kombo told reporters.")
    (st,) = reports_of(text)
    assert st.speaker.name == "Mahmoud Thabit Kombo"
    assert st.quote_text == "The ferry link will reopen before the rainy season"


def test_quoted_words_negation_and_first_person_are_not_reports():
    assert reports_of("Robert Golob of Slovenia said “the tunnel will be finished by 2031,” to applause.") == []
    assert reports_of("Robert Golob of Slovenia did not say that the tunnel would be finished soon.") == []
    assert reports_of("“We said that the tunnel would be finished,” Robert Golob of Slovenia recalled.") == []


def test_words_another_reader_already_took_are_left_alone():
    text = "Icelandic Prime Minister Kristrún Frostadóttir stressed that fishing quotas were not negotiable."
    start = text.index("fishing")
    assert reports_of(text, taken=[(start, len(text) - 1)]) == []


def test_scare_quotes_inside_a_clause_leave_it_a_report():
    text = ("Bhutanese Prime Minister Tshering Tobgay said his government would sign a “landmark” "
            "hydropower accord with Bangladesh.")
    (st,) = reports_of(text)
    assert st.speaker.name == "Tshering Tobgay"
    assert "“landmark” hydropower accord" in st.quote_text
    # a clause that quotes a passage is the quotation reader's
    assert reports_of("Bhutanese Prime Minister Tshering Tobgay said the accord “will light homes from "
                      "Thimphu to Dhaka for decades” once signed.") == []


def test_a_scare_quote_taken_as_a_quotation_does_not_hide_its_clause():
    text = "Bhutanese Prime Minister Tshering Tobgay said the talks with Dhaka had been “very fruitful” so far."
    lo = text.index("“very")
    (st,) = reports_of(text, taken=[(lo, text.index("”") + 1)])
    assert st.quote_text.startswith("the talks with Dhaka")


def test_a_body_named_by_its_country_or_office_speaks():
    text = "The Kyrgyz government said the border crossing at Dostuk would reopen for trucks in April."
    (st,) = reports_of(text)
    assert st.speaker.name.lower() == "kyrgyz government" and st.speaker.country_code == "KGZ"
    text = "The prime minister's office said the visit to Ulaanbaatar would be postponed until autumn."
    (st,) = reports_of(text)
    assert st.speaker.name == "prime minister's office"
    # whose government, the sentence does not say
    assert reports_of("The government said the border crossing at Dostuk would reopen in April.") == []


@pytest.mark.parametrize("text, speaker, words", [
    ("Paraguayan President Odalys Ferreyra reaffirmed her support for the regional water accord on Monday.",
     "Odalys Ferreyra", "her support for the regional water accord"),
    ("The Fijian government has reiterated its opposition to the Suva declaration on deep-sea mining.",
     "Fijian government", "its opposition to the Suva declaration on deep-sea mining"),
    ("Kenyan President Njeri Wambui expressed regret over the collapse of the coffee agreement.",
     "Njeri Wambui", "regret over the collapse of the coffee agreement"),
    ("Croatian President Ana Kovač advocated for a common approach to Adriatic fishing quotas.",
     "Ana Kovač", "a common approach to Adriatic fishing quotas"),
])
def test_a_stance_verb_reports_its_object_without_a_clause(text, speaker, words):
    (st,) = [s for s in extract_statements(text, find_actors(text)) if s.kind == "indirect"]
    assert st.speaker.name.lower() == speaker.lower() and st.quote_text == words


@pytest.mark.parametrize("text", [
    "Kenyan President Njeri Wambui praised Chile.",  # a party, and no reason given
    "Kenyan President Njeri Wambui welcomed Croatian President Ana Kovač to Nairobi for talks.",  # a guest
    "Kenyan President Njeri Wambui did not express regret over the collapse of the coffee agreement.",
])
def test_a_stance_verb_whose_object_is_a_party_or_that_is_negated_reports_nothing(text):
    assert [s for s in extract_statements(text, find_actors(text)) if s.kind == "indirect"] == []
