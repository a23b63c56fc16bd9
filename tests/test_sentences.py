"""Sentence splitting on real news sentences and on the traps of news prose."""
from pathlib import Path

from orchestration.extract.sentences import paragraphs, sentence_at, split_sentences

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_titles_and_abbreviations_do_not_end_sentences():
    text = ("Putin and Russian Defense Minister Sergei Shoigu met with Gen. Li Shangfu less than a month "
            "after Chinese leader Xi Jinping held a three-day state visit to Moscow. Mr. Xi left.")
    assert sents(text) == [
        "Putin and Russian Defense Minister Sergei Shoigu met with Gen. Li Shangfu less than a month "
        "after Chinese leader Xi Jinping held a three-day state visit to Moscow.",
        "Mr. Xi left.",
    ]


def test_dotted_acronyms_and_initials_stay_inside():
    text = ("He began his talks with U.S. President Joe Biden's adviser. Serbian president Aleksandar Vucic "
            "and Prime Minister L. Oyun-Erdene, of Mongolia, are expected on Dec. 30 in St. Petersburg.")
    out = sents(text)
    assert len(out) == 2
    assert out[1].startswith("Serbian president")


def test_acronym_at_sentence_end_before_a_new_sentence():
    out = sents("Weapons came late from the U.S. The war is at a critical point.")
    assert out == ["Weapons came late from the U.S.", "The war is at a critical point."]


def test_closing_quote_stays_with_its_sentence():
    text = "“This will demonstrate the strength of our ties.” The Chinese leader smiled. “Yes,” he said."
    assert sents(text) == ["“This will demonstrate the strength of our ties.”", "The Chinese leader smiled.",
                           "“Yes,” he said."]


def test_quote_attribution_after_comma_is_one_sentence():
    text = "“They have indeed become unprecedented,” he said. Putin highlighted ties."
    assert sents(text)[0] == "“They have indeed become unprecedented,” he said."


def test_glued_sentences_from_broken_scraping():
    text = ('rose to 17.5% in 2020, Zhang Hanhui told news agency Interfax."These changes show the yuan\'s '
            'advantage," the ambassador said.Zhang highlighted that settlements grew.')
    out = sents(text)
    assert out[0].endswith("Interfax.")
    assert out[1].startswith('"These changes')
    assert out[2].startswith("Zhang highlighted")
    assert "17.5%" in out[0]


def test_paragraph_break_always_ends_a_sentence():
    text = "Putin meets with China's defense minister in Moscow\n\nMOSCOW\n\nRussian President Vladimir Putin met Li."
    assert sents(text) == ["Putin meets with China's defense minister in Moscow", "MOSCOW",
                           "Russian President Vladimir Putin met Li."]


def test_offsets_point_into_the_text_and_helpers():
    text = (RAW / "000_84a7454bba45616f.txt").read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert all(text[s:e] == text[s:e].strip() and e > s for s, e in spans)
    target = [t for t in (text[s:e] for s, e in spans) if t.startswith("Nikolai Patrushev, the secretary")]
    assert len(target) == 1 and target[0].endswith("comprehensive partnership and strategic cooperation.”")
    pos = text.index("Patrushev said")
    s, e = spans[sentence_at(spans, pos)]
    assert s <= pos < e
    assert len(paragraphs(text)) >= 10


def test_ellipsis_inside_a_quote_does_not_split_before_lower_case():
    out = sents("An “emerging multipolar world … is now taking shape before our eyes.” Putin left.")
    assert len(out) == 2
