"""Reported speech from the parse, on sentences written for the test (names and wording the
corpus does not hold)."""
from orchestration.extract.actors import find_actors
from orchestration.extract.reports import reported_speech
from orchestration.extract.sentences import split_sentences


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
