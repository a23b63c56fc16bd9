"""The scorer's matching rules, and a regression guard on the seeds' answer key."""
from __future__ import annotations

from conftest import SEED_GOLD
from orchestration.evaluation import evaluate, figure_match, meeting_match, names_agree, quotes_agree, statement_match

# The targets (meetings 0.90, direct 0.92, indirect 0.75, figures 0.95), raised to what the seeds
# reached when this guard was last moved; a change that lowers one fails. Indirect stands at 0.65:
# the seeds' key leaves out reported speech the dev key requires of the same construction
# ("Beijing publicly denied that the exercises were aimed at the summit", "Putin stated the
# Harbin institute ... will ...", "Li said China was ready to ..."), and the parse's reader of
# reported speech finds them; they count as false here and right on dev. Meetings stand at the
# 0.90 target since a visited country stopped being a party beside a person of that country ("X
# visited Ruritania and met its president" is X and the president): fit rose 0.712 -> 0.730 and
# test 0.780 -> 0.837 with it, and one seed meeting is lost. Indirect moved to 0.60 when stance verbs
# with an object and no clause became reports ("reaffirmed its support for ...", "expressed regret
# over ..."): the blind annotators' keys require them (fit indirect 0.719 -> 0.730, sealed 0.724 ->
# 0.728), the seeds' key leaves them out (seeds 0.696 -> 0.615).
SEED_FLOOR = {"meetings": 0.90, "direct": 0.95, "indirect": 0.60, "figures": 0.95}


def test_names_agree_on_a_shared_name_word_not_on_titles():
    assert names_agree("Vladimir Putin", "Putin")
    assert names_agree("Sergey Lavrov", "Russian Foreign Minister Sergey Lavrov")
    assert not names_agree("Chinese President Xi Jinping", "Chinese President Hu Jintao")
    assert names_agree("the security council", "Security Council")


def test_quotes_share_most_words_both_ways():
    gold = "are being used by the West to discredit China."
    assert quotes_agree(gold, "“are being used by the West to discredit China”")
    assert not quotes_agree(gold, "Taiwan, the western Xinjiang region and Hong Kong, which he said are being used")


def test_match_functions():
    assert meeting_match({"participants": ["Nikolai Patrushev", "Wang Yi"]},
                         {"participants": ["Nikolai Patrushev", "Wang Yi", "Sergey Lavrov"]}) == 1.0
    assert meeting_match({"participants": ["Nikolai Patrushev", "Wang Yi"]},
                         {"participants": ["Wang Yi", "Sergey Lavrov"]}) == 0.0
    assert statement_match({"kind": "direct", "quote": "substantive talks", "speaker": "Vladimir Putin"},
                           {"kind": "direct", "quote": "substantive talks", "speaker": "Putin"}) == 1.0
    assert figure_match({"value": 240e9, "unit": "USD"}, {"value": 240.5e9, "unit": "usd"}) == 1.0
    assert figure_match({"value": 90, "unit": "percent"}, {"value": 90, "unit": "USD"}) == 0.0


def test_seed_scores_hold(seeds_build):
    report = evaluate(seeds_build, SEED_GOLD)
    scores = {kind: round(s.f1, 3) for kind, s in report.kinds.items()}
    for kind, floor in SEED_FLOOR.items():
        assert scores[kind] >= floor, f"{kind} F1 fell to {scores[kind]} (floor {floor}): {scores}"
