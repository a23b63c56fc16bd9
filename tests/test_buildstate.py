"""What makes a build one with nothing to do, and what never does."""
import duckdb

from orchestration.buildstate import folder_state, record_published, unchanged_since_published, write_state
from orchestration.warehouse import ensure_raw_schema


def _published(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Talks were held in Vaduz.", encoding="utf-8")
    work, warehouse = tmp_path / "w.work.duckdb", tmp_path / "w.duckdb"
    warehouse.write_bytes(b"")
    con = duckdb.connect(str(work))
    ensure_raw_schema(con)
    write_state(con, {"ingested_folder": folder_state(raw)})
    record_published(con)
    return raw, work, warehouse, con


def test_a_folder_as_published_is_nothing_to_do(tmp_path):
    raw, work, warehouse, con = _published(tmp_path)
    con.close()
    assert unchanged_since_published(work, raw, warehouse) is not None
    (raw / "b.txt").write_text("A second article.", encoding="utf-8")
    assert unchanged_since_published(work, raw, warehouse) is None


def test_a_build_killed_after_it_began_reading_is_never_taken_for_nothing_to_do(tmp_path):
    # the folder is back as it was published, but a killed build changed the working database
    raw, work, warehouse, con = _published(tmp_path)
    write_state(con, {"ingested_folder": "ingest under way"})
    con.close()
    assert unchanged_since_published(work, raw, warehouse) is None
