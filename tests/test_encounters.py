"""Encounter frames from the parse, on sentences written for the test.

Every name, country, city and wording here is absent from the corpus the rules were
fitted on: a frame must come from grammar and the lexicon, never from a seen sentence.
"""
from datetime import date

import pytest

from orchestration.extract import encounters
from orchestration.extract.actors import find_actors
from orchestration.extract.meetings import extract_meetings
from orchestration.extract.sentences import split_sentences

PUBLISHED = date(2026, 3, 13)  # a Friday


def frames_of(text: str):
    actors = find_actors(text)
    sents = split_sentences(text)
    return encounters.find_frames(text, sents, actors, list(range(len(sents))))


def parties(frame) -> set[str]:
    return {a.name for a in frame.parties}


def test_counterpart_named_in_apposition():
    (f,) = frames_of("Icelandic Prime Minister Kristrún Frostadóttir met her Bhutanese counterpart "
                     "Tshering Tobgay in Thimphu on Tuesday.")
    assert parties(f) == {"Kristrún Frostadóttir", "Tshering Tobgay"}
    assert (f.mtype, f.status) == ("talks", "held")


def test_office_after_name_and_light_verb_talks():
    (f,) = frames_of("Prime Minister Luc Frieden of Luxembourg held talks with Slovenian Prime Minister "
                     "Robert Golob in Ljubljana.")
    assert parties(f) == {"Luc Frieden", "Robert Golob"}


def test_red_carpet_is_a_visit_with_the_host_country():
    text = ("Tanzanian President Samia Suluhu Hassan arrived on Wednesday. "
            "Liechtenstein rolled out the red carpet for the Tanzanian leader in Vaduz.")
    frames = frames_of(text)
    assert any(parties(f) == {"Liechtenstein", "Samia Suluhu Hassan"} and f.mtype == "visit" for f in frames)


def test_future_auxiliary_and_planning_verbs_make_a_meeting_planned():
    (f,) = frames_of("Luxembourg's Luc Frieden will hold talks with Robert Golob of Slovenia next week.")
    assert f.status == "planned"
    (g,) = frames_of("Luc Frieden of Luxembourg is scheduled to visit Slovenian Prime Minister Robert Golob.")
    assert g.status == "planned"


@pytest.mark.parametrize("text", [
    "Luc Frieden of Luxembourg has long sought to meet Slovenian Prime Minister Robert Golob.",
    "Luc Frieden of Luxembourg did not meet Slovenian Prime Minister Robert Golob.",
    "Luc Frieden of Luxembourg could meet Slovenian Prime Minister Robert Golob if the vote passes.",
    "It was the third meeting of Luc Frieden of Luxembourg with Robert Golob of Slovenia.",
])
def test_wished_negated_hypothetical_and_counted_meetings_are_no_encounter(text):
    assert frames_of(text) == []


def test_joint_action_of_two_leaders_of_different_countries():
    (f,) = frames_of("Icelandic Prime Minister Kristrún Frostadóttir and Tanzanian President Samia Suluhu "
                     "Hassan signed a fisheries accord in Dodoma on Monday.")
    assert parties(f) == {"Kristrún Frostadóttir", "Samia Suluhu Hassan"}


def test_the_topic_of_talks_is_no_party():
    (f,) = frames_of("Robert Golob of Slovenia discussed Bhutan's hydropower exports with Bhutanese "
                     "Prime Minister Tshering Tobgay.")
    assert parties(f) == {"Robert Golob", "Tshering Tobgay"}


def test_a_welcomed_thing_is_no_guest():
    assert frames_of("Slovenian Prime Minister Robert Golob welcomed the decision by Bhutan.") == []


def test_meeting_noun_in_a_fronted_phrase_takes_the_clause_subjects():
    text = ("Icelandic Prime Minister Kristrún Frostadóttir flew to Thimphu to see Bhutanese Prime Minister "
            "Tshering Tobgay. At their meeting on Monday, Frostadóttir and Tobgay agreed to "
            "cooperate on glacier research.")
    assert any(parties(f) == {"Kristrún Frostadóttir", "Tshering Tobgay"} for f in frames_of(text))


def test_frames_reach_the_meetings_with_date_and_place():
    text = ("Bhutanese Prime Minister Tshering Tobgay showed Icelandic Prime Minister Kristrún Frostadóttir "
            "around Thimphu on Wednesday.")
    (m,) = extract_meetings(text, find_actors(text), PUBLISHED, None)
    assert {a.name for a in m.participants} == {"Tshering Tobgay", "Kristrún Frostadóttir"}
    assert m.status == "held" and m.meeting_date == date(2026, 3, 11)


def test_only_sentences_with_a_trigger_are_parsed():
    text = "The weather was mild. Tobgay met Frostadóttir. Markets rose."
    assert encounters.candidate_sentences(text, split_sentences(text)) == [1]


@pytest.mark.parametrize("text", [
    # a passive with its by-phrase, on the verb or on the ceremony it was done at
    "The pact was signed by Kenyan Foreign Minister Musalia Mudavadi and Chilean Foreign Minister "
    "Alberto van Klaveren in Nairobi.",
    # "together with": the partner hangs on the subject, not conjoined to it
    "Kenyan President William Ruto together with Chilean President Gabriel Boric signed the "
    "Nairobi Declaration on Tuesday.",
    # a relative clause: "who" stands for the conjoined pair it hangs on
    "Kenyan President William Ruto and Chilean President Gabriel Boric, who signed the Nairobi "
    "Accord in 2024, spoke of its success.",
])
def test_joint_action_by_two_sides_in_other_constructions(text):
    frames = frames_of(text)
    assert len(frames) == 1 and len(frames[0].parties) == 2
    assert all(a.country_code in ("KEN", "CHL") for a in frames[0].parties)


def test_person_of_an_organisation_is_a_side_of_a_joint_action():
    (f,) = frames_of("NATO Secretary General Mark Rutte and Peruvian President Dina Boluarte "
                     "signed a declaration on Monday.")
    assert parties(f) == {"Mark Rutte", "Dina Boluarte"}
    # two people of one country are one side: no encounter between countries
    assert frames_of("Kenyan President William Ruto and Kenyan Foreign Minister Musalia Mudavadi "
                     "signed the decree on Monday.") == []


def test_visited_country_gives_way_to_its_own_people():
    text = ("Kenyan President William Ruto arrived in Santiago on Tuesday and held talks with "
            "Chilean President Gabriel Boric.")
    (m,) = extract_meetings(text, find_actors(text), PUBLISHED, None)
    assert {a.name for a in m.participants} == {"William Ruto", "Gabriel Boric"}
    # a visit ahead keeps its country: whom the guest will meet is not yet reported
    text = "Kenyan President William Ruto will visit Chile next month, Chilean President Gabriel Boric said."
    (m,) = extract_meetings(text, find_actors(text), PUBLISHED, None)
    assert {a.name for a in m.participants} == {"William Ruto", "Chile"}


@pytest.mark.parametrize("text, bloc", [
    ("Chilean President Gabriel Boric attended the G20 summit in Johannesburg on Saturday.", "G20"),
    ("Kenyan President William Ruto opened the summit of the East African Community in Arusha.",
     "East African Community"),
    # an edition's ordinal numbers the summit, it does not count meetings
    ("Kenyan President William Ruto attended the 37th African Union Summit in Addis Ababa.", "African Union"),
])
def test_a_summit_meets_the_body_its_name_gives(text, bloc):
    (f,) = frames_of(text)
    assert f.mtype == "summit" and bloc in parties(f)


def test_a_format_of_regions_is_no_body_but_the_leaders_of_each_region():
    (f,) = frames_of("Kenyan President William Ruto hosted the Africa-Caribbean Summit in Nairobi.")
    assert parties(f) == {"William Ruto", "African leaders", "Caribbean leaders"}


def test_a_planned_meeting_takes_the_next_month_of_that_name():
    text = "Chilean President Gabriel Boric will attend the Mercosur summit in Asuncion in July."
    (m,) = extract_meetings(text, find_actors(text), PUBLISHED, None)
    assert m.status == "planned" and m.meeting_date == date(2026, 7, 1) and m.date_precision == "month"


@pytest.mark.parametrize("text", [
    "During the bilateral meeting, Kenyan President William Ruto urged Chilean President Gabriel Boric "
    "to open the market.",
    "At the talks in Nairobi, Kenyan President William Ruto told Chilean President Gabriel Boric that "
    "trade must grow.",
])
def test_a_meeting_that_sets_the_scene_joins_the_people_its_clause_names(text):
    (m,) = extract_meetings(text, find_actors(text), PUBLISHED, None)
    assert {a.name for a in m.participants} == {"William Ruto", "Gabriel Boric"}


def test_a_scene_with_one_person_acting_on_a_body_is_no_meeting():
    text = "At the summit, Kenyan President William Ruto criticised the European Union."
    assert extract_meetings(text, find_actors(text), PUBLISHED, None) == []


def test_a_joint_press_conference_shows_two_parties_together():
    (f,) = frames_of("At a joint news conference with his Peruvian counterpart Dina Quispe, Zambian President "
                     "Mwila Banda said the two countries would expand trade.")
    assert parties(f) == {"Mwila Banda", "Dina Quispe"}
    assert f.status == "held"
    # a press conference of one side is no encounter, whatever the sentence names
    assert frames_of("Zambian President Mwila Banda told a press conference in Lusaka that Peru, "
                     "led by President Dina Quispe, was a partner.") == []


def test_a_held_visits_country_gives_way_to_the_leader_of_its_joint_press_conference():
    text = ("Zambian President Mwila Banda arrived in Lima on Monday. Speaking at a joint press conference "
            "with his Peruvian counterpart Dina Quispe, Banda said the two countries would expand trade.")
    (m,) = extract_meetings(text, find_actors(text), PUBLISHED, None)
    assert {p.name for p in m.participants} == {"Mwila Banda", "Dina Quispe"}
    assert m.meeting_date == date(2026, 3, 9)


@pytest.mark.parametrize("text", [
    # neither country is given: the two signatories of one accord are its two sides
    "Odalys Ferreyra and Ramiro Cuevas, who signed the Tarija Accord in 2009, "
    "spoke at the university on Tuesday.",
    # one country is known, the other is not; the verb is a ratification ahead
    "It is expected that Prime Minister Ingrid Haldorsen and her Fijian counterpart Tomasi Vakarua "
    "will formally ratify the fisheries agreement in September.",
])
def test_the_signatories_of_one_agreement_are_two_sides_even_where_their_countries_are_unsaid(text):
    (f,) = frames_of(text)
    assert len(f.parties) == 2 and f.mtype == "other"


def test_what_people_sign_together_must_be_an_agreement_and_one_countrys_people_are_one_side():
    # a budget is no agreement between sides
    assert frames_of("President Odalys Ferreyra and Senator Ramiro Cuevas signed the budget on Monday.") == []
    # two people known to be of one country sign no pact with each other
    assert frames_of("Fijian Prime Minister Ingrid Haldorsen and Fijian Foreign Minister Tomasi Vakarua "
                     "signed the accord on Monday.") == []


def test_a_summits_format_names_its_sides_a_country_in_its_head_a_bloc_or_a_regions_leaders():
    (f,) = frames_of("Kenyan President Njeri Wambui hosted the first Kenya-Nordic summit in Mombasa on Tuesday.")
    assert parties(f) == {"Njeri Wambui", "Nordic leaders"} and f.mtype == "summit" and f.status == "held"
    frames = frames_of("Paraguayan President Odalys Ferreyra flew to Asunción on Monday. Her tour will include "
                       "a Paraguay-CARICOM summit in May.")
    summit = [f for f in frames if f.mtype == "summit"]
    assert len(summit) == 1 and parties(summit[0]) == {"Odalys Ferreyra", "CARICOM"}
    assert summit[0].status == "planned"


def test_a_summit_of_sides_without_a_person_or_with_an_unknown_side_is_no_frame():
    # regions alone: what the article says about a format, not who met
    assert frames_of("Delegates gathered for the Africa-Caribbean summit in Nairobi on Monday.") == []
    # a side that is no country, body, person or region: no reading of the format
    assert [f for f in frames_of("Kenyan President Njeri Wambui attended the Blue-Green summit in Mombasa.")
            if f.mtype == "summit" and len(f.parties) > 1] == []


@pytest.mark.parametrize("text, day", [
    # a when-clause under a future main clause: the Monday ahead, not the one before
    ("Three issues will dominate the agenda when Croatian President Ana Kovač and Fijian Prime Minister "
     "Tomasi Vakarua meet on Monday.", date(2026, 3, 16)),
    # a summit that sets the scene of an expected action is ahead too
    ("During the Croatia-Fiji summit on Tuesday, Croatian President Ana Kovač and Fijian Prime Minister "
     "Tomasi Vakarua are expected to sign a fisheries accord.", date(2026, 3, 17)),
])
def test_the_clause_a_meeting_stands_in_says_whether_its_weekday_is_ahead(text, day):
    (m,) = extract_meetings(text, find_actors(text), PUBLISHED, None)
    assert m.status == "planned" and m.meeting_date == day


def test_a_scene_of_an_agreement_reached_stays_held():
    text = ("At the summit on Tuesday, Croatian President Ana Kovač and Fijian Prime Minister Tomasi Vakarua "
            "agreed to cooperate on fisheries.")
    (m,) = extract_meetings(text, find_actors(text), PUBLISHED, None)
    assert m.status == "held" and m.meeting_date == date(2026, 3, 10)
