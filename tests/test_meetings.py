"""Meetings: triggers, participants, status, type, date, place and in-article merging."""
from datetime import date
from pathlib import Path

from orchestration.extract.actors import find_actors
from orchestration.extract.meetings import extract_meetings
from orchestration.extract.text import clean_document

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"


def meetings_of(text: str, published=None, dateline=None):
    return extract_meetings(text, find_actors(text), published, dateline)


def seed(name: str):
    doc = clean_document((RAW / name).read_text(encoding="utf-8"))
    return doc, extract_meetings(doc.text, find_actors(doc.text), doc.published_date, doc.dateline)


def names(m) -> set[str]:
    return {a.name for a in m.participants}


def find(ms, *people):
    hits = [m for m in ms if set(people) <= names(m)]
    assert hits, f"no meeting of {people} in {[(names(m), m.evidence[:60]) for m in ms]}"
    return hits


# --- real articles (the repository's own sample) -----------------------------------------

def test_seed_consultations_date_from_lead_and_city_place():
    doc, ms = seed("003_8332380b85e5dca4.txt")
    (m,) = find(ms, "Nikolai Patrushev", "Yang Jiechi")
    assert m.status == "held" and m.location == "Nanping"
    assert m.meeting_date == date(2022, 9, 19) and m.date_precision == "day"  # "on Monday" of the lead
    (summit,) = find(ms, "Vladimir Putin", "Xi Jinping")  # "their meeting" is the same one
    assert summit.location == "Uzbekistan"
    assert summit.meeting_date == date(2022, 9, 1) and summit.date_precision == "month"  # last week
    assert "Vladimir Putin" not in names(m)  # "a close Putin ally" is no participant


def test_seed_partial_report_merges_into_fuller_one():
    doc, ms = seed("004_72a596977695a507.txt")
    (m,) = find(ms, "Vladimir Putin", "Li Shangfu")
    assert names(m) == {"Vladimir Putin", "Sergei Shoigu", "Li Shangfu"}
    assert m.meeting_date == date(2023, 4, 16) and m.location == "Moscow"
    # a country held talks with through its own people is not a party beside them
    for x in ms:
        people = {a.country_code for a in x.participants if a.actor_type == "person"}
        assert x.status != "held" or not any(a.actor_type == "country" and a.country_code in people
                                             for a in x.participants)


def test_seed_hosted_talks_planned_talks_and_one_meeting_reported_twice():
    doc, ms = seed("000_84a7454bba45616f.txt")
    (host,) = find(ms, "Nikolai Patrushev", "Wang Yi")  # "A senior Kremlin official ... hosted"
    assert host.status == "held" and host.location == "Moscow"  # the dateline, a Russian host
    (planned,) = find(ms, "Vladimir Putin", "Xi Jinping")
    assert planned.status == "planned" and planned.location == "Beijing"
    assert planned.meeting_date is None and planned.date_text == "next month's"  # no published date
    lavrov = find(ms, "Wang Yi", "Sergey Lavrov")
    assert len(lavrov) == 1  # "conferring with Lavrov" and "Monday's talks with Lavrov"
    assert not any("Joe Biden" in names(m) for m in ms)  # "Biden's national security adviser"


def test_seed_co_chaired_meeting_and_kremlin_venue():
    doc, ms = seed("001_1733c6f7cdd7144f.txt")
    (m,) = find(ms, "Mikhail Mishustin", "Li Qiang")
    assert m.location == "Moscow" and m.date_text == "on Wednesday"
    (k,) = find(ms, "Li Qiang", "Vladimir Putin")
    assert k.location == "Moscow" and "Mikhail Mishustin" not in names(k)  # "After his meeting with M."
    (v,) = find(ms, "Vladimir Putin", "Xi Jinping")
    assert v.meeting_type == "visit" and v.location == "China"
    assert not any("NATO" in names(m) for m in ms)  # a summit of one organisation, no meeting


# --- constructed cases, one language pattern each -------------------------------------------

def test_talks_with_place_weekday_and_planned_visit():
    text = ("Indian Prime Minister Narendra Modi arrived in Washington on Tuesday for a state visit. "
            "Modi will hold talks with President Joe Biden at the White House on Thursday, officials said.")
    ms = meetings_of(text, date(2023, 6, 20))
    (talks,) = find(ms, "Narendra Modi", "Joe Biden")
    assert talks.status == "planned" and talks.meeting_type == "talks"
    assert talks.meeting_date == date(2023, 6, 22) and talks.location == "Washington"
    (visit,) = [m for m in ms if m.meeting_type == "visit"]
    assert names(visit) == {"Narendra Modi", "United States"} and visit.meeting_date == date(2023, 6, 20)


def test_phone_call_type_and_pluperfect_is_a_separate_earlier_meeting():
    text = ("French President Emmanuel Macron hosted German Chancellor Olaf Scholz at the Elysee Palace on "
            "Wednesday. Macron said he had spoken by phone with U.S. President Joe Biden last month.")
    ms = meetings_of(text, date(2024, 3, 14))
    (host,) = find(ms, "Emmanuel Macron", "Olaf Scholz")
    assert host.location == "Paris" and host.meeting_date == date(2024, 3, 13)
    (call,) = find(ms, "Emmanuel Macron", "Joe Biden")
    assert call.meeting_type == "call" and call.date_precision == "month"
    assert call.meeting_date == date(2024, 2, 1)


def test_venue_naming_a_government_gives_its_capital():
    text = ("Chinese President Xi Jinping held talks with Russian President Vladimir Putin at the "
            "Great Hall of the People on Wednesday.")
    (m,) = meetings_of(text, date(2023, 10, 19))
    assert m.location == "Beijing" and m.meeting_date == date(2023, 10, 18)
    text = ("Mikhail Mishustin's meeting with Premier of the State Council of China Li Qiang\n"
            "Mikhail Mishustin: Welcome to the Government House of the Russian Federation.")
    (m,) = meetings_of(text)
    assert names(m) == {"Mikhail Mishustin", "Li Qiang"} and m.location == "Moscow"


def test_set_to_hold_talks_next_month_is_planned():
    text = "He noted that Russian President Vladimir Putin is set to hold talks with Chinese leader Xi Jinping next month."
    (m,) = meetings_of(text, date(2023, 9, 19))
    assert m.status == "planned" and m.meeting_date == date(2023, 10, 1) and m.date_precision == "month"


def test_invitation_to_visit_is_planned():
    text = "Russian President Vladimir Putin invited Chinese President Xi Jinping to pay a state visit to Russia in spring 2023."
    (m,) = meetings_of(text)
    assert m.status == "planned" and m.meeting_type == "visit"
    assert {"Vladimir Putin", "Xi Jinping"} <= names(m) and m.meeting_date == date(2023, 1, 1)


def test_counterpart_named_in_apposition_wins_over_description():
    text = ("Earlier this month, U.S. climate envoy John Kerry met with his Chinese counterpart "
            "Xie Zhenhua in Glasgow. Chinese President Xi Jinping did not attend.")
    ms = meetings_of(text, date(2021, 11, 16))
    (m,) = find(ms, "John Kerry", "Xie Zhenhua")
    assert names(m) == {"John Kerry", "Xie Zhenhua"} and m.location == "Glasgow"


def test_one_meeting_told_twice_is_one_item():
    text = ("Russian President Vladimir Putin met with Chinese leader Xi Jinping in Beijing on Friday. "
            "The leaders met for the first time in more than 400 days. "
            "During the meeting, Xi told Putin the relations were hard-earned.")
    ms = meetings_of(text, date(2022, 2, 4))
    assert len(ms) == 1 and ms[0].meeting_date == date(2022, 2, 4) and ms[0].location == "Beijing"


def test_video_link_without_names_takes_the_parties_of_the_meeting_before():
    text = ("Russian President Vladimir Putin held talks by video link with Chinese President Xi Jinping on "
            "Wednesday. He recalled that in May there was a video link on the occasion of a ceremony. "
            "A video conference in June was devoted to the treaty anniversary.")
    ms = meetings_of(text, date(2021, 12, 15))
    assert len(ms) == 3 and all(names(m) == {"Vladimir Putin", "Xi Jinping"} for m in ms)
    assert {m.meeting_date for m in ms} == {date(2021, 12, 15), date(2021, 5, 1), date(2021, 6, 1)}
    assert all(m.meeting_type == "call" for m in ms)


def test_things_that_are_no_meetings():
    text = ("Russian President Vladimir Putin said relations with China were at their best. "
            "Russia and China conducted joint naval drills last week. "
            "The treaty between Russia and China was extended in 2021. "
            "Chinese leader Xi Jinping skipped a dinner with Putin as a COVID precaution. "
            "Xi and Putin have an agreement to visit each other's countries once a year.")
    assert meetings_of(text, date(2022, 9, 16)) == []


def test_off_topic_article_is_quiet():
    text = ("Apple unveiled its new iPhone at an event in Cupertino on Tuesday. Chief executive Tim Cook "
            "said the phone met customers' expectations. The company will hold its developer conference in "
            "June. Prime Minister Narendra Modi chaired a meeting to review heatwave preparations.")
    assert meetings_of(text, date(2022, 11, 10)) == []


def test_people_of_one_country_among_themselves_are_no_international_meeting():
    text = "Russian President Vladimir Putin met Russian Defense Minister Sergei Shoigu in Moscow on Monday."
    assert meetings_of(text, date(2023, 4, 17)) == []


def test_dateline_only_for_a_participant_country():
    text = "Russian President Vladimir Putin held talks with Chinese President Xi Jinping on Monday."
    (m,) = meetings_of(text, date(2023, 3, 21), dateline="Moscow")
    assert m.location == "Moscow"
    (m,) = meetings_of(text, date(2023, 3, 21), dateline="London")
    assert m.location is None


def test_evidence_offsets_point_into_the_text():
    doc, ms = seed("003_8332380b85e5dca4.txt")
    for m in ms:
        assert doc.text[m.char_start:m.char_end] == m.evidence


def test_summit_and_talks_on_the_same_day_are_one_meeting():
    text = ("WOODSIDE, Calif. — President Joe Biden’s multi-hour summit with China’s Xi Jinping on Wednesday "
            "led to progress on fighting fentanyl and a resumption of communication between the nations' top "
            "generals, according to the White House.\n\n"
            "President Joe Biden and Chinese President Xi Jinping walk together after a meeting during the "
            "Asia-Pacific Economic Cooperation (APEC) Leaders' week in Woodside, California on November 15, 2023.")
    (m,) = extract_meetings(text, find_actors(text), date(2023, 11, 16), "Woodside")
    assert m.meeting_type == "summit" and m.meeting_date == date(2023, 11, 15)
    assert {p.name for p in m.participants} == {"Joe Biden", "Xi Jinping"}


# --- generalisation: patterns seen beyond the first corpus -------------------------------

def test_summit_and_met_of_one_article_are_one_meeting_when_one_is_undated():
    text = ("In a groundbreaking summit held near San Francisco, President Joe Biden and Chinese "
            "President Xi Jinping achieved significant milestones.\n\n"
            "President Joe Biden and Chinese President Xi Jinping met Wednesday on the sidelines of "
            "the APEC summit, reaching agreements in key areas.")
    ms = meetings_of(text)
    assert len(ms) == 1 and names(ms[0]) == {"Joe Biden", "Xi Jinping"}
    assert ms[0].date_text == "Wednesday"


def test_photo_captions_report_no_meeting_date_or_place():
    text = ("Japanese Prime Minister Fumio Kishida called the summit a big step.\n\n"
            "South Korean President Yoon Suk Yeol, left, and Japanese Prime Minister Fumio Kishida shake "
            "hands before their bilateral meeting in Tokyo, Japan on March 16, 2023. Photo: AP\n\n"
            "Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol both stressed "
            "the importance of improving relations as they opened the summit.\n\n"
            "Mr. Yoon said Thursday’s meeting has special meaning.")
    ms = meetings_of(text)
    assert len(ms) == 1 and names(ms[0]) == {"Fumio Kishida", "Yoon Suk Yeol"}
    assert ms[0].meeting_date is None and ms[0].location is None  # only the caption said so


def test_talks_of_unnamed_officials_the_leaders_agreed_to_resume_are_no_meeting_of_theirs():
    text = ("Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol held a summit "
            "in Tokyo on Thursday. The countries agreed to resume defense dialogue and vice-ministerial-level "
            "strategic talks, he said at a joint press conference.")
    ms = meetings_of(text)
    assert len(ms) == 1 and ms[0].status == "held"


def test_unnamed_subject_of_a_conditional_meeting_borrows_no_party():
    text = ("Xi recently removed his defense minister, but the official said that when a replacement is "
            "announced, that person will meet with Pentagon chief Lloyd Austin.")
    assert meetings_of(text) == []


def test_people_in_whose_presence_a_guest_is_welcomed_are_witnesses():
    text = ("President Putin was formally welcomed at Rashtrapati Bhavan with full military honours in the "
            "presence of President Droupadi Murmu, PM Modi, External Affairs Minister S. Jaishankar, and "
            "Chief of Defense Staff General Anil Chauhan.")
    assert all("Anil Chauhan" not in names(m) for m in meetings_of(text))


def test_long_name_with_particles_and_two_leaders_signing_together():
    text = ("President Luiz Inácio Lula da Silva and Chinese President Xi Jinping signed, this Friday (14th), "
            "in Beijing, 15 trade and partnership agreements. Lula was received at the Great Hall of the People.")
    (m,) = meetings_of(text)
    assert names(m) == {"Luiz Inácio Lula da Silva", "Xi Jinping"} and m.location == "Beijing"


def test_countries_signing_is_no_meeting_of_people():
    text = "India and the United Kingdom signed a landmark free trade agreement on Thursday."
    assert meetings_of(text) == []


def test_joint_appearance_of_two_leaders_is_a_meeting_placed_by_the_dateline():
    text = ("London: Prime Minister Narendra Modi and his UK counterpart Keir Starmer hailed the free trade "
            "agreement.\n\nModi and Starmer addressed the press following the signing, calling it a historic "
            "moment.")
    (m,) = meetings_of(text)
    assert names(m) == {"Narendra Modi", "Keir Starmer"} and m.location == "London"


def test_visit_gains_the_host_country_leader_named_in_the_next_sentence():
    text = ("The deal was finalized during Indian Prime Minister Narendra Modi’s state visit to London, "
            "following more than three years of protracted negotiations. The agreement, signed at Chequers, "
            "British Prime Minister Keir Starmer’s official residence, is expected to raise bilateral trade.")
    (m,) = meetings_of(text)
    assert m.meeting_type == "visit" and {"Narendra Modi", "Keir Starmer"} <= names(m)


def test_talks_mediated_by_a_third_country_official_with_officials_of_two_countries():
    text = ("Saudi Arabia and Iran have reached an agreement to restore diplomatic ties after the two sides "
            "held negotiations in the Chinese capital, according to a joint statement by Beijing, Riyadh and "
            "Tehran on Friday.\n\nThe three parties made the announcement after a meeting between senior "
            "Chinese diplomat Wang Yi and officials from the two countries in Beijing on Friday.")
    (m,) = meetings_of(text)
    assert names(m) == {"Wang Yi", "Saudi Arabia", "Iran"} and m.location == "Beijing"


def test_negotiations_named_as_a_topic_are_no_meeting():
    text = ("On June 14, Russian President Vladimir Putin held a telephone conversation with US President "
            "Donald Trump. They talked about the situation in the Middle East, as well as negotiations "
            "between Russia and Ukraine.")
    ms = meetings_of(text)
    assert len(ms) == 1 and names(ms[0]) == {"Vladimir Putin", "Donald Trump"}


def test_bloc_summit_lists_the_leaders_the_article_places_there():
    text = ("Labuan Bajo, Indonesia—The Association of Southeast Asian Nations Leaders’ Summit ended with a "
            "consensus among nine member-states to end the bloodshed in Myanmar.\n\n"
            "In his 25-page chairman’s statement, Indonesian President Joko Widodo also renewed the bloc’s "
            "commitment to work for a code of conduct.\n\n"
            "In his intervention at the 42nd ASEAN Summit Retreat Session Thursday morning, President "
            "Ferdinand Marcos Jr. said all stakeholders must act.")
    (m,) = meetings_of(text)
    assert m.meeting_type == "summit" and names(m) == {"Joko Widodo", "Ferdinand Marcos Jr"}
    assert m.location == "Labuan Bajo"


def test_bloc_gathering_borrows_no_counterpart_from_an_earlier_meeting():
    text = ("Australian Prime Minister Anthony Albanese said he would ask Chinese President Xi Jinping to "
            "lift trade barriers if the two leaders hold their first bilateral meeting this month.\n\n"
            "Albanese was speaking in Sydney before departing Australia on Friday for an East Asia Summit in "
            "Cambodia, followed by a Group of 20 meeting in Indonesia.\n\n"
            "A face-to-face meeting between the Chinese and Australian leaders would mark a major reset.")
    (m,) = meetings_of(text)
    assert m.status == "planned" and names(m) == {"Anthony Albanese", "Xi Jinping"}


def test_a_meeting_the_article_supposes_is_the_one_it_reports_held():
    text = ("The US and Ukraine failed to sign an agreement after a Friday meeting between Donald Trump and "
            "Volodymyr Zelenskiy devolved into a fiery exchange. The clash is a setback for Zelenskiy, who "
            "was hoping the in-person meeting with Trump would help smooth out his relations.")
    (m,) = meetings_of(text, published=date(2025, 3, 1))
    assert m.status == "held" and m.meeting_date == date(2025, 2, 28)


def test_a_visit_to_no_place_needs_a_counterpart_tied_to_it():
    text = ("Lula's visit included the swearing in on Thursday of former Brazilian President Dilma Rousseff "
            "as head of the bank.")
    assert meetings_of(text) == []


def test_people_and_date_of_a_since_clause_belong_to_another_event():
    text = ("The two-day bilateral meeting in Anchorage, Alaska, was the first high-level, in-person talks "
            "between Beijing and Washington since President Joe Biden took office in January.")
    (m,) = meetings_of(text)
    assert names(m) == {"China", "United States"} and m.date_text is None


def test_when_clause_takes_the_date_it_hangs_on():
    text = ("The government described the talks in Indonesia on Tuesday as the first formal bilateral meeting "
            "between the two nations’ leaders since 2016, when Mr Xi met then-Prime Minister Malcolm Turnbull "
            "in the Chinese city of Hangzhou. Chinese President Xi Jinping spoke.")
    old = [m for m in meetings_of(text, published=date(2022, 11, 15)) if "Malcolm Turnbull" in names(m)]
    assert old and old[0].meeting_date == date(2016, 1, 1) and old[0].location == "Hangzhou"


def test_spokesman_announcing_a_meeting_in_a_statement_is_no_party():
    text = ('Kremlin Spokesman Dmitry Peskov said in a statement: "The Russian president will first meet with '
            'Azali Assoumani, chairman of the African Union and president of the Comoros." '
            "Russian President Vladimir Putin hosts the forum.")
    (m,) = meetings_of(text)
    assert m.status == "planned" and names(m) == {"Vladimir Putin", "Azali Assoumani"}


def test_earlier_meetings_of_the_same_two_leaders_are_their_own_meetings():
    text = ("Prime Minister Narendra Modi met Chinese President Xi Jinping on Wednesday in the Russian city of "
            "Kazan. The meeting marks the first formal interaction between the two leaders in five years.\n\n"
            "PM Modi's last formal bilateral meet with Xi Jinping was in October 2019 in Mahabalipuram, months "
            "before the clashes. The two leaders met briefly during the Group of 20 meeting in Bali, Indonesia "
            "in 2022.")
    ms = meetings_of(text, date(2024, 10, 23))
    got = sorted((m.meeting_date.isoformat(), m.date_precision, m.location) for m in find(ms, "Narendra Modi",
                                                                                          "Xi Jinping"))
    assert got == [("2019-10-01", "month", "Mahabalipuram"), ("2022-01-01", "year", "Bali"),
                   ("2024-10-23", "day", "Kazan")]


def test_an_undated_mention_keeps_the_month_and_day_its_text_names():
    ms = meetings_of("Chinese President Xi Jinping had an informal meeting with Russian President Vladimir Putin "
                     "in Moscow on Monday (March 20).")
    assert [(m.meeting_date, m.date_hint, m.location_country) for m in ms] == [(None, "03-20", "RUS")]


def test_a_city_naming_the_summit_is_its_place():
    ms = meetings_of("President Donald Trump’s Hanoi summit with North Korean leader Kim Jong Un ended abruptly "
                     "on Thursday.", date(2019, 2, 28))
    assert [(m.meeting_type, m.location, m.meeting_date) for m in ms] == [("summit", "Hanoi", date(2019, 2, 28))]


def test_one_leader_named_at_a_blocs_summit_meets_the_bloc():
    text = ("TIANJIN, September 1. Leaders of the Shanghai Cooperation Organization (SCO) member states have "
            "adopted a declaration following the summit in Tianjin.\n\nThe summit is being held from August 31 "
            "to September 1. More than 20 heads of state are in attendance, including Russian President Vladimir "
            "Putin, as well as representatives from 10 international organizations.")
    ms = meetings_of(text, date(2025, 9, 1))
    assert [(m.meeting_type, sorted(names(m)), m.location) for m in ms] == [
        ("summit", ["Shanghai Cooperation Organization", "Vladimir Putin"], "Tianjin")]


def test_an_agreement_signed_by_two_leaders_is_their_meeting():
    ms = meetings_of("The deal was a milestone. The agreement was signed by President Trump and Chinese Vice "
                     "Premier Liu He at the White House on Wednesday.", date(2020, 1, 16))
    assert [(m.meeting_type, sorted(names(m)), m.meeting_date) for m in ms] == [
        ("other", ["Liu He", "Trump"], date(2020, 1, 15))]


def test_bilateral_meetings_with_two_leaders_are_two_meetings():
    ms = meetings_of("Indian Prime Minister Narendra Modi is in Kazan for the BRICS summit. PM Modi concluded the "
                     "first day of the summit with bilateral meetings with Iranian President Masoud Pezeshkian and "
                     "Russian President Vladimir Putin.")
    pairs = sorted(sorted(names(m)) for m in ms if m.meeting_type == "talks")
    assert pairs == [["Masoud Pezeshkian", "Narendra Modi"], ["Narendra Modi", "Vladimir Putin"]]


def test_a_phone_talk_is_a_call():
    ms = meetings_of("Russian President Vladimir Putin and Saudi Crown Prince Mohammed bin Salman on Friday discussed "
                     "the OPEC+ decision to cut oil output in a phone talk, the Kremlin said.", date(2020, 4, 11))
    assert [(m.meeting_type, sorted(names(m)), m.meeting_date) for m in ms] == [
        ("call", ["Mohammed bin Salman", "Vladimir Putin"], date(2020, 4, 10))]


def test_people_who_joined_another_in_signing_met_there():
    ms = meetings_of("Emirati Foreign Minister Sheikh Abdullah bin Zayed and Bahrain’s Foreign Minister Abdullatif "
                     "Al Zayani joined Israeli Prime Minister Benjamin Netanyahu in signing the agreement at the "
                     "White House.")
    assert [(m.meeting_type, sorted(names(m)), m.location) for m in ms] == [
        ("other", ["Abdullah bin Zayed", "Abdullatif Al Zayani", "Benjamin Netanyahu"], "Washington")]


def test_a_clause_listing_places_and_years_reports_a_meeting_at_each():
    text = ("Indian Prime Minister Narendra Modi met Chinese President Xi Jinping on Wednesday in Kazan. "
            "The two leaders met briefly during the Group of 20 meeting in Bali, Indonesia in 2022 "
            "and then in Johannesburg, South Africa (2023).")
    ms = find(meetings_of(text, date(2024, 10, 23)), "Narendra Modi", "Xi Jinping")
    got = {(m.location, m.meeting_date, m.date_precision) for m in ms}
    assert got == {("Kazan", date(2024, 10, 23), "day"), ("Bali", date(2022, 1, 1), "year"),
                   ("Johannesburg", date(2023, 1, 1), "year")}


def test_the_last_time_two_leaders_met_is_not_the_meeting_the_article_announces():
    text = ("Chinese President Xi Jinping and Indian Prime Minister Narendra Modi planned a bilateral meeting "
            "on Wednesday at the BRICS summit in Kazan. Last they met in October 2019, months before the clashes.")
    ms = find(meetings_of(text), "Narendra Modi", "Xi Jinping")
    planned = [m for m in ms if m.status == "planned"]
    earlier = [m for m in ms if m.meeting_date == date(2019, 10, 1)]
    assert len(planned) == 1 and planned[0].location == "Kazan" and planned[0].meeting_date is None
    assert len(earlier) == 1 and earlier[0].status == "held" and earlier[0].date_precision == "month"


def test_a_country_bloc_summit_named_with_its_acronym_is_the_leader_meeting_the_bloc():
    text = ("On the afternoon of December 9, the first China-Gulf Cooperation Council (GCC) Summit was held at "
            "the King Abdulaziz International Conference Center in Riyadh. Chinese President Xi Jinping attended "
            "the Summit along with the leaders of the GCC.")
    (m,) = meetings_of(text)
    assert names(m) == {"Xi Jinping", "Gulf Cooperation Council"}
    assert (m.meeting_type, m.location, m.date_hint) == ("summit", "Riyadh", "12-09")


def test_a_since_clause_lends_no_date_and_the_reporter_after_a_comma_is_no_party():
    text = ("The rumor that Hungarian Prime Minister Viktor Orban would travel to Moscow was circulating. It does not "
            "mean that Orban would have a mandate to speak to Russian President Vladimir Putin, European Council "
            "President Charles Michel immediately warned. Since the start of the war in Ukraine in 2022, Putin "
            "has become infrequentable.\nNevertheless, Orban has indeed now arrived in Moscow.")
    ms = meetings_of(text)
    assert all("Charles Michel" not in names(m) for m in ms)
    (visit,) = [m for m in ms if m.status == "held"]
    assert visit.location == "Moscow" and visit.meeting_date is None


def test_two_leaders_doing_something_together_met_there():
    text = ("Chinese President Xi Jinping reserves the honor for close friends like Russian President Vladimir "
            "Putin. In 2018, for example, Mr. Xi and Mr. Putin took a high-speed train to Tianjin and watched a "
            "hockey game together. Xi and Putin will work together on energy.")
    (m,) = meetings_of(text)
    assert names(m) == {"Xi Jinping", "Vladimir Putin"}
    assert (m.status, m.meeting_type, m.location, m.meeting_date) == ("held", "other", "Tianjin", date(2018, 1, 1))


def test_a_meeting_on_the_first_day_of_the_summit_is_where_the_summit_is():
    text = ("Indian Prime Minister Narendra Modi concluded the first day of the summit with bilateral meetings with "
            "Iranian President Masoud Pezeshkian and Russian President Vladimir Putin. India announced that Chinese "
            "President Xi Jinping and Modi planned a bilateral meeting at the BRICS Summit in Kazan.")
    ms = meetings_of(text)
    assert {m.location for m in ms} == {"Kazan"} and len(ms) == 3


def test_the_next_sentence_can_place_a_meeting_by_naming_a_party_and_a_venue():
    text = ("US President Joe Biden will host his Kenyan counterpart William Ruto on May 23 for a state visit. "
            "Ruto will be the first African leader to receive a state visit at the White House since 2021.")
    (m,) = meetings_of(text, date(2024, 2, 16))
    assert {"Joe Biden", "William Ruto"} <= names(m) and m.location == "Washington"
    assert (m.status, m.meeting_date) == ("planned", date(2024, 5, 23))


def test_the_heads_of_two_delegations_held_the_talks():
    text = ("U.S. and Iranian officials have concluded a new round of indirect nuclear negotiations in Muscat, Oman. "
            "The U.S. was represented by President Donald Trump’s Middle East envoy, Steve Witkoff, while Iran was "
            "led by Foreign Minister Abbas Araghchi.")
    (m,) = meetings_of(text)
    assert {"Steve Witkoff", "Abbas Araghchi"} <= names(m) and "Donald Trump" not in names(m)
    assert (m.meeting_type, m.location) == ("talks", "Muscat")
    (m2,) = meetings_of("Special Envoy Steve Witkoff headed the US delegation, while the Iranians were led by "
                        "Foreign Minister Abbas Araghchi.")
    assert names(m2) == {"Steve Witkoff", "Abbas Araghchi"}


def test_a_bloc_summit_takes_no_date_from_another_clause_of_its_sentence():
    text = ("Chinese President Xi Jinping has told about 20 world leaders he hosted for a summit in northern China’s "
            "Tianjin that the Shanghai Cooperation Organisation (SCO) bears greater responsibility. The ongoing SCO "
            "summit shoulders an important mission, Xi told the assembled leaders. Among the most notable guests at "
            "the two-day summit is Indian Prime Minister Narendra Modi, who is on his first visit to China since 2018 "
            "after troops clashed in 2020 at a disputed border. Russian President Vladimir Putin also attended the "
            "summit.")
    (summit,) = [m for m in meetings_of(text) if m.meeting_type == "summit"]
    assert {"Xi Jinping", "Narendra Modi", "Vladimir Putin"} <= names(summit)
    assert summit.meeting_date is None


def test_thanking_a_counterpart_after_announcing_a_visit_is_a_clause_of_its_own():
    text = ("US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Washington on Friday. "
            "Blinken said he would soon visit China and thanked his Chinese counterpart for the talks.")
    ms = meetings_of(text, date(2024, 5, 4))
    (visit,) = [m for m in ms if m.status == "planned"]
    assert names(visit) == {"Antony Blinken", "China"} and visit.meeting_type == "visit"


def test_talks_an_after_clause_reports_are_the_sentences_parties_in_the_capital_it_names():
    text = ("Delegates from the United States and Iran agreed to hold more talks next week after concluding "
            "indirect nuclear negotiations in the Omani capital, Muscat. Special Envoy Steve Witkoff headed the US "
            "delegation, while the Iranians were led by Foreign Minister Abbas Araghchi.")
    ms = meetings_of(text)
    (held,) = [m for m in ms if m.status == "held"]
    assert names(held) == {"Steve Witkoff", "Abbas Araghchi"}  # the two sides, by who led them
    assert (held.location, held.meeting_date) == ("Muscat", None)
    (planned,) = [m for m in ms if m.status == "planned"]
    assert names(planned) == {"United States", "Iran"}


def test_countries_stay_parties_unless_people_of_unknown_country_can_stand_for_them():
    from orchestration.extract.meetings import _Cand, _final_participants
    from orchestration.extract.records import Actor
    rus, chn = Actor("Russia", "country", "RUS"), Actor("China", "country", "CHN")
    a, b = Actor("A Ivanov", "person", "RUS"), Actor("B Petrov", "person", "RUS")
    both_russian = _Cand(sent=0, start=0, end=1, trig_start=0, trig_end=1, mtype="talks", status="held",
                         persons=[a, b], parties=[rus, chn])
    assert {x.name for x in _final_participants(both_russian)} == {"A Ivanov", "B Petrov", "China"}
    c = Actor("C Wang", "person", None)
    heads = _Cand(sent=0, start=0, end=1, trig_start=0, trig_end=1, mtype="talks", status="held",
                  persons=[a, c], parties=[rus, chn])
    assert {x.name for x in _final_participants(heads)} == {"A Ivanov", "C Wang"}


def test_several_heads_of_each_delegation_named_after_the_verb_are_the_talks_parties():
    text = ("The two-day bilateral meeting in Anchorage, Alaska, was the first high-level, in-person talks "
            "between Beijing and Washington since President Joe Biden took office in January. Heading the U.S. "
            "delegation were Secretary of State Antony Blinken and National Security Adviser Jake Sullivan, "
            "while the Chinese side was represented by foreign minister Wang Yi and senior foreign policy "
            "diplomat Yang Jiechi.")
    (m,) = meetings_of(text)
    assert names(m) >= {"Antony Blinken", "Jake Sullivan", "Wang Yi", "Yang Jiechi"}
    assert m.location == "Anchorage"


def test_a_crown_prince_described_by_title_is_the_one_the_article_names():
    text = ("President Donald Trump has begun his first trip to the Middle East, kicking off the tour in Saudi "
            "Arabia with a major strategic economic agreement signed alongside Crown Prince Mohammed bin Salman "
            "(MBS). During his arrival at Riyadh Airport, Trump was personally received by the Crown Prince in a "
            "high-profile welcome ceremony. MBS later hosted a lunch.")
    ms = meetings_of(text)
    (m,) = [m for m in ms if "received" in m.evidence]
    assert names(m) == {"Donald Trump", "Mohammed bin Salman"} and m.location == "Riyadh"
    acts = find_actors(text)
    assert {x.actor.name for x in acts.mentions if x.surface == "MBS"} == {"Mohammed bin Salman"}


def test_two_named_officials_who_discussed_something_met_but_the_two_leaders_discussing_is_the_same_meeting():
    text = ("Speaking to reporters, Erdogan said that Turkish Foreign Minister Hakan Fidan and US Secretary of "
            "State Antony Blinken discussed Sweden's NATO membership the day before.")
    (m,) = meetings_of(text)
    assert names(m) == {"Hakan Fidan", "Antony Blinken"} and m.status == "held"
    text = ("Australia's Prime Minister Anthony Albanese held talks with Chinese President Xi Jinping in Bali on "
            "Tuesday. Mr Albanese said the two leaders also discussed human rights in China's western Xinjiang "
            "region.")
    (m,) = meetings_of(text, date(2022, 11, 15))
    assert m.location == "Bali"


def test_countries_a_sentence_opens_with_held_the_talks_its_after_phrase_names():
    text = ("Iran and Saudi Arabia have agreed to restore diplomatic relations and reopen their embassies within "
            "two months after talks in Beijing, China.")
    (m,) = meetings_of(text)
    assert names(m) == {"Iran", "Saudi Arabia"} and m.location == "Beijing" and m.status == "held"


def test_leaders_who_jointly_held_the_named_summit_met_there():
    text = ("On May 18, President Xi Jinping of the People's Republic of China, President Tokayev of the Republic "
            "of Kazakhstan, President of the Republic of Tajikistan Rahmon and President of the Republic of "
            "Uzbekistan Mirziyoyev jointly held the China-Central Asia Summit in Xi'an.")
    (m,) = meetings_of(text)
    assert names(m) == {"Xi Jinping", "Tokayev", "Rahmon", "Mirziyoyev"}
    assert (m.meeting_type, m.location) == ("summit", "Xi'an")


def test_a_visitor_received_by_the_host_met_in_the_city_the_sentences_before_put_him_in():
    text = ("“This means that the United States has strengthened its relationship with another important "
            "Indo-Pacific ally,” US President Joe Biden said at a press conference in the Vietnamese capital Hanoi "
            "today.\n\nBiden called the visit a “historic moment.” He was received by General Secretary of the "
            "Communist Party of Vietnam Nguyen Phu Trong.")
    (m,) = meetings_of(text)
    assert names(m) == {"Joe Biden", "Nguyen Phu Trong"} and m.location == "Hanoi"


def test_the_three_leaders_are_the_three_an_earlier_sentence_names_together():
    text = ("On Wednesday US president Joe Biden, UK prime minister Boris Johnson and the Australian prime minister "
            "Scott Morrison announced the formation of a new alliance between their countries, which they christened "
            "AUKUS. France was not told. The Australian shift was announced in the press and in a videoconference by "
            "the three leaders without prior notification of the French.")
    (m,) = meetings_of(text)
    assert names(m) == {"Joe Biden", "Boris Johnson", "Scott Morrison"} and m.meeting_type == "call"


def test_a_dialogue_between_two_named_countries_featuring_their_envoys_is_their_talks():
    text = ("The first U.S.-China dialogue under the Biden administration opened in Anchorage, Alaska on March 18, "
            "featuring U.S. Secretary of State Antony Blinken and National Security Advisor Jake Sullivan as well as "
            "Chinese Foreign Minister Wang Yi and Yang Jiechi, the director of the Office of the Central Commission "
            "for Foreign Affairs.")
    (m,) = meetings_of(text)
    assert names(m) >= {"Antony Blinken", "Wang Yi"} and m.location == "Anchorage"
    assert not meetings_of("Both sides called for dialogue to resolve the dispute, Chinese President Xi Jinping said.")
