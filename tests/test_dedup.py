"""Cross-article deduplication: one row in fct_meetings per real meeting, however many articles report it."""
from __future__ import annotations

import duckdb
import pytest

from conftest import run_build

# its warehouse is built once, on one worker (session-scoped: a module-scoped fixture is torn
# down and built again whenever xdist runs another module's test between two of these)
pytestmark = pytest.mark.xdist_group("dedup_reports")


def _meetings(warehouse) -> dict[str, tuple]:
    """file name -> (meeting_id, meeting_type, status, meeting_date, source_count) of its meetings."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("""
            select d.file_name, m.meeting_id, m.meeting_type, m.status, cast(m.meeting_date as varchar),
                   m.source_count, b.evidence
            from marts.bridge_meeting_documents b
            join marts.fct_meetings m using (meeting_id)
            join marts.dim_documents d using (document_id)
            order by d.file_name, b.evidence""").fetchall()
    finally:
        con.close()
    out: dict[str, list[tuple]] = {}
    for r in rows:
        out.setdefault(r[0], []).append(r[1:])
    return out


def _one(ms: dict, file_name: str, words: str) -> tuple:
    hits = [m for m in ms.get(file_name, []) if words in m[-1]]
    assert len(hits) == 1, f"{file_name}: no single meeting reported by {words!r} in {ms.get(file_name)}"
    return hits[0]


def test_two_sample_articles_reporting_one_visit_give_one_meeting(seeds_build):
    ms = _meetings(seeds_build)
    files = sorted(ms)
    visit = _one(ms, files[1], "In May Putin visited China")
    talks = _one(ms, files[2], "Putin praised his talks with Xi")
    planned = _one(ms, files[0], "is set to hold")
    assert visit[0] == talks[0] and visit[-2] == 2
    assert planned[0] != visit[0]  # next month's planned talks are another meeting


ARTICLES = {
    # dated reports of three different Putin-Xi meetings
    "a_moscow.txt": " date 2023-03-21\nRussian President Vladimir Putin held informal talks with Chinese President "
                    "Xi Jinping in Moscow on Monday, the Kremlin said. The two leaders discussed trade, energy and the war "
                    "in Ukraine, according to the Kremlin.\n",
    "b_beijing.txt": " date 2023-10-19\nRussian President Vladimir Putin met Chinese President Xi Jinping in Beijing "
                     "on Wednesday for talks on trade and energy. The two leaders also discussed the Belt and Road "
                     "initiative, Chinese state media said.\n",
    "c_call.txt": " date 2023-12-31\nChinese President Xi Jinping and Russian President Vladimir Putin held a phone "
                  "call on Saturday, Chinese state media reported. The two leaders exchanged New Year greetings and "
                  "discussed trade and security cooperation.\n",
    # no published date: only the month and day the text names tell which meeting it is
    "d_undated.txt": "Chinese President Xi Jinping had an informal meeting with Russian President Vladimir Putin in "
                     "Moscow on Monday (March 20), the Kremlin said.\n",
    # no published date, a call: never the in-person meeting
    "e_undated_call.txt": "Chinese President Xi Jinping and Russian President Vladimir Putin spoke by phone, the "
                          "Kremlin said. The two leaders discussed trade and energy cooperation and the war "
                          "in Ukraine.\n",
    # two visits planned for the same year, to two capitals
    "f_to_moscow.txt": " date 2024-11-02\nRussian President Vladimir Putin invited Chinese President Xi Jinping to "
                       "pay a state visit to Moscow in 2025, as the two countries expand trade and energy ties.\n",
    "g_to_beijing.txt": " date 2024-11-03\nChinese President Xi Jinping invited Russian President Vladimir Putin to "
                        "visit Beijing in 2025, as the two countries expand trade and energy ties.\n",
    # the same visit to Russia, undated; and talks held in Moscow during some visit in 2025
    "h_undated_visit.txt": "Russian President Vladimir Putin invited Chinese President Xi Jinping to pay a state visit "
                           "to Russia, as the two countries expand trade and energy ties.\n",
    "i_talks.txt": " date 2025-05-09\nRussian President Vladimir Putin held talks with Chinese President Xi Jinping "
                   "in Moscow on Thursday on trade, energy and the war in Ukraine, the Kremlin said.\n",
}


@pytest.fixture(scope="session")
def reports_warehouse(tmp_path_factory):
    base = tmp_path_factory.mktemp("dedup")
    raw = base / "raw"
    raw.mkdir()
    for name, text in ARTICLES.items():
        (raw / name).write_text(text, encoding="utf-8")
    warehouse = base / "w.duckdb"
    run_build(raw, warehouse)
    return warehouse


@pytest.fixture(scope="session")
def reports_build(reports_warehouse):
    return _meetings(reports_warehouse)


def test_an_undated_report_joins_the_meeting_on_the_day_its_text_names(reports_build):
    ms = reports_build
    moscow = _one(ms, "a_moscow.txt", "Moscow")
    assert _one(ms, "d_undated.txt", "March 20")[0] == moscow[0]
    assert moscow[3] == "2023-03-20" and moscow[-2] == 2
    assert _one(ms, "b_beijing.txt", "Beijing")[0] != moscow[0]


def test_a_call_is_never_the_in_person_meeting(reports_build):
    ms = reports_build
    call = _one(ms, "e_undated_call.txt", "phone")
    assert call[1] == "call"
    assert call[0] not in {_one(ms, "a_moscow.txt", "Moscow")[0], _one(ms, "b_beijing.txt", "Beijing")[0]}


def test_visits_planned_for_one_year_to_two_capitals_are_two_meetings(reports_build):
    ms = reports_build
    to_moscow = _one(ms, "f_to_moscow.txt", "Moscow")
    to_beijing = _one(ms, "g_to_beijing.txt", "Beijing")
    assert to_moscow[3] == to_beijing[3] == "2025-01-01"
    assert to_moscow[0] != to_beijing[0]


def test_a_visit_reported_without_its_day_is_not_the_talks_held_during_it(reports_build):
    ms = reports_build
    visit = _one(ms, "f_to_moscow.txt", "Moscow")
    assert _one(ms, "i_talks.txt", "Moscow")[0] != visit[0]
    # the same visit reported with no date at all is that visit
    assert _one(ms, "h_undated_visit.txt", "Russia")[0] == visit[0]


def test_a_visit_lists_the_country_visited_among_its_participants(reports_warehouse, reports_build):
    visit = _one(reports_build, "f_to_moscow.txt", "Moscow")
    talks = _one(reports_build, "i_talks.txt", "Moscow")
    con = duckdb.connect(str(reports_warehouse), read_only=True)
    try:
        def names(mid):
            return {r[0] for r in con.execute(
                "select a.name from marts.bridge_meeting_participants p join marts.dim_actors a using (actor_id) "
                "where p.meeting_id = ?", [mid]).fetchall()}
        assert names(visit[0]) == {"Vladimir Putin", "Xi Jinping", "Russia"}
        assert names(talks[0]) == {"Vladimir Putin", "Xi Jinping"}
    finally:
        con.close()


def test_a_state_visit_one_sample_reports_as_a_welcome_at_the_kremlin_stays_a_visit(seeds_build):
    ms = _meetings(seeds_build)
    files = sorted(ms)
    welcome = _one(ms, files[2], "welcomed at the Kremlin")
    # the same sentence of the other sample also reports the defence minister's talks: a meeting of its own
    visit = [m for m in ms[files[4]] if "three-day state visit" in m[-1] and m[0] == welcome[0]]
    assert visit and welcome[1] == "visit"  # reported once each way: the wider kind
