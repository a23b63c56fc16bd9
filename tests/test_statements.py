"""Statement extraction: quotation styles, attribution patterns, reported speech."""
from datetime import date
from pathlib import Path

from conftest import seed_text
from orchestration.extract.actors import find_actors
from orchestration.extract.statements import extract_statements, find_quotes

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"


def run(text, published=None):
    return extract_statements(text, find_actors(text), published)


def direct(sts):
    return [(s.speaker.name if s.speaker else None, s.quote_text) for s in sts if s.kind == "direct"]


def indirect(sts):
    return [(s.speaker.name if s.speaker else None, s.quote_text) for s in sts if s.kind == "indirect"]


def test_quote_styles():
    text = ('Russian President Vladimir Putin spoke. "Straight quotes work here too," Putin said. '
            '«Guillemets are also quotation marks,» he added. „Low nine marks open this one,“ he said.')
    got = direct(run(text))
    assert got == [("Vladimir Putin", "Straight quotes work here too,"),
                   ("Vladimir Putin", "Guillemets are also quotation marks,"),
                   ("Vladimir Putin", "Low nine marks open this one,")]


def test_apostrophes_inside_quotes_and_unbalanced_marks():
    text = ("Taiwan’s Foreign Minister Joseph Wu spoke. “The partnership helps our countries’ economic growth "
            "and ensures energy security,” Wu said.\n\n”What they’ve in common is a need to challenge the rules,” "
            "and to challenge alliances, Wu said.")
    got = direct(run(text))
    assert ("Joseph Wu", "The partnership helps our countries’ economic growth and ensures energy security,") in got
    assert any(q.startswith("What they’ve in common") for _, q in got)


def test_speaker_after_before_and_verb_first():
    text = ("“Even if China compromises on a range of issues, it is unlikely to change,” said Hoo Tiang Boon, "
            "who researches Chinese foreign policy. Nikolai Patrushev, the secretary of Russia's Security Council, "
            "told Chinese Foreign Minister Wang Yi that Moscow “seeks progressive development of the relations.”")
    got = direct(run(text))
    assert got[0][0] == "Hoo Tiang Boon"
    assert got[1] == ("Nikolai Patrushev", "seeks progressive development of the relations.")


def test_continuation_quote_and_description_speaker():
    text = ("Russian President Vladimir Putin met Chinese President Xi Jinping.\n\n"
            "“We are expecting you next spring on a state visit to Moscow,” the Russian leader told Xi. "
            "“This will demonstrate to the whole world the strength of our ties.”\n\n"
            "“Under your strong leadership, Russia has made great strides,” the Chinese president said.")
    got = direct(run(text))
    assert [g[0] for g in got] == ["Vladimir Putin", "Vladimir Putin", "Xi Jinping"]


def test_quote_split_by_reporting_clause_is_one_statement():
    text = ("Putin met Xi Jinping in Beijing.\n\n“Relations are developing,” Putin said, “and we are glad to "
            "see such progress in every field.”")
    got = direct(run(text))
    assert len(got) == 1 and got[0][1].startswith("Relations are developing,") and "every field" in got[0][1]


def test_scare_quotes_are_not_statements():
    text = ("Beijing declared that it had a “no-limits” friendship with Russia, and Patrushev reaffirmed "
            "Russia's “invariable” support, calling the talks “very substantive”.")
    assert direct(run(text)) == []


def test_outlet_is_cited_by_not_speaker():
    text = ("Russian Prime Minister Mikhail Mishustin spoke in Moscow. “Western countries are trying to maintain "
            "their global dominance,” Mishustin said, cited by the TASS news agency.")
    sts = [s for s in run(text) if s.kind == "direct"]
    assert sts[0].speaker.name == "Mikhail Mishustin"
    assert sts[0].cited_by == "TASS"


def test_organisation_speaker_and_according_to():
    text = ("Russian Security Council secretary Nikolai Patrushev met Yang Jiechi. "
            "\"The development of a strategic partnership with China is an unconditional priority,\" the security "
            "council said. The two “exchanged views on international and regional issues,” according to a Chinese "
            "Defense Ministry statement.")
    got = direct(run(text))
    assert got[0][0] == "Russian Security Council"
    assert got[1][0] == "Chinese Defense Ministry"


def test_colon_introduced_quote_and_transcript():
    text = ("Excerpts from the transcript:\n\nMikhail Mishustin: Welcome to the Government House of the Russian "
            "Federation.\n\nI am delighted to see you again in Moscow after our talks.\n\n"
            "Later, Defense Minister Sergei Shoigu said: “I am convinced that your experience will help.”")
    got = direct(run(text))
    assert ("Mikhail Mishustin", "Welcome to the Government House of the Russian Federation.") in got
    assert ("Mikhail Mishustin", "I am delighted to see you again in Moscow after our talks.") in got
    assert ("Sergei Shoigu", "I am convinced that your experience will help.") in got


def test_reported_speech_patterns():
    text = ("Russian President Vladimir Putin said on Friday he was expecting Chinese President Xi Jinping to "
            "visit Moscow in 2023. Xi told Putin that China was ready to build up strategic cooperation with "
            "Russia. China and Russia should ramp up energy cooperation, the Chinese leader said. "
            "According to Poroshin, these banks have notified Russian clients that they will stop payments. "
            "Putin and Xi were expected to have lunch together on Friday, according to the Kremlin.")
    got = indirect(run(text))
    assert ("Vladimir Putin", "he was expecting Chinese President Xi Jinping to visit Moscow in 2023") in got
    assert ("Xi Jinping", "China was ready to build up strategic cooperation with Russia") in got
    assert ("Xi Jinping", "China and Russia should ramp up energy cooperation") in got
    assert ("Poroshin", "these banks have notified Russian clients that they will stop payments") in got
    assert ("Kremlin", "Putin and Xi were expected to have lunch together on Friday") in got


def test_reported_speech_participles_and_objects():
    text = ("While sitting with Wang Yi, Russian President Vladimir Putin said that China's Xi Jinping would "
            "visit Russia, saying relations had reached new frontiers amid concerns in Washington. "
            "Chinese President Xi Jinping also underscored the growing depth of mutual political trust.")
    got = indirect(run(text))
    assert ("Vladimir Putin", "China's Xi Jinping would visit Russia") in got
    assert ("Vladimir Putin", "relations had reached new frontiers") in got
    assert ("Xi Jinping", "the growing depth of mutual political trust") in got


def test_no_reported_speech_from_non_speech_that():
    text = ("Chinese President Xi Jinping recently emphasized that close relationship in a message. "
            "The meeting was held in Beijing, and the two sides signed 15 agreements.")
    assert indirect(run(text)) == []


def test_real_seed_article():
    text = (RAW / "001_1733c6f7cdd7144f.txt").read_text(encoding="utf-8")
    sts = run(text)
    d = direct(sts)
    assert ("Mikhail Mishustin", "That is why it is important to concentrate efforts on protecting our common "
            "interests, building a multipolar world order and strengthening coordination on international "
            "platforms,") in d
    assert any(sp == "Li Qiang" and q.startswith("Against the backdrop") for sp, q in d)
    assert any(sp == "Xi Jinping" and q.startswith("China is willing to") for sp, q in d)
    assert any(sp == "Mikhail Mishustin" and q.startswith("Russia will join China") for sp, q in indirect(sts))
    # the statement offsets point at the words
    for s in sts:
        if s.kind == "direct":
            assert text[s.char_start:s.char_end].startswith(s.quote_text[:20])


def test_reader_comments_and_captions_give_nothing():
    text = (RAW / "004_72a596977695a507.txt").read_text(encoding="utf-8")
    sts = run(text)
    assert not any("arms from China" in s.quote_text for s in sts)
    assert not any("Orthodox Easter" in s.quote_text for s in sts)


def test_statement_date_from_its_sentence():
    text = "Russian President Vladimir Putin said on Monday that relations with China were at their best."
    sts = run(text, date(2024, 5, 17))
    assert sts and sts[0].statement_date == date(2024, 5, 13)


def test_find_quotes_runs_unclosed_quote_to_paragraph_end():
    text = "He said: “I am convinced that your experience w\n\nNext paragraph."
    q = find_quotes(text)
    assert len(q) == 1 and text[q[0][0]:q[0][1]] == "I am convinced that your experience w" and not q[0][2]


def test_empty_and_off_topic_text():
    assert run("") == []
    assert run("The recipe calls for two eggs and a cup of flour. Bake for 20 minutes.") == []


# --- generalisation: patterns seen in articles about other countries -------------------------------


def test_noun_phrase_and_view_reports():
    text = ("Chilean President Ines Duarte met Argentine President Tomas Vale in Santiago. "
            "During a news conference, President Duarte disclosed that President Vale had agreed to restrict "
            "exports of the chemicals. Duarte expressed her view that the plan holds real promise. "
            "In his closing statement, Vale also renewed the bloc’s commitment to work for an early "
            "conclusion of the code of conduct. Further, Duarte outlined that partners should be grateful "
            "for the new transit route.")
    got = indirect(run(text))
    assert ("Ines Duarte", "President Vale had agreed to restrict exports of the chemicals") in got
    assert ("Ines Duarte", "the plan holds real promise") in got
    assert ("Tomas Vale", "the bloc’s commitment to work for an early conclusion of the code of conduct") in got
    assert ("Ines Duarte", "partners should be grateful for the new transit route") in got


def test_called_the_summit_a_predicate():
    text = ("Japanese Prime Minister Kenji Sato called the summit a “big step” toward rebuilding security "
            "and economic ties with Seoul.")
    got = indirect(run(text))
    assert got == [("Kenji Sato", "the summit a “big step” toward rebuilding security and economic ties with Seoul")]


def test_according_to_a_source_of_what_someone_stressed():
    # the clause reports what the president stressed: the president speaks, the White House is only the source
    text = ("President Tomas Vale of Argentina met the US president. On trade, the most volatile issue in the "
            "relationship, Vale stressed the need for an eventual resolution, according to the White House.")
    got = indirect(run(text))
    assert got == [("Tomas Vale", "the need for an eventual resolution")]


def test_unnamed_common_noun_subject_is_not_an_earlier_actor():
    text = ("President Tomas Vale recently removed his defense minister, but the official said that when a "
            "replacement is announced, that person will meet with the Pentagon chief.")
    assert indirect(run(text)) == []


def test_passive_report_is_no_statement_and_capital_speaks():
    text = ("India has been criticised by the West, which introduced sanctions against Moscow for the war. "
            "But New Delhi has said that Moscow is a trusted friend and the deal is in the national interest.")
    got = indirect(run(text))
    assert got == [("New Delhi", "Moscow is a trusted friend and the deal is in the national interest")]


def test_government_stressed_a_clause():
    text = ("Washington has provided Taipei with military support, but the U.S. has stressed it does not "
            "support Taiwan independence.")
    got = indirect(run(text))
    assert got == [("U.S.", "it does not support Taiwan independence")]


def test_joint_statement_by_several_parties_speaks():
    text = ("Armenia and Azerbaijan have agreed to reopen their border crossings, according to a joint statement "
            "by Washington, Yerevan and Baku on Friday.\n\nAccording to the announcement, delegations from "
            "both countries held talks in Washington from Monday to Friday.")
    got = indirect(run(text))
    name = "joint statement by Washington, Yerevan and Baku"
    assert (name, "Armenia and Azerbaijan have agreed to reopen their border crossings") in got
    assert (name, "delegations from both countries held talks in Washington from Monday to Friday") in got
    assert not any(sp in ("United States", "Washington", "Armenia") for sp, _ in got)


def test_two_coordinated_speakers_are_not_one_of_them():
    text = ("Japanese Prime Minister Kenji Sato and South Korean President Lena Park both stressed the "
            "importance of improving relations as they opened the summit.")
    assert indirect(run(text)) == []


def test_second_report_verb_ends_the_first_clause():
    text = ("Indian Prime Minister Ravi Mehta described the pact as “a blueprint for our shared prosperity,” "
            "and emphasized expanded access for Indian exports, including jewelry, garments, and seafood.")
    sts = run(text)
    assert indirect(sts) == [("Ravi Mehta", "expanded access for Indian exports, including jewelry, garments, "
                                            "and seafood")]
    assert direct(sts) == [("Ravi Mehta", "a blueprint for our shared prosperity,")]


def test_partial_quotation_inside_reported_clause():
    text = ("Brazil's finance minister Paulo Rocha said that his country was planning a “leap forward in the "
            "quality of our relationship” with China, adding that he regretted “some American companies made "
            "the decision to leave Brazil” recently.")
    sts = run(text)
    got = indirect(sts)
    assert ("Paulo Rocha", "his country was planning a “leap forward in the quality of our relationship” "
                           "with China") in got
    assert ("Paulo Rocha", "he regretted “some American companies made the decision to leave Brazil” recently") in got
    assert ("Paulo Rocha", "leap forward in the quality of our relationship") in direct(sts)


def test_quote_with_lost_opening_mark_and_following_reports():
    text = ("Russian President Pavel Orlov met Turkish President Kemal Aydin in Sochi.\n\n"
            "Further, President Orlov outlined that partners should be grateful to Turkey for the transit. "
            "He claimed that the pipeline is one of the most crucial routes to Europe. I mean not only deliveries "
            "for consumers in Turkey, but also for consumers in Europe. So I think partners should be grateful,\" "
            "Orlov stated, adding that Russia also exports a large amount of coal to Turkey. According to him, "
            "an agreement on trade might also be signed.")
    sts = run(text)
    d = direct(sts)
    assert len(d) == 1 and d[0][0] == "Pavel Orlov" and d[0][1].startswith("I mean not only deliveries")
    got = indirect(sts)
    assert ("Pavel Orlov", "partners should be grateful to Turkey for the transit") in got
    assert ("Pavel Orlov", "Russia also exports a large amount of coal to Turkey") in got
    assert ("Pavel Orlov", "an agreement on trade might also be signed") in got


def test_he_said_continues_the_previous_paragraphs_speaker():
    # "he" after a quotation is the one whose words the paragraph before reported, not the person named most
    # often before it
    text = ("Indonesian President Adi Santoso opened the summit. “We welcomed efforts to strengthen cooperation,” "
            "Santoso said.\n\n"
            "In his intervention at the summit on Thursday morning, President Ramon Cruz Jr. said all stakeholders "
            "“must ensure that the sea does not become a nexus for armed conflict.”\n\n"
            "“We must avoid the ascendance of might and the aggressive revision of the order,” he said.")
    d = direct(run(text))
    assert [sp for sp, q in d if q.startswith("We must avoid")] == [d[1][0]]
    assert d[1][0].startswith("Ramon Cruz")


def test_head_of_an_institution_after_a_participle_clause():
    text = ("European Commission President Clara Weiss spoke in Brussels on Tuesday. Explaining why the EU has "
            "targeted the energy sector, the Commission chief said oil exports still represent one third of "
            "government revenues.")
    got = indirect(run(text))
    assert ("Clara Weiss", "oil exports still represent one third of government revenues") in got


def test_article_cut_off_inside_the_reporting_clause():
    text = ("The United States said it supported the meeting.\n\n“The United States will continue to support both "
            "allies as they turn this new understanding into lasting progress,” White House spokesman Tom Reed sai")
    d = direct(run(text))
    assert d and d[0][0] == "Tom Reed"


def test_possessor_is_not_the_speaker():
    text = ("Russian President Pavel Orlov will hold a telephone call this week. They will discuss the situation "
            "in the region, the Russian president's aide said.")
    assert not any(sp == "Pavel Orlov" for sp, _ in indirect(run(text)))


def test_a_prepositional_phrase_between_verb_and_that_is_not_the_statement():
    text = ("NATO Secretary General Jens Stoltenberg stated during the NATO summit in Washington that China "
            "played a crucial role in enabling the war.")
    assert indirect(run(text)) == [("Jens Stoltenberg", "China played a crucial role in enabling the war")]


def test_the_members_of_a_body_are_not_the_body_speaking():
    text = ("In July, 32 NATO members also stated during the NATO summit in Washington that China played a "
            "crucial role in enabling the war. In a joint statement, the 32 NATO member states urged Beijing to "
            "cease its support for the invasion. NATO said on Friday that the alliance would respond.")
    assert indirect(run(text)) == [("NATO", "the alliance would respond")]


def test_an_office_held_abroad_is_part_of_the_speakers_description():
    text = ("In an interview with Nouvelles d'Europe, Chinese Ambassador to France Lu Shaye noted that the visit "
            "sent “a positive signal to the outside world that the two countries are cooperating closely.”")
    assert direct(run(text)) == [
        ("Lu Shaye", "a positive signal to the outside world that the two countries are cooperating closely.")]


def test_reported_speech_forms_seen_beyond_the_dev_set():
    text = ("That was a bridge too far for US President Donald Trump, who said Kim offered to take some steps "
            "toward dismantling his nuclear arsenal. Mexico has been warning that a tariff war between the two "
            "countries would have huge effects for consumers. Mexican President Claudia Sheinbaum spoke later. "
            "In her social media message, she informed that they reached a series of agreements on the border. "
            "Indian Prime Minister Narendra Modi spoke. He affirmed India’s commitment to offering all possible "
            "assistance to resolve the conflict. This is a transformative deal that will bring great benefits for "
            "the two countries, Trump said, hoping that this will even lead to a peaceful world.")
    assert indirect(run(text)) == [
        ("Donald Trump", "Kim offered to take some steps toward dismantling his nuclear arsenal"),
        ("Mexico", "a tariff war between the two countries would have huge effects for consumers"),
        ("Claudia Sheinbaum", "they reached a series of agreements on the border"),
        ("Narendra Modi", "India’s commitment to offering all possible assistance to resolve the conflict"),
        ("Donald Trump", "This is a transformative deal that will bring great benefits for the two countries")]


def test_a_second_verb_of_the_main_clause_ends_the_reported_clause():
    text = ("US President Donald Trump spoke on Wednesday. The two countries are making progress, the US President "
            "said, adding that he would soon visit China and thanked his Chinese counterpart for this deal.")
    assert ("Donald Trump", "he would soon visit China") in indirect(run(text))


def test_stressing_the_importance_of_a_topic_says_nothing_of_it():
    text = ("At the trade exhibition in Harbin, Russian President Vladimir Putin emphasized the importance of "
            "Russia-China cooperation in jointly developing new technologies. Putin stressed the need for "
            "closer coordination between the two countries' central banks.")
    assert indirect(run(text)) == [
        ("Vladimir Putin", "the need for closer coordination between the two countries' central banks")]


def test_the_ministry_that_speaks_is_the_ministry_named_not_a_body_in_its_quote():
    text = ("India signed a deal to buy 26 Rafale marine jets, the Defence Ministry announced on Monday.\n\n"
            "\"The induction would lead to a significant enhancement of the Indian Navy's air power at sea,\" the "
            "ministry said in a statement.")
    assert direct(run(text)) == [("Defence Ministry", "The induction would lead to a significant enhancement of "
                                                      "the Indian Navy's air power at sea,")]


def test_an_apposition_names_the_speaker_and_a_wrong_closing_mark_still_closes():
    text = ("The European Union’s High Representative for Foreign Affairs, Josep Fontelles, said that the visit "
            "represents Hungary exclusively. “Positions on Russia’s war exclude official contacts between the "
            "European Union and President Putin“, he said on X.")
    assert indirect(run(text)) == [("Josep Fontelles", "the visit represents Hungary exclusively")]
    assert direct(run(text)) == [("Josep Fontelles", "Positions on Russia’s war exclude official contacts between "
                                                     "the European Union and President Putin")]


def test_a_surname_with_particles_speaks_and_the_next_quotation_continues_it():
    text = ("According to von der Leyen, the reasons for the deficit are the difficult market access for EU "
            "companies in China. Europe likes competition, said von der Leyen. “But competition must also be "
            "fair.”")
    sts = run(text)
    assert indirect(sts) == [
        ("von der Leyen", "the reasons for the deficit are the difficult market access for EU companies in China"),
        ("von der Leyen", "Europe likes competition")]
    assert direct(sts) == [("von der Leyen", "But competition must also be fair.")]


def test_a_date_inside_the_words_is_not_when_they_were_said():
    text = ("South African President Cyril Ramaphosa said on Thursday that the membership of these countries will "
            "take effect from January 1, 2024. Chinese President Xi Jinping on Thursday vowed to deepen "
            "cooperation with the continent as he addressed the largest summit in Beijing since the pandemic.")
    sts = run(text, date(2023, 8, 25))
    assert [(s.quote_text, s.statement_date) for s in sts if s.kind == "indirect"] == [
        ("the membership of these countries will take effect from January 1, 2024", date(2023, 8, 24)),
        ("vowed to deepen cooperation with the continent", date(2023, 8, 24))]


def test_a_new_sentence_after_a_closed_quotation_reports_other_words():
    text = ('Azerbaijani President Ilham Aliyev called the declaration a step toward "a bright and secure future" '
            'and "turning the page on confrontation and bloodshed." Armenian Prime Minister Nikol Pashinyan said '
            'the document opens "a new chapter of peace and prosperity."')
    assert direct(run(text)) == [
        ("Ilham Aliyev", "a bright and secure future"),
        ("Ilham Aliyev", "turning the page on confrontation and bloodshed."),
        ("Nikol Pashinyan", "a new chapter of peace and prosperity.")]


def test_a_quotation_inside_an_according_to_sentence_is_the_sources():
    text = ("US President Donald Trump hosted the leaders at the White House on Friday. According to Trump, the "
            "corridor will connect Azerbaijan with its exclave \"while fully respecting the sovereignty of "
            "Armenia.\"")
    assert direct(run(text)) == [("Donald Trump", "while fully respecting the sovereignty of Armenia.")]


def test_words_described_by_someone_are_theirs_not_the_last_person_named():
    text = ("Armenian Prime Minister Nikol Pashinian spoke. The leaders signed a joint declaration described by the "
            "White House as a \"path to peace, stability and prosperity for the whole region.\"")
    assert direct(run(text)) == [("White House", "path to peace, stability and prosperity for the whole region.")]


def test_a_second_speaker_after_while_reports_on_his_own():
    sts = run("Hungarian Prime Minister Viktor Orban met Russian President Vladimir Putin. Orban called for an end "
              "to the war, while Putin said he did not agree with a temporary ceasefire.")
    assert ("Viktor Orban", "called for an end to the war") in indirect(sts)
    assert ("Vladimir Putin", "he did not agree with a temporary ceasefire") in indirect(sts)


def test_what_was_said_before_he_said_with_is_the_report():
    sts = run("Chinese President Xi Jinping pledged funds for Africa. More than half of that would come in the "
              "form of credit, he said, with $11 billion in grants.")
    assert ("Xi Jinping", "More than half of that would come in the form of credit") in indirect(sts)
    assert not any(q.startswith("with") for _, q in indirect(sts))


def test_a_report_ending_with_a_bare_weekday_names_its_speaker():
    sts = run("US President Joe Biden will host his Kenyan counterpart William Ruto on May 23 for a state visit, "
              "the White House said Friday.")
    assert indirect(sts) == [("White House", "US President Joe Biden will host his Kenyan counterpart William Ruto "
                                             "on May 23 for a state visit")]


def test_an_apposition_after_according_to_is_not_what_was_said():
    sts = run("According to Sami al-Arian, director of the Center for Islam and Global Affairs at Istanbul Zaim "
              "University, Trump’s approach is heavily driven by economic incentives. “He wants trillions,” "
              "al-Arian said.")
    assert indirect(sts) == [("Sami al-Arian", "Trump’s approach is heavily driven by economic incentives")]


def test_a_speaker_before_a_participle_phrase_and_the_vice_president_speak():
    sts = run("Vice President JD Vance met Ukrainian President Volodymyr Zelenskyy. Vance, responding to "
              "Zelenskyy said, “It’s disrespectful for you to come to the Oval Office.” The vice president then "
              "accused him of being ungrateful, asking him, “Have you said thank you once this entire meeting?”")
    assert direct(sts) == [("JD Vance", "It’s disrespectful for you to come to the Oval Office."),
                           ("JD Vance", "Have you said thank you once this entire meeting?")]


def test_a_summit_between_two_leaders_is_the_subject_not_either_leader():
    sts = run("The Tokyo summit between South Korea’s Yoon Suk-yeol and Japan’s Fumio Kishida highlighted how "
              "the two allies have been brought closer by missile launches. Kishida said the talks went well.")
    assert indirect(sts) == [("Fumio Kishida", "the talks went well")]


def test_a_quotation_cut_off_mid_sentence_by_the_article_end_has_no_speaker():
    cut = run("Russia’s defense chief, Valery Gerasimov, described the drills as a response to “aggressive U.S. "
              "military build up” in the region.\n\n“Military and military-technical cooperation, which contributes "
              "to ensuring the security of our countries and maintaining stabili")
    assert direct(cut) == [("Valery Gerasimov", "aggressive U.S. military build up")]
    whole = run("China lifting sanctions was the first priority, Prime Minister Anthony Albanese said.\n\n"
                "“We have some AU$20 billion of economic sanctions against Australia.")
    assert direct(whole) == [("Anthony Albanese", "We have some AU$20 billion of economic sanctions against "
                                                  "Australia.")]


def test_words_quoted_after_according_to_an_outlet_are_the_inner_speakers():
    sts = run("Mexican President Claudia Sheinbaum spoke with Trump.\n\nAccording to Infobae, Sheinbaum emphasized "
              "the power of dialogue: “If you remember, that was what I proposed, always dialogue.”")
    assert direct(sts) == [("Claudia Sheinbaum", "If you remember, that was what I proposed, always dialogue.")]
    (s,) = [x for x in sts if x.kind == "direct"]
    assert s.cited_by == "Infobae"


def test_said_in_his_opening_remarks_that_reports_the_clause_after_that():
    sts = run("Indian Prime Minister Narendra Modi met Xi. Modi said in his opening remarks that ties with China "
              "have moved in a meaningful direction.")
    assert indirect(sts) == [("Narendra Modi", "ties with China have moved in a meaningful direction")]


def test_an_epithet_in_quotes_is_no_ones_words_and_a_reported_pledge_is_the_pledgers():
    sts = run("French President Emmanuel Macron visited Canton. Companies such as Airbus, EDF, Alstom and Veolia "
              "have economic interests in the region, considered the “factory of the world”.")
    assert direct(sts) == []
    sts = run("US President Donald Trump met North Korean leader Kim Jong Un in Hanoi. The president also said that "
              "Kim had pledged that “testing will not start” of rockets or missiles.")
    assert direct(sts) == [("Kim Jong Un", "testing will not start")]


def test_a_new_subject_reporting_after_a_quotation_is_a_report_of_its_own():
    sts = run("While US President Donald Trump and his officials had insisted the talks would be “direct” and "
              "“in the same room”, Tehran had stressed that the negotiations would be indirect.")
    assert direct(sts) == [("Donald Trump", "in the same room")]
    assert [(q) for _, q in indirect(sts)] == ["the negotiations would be indirect"]


def test_warned_someone_against_something_and_made_it_clear_are_reports():
    text = ("Following the announcement, US Treasury Secretary Scott Bessent warned China against retaliating. "
            "Mexican President Claudia Sheinbaum spoke with Donald Trump on Monday. Sheinbaum made it clear that "
            "it was she who asked Trump for the pause.")
    got = indirect(run(text))
    assert ("Scott Bessent", "China against retaliating") in got
    assert ("Claudia Sheinbaum", "it was she who asked Trump for the pause") in got


def test_he_after_a_fronted_adverbial_subject_is_that_subject_not_the_earlier_leader():
    text = ("Russian President Vladimir Putin opened a two-day summit with African leaders in Saint Petersburg. "
            "However, US Secretary of State Antony Blinken took the opportunity to press African leaders "
            "attending the summit to demand answers about the grain disruptions. He called on the African leaders "
            "to hold Russia accountable for the situation.")
    got = indirect(run(text))
    assert ("Antony Blinken", "called on the African leaders to hold Russia accountable for the situation") in got


def test_a_trailing_attribution_may_name_a_hyphenated_venue_and_an_announcement_ends_before_its_day():
    text = ("Chinese President Xi Jinping opened the forum. China and Africa will implement 30 infrastructure "
            "connectivity projects, Xi said at the opening ceremony of the Forum on China-Africa Cooperation in "
            "Beijing. China announced a blanket ban on seafood and other aquatic products from Japan on Thursday "
            "as Tokyo began releasing treated radioactive water into the Pacific Ocean.")
    got = indirect(run(text))
    assert ("Xi Jinping", "China and Africa will implement 30 infrastructure connectivity projects") in got
    assert ("China", "a blanket ban on seafood and other aquatic products from Japan") in got


def test_the_head_of_an_institution_named_by_its_acronym_and_title_is_the_person_who_holds_it():
    text = ("The European Commission (EC) announced on Friday that EC President Ursula von der Leyen has reached a "
            "political agreement.\n\"This agreement is not just an economic opportunity; it is a political "
            "necessity,\" the EC president stated at a press conference in Montevideo.")
    assert ("Ursula von der Leyen", "This agreement is not just an economic opportunity; it is a political "
            "necessity,") in direct(run(text))


def test_a_recording_transcript_labels_each_turn_with_its_time_on_a_line_of_its_own():
    text = ("The assembly will hear an address by His Excellency Lazarus McCarthy Chakwera, President of the "
            "Republic of Malawi.\n\nLazarus McCarthy Chakwera (03:07):\n\nEvery member state of the United Nations "
            "relates to other nations in three dimensions, cooperation, competition, and conflict.\n\n(04:39)\n"
            "This is a call to stronger multilateral cooperation.")
    got = direct(run(text))
    assert got == [("Lazarus McCarthy Chakwera", "Every member state of the United Nations relates to other nations "
                    "in three dimensions, cooperation, competition, and conflict."),
                   ("Lazarus McCarthy Chakwera", "This is a call to stronger multilateral cooperation.")]


def test_words_quoted_inside_what_a_body_reported_are_the_bodys():
    text = ("US envoy Steve Witkoff held talks in Muscat. The White House stated that the discussions were "
            "“positive and constructive,” and reported that Witkoff had been authorized to \"resolve differences "
            "through dialogue and diplomacy.\"")
    assert ("White House", "resolve differences through dialogue and diplomacy.") in direct(run(text))


def test_remarks_an_outlet_reports_in_one_sentence_are_one_statement_it_cites():
    text = seed_text(1).split("\n")[0]  # the lead of the Mishustin sample
    assert text.endswith("state-run media reported.")
    sts = [s for s in run(text) if s.kind == "indirect"]
    assert len(sts) == 1 and sts[0].speaker.name == "Mikhail Mishustin"
    assert "saying that the duo should jointly defend" in sts[0].quote_text and sts[0].cited_by


def test_a_report_in_a_while_clause_ends_where_the_main_clause_begins():
    text = ("President Donald Trump met Kim Jong Un in Hanoi. While Trump has said he was not in a hurry to make a "
            "comprehensive pact with Kim, the president touted a “very strong partnership” with the North Korean "
            "leader.")
    assert ("Donald Trump", "he was not in a hurry to make a comprehensive pact with Kim") in indirect(run(text))


def test_a_broadcast_transcript_names_its_speakers_in_capitals_with_the_clock_and_office():
    text = ("Transcripts of the evening bulletin\n\n"
            "[19:02:11] MARISOL ECHEVERRÍA, MINISTER OF FOREIGN AFFAIRS OF PARAGUAY: We have agreed to reopen "
            "the river crossing at Encarnación before the harvest.\n\n"
            "Our engineers will inspect the bridge next week.\n\n"
            "[19:04:40] UNIDENTIFIED MALE: Thank you, minister, for your time tonight.\n\n"
            "More news: the fisheries board meets on Friday and the news desk will report on it.\n")
    said = direct(run(text))
    assert ("Marisol Echeverría", "We have agreed to reopen the river crossing at Encarnación before the "
            "harvest.") in said
    assert ("Marisol Echeverría", "Our engineers will inspect the bridge next week.") in said
    # a role in the recording is no speaker, and neither are common words in capitals
    assert {who for who, _ in said} == {"Marisol Echeverría"}


def test_a_label_in_capitals_with_the_office_run_into_the_name_after_a_line_announcing_remarks():
    text = ("The prime minister's remarks to the press, as released.\n\n"
            "PRIMEMINISTER VAKARUA: Thank you all for coming to Suva this morning.\n\n"
            "We will sign the fisheries accord with our neighbours in May.\n\n"
            "SUVA: Officials said the accord covers tuna stocks in three zones.\n")
    said = direct(run(text))
    assert said[:2] == [("Vakarua", "Thank you all for coming to Suva this morning."),
                        ("Vakarua", "We will sign the fisheries accord with our neighbours in May.")]
    assert all(who == "Vakarua" for who, _ in said)


def test_one_label_in_capitals_alone_makes_no_transcript():
    # a single capitalised name and colon in a news story is a heading, not a recording
    text = ("ODALYS FERREYRA: the minister who remade the port\n\n"
            "The port at Arica doubled its traffic last year.\n\n"
            "Ferreyra said the next phase would start in May.\n")
    assert direct(run(text)) == []


def test_a_quoted_title_in_capitals_with_its_little_joining_words_is_no_speech():
    text = ("Croatian President Ana Kovač and Fijian Prime Minister Tomasi Vakarua signed the "
            "“Declaration on Fisheries, Oceans and the Rights of Island Nations” on Monday. "
            "Kovač called it a step toward the “Blue Pacific Partnership for Shared Prosperity,” a plan first "
            "floated in 2019. “We are ready to work with every island nation,” Kovač said.")
    assert direct(run(text)) == [("Ana Kovač", "We are ready to work with every island nation,")]
