"""Extraction on several worker processes, and builds that cost what changed."""
from __future__ import annotations

import os
import re

import duckdb
import pytest

from conftest import build_log, copy_build, landing_folder, marts_snapshot, run_build, seed_paths
from orchestration.pipeline import extract_pending, ingest_folder
from orchestration.warehouse import FACT_TABLES
from orchestration.workers import worker_count


def _extracted_rows(tmp_path, workers: int) -> dict[str, list[tuple]]:
    raw = landing_folder(tmp_path / f"w{workers}", seed_paths())
    con = duckdb.connect(str(tmp_path / f"w{workers}.duckdb"))
    try:
        ingest_folder(con, raw)
        stats = extract_pending(con, workers=workers, batch_size=2)
        assert stats.documents_extracted == 5 and not stats.documents_failed
        return {t: con.execute(f"select * from raw.{t} order by all").fetchall() for t in FACT_TABLES}
    finally:
        con.close()


def test_two_workers_extract_exactly_what_one_worker_does(tmp_path):
    (tmp_path / "w1").mkdir()
    (tmp_path / "w2").mkdir()
    one, two = _extracted_rows(tmp_path, 1), _extracted_rows(tmp_path, 2)
    assert all(one[t] for t in ("actor_mentions", "statements", "meetings"))
    assert one == two


def test_worker_count_comes_from_the_environment_and_refuses_nonsense(monkeypatch):
    monkeypatch.delenv("COMMUNIQUE_WORKERS", raising=False)
    assert worker_count() == (os.cpu_count() or 1)
    monkeypatch.setenv("COMMUNIQUE_WORKERS", "3")
    assert worker_count() == 3
    for bad in ("0", "two"):
        monkeypatch.setenv("COMMUNIQUE_WORKERS", bad)
        with pytest.raises(ValueError, match="COMMUNIQUE_WORKERS"):
            worker_count()


def test_a_build_with_nothing_changed_runs_no_dbt_and_says_so(four_seeds_build, tmp_path):
    assert re.search(r"dbt tests:\s+\d+ passed, 0 failed", build_log(four_seeds_build))  # the first build
    raw, warehouse = copy_build(four_seeds_build, tmp_path)
    before = marts_snapshot(warehouse)

    again = run_build(raw, warehouse)
    assert "dbt:         not run" in again.stdout
    assert "none new, changed or removed" in again.stdout

    # A file touched but not changed goes through the pipeline, which finds no raw row changed.
    path = next(raw.iterdir())
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    touched = run_build(raw, warehouse)
    assert re.search(r"files:\s+4 in folder, 0 read, 4 unchanged", touched.stdout)
    assert "dbt:         not run (no raw row" in touched.stdout
    assert marts_snapshot(warehouse) == before


def test_one_batch_of_new_articles_is_extracted_without_starting_workers():
    from orchestration.workers import extract_in_order

    warmed_in = []  # a pool's workers would warm up in their own processes (and fail to unpickle this)

    docs = [("d1", seed_paths()[0].read_text(encoding="utf-8"), None, None)]
    (batch,) = list(extract_in_order(docs, workers=2, batch_size=25,
                                     initializer=lambda: warmed_in.append(os.getpid())))
    assert warmed_in == [os.getpid()]  # warmed up here, once, before the batch
    assert [e.document_id for e in batch] == ["d1"] and batch[0].error is None and batch[0].on_topic
