"""Actor finding and in-article coreference, on real and constructed sentences."""
from pathlib import Path

from orchestration.extract.actors import find_actors

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"


def people(doc):
    return {a.name: a for a in doc.actors if a.actor_type == "person"}


def test_title_demonym_and_name():
    doc = find_actors("He began his trip by conferring with Russian Foreign Minister Sergey Lavrov. "
                      "Chinese Foreign Minister Wang Yi arrived later.")
    ps = people(doc)
    assert ps["Sergey Lavrov"].country_code == "RUS"
    assert ps["Sergey Lavrov"].role == "Foreign Minister"
    assert ps["Wang Yi"].country_code == "CHN"


def test_military_rank_and_leader_title():
    doc = find_actors("Putin met with Gen. Li Shangfu less than a month after Chinese leader Xi Jinping "
                      "held a three-day state visit to Moscow.")
    ps = people(doc)
    assert "Li Shangfu" in ps and ps["Li Shangfu"].role == "General"
    assert ps["Xi Jinping"].country_code == "CHN" and ps["Xi Jinping"].role == "leader"


def test_apposition_gives_role_and_country():
    doc = find_actors("Nikolai Patrushev, the secretary of Russia's Security Council, told reporters the talks went well.")
    p = people(doc)["Nikolai Patrushev"]
    assert p.country_code == "RUS" and "Security Council" in p.role
    orgs = [a for a in doc.actors if a.actor_type == "organization"]
    assert any("Security Council" in a.name for a in orgs)


def test_office_with_posting_country():
    doc = find_actors("The yuan's share rose, Chinese Ambassador to Russia Zhang Hanhui told news agency Interfax.")
    p = people(doc)["Zhang Hanhui"]
    assert p.country_code == "CHN" and p.role == "Ambassador to Russia"


def test_bare_name_with_reporting_verb_and_surname_coreference():
    text = ("“They see very little incentive for compromise,” said Hoo Tiang Boon, who researches Chinese "
            "foreign policy. Later, Hoo added that talks would continue.")
    doc = find_actors(text)
    hoo = doc.resolve("Hoo", text.index("Hoo added"))
    assert hoo is not None and hoo.name == "Hoo Tiang Boon"


def test_mr_and_surname_resolve_to_fullest_name():
    text = (RAW / "003_8332380b85e5dca4.txt").read_text(encoding="utf-8")
    doc = find_actors(text)
    pos = text.index("Mr Patrushev and Mr Yang")
    assert doc.resolve("Mr Patrushev", pos).name == "Nikolai Patrushev"
    assert doc.resolve("Mr Yang", pos + 20).name == "Yang Jiechi"
    assert doc.resolve("Mr Putin", pos).name == "Vladimir Putin"


def test_descriptions_resolve_by_country_and_office():
    text = ("Russian President Vladimir Putin met Chinese President Xi Jinping. The Russian leader said ties "
            "were strong. His Chinese counterpart agreed, and the Chinese president smiled.")
    doc = find_actors(text)
    assert doc.resolve("The Russian leader", text.index("The Russian leader")).name == "Vladimir Putin"
    assert doc.resolve("his Chinese counterpart", text.index("His Chinese")).name == "Xi Jinping"
    assert doc.resolve("the Chinese president", text.index("the Chinese president")).name == "Xi Jinping"
    surfaces = {m.surface for m in doc.mentions}
    assert "The Russian leader" in surfaces


def test_pronoun_resolves_to_the_last_subject():
    text = ("Xi Jinping arrived in Moscow. Putin greeted him warmly. Xi, for his part, praised Putin. "
            "He said relations were good.")
    doc = find_actors(text)
    assert doc.resolve("He", text.index("He said")).name == "Xi Jinping"


def test_organisations_and_seats_of_government():
    text = ("China's foreign ministry said in a statement that talks were held. The Kremlin agreed. "
            "Chinese state broadcaster CCTV reported the visit.")
    doc = find_actors(text)
    orgs = {a.name: a for a in doc.actors if a.actor_type == "organization"}
    assert orgs["Chinese Foreign Ministry"].country_code == "CHN"
    assert orgs["Kremlin"].country_code == "RUS"
    assert "CCTV" in orgs
    assert doc.resolve("the foreign ministry", len(text)).name == "Chinese Foreign Ministry"


def test_capital_as_government_and_countries():
    text = "Moscow has repeatedly backed Beijing over Taiwan, and the United States objected."
    doc = find_actors(text)
    assert doc.resolve("Moscow", 0).country_code == "RUS"
    codes = {m.actor.country_code for m in doc.mentions if m.actor.actor_type == "country"}
    assert {"RUS", "CHN", "TWN", "USA"} <= codes
    # a city used as a place is no actor
    doc2 = find_actors("The leaders met in Beijing on Friday.")
    assert not [m for m in doc2.mentions if m.surface == "Beijing"]


def test_no_people_from_places_events_or_months():
    text = ("The summit in Samarkand ahead of the Beijing Winter Olympics coincided with the Cold War anniversary "
            "on Jan. 31, the General Staffs said, near San Francisco, President Joe Biden added.")
    names = set(people(find_actors(text)))
    assert names == {"Joe Biden"}


def test_in_span_and_mention_offsets():
    text = (RAW / "000_84a7454bba45616f.txt").read_text(encoding="utf-8")
    doc = find_actors(text)
    for m in doc.mentions:
        assert text[m.char_start:m.char_end] == m.surface
    s = text.index("Nikolai Patrushev, the secretary")
    e = text.index("strategic cooperation.”")
    names = {m.actor.name for m in doc.in_span(s, e)}
    assert {"Nikolai Patrushev", "Wang Yi", "Vladimir Putin"} <= names


def test_actors_are_distinct_and_fullest():
    text = (RAW / "004_72a596977695a507.txt").read_text(encoding="utf-8")
    ps = people(find_actors(text))
    assert {"Vladimir Putin", "Sergei Shoigu", "Li Shangfu", "Xi Jinping"} <= set(ps)
    assert "Putin" not in ps and "Li" not in ps


def test_long_name_with_particles_after_an_office_and_its_short_form():
    doc = find_actors("President Luiz Inácio Lula da Silva and Chinese President Xi Jinping signed 15 "
                      "agreements. Lula was received at the Great Hall of the People.")
    ps = people(doc)
    assert "Luiz Inácio Lula da Silva" in ps and ps["Luiz Inácio Lula da Silva"].role == "President"
    lula = [m for m in doc.mentions if m.surface == "Lula"]
    assert lula and lula[0].actor.name == "Luiz Inácio Lula da Silva"


def test_long_capitalised_run_without_office_keeps_two_name_words():
    doc = find_actors("Analysts said Maria Fernanda Lopez Garcia da Costa said the talks went well.")
    assert all(len(a.name.split()) <= 3 for a in doc.actors if a.actor_type == "person")


def test_apposition_with_two_offices_joined_by_and():
    doc = find_actors("Putin will meet with Azali Assoumani, chairman of the African Union and president of "
                      "the Comoros, on Friday.")
    assert "Azali Assoumani" in people(doc)


def test_a_weekday_after_a_name_ends_the_name():
    doc = find_actors("Mexican President Claudia Sheinbaum said that following a phone call with President Trump "
                      "Monday morning, tariffs were paused. Trump said he will be speaking to Canadian Prime "
                      "Minister Justin Trudeau Monday afternoon.")
    assert {"Claudia Sheinbaum", "Trump", "Justin Trudeau"} <= set(people(doc))


def test_a_capitalised_short_word_after_a_name_belongs_to_the_name():
    doc = find_actors("The agreement was signed by Chinese Vice Premier Liu He at the White House. He said it "
                      "was a good deal.")
    assert people(doc)["Liu He"].role == "Vice Premier"
    assert [(m.surface, m.actor.name) for m in doc.mentions if m.actor.actor_type == "person"] == [
        ("Chinese Vice Premier Liu He", "Liu He"), ("He", "Liu He")]


def test_a_bare_full_name_before_an_adverb_and_a_reporting_verb_is_a_person():
    doc = find_actors("Boris Johnson today declared the deal done. At a press conference, Mr Johnson said the deal "
                      "would protect jobs.")
    assert [(m.surface, m.actor.name) for m in doc.mentions if m.actor.actor_type == "person"] == [
        ("Boris Johnson", "Boris Johnson"), ("Johnson", "Boris Johnson")]


def test_a_name_given_alone_is_a_person_when_the_article_goes_on_with_he():
    doc = find_actors("Trudeau said, “Any involvement of a foreign government is unacceptable.”\n\nTrudeau said "
                      "that he brought the issue to the notice of the Indian Prime Minister. Chatting with reporters, "
                      "Gazprom said it would cut supplies. Officials said the Koran was burned in Stockholm and he "
                      "condemned it. Africa said he was right.")
    ps = people(doc)
    assert set(ps) == {"Trudeau"}
    assert ps["Trudeau"].country_code is None  # not "the Indian Prime Minister" he spoke to


def test_a_presidents_counterpart_holds_the_same_rank():
    text = ("The agreement was signed by US President Donald Trump and Chinese Vice Premier Liu He. "
            "Trump said he would soon visit China and thanked his Chinese counterpart for this deal.")
    doc = find_actors(text)
    assert doc.resolve("his Chinese counterpart", text.index("his Chinese")) is None
    text2 = ("US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi. "
             "Blinken later thanked his Chinese counterpart.")
    doc2 = find_actors(text2)
    assert doc2.resolve("his Chinese counterpart", text2.index("his Chinese")).name == "Wang Yi"


def test_he_after_the_one_person_a_sentence_names_as_possessor_is_that_person():
    text = ("Saudi Foreign Minister Faisal bin Farhan said the talks went well. It follows US Vice President "
            "Joe Biden’s visit to the country in July, during which he called for increased oil output. "
            "He met Chinese leaders too.")
    doc = find_actors(text)
    he = [m for m in doc.mentions if m.surface == "he"]
    assert [m.actor.name for m in he] == ["Joe Biden"]


def test_a_family_name_with_the_arabic_article_is_a_name():
    doc = find_actors("According to Sami al-Arian, director of the Center for Islam and Global Affairs, the approach "
                      "is driven by money. “They want trillions,” al-Arian said.")
    assert "Sami al-Arian" in people(doc)
    assert [m.actor.name for m in doc.mentions if m.surface == "al-Arian"] == ["Sami al-Arian"]


def test_initials_open_a_name_and_the_vice_president_is_not_the_president():
    text = ("Vice President JD Vance attended with Ukrainian President Volodymyr Zelenskyy. "
            "The vice president then spoke. The president left.")
    doc = find_actors(text)
    assert "JD Vance" in people(doc)
    assert doc.resolve("The vice president", text.index("The vice")).name == "JD Vance"
    assert doc.resolve("The president", text.index("The president")).name == "Volodymyr Zelenskyy"


def test_an_office_of_a_named_party_before_a_name_is_the_persons_role():
    text = ("US President Joe Biden arrived in Hanoi. He was received by General Secretary of the Communist Party "
            "of Vietnam Nguyen Phu Trong.")
    doc = find_actors(text)
    trong = people(doc)["Nguyen Phu Trong"]
    assert trong.country_code == "VNM" and trong.role == "General Secretary of the Communist Party of Vietnam"
    assert not any("Trong" in a.name for a in doc.actors if a.actor_type == "organization")


def test_a_platform_someone_posts_on_is_no_person():
    text = ("In a post on his Truth Social platform, US President Donald Trump wrote that tariffs would rise. "
            "Writing on Truth Social, the US president also announced a 90-day pause.")
    doc = find_actors(text)
    assert "Truth Social" not in people(doc)
    assert doc.resolve("the US president", text.index("the US president")).name == "Donald Trump"


def test_the_g20_keeps_its_number():
    doc = find_actors("The African Union became a permanent member during India’s Presidency of the G20.")
    assert any(a.name.endswith("of the G20") for a in doc.actors if a.actor_type == "organization")


def test_an_acronym_given_in_brackets_is_the_same_body():
    doc = find_actors("The European Commission (EC) announced on Friday that it had reached an agreement. "
                      "“This agreement is a political necessity,” the EC said.")
    orgs = [a.name for a in doc.actors if a.actor_type == "organization"]
    assert orgs == ["European Commission"]
    assert [m.actor.name for m in doc.mentions if m.surface == "EC"] == ["European Commission"] * 2


def test_a_head_of_state_named_by_surname_after_the_office_of_his_country():
    doc = find_actors("President of the Republic of Tajikistan Rahmon, President Berdymukhamedov of Turkmenistan, "
                      "and President of the Republic of Uzbekistan Mirziyoyev jointly held the summit.")
    ps = people(doc)
    assert ps["Rahmon"].country_code == "TJK" and ps["Mirziyoyev"].country_code == "UZB"
    assert "Judaism" not in ps and "Abraham" not in people(find_actors("He met the patriarch of Judaism Abraham."))


def test_a_lone_name_is_a_person_when_he_follows_a_long_sentence_later():
    text = ("Xi also met separately with von der Leyen and discussed the China-EU relationship, warning that playing "
            "up the so-called “democracy vs authoritarianism” narrative and “stoking a new Cold War will only bring "
            "division and confrontation to the world.” He said that the two sides should maintain open trade.")
    assert "Xi" in people(find_actors(text))


def test_a_body_named_before_a_day_or_a_person_does_not_take_them_into_its_name():
    doc = find_actors("The Chinese Foreign Ministry on Monday said that it was fine. Members of the North Atlantic "
                      "Treaty Organization on May 5 agreed. The Council on Foreign Relations said so.")
    orgs = {a.name for a in doc.actors if a.actor_type == "organization"}
    assert {"Chinese Foreign Ministry", "North Atlantic Treaty Organization", "Council on Foreign Relations"} <= orgs
    doc = find_actors("Officials at the National Security Council Kurt Campell and Mira Rapp-Hooper attended.")
    assert "National Security Council" in {a.name for a in doc.actors}


def test_a_company_named_general_is_no_general_and_an_assistant_to_the_president_is_an_office():
    doc = find_actors("The largest exporter in Mexico is the U.S. car company General Motors. Special Presidential "
                      "Envoy for Climate John Kerry, Assistant to the President and Deputy National Security Advisor "
                      "Jon Finer attended. General Valery Gerasimov said so.")
    assert "General Motors" in {a.name for a in doc.actors if a.actor_type == "organization"}
    ps = people(doc)
    assert "Motors" not in ps and "Assistant" not in ps and ps["Valery Gerasimov"].role == "General"


def test_a_surname_spelt_without_its_diacritics_is_the_same_person():
    text = ("Slovak Prime Minister Róbert Fico received Icelandic President Halla Tómasdóttir in Bratislava. "
            "Later Fico said that Tomasdottir had accepted an invitation.")
    doc = find_actors(text)
    assert set(people(doc)) == {"Róbert Fico", "Halla Tómasdóttir"}
    assert doc.resolve("Tomasdottir", text.index("Tomasdottir had")).name == "Halla Tómasdóttir"


def test_one_person_holding_two_offices_keeps_the_country_before_them():
    doc = find_actors("Mongolia’s Deputy Prime Minister and Foreign Minister Batmunkh Battsetseg arrived in Vientiane.")
    assert people(doc)["Batmunkh Battsetseg"].country_code == "MNG"
    # two people, each with an office: the first one's country is not the second one's
    doc = find_actors("Kenyan President William Ruto and Foreign Minister Musalia Mudavadi arrived in Vientiane.")
    assert people(doc)["William Ruto"].country_code == "KEN"
    assert people(doc)["Musalia Mudavadi"].country_code is None


def test_a_bare_full_name_no_office_or_verb_marks_is_a_person_by_the_recogniser():
    # names in apposition to a plural office, and a name opening a clause after a fronted phrase
    doc = find_actors("The former foreign ministers of Chile and Kenya, Isidora Quilapán and Wanjiru Odhiambo, "
                      "who drafted the fisheries accord in 2011, have urged Santiago to honour it. "
                      "At a luncheon with Ghana's finance minister, Theodora Asamoah-Mensah praised the deal. "
                      "Later, Quilapán left for Valparaíso.")
    ps = people(doc)
    assert {"Isidora Quilapán", "Wanjiru Odhiambo", "Theodora Asamoah-Mensah"} <= set(ps)
    # the bare surname later is the same person, resolved to the fullest name
    later = doc.text.index("Quilapán left")
    assert doc.mention_at(later).actor.name == "Isidora Quilapán"


def test_capitalised_common_words_are_no_person_even_where_the_recogniser_runs():
    doc = find_actors("Delegates gathered for the Regional Energy Summit in Nairobi, where energy ministers "
                      "discussed a new summit format. Hydro Power Week opens on Monday.")
    assert not people(doc)
