"""Statement extraction: quotation styles, attribution patterns, reported speech."""
from datetime import date
from pathlib import Path

from orchestration.extract.actors import find_actors
from orchestration.extract.statements import extract_statements, find_quotes

RAW = Path(__file__).resolve().parents[1] / "raw"


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
