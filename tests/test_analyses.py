"""Saved analyses: the `reporting` tables on the seeds, the catalog's SQL, `communique query`."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import jinja2
import pytest

from conftest import ROOT
from orchestration.serve import analyses
from orchestration.serve.analyses import AnalysisError, build_query, render, run

REPORTING = ROOT / "dbt_project" / "models" / "reporting"


@pytest.fixture(scope="module")
def con(seeds_build):
    con = duckdb.connect(str(seeds_build), read_only=True)
    yield con
    con.close()


def _rows(result: analyses.Result) -> list[dict]:
    return [dict(zip(result.columns, row)) for row in result.rows]


def test_every_reporting_table_is_published_and_documented(con):
    import yaml

    published = {r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = 'reporting'").fetchall()}
    documented = yaml.safe_load((REPORTING / "_reporting__models.yml").read_text())["models"]
    models = {p.stem for p in REPORTING.glob("rpt_*.sql")}
    assert {m["name"] for m in documented} == models
    views = {m for m in models if "materialized='view'" in (REPORTING / f"{m}.sql").read_text()}
    assert published == models - views
    for model in documented:
        assert model["description"].strip(), model["name"]
        assert all(c.get("description", "").strip() for c in model["columns"]), model["name"]
        if model["name"] in published:
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = 'reporting' "
                "and table_name = ? order by ordinal_position", [model["name"]]).fetchall()]
            assert cols == [c["name"] for c in model["columns"]], model["name"]
    for analysis in analyses.list_analyses():
        assert analysis.table.removeprefix("reporting.") in published, analysis.name


@pytest.mark.parametrize("name", list(analyses.ANALYSES))
def test_each_analysis_returns_its_columns_and_rows(con, name):
    params = {"pair": "CHN-RUS"} if name == "relationship_timeline" else {}
    result = run(con, name, **params)
    assert result.columns == list(analyses.ANALYSES[name].columns)
    assert result.rows, name
    limited = run(con, name, limit=2, **params)
    assert limited.rows == result.rows[:2]


def test_meetings_per_month_by_pair(con):
    rows = _rows(run(con, "meetings_per_month_by_pair"))
    chn_rus = [r for r in rows if r["pair"] == "CHN-RUS"]
    assert chn_rus and {r["country_a_name"] for r in chn_rus} == {"China"}
    assert {r["country_b_name"] for r in chn_rus} == {"Russia"}
    # The pair's rows add up to every meeting with a Chinese and a Russian participant.
    expected = con.execute("""
        select count(distinct p1.meeting_id)
        from marts.bridge_meeting_participants p1
        join marts.dim_actors a1 on a1.actor_id = p1.actor_id and a1.country_code = 'CHN'
        join marts.bridge_meeting_participants p2 on p2.meeting_id = p1.meeting_id
        join marts.dim_actors a2 on a2.actor_id = p2.actor_id and a2.country_code = 'RUS'
    """).fetchone()[0]
    assert sum(r["meetings"] for r in chn_rus) == expected > 0
    assert all(r["meetings"] == r["meetings_held"] + r["meetings_planned"] for r in rows)
    # The seeds date one Putin-Xi meeting and the Patrushev-Yang talks to September 2022.
    assert any(r["period_label"] == "2022-09" and r["meetings"] >= 2 for r in chn_rus)
    assert run(con, "meetings_per_month_by_pair", pair="rus-chn").rows == \
        [r for r in run(con, "meetings_per_month_by_pair").rows if r[0] == "CHN-RUS"]


def test_actor_network_edges(con):
    rows = _rows(run(con, "actor_network"))
    top = rows[0]
    assert {top["actor_a_name"], top["actor_b_name"]} == {"Vladimir Putin", "Xi Jinping"}
    assert top["meetings"] >= 2 and top["meetings"] == max(r["meetings"] for r in rows)
    assert all(r["actor_a_name"] <= r["actor_b_name"] for r in rows)
    assert all(r["first_meeting_date"] is None or r["first_meeting_date"] <= r["last_meeting_date"] for r in rows)
    shoigu = _rows(run(con, "actor_network", search="shoigu"))
    assert shoigu and all("Shoigu" in r["actor_a_name"] + r["actor_b_name"] for r in shoigu)
    pair = _rows(run(con, "actor_network", pair="CHN-RUS"))
    assert pair and all({r["actor_a_country"], r["actor_b_country"]} == {"CHN", "RUS"} for r in pair)


def test_statements_by_speaker_counts_every_statement(con):
    rows = _rows(run(con, "statements_by_speaker"))
    total = con.execute("select count(*) from marts.fct_statements").fetchone()[0]
    assert sum(r["statements"] for r in rows) == total
    putin = [r for r in rows if r["speaker_name"] == "Vladimir Putin"]
    assert putin and {r["statement_kind"] for r in putin} <= {"direct", "indirect"}
    assert sum(r["statements"] for r in putin) == con.execute(
        "select count(*) from marts.fct_statements where speaker_name = 'Vladimir Putin'").fetchone()[0]
    # The Reuters article is dated 2022-09-20: its statements fall in that month.
    assert any(r["period_label"] == "2022-09" for r in rows)
    assert all(r["speaker_name"] == "Vladimir Putin"
               for r in _rows(run(con, "statements_by_speaker", search="PUTIN")))


def test_keyword_search_on_quotes(con):
    rows = _rows(run(con, "statements", search="multipolar"))
    assert rows and all("multipolar" in r["quote_text"].lower() for r in rows)
    assert "Vladimir Putin" in {r["speaker_name"] for r in rows}
    assert all(r["file_name"] for r in rows)
    assert run(con, "statements", search="no-such-word-anywhere").rows == []
    # A keyword with SQL wildcards or quotes is text, not a pattern.
    assert run(con, "statements", search="%multipolar%").rows == []
    assert run(con, "statements", search="' or 1=1 --").rows == []
    # --pair: statements whose speaker or quote involves both countries.
    pair = _rows(run(con, "statements", pair="CHN-RUS"))
    assert pair and len(pair) < len(run(con, "statements").rows)


def test_trade_figures_by_measure_and_period(con):
    rows = _rows(run(con, "trade_figures_by_measure_period"))
    usd = [r for r in rows if r["unit"] == "USD" and r["min_value"] == 240_000_000_000]
    assert usd, rows
    # "trade between the two countries" in an article about Russia and China.
    assert (usd[0]["measure_category"], usd[0]["from_country_code"], usd[0]["to_country_code"]) == \
        ("trade", "CHN", "RUS")
    assert usd[0]["figure_kind"] == "reported"
    for r in rows:
        assert r["distinct_values"] >= 1
    full = con.execute("select sum(reports) from reporting.rpt_trade_figures_by_measure_period").fetchone()[0]
    assert full == con.execute("select count(*) from marts.fct_trade_figures").fetchone()[0]
    assert {r["measure_category"] for r in _rows(run(con, "trade_figures_by_measure_period", search="trade"))} \
        == {"trade"}


def test_relationship_timeline(con):
    rows = _rows(run(con, "relationship_timeline", pair="RUS-CHN"))
    kinds = {r["event_kind"] for r in rows}
    assert kinds == {"meeting", "statement", "trade_figure"}
    dates = [r["timeline_date"] for r in rows]
    dated = [d for d in dates if d is not None]
    assert dated and dates[: len(dated)] == sorted(dated)  # dated events first, in order; undated last
    assert any("Uzbekistan" in r["summary"] and "Xi Jinping" in r["summary"] for r in rows)
    everyone = con.execute("select distinct pair from reporting.rpt_relationship_timeline").fetchall()
    assert ("CHN-RUS",) in everyone
    with pytest.raises(AnalysisError, match="needs --pair"):
        run(con, "relationship_timeline")
    with pytest.raises(AnalysisError, match="alpha-3"):
        run(con, "relationship_timeline", pair="China-Russia")


def test_placeholder_styles():
    sql, values = build_query("statements", search="Multipolar", pair="RUS-CHN", limit=5)
    assert values == ["multipolar", ",CHN,", ",RUS,", 5]
    assert sql.count("?") == 4
    numeric, _ = build_query("statements", search="x", pair="RUS-CHN", limit=5, style="numeric")
    assert "?" not in numeric and all(f"${i}" in numeric for i in range(1, 5))
    fmt, _ = build_query("statements", search="x", style="format")
    assert fmt.count("%s") == 1 and "?" not in fmt
    assert render("select '%' || ?", "format") == "select '%%' || %s"
    with pytest.raises(AnalysisError):
        build_query("actor_network", limit=-1)
    with pytest.raises(AnalysisError, match="takes no --pair"):
        build_query("statements_by_speaker", pair="CHN-RUS")
    with pytest.raises(AnalysisError, match="no analysis"):
        build_query("nope")


def _query_cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    return subprocess.run([sys.executable, "-m", "orchestration.cli", "query", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_cli_formats(seeds_build):
    proc = _query_cli("statements", "--warehouse", str(seeds_build), "--search", "multipolar", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data and "Vladimir Putin" in {d["speaker_name"] for d in data}
    assert list(data[0]) == list(analyses.ANALYSES["statements"].columns)

    proc = _query_cli("trade_figures_by_measure_period", "--warehouse", str(seeds_build), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    table = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert any(r["unit"] == "USD" and r["min_value"] == "240000000000" for r in table)

    proc = _query_cli("relationship_timeline", "--pair", "CHN-RUS", "--limit", "5", "--warehouse", str(seeds_build))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == list(analyses.ANALYSES["relationship_timeline"].columns)
    assert set(lines[1]) == {"-", " "} and lines[-1] == "(5 rows)" and len(lines) == 8
    starts = [i for i, ch in enumerate(lines[0]) if ch != " " and (i == 0 or lines[0][i - 1] == " ")]
    assert starts == [i for i, ch in enumerate(lines[1]) if ch == "-" and (i == 0 or lines[1][i - 1] == " ")]
    assert max(len(line) for line in lines) < 400  # long text is cut
    assert all(len(line) <= len(lines[1]) for line in lines[2:-1])


def test_cli_list_and_errors(seeds_build, tmp_path):
    proc = _query_cli("--list")
    assert proc.returncode == 0
    for name, analysis in analyses.ANALYSES.items():
        assert name in proc.stdout and analysis.description in proc.stdout
    proc = _query_cli("relationship_timeline", "--warehouse", str(seeds_build))
    assert proc.returncode == 2 and "needs --pair" in proc.stderr
    proc = _query_cli("no_such_analysis", "--warehouse", str(seeds_build))
    assert proc.returncode == 2 and "--list" in proc.stderr
    proc = _query_cli("statements", "--warehouse", str(tmp_path / "missing.duckdb"))
    assert proc.returncode == 1 and "communique build" in proc.stderr


# --- grouping and disagreement, on constructed figures ----------------------------------------

def _render_model(name: str) -> str:
    """A reporting model's SQL with ref() pointing at plain tables of an in-memory database."""
    env = jinja2.Environment()
    template = env.from_string((REPORTING / f"{name}.sql").read_text())
    return template.render(ref=lambda table: table, config=lambda **_: "", var=lambda _, default=None: default)


FIGURES = [
    # (document, index, raw text, value, unit, period, kind, category, from, to, conversion of)
    ("a", 0, "$240bn", 240e9, "USD", "2023", "reported", "trade", "CHN", "RUS", None),
    ("a", 1, "£191bn", 191e9, "GBP", "2023", "reported", "trade", "CHN", "RUS", 0),
    ("b", 0, "$240.1 billion", 240.1e9, "USD", "2023", "reported", "trade", "CHN", "RUS", None),
    ("c", 0, "$227.8 billion", 227.8e9, "USD", "2023", "reported", "trade", "CHN", "RUS", None),
    ("c", 1, "$110 billion", 110e9, "USD", "2023", "reported", "exports", "CHN", "RUS", None),
    ("c", 2, "$300 billion", 300e9, "USD", "2023", "forecast", "trade", "CHN", "RUS", None),
    ("d", 0, "$190 billion", 190e9, "USD", "2023", "reported", "trade", "IND", "USA", None),
    ("e", 0, "$191 billion", 191e9, "USD", "2023", "reported", "trade", "IND", "USA", None),
]


def _constructed(con) -> None:
    con.execute("create table stg_raw__figures (document_id varchar, figure_index integer, value double, unit varchar, "
                 "raw_text varchar, measure varchar, period varchar, source varchar, figure_kind varchar, "
                 "measure_category varchar, from_country_code varchar, to_country_code varchar, "
                 "conversion_of_index integer, evidence varchar, char_start integer, char_end integer)")
    for doc, i, raw, value, unit, period, kind, category, a, b, conv in FIGURES:
        con.execute("insert into stg_raw__figures values (?, ?, ?, ?, ?, 'trade', ?, null, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [doc, i, value, unit, raw, period, kind, category, a, b, conv, f"It was {raw}.", i * 10,
                     i * 10 + len(raw)])
    con.execute("create table dim_documents as select * from (values ('a', 'a.txt'), ('b', 'b.txt'), "
                "('c', 'c.txt'), ('d', 'd.txt'), ('e', 'e.txt')) t(document_id, file_name)")
    con.execute("alter table dim_documents add column title varchar")
    con.execute("alter table dim_documents add column source varchar")
    con.execute("alter table dim_documents add column url varchar")
    con.execute("alter table dim_documents add column published_date date")
    sql = (ROOT / "dbt_project" / "models" / "marts" / "fct_trade_figures.sql").read_text()
    con.execute(f"create table fct_trade_figures as {jinja2.Environment().from_string(sql).render(ref=lambda t: t)}")
    con.execute(f"create table rpt_trade_figures as {_render_model('rpt_trade_figures')}")
    con.execute(f"create table grouped as {_render_model('rpt_trade_figures_by_measure_period')}")


def test_a_conversion_is_linked_to_its_figure_not_a_second_report():
    con = duckdb.connect()
    try:
        _constructed(con)
        # the fact table holds every amount the article states; reporting counts the report once
        assert con.execute("select count(*) from fct_trade_figures where unit = 'GBP'").fetchone() == (1,)
        assert con.execute("select count(*) from rpt_trade_figures where unit = 'GBP'").fetchone() == (0,)
        assert con.execute("select raw_text, also_stated_as from rpt_trade_figures where also_stated_as is not null"
                           ).fetchall() == [("$240bn", "£191bn (GBP)")]
    finally:
        con.close()


def test_sources_disagree_beyond_the_tolerance_only():
    con = duckdb.connect()
    try:
        _constructed(con)
        rows = {(r[0], r[1], r[2], r[3]): r[4:] for r in con.execute(
            "select measure_category, from_country_code || '-' || to_country_code, figure_kind, unit, reports, "
            "documents, sources_disagree from grouped").fetchall()}
        # $240bn, $240.1bn and $227.8bn: 5% apart, a disagreement
        assert rows[("trade", "CHN-RUS", "reported", "USD")] == (3, 3, True)
        # $190bn and $191bn: 0.5% apart, rounding
        assert rows[("trade", "IND-USA", "reported", "USD")] == (2, 2, False)
        # a forecast and exports are other measures, not a disagreement with the reported total
        assert rows[("trade", "CHN-RUS", "forecast", "USD")] == (1, 1, False)
        assert rows[("exports", "CHN-RUS", "reported", "USD")] == (1, 1, False)
    finally:
        con.close()


def test_rendering_leaves_no_jinja(tmp_path: Path):
    for path in REPORTING.glob("rpt_*.sql"):
        sql = jinja2.Environment().from_string(path.read_text()).render(ref=lambda t: t, config=lambda **_: "", var=lambda _, default=None: default)
        assert "{{" not in sql and "{%" not in sql, path.name
