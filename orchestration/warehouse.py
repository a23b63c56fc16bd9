"""The DuckDB side: raw landing tables, bulk writes, and publishing the marts.

The pipeline writes only to a working database. Users read a published copy
that is swapped in whole by rename, so a reader never meets a lock or a
half-built warehouse.
"""
from __future__ import annotations

import glob
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

RAW_TABLES: dict[str, dict[str, pl.DataType]] = {
    "files": {
        "file_name": pl.String, "size_bytes": pl.Int64, "modified_ns": pl.Int64,
        "fingerprint": pl.String, "read_at": pl.Datetime("us"),
    },
    "file_documents": {"file_name": pl.String, "record_name": pl.String, "document_id": pl.String},
    "rejected_files": {
        "file_name": pl.String, "record_name": pl.String, "reason": pl.String,
        "outcome": pl.String, "rejected_at": pl.Datetime("us"),
    },
    "documents": {
        "document_id": pl.String, "title": pl.String, "source": pl.String, "url": pl.String,
        "dateline": pl.String, "published_date": pl.Date, "body_text": pl.String,
        "word_count": pl.Int32, "furniture_lines": pl.Int32, "ingested_at": pl.Datetime("us"),
    },
    "extractions": {
        "document_id": pl.String, "extractor_version": pl.String, "extracted_at": pl.Datetime("us"),
        "on_topic": pl.Boolean, "error": pl.String,
    },
    "actor_mentions": {
        "document_id": pl.String, "mention_index": pl.Int32, "name": pl.String,
        "actor_type": pl.String, "country_code": pl.String, "role": pl.String,
        "surface": pl.String, "char_start": pl.Int32, "char_end": pl.Int32,
    },
    "statements": {
        "document_id": pl.String, "statement_index": pl.Int32, "speaker_name": pl.String,
        "speaker_type": pl.String, "speaker_country": pl.String, "speaker_role": pl.String,
        "statement_kind": pl.String, "quote_text": pl.String, "cue": pl.String,
        "cited_by": pl.String, "statement_date": pl.Date, "char_start": pl.Int32,
        "char_end": pl.Int32, "evidence": pl.String,
    },
    "meetings": {
        "document_id": pl.String, "meeting_index": pl.Int32, "status": pl.String,
        "meeting_type": pl.String, "meeting_date": pl.Date, "date_precision": pl.String,
        "date_text": pl.String, "location": pl.String, "evidence": pl.String,
        "char_start": pl.Int32, "char_end": pl.Int32, "date_hint": pl.String, "location_country": pl.String,
        "location_country_code": pl.String, "latitude": pl.Float64, "longitude": pl.Float64,
    },
    "meeting_participants": {
        "document_id": pl.String, "meeting_index": pl.Int32, "participant_index": pl.Int32,
        "name": pl.String, "actor_type": pl.String, "country_code": pl.String, "role": pl.String,
    },
    "figures": {
        "document_id": pl.String, "figure_index": pl.Int32, "value": pl.Float64,
        "unit": pl.String, "raw_text": pl.String, "measure": pl.String, "period": pl.String,
        "source": pl.String, "countries": pl.String, "char_start": pl.Int32, "char_end": pl.Int32,
        "figure_kind": pl.String, "measure_category": pl.String, "from_country": pl.String,
        "to_country": pl.String, "conversion_of_index": pl.Int32, "evidence": pl.String,
    },
    # The articles a build changed, for dbt's row-by-row tests (macros/get_where_subquery.sql);
    # empty on a full build: every row is tested.
    "dbt_test_scope": {"document_id": pl.String},
}
PUBLISHED_STORAGE_VERSION = "v1.2.0"
FACT_TABLES = ("actor_mentions", "statements", "meetings", "meeting_participants", "figures")

_DUCK_TYPES = {
    pl.String: "varchar", pl.Int64: "bigint", pl.Int32: "integer", pl.Float64: "double",
    pl.Date: "date", pl.Datetime("us"): "timestamp", pl.Boolean: "boolean",
}


MEMORY_ENV = "COMMUNIQUE_DUCKDB_MEMORY"
DEFAULT_MEMORY = "512MB"


def duckdb_config() -> dict[str, str]:
    """DuckDB's own memory cap for the pipeline's connections (COMMUNIQUE_DUCKDB_MEMORY).

    Left alone, DuckDB may cache up to 80% of the machine's memory, and the writer's cache
    grows with the working database: 1.2 GB at 100,000 articles. Batched inserts, the
    pipeline's lookups and the publish copy all stream or spill, so a fixed cap keeps a
    build's memory flat however large the folder grows.
    """
    return {"memory_limit": os.environ.get(MEMORY_ENV) or DEFAULT_MEMORY}


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only, config=duckdb_config())


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    for table, schema in RAW_TABLES.items():
        cols = ", ".join(f"{name} {_DUCK_TYPES[dtype]}" for name, dtype in schema.items())
        con.execute(f"create table if not exists raw.{table} ({cols})")
        # A working database from an older version gains the columns added since.
        for name, dtype in schema.items():
            con.execute(f"alter table raw.{table} add column if not exists {name} {_DUCK_TYPES[dtype]}")


def frame(table: str, rows: list[dict]) -> pl.DataFrame:
    """Rows as a polars frame with the table's exact schema (empty lists too)."""
    schema = RAW_TABLES[table]
    return pl.DataFrame([{k: r.get(k) for k in schema} for r in rows], schema=schema, orient="row")


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict] | pl.DataFrame,
           only_new: str | None = None) -> int:
    """Bulk insert through Arrow, never row by row; with ``only_new``, rows whose key in that
    column the table already holds are left out. Returns the rows inserted."""
    df = rows if isinstance(rows, pl.DataFrame) else frame(table, rows)
    if df.is_empty():
        return 0
    new = f" where {only_new} not in (select {only_new} from raw.{table})" if only_new else ""
    con.register("_incoming", df.to_arrow())
    try:
        return con.execute(f"insert into raw.{table} by name select * from _incoming{new}").fetchone()[0]
    finally:
        con.unregister("_incoming")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Everything inside commits together or not at all (a kill, an error, Ctrl-C)."""
    con.execute("begin")
    try:
        yield
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def delete_where_in(con: duckdb.DuckDBPyConnection, table: str, column: str, values: list[str]) -> None:
    if not values:
        return
    con.register("_keys", pl.DataFrame({"k": values}, schema={"k": pl.String}).to_arrow())
    try:
        con.execute(f"delete from raw.{table} where {column} in (select k from _keys)")
    finally:
        con.unregister("_keys")


PUBLISHED_SCHEMAS = ("marts", "reporting")


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{int(time.time() * 1000)}.tmp")


def remove_stale_temp(target: Path) -> list[Path]:
    """Remove the half-written copies a killed publish left beside the target (and their WAL files).

    Called under the writer lock, so no other build can be writing one.
    """
    removed = []
    for path in target.parent.glob(f".{glob.escape(target.name)}.*.tmp*"):
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            continue
    return removed


def publish(work_db: Path, target: Path, schemas: tuple[str, ...] = PUBLISHED_SCHEMAS) -> dict[str, int]:
    """Copy the public schemas of the working database into a new file, then rename it over the target.

    Readers that opened the old file keep their snapshot; new readers see the new one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; the published warehouse must be a file")
    remove_stale_temp(target)
    tmp = _temp_name(target)
    counts: dict[str, int] = {}
    # An older storage format, so the DuckDB drivers of BI tools and the 1.x CLI can read it too.
    con = duckdb.connect(str(tmp), config={"storage_compatibility_version": PUBLISHED_STORAGE_VERSION,
                                           **duckdb_config()})
    try:
        con.execute(f"attach '{work_db}' as work (read_only)")
        for schema in schemas:
            con.execute(f"create schema {schema}")
            tables = [r[0] for r in con.execute(
                "select table_name from information_schema.tables "
                "where table_catalog = 'work' and table_schema = ? and table_type = 'BASE TABLE' "
                "order by table_name", [schema]).fetchall()]
            for table in tables:
                con.execute(f"create table {schema}.{table} as select * from work.{schema}.{table}")
                counts[f"{schema}.{table}"] = con.execute(f"select count(*) from {schema}.{table}").fetchone()[0]
        con.execute("detach work")
        con.execute("checkpoint")
    except BaseException:
        con.close()
        remove_stale_temp(target)
        raise
    con.close()
    try:
        os.replace(tmp, target)
    except BaseException:
        remove_stale_temp(target)
        raise
    return counts
