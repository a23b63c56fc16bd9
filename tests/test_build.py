"""Full builds as a user runs them: contract, facts on the seeds, idempotency, incremental runs."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import (ROOT, build_command, build_log, copy_build, landing_folder, marts_snapshot, run_build,
                      seed_paths)

CONTRACT = {
    "dim_documents": ["document_id", "file_name", "title", "source", "url", "dateline", "published_date",
                      "word_count", "body_text"],
    "dim_actors": ["actor_id", "name", "actor_type", "country_code", "role"],
    "fct_meetings": ["meeting_id", "meeting_date", "date_precision", "status", "meeting_type", "location",
                     "source_count", "location_country_code", "latitude", "longitude"],
    "bridge_meeting_participants": ["meeting_id", "actor_id"],
    "bridge_meeting_documents": ["meeting_id", "document_id", "evidence"],
    "fct_statements": ["statement_id", "document_id", "speaker_actor_id", "speaker_name", "statement_kind",
                       "quote_text", "statement_date", "cited_by", "evidence", "char_start", "char_end"],
    "fct_trade_figures": ["figure_id", "document_id", "value", "unit", "raw_text", "measure", "period",
                          "source", "figure_kind", "measure_category", "from_country_code", "to_country_code",
                          "evidence", "char_start", "char_end"],
}


def _query(warehouse, sql):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_marts_hold_the_contract_tables_in_schema_marts(seeds_build):
    rows = _query(seeds_build, "select table_name, column_name from information_schema.columns "
                               "where table_schema = 'marts' order by table_name, ordinal_position")
    found: dict[str, list[str]] = {}
    for table, column in rows:
        found.setdefault(table, []).append(column)
    for table, columns in CONTRACT.items():
        assert found.get(table) == columns, table


def test_seeds_build_has_facts_of_every_kind(seeds_build):
    counts = {t: _query(seeds_build, f"select count(*) from marts.{t}")[0][0] for t in CONTRACT}
    assert counts["dim_documents"] == 5
    for table in ("fct_meetings", "fct_statements", "fct_trade_figures", "dim_actors",
                  "bridge_meeting_participants", "bridge_meeting_documents"):
        assert counts[table] > 0, table
    figures = set(_query(seeds_build, "select value, unit from marts.fct_trade_figures"))
    assert (240000000000.0, "USD") in figures
    assert (90.0, "percent") in figures


def test_every_fact_points_back_to_its_words(seeds_build):
    """The published body_text is what the offsets point into: each slices its own words out,
    and each fact's evidence is a sentence of its article that holds those words."""
    texts = dict(_query(seeds_build, "select document_id, body_text from marts.dim_documents"))
    figures = _query(seeds_build, "select document_id, raw_text, char_start, char_end, evidence "
                                  "from marts.fct_trade_figures")
    statements = _query(seeds_build, "select document_id, quote_text, char_start, char_end, evidence "
                                     "from marts.fct_statements")
    assert figures and statements
    for doc_id, words, start, end, evidence in figures + statements:
        assert texts[doc_id][start:end] == words
        assert words in evidence and evidence in texts[doc_id], (words, evidence)


def test_figures_say_what_they_are_and_between_whom(seeds_build):
    rows = _query(seeds_build, "select raw_text, figure_kind, measure_category, from_country_code, to_country_code "
                               "from marts.fct_trade_figures")
    kinds = {r[1] for r in rows}
    assert kinds <= {"reported", "target", "forecast", "estimate"} and "reported" in kinds
    assert ("$240 billion", "reported", "trade", "CHN", "RUS") in rows
    assert all(r[2] != "other" for r in rows if r[0] == "$240 billion")


def test_meetings_are_placed_on_the_map(seeds_build):
    rows = _query(seeds_build, "select location, location_country_code, latitude, longitude from marts.fct_meetings")
    placed = {r[0]: r[1:] for r in rows if r[2] is not None}
    assert placed, rows
    for location, (code, lat, lon) in placed.items():
        assert code and -90 <= lat <= 90 and -180 <= lon <= 180, location
    assert all(r[2] is None and r[3] is None for r in rows if r[0] is None)


def test_summary_reports_files_documents_facts_and_tests(seeds_build):
    log = build_log(seeds_build)
    assert re.search(r"files:\s+5 in folder, 5 read", log)
    assert re.search(r"documents:\s+5 in warehouse", log)
    assert re.search(r"facts:\s+\d+ meetings, \d+ statements, \d+ trade figures", log)
    assert re.search(r"dbt tests:\s+\d+ passed, 0 failed", log)


def test_rebuild_is_idempotent_incremental_and_forgets_removed_files(four_seeds_build, tmp_path):
    seeds = seed_paths()
    raw, warehouse = copy_build(four_seeds_build, tmp_path)  # a first build of four articles
    first = marts_snapshot(warehouse)

    again = run_build(raw, warehouse)
    assert re.search(r"files:\s+4 in folder, none new, changed or removed", again.stdout)
    assert re.search(r"dbt:\s+not run", again.stdout)
    assert marts_snapshot(warehouse) == first

    shutil.copy(seeds[4], raw / "new-article.txt")
    added = run_build(raw, warehouse)
    assert re.search(r"files:\s+5 in folder, 1 read, 4 unchanged", added.stdout)
    assert re.search(r"extracted:\s+1 documents", added.stdout)
    assert len(marts_snapshot(warehouse)["dim_documents"]) == 5
    # Its dbt tests: the new article's rows, and no test of a constraint DuckDB enforced at write.
    work = warehouse.with_name("communique.work.duckdb")
    new_id = _query(work, "select document_id from raw.file_documents where file_name = 'new-article.txt'")
    assert _query(work, "select document_id from raw.dbt_test_scope") == new_id
    assert _tests_run(added.stdout) < _tests_run(build_log(four_seeds_build))

    (raw / "new-article.txt").unlink()
    removed = run_build(raw, warehouse)
    assert re.search(r"files:\s+4 in folder, 0 read, 4 unchanged, 1 removed", removed.stdout)
    assert marts_snapshot(warehouse) == first
    assert _query(work, "select document_id from raw.dbt_test_scope") == [("",)]  # no article's rows


def _tests_run(summary: str) -> int:
    return int(re.search(r"dbt tests:\s+(\d+) passed, 0 failed", summary).group(1))


def test_row_by_row_tests_read_the_scope_and_tests_across_rows_read_everything(seeds_build, tmp_path):
    """macros/get_where_subquery.sql: a bad row outside the changed articles is not read by a
    not_null test, inside them it is, and an empty scope (a full build) reads every row."""
    _, warehouse = copy_build(seeds_build, tmp_path)
    work = warehouse.with_name("communique.work.duckdb")
    con = duckdb.connect(str(work))
    bad, good = [r[0] for r in con.execute(
        "select distinct document_id from reporting.rpt_statements order by 1 limit 2").fetchall()]
    con.execute("update reporting.rpt_statements set quote_text = null where document_id = ?", [bad])
    con.close()

    def failing(scope: list[str], duplicate: bool = False) -> list[str]:
        con = duckdb.connect(str(work))
        con.execute("delete from raw.dbt_test_scope")
        for document in scope:
            con.execute("insert into raw.dbt_test_scope values (?)", [document])
        if duplicate:  # a second row with an existing statement_id, in an article outside the scope
            con.execute("insert into reporting.rpt_statements select * from reporting.rpt_statements "
                        "where document_id = ? limit 1", [bad])
        con.close()
        args, env = build_command(tmp_path, warehouse)
        env.update(COMMUNIQUE_WORK_DB=str(work), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
        target = tmp_path / "target"
        proc = subprocess.run([str(Path(sys.executable).parent / "dbt"), "test", "--select", "rpt_statements",
                               "--project-dir", str(ROOT / "dbt_project"), "--profiles-dir", str(ROOT / "dbt_project"),
                               "--target-path", str(target), "--log-path", str(tmp_path / "logs")],
                              env=env, capture_output=True, text=True, timeout=300)
        results = json.loads((target / "run_results.json").read_text())["results"]
        assert results, proc.stdout[-2000:]
        return sorted(r["unique_id"].split(".")[2] for r in results if r["status"] == "fail")

    assert failing([good]) == []
    assert failing([bad]) == ["not_null_rpt_statements_quote_text"]
    assert failing([]) == ["not_null_rpt_statements_quote_text"]
    assert failing([good], duplicate=True) == ["unique_rpt_statements_statement_id"]


def test_bad_inputs_are_set_aside_and_the_build_goes_on(tmp_path):
    raw = landing_folder(tmp_path, seed_paths()[:1])
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"\x00\x01\x02" * 1000)
    (raw / "feed.jsonl").write_text('{"text": "far too short to be an article"}\n{oops\n')
    warehouse = tmp_path / "wh" / "communique.duckdb"
    proc = run_build(raw, warehouse)
    assert "build:       succeeded" in proc.stdout
    rejected = dict(_query(warehouse.with_name("communique.work.duckdb"),
                           "select record_name, reason from raw.rejected_files"))
    assert rejected["empty.txt"] == "empty file"
    assert "binary" in rejected["binary.txt"]
    assert "malformed JSON" in rejected["feed.jsonl#2"]
    assert "no article text" in rejected["feed.jsonl#1"]
    assert _query(warehouse, "select count(*) from marts.dim_documents")[0][0] == 1


def test_failed_build_leaves_the_published_warehouse_whole(four_seeds_build, tmp_path):
    raw, warehouse = copy_build(four_seeds_build, tmp_path)
    before = marts_snapshot(warehouse)
    # A working database that is not a database: the next build fails before publishing.
    work = warehouse.with_name("communique.work.duckdb")
    work.unlink()
    work.write_bytes(b"this is not a duckdb file" * 100)
    shutil.copy(seed_paths()[4], raw / seed_paths()[4].name)
    with pytest.raises(AssertionError, match="build failed"):
        run_build(raw, warehouse)
    assert marts_snapshot(warehouse) == before


def test_readers_of_the_published_file_never_fail_while_a_build_runs(four_seeds_build, tmp_path):
    """DuckDB readers (as the CLI and BI drivers open it, read-only) during a rebuild: no lock errors."""
    import subprocess
    import time

    seeds = seed_paths()
    raw, warehouse = copy_build(four_seeds_build, tmp_path)
    shutil.copy(seeds[4], raw / seeds[4].name)

    args, env = build_command(raw, warehouse)
    build = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    reads, errors, counts = 0, [], set()
    deadline = time.monotonic() + 300
    while build.poll() is None and time.monotonic() < deadline:
        try:
            con = duckdb.connect(str(warehouse), read_only=True)
            try:
                counts.add(con.execute("select count(*) from marts.dim_documents").fetchone()[0])
                con.execute("select * from marts.fct_statements join marts.dim_documents using (document_id)").fetchall()
            finally:
                con.close()
            reads += 1
        except duckdb.Error as err:
            errors.append(str(err))
        time.sleep(0.05)
    output = build.communicate(timeout=60)[0]
    assert build.returncode == 0, output[-2000:]
    assert errors == [], errors[:3]
    assert reads >= 10
    assert counts <= {4, 5}  # a reader sees the old warehouse or the new one, never a half-built one
    assert _query(warehouse, "select count(*) from marts.dim_documents")[0][0] == 5
