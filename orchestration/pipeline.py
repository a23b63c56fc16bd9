"""The two Python stages, independent of Dagster: ingest the landing folder, extract facts.

Both are incremental and safe to re-run: work is keyed by file fingerprint and
by document id, and rows are replaced (delete, then insert) per changed key.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from .buildstate import extractor_version
from .extract import ingest
from .warehouse import FACT_TABLES, delete_where_in, ensure_raw_schema, frame, insert
from .workers import Document, Extracted, extract_in_order

Progress = Callable[[int, int], None]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class IngestStats:
    files_seen: int = 0
    files_read: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    documents_added: int = 0
    documents_removed: int = 0
    documents_total: int = 0
    set_aside: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def ingest_folder(con: duckdb.DuckDBPyConnection, raw_dir: Path,
                  progress: Progress | None = None) -> IngestStats:
    """Bring raw.files, raw.file_documents, raw.documents and raw.rejected_files up to date."""
    ensure_raw_schema(con)
    stats = IngestStats()
    paths = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith(".")) \
        if raw_dir.is_dir() else []
    stats.files_seen = len(paths)
    known = {r[0]: (r[1], r[2], r[3]) for r in con.execute(
        "select file_name, size_bytes, modified_ns, fingerprint from raw.files").fetchall()}
    present = {p.name for p in paths}
    removed = sorted(set(known) - present)

    changed: list[tuple[Path, str, int, int]] = []
    for p in paths:
        st = p.stat()
        old = known.get(p.name)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns:
            stats.files_unchanged += 1
            continue
        fp = ingest.file_fingerprint(p)
        if old and old[2] == fp:
            con.execute("update raw.files set modified_ns = ? where file_name = ?", [st.st_mtime_ns, p.name])
            stats.files_unchanged += 1
            continue
        changed.append((p, fp, st.st_size, st.st_mtime_ns))

    file_rows, link_rows, doc_rows, reject_rows = [], [], [], []
    now = _now()
    for i, (p, fp, size, mtime) in enumerate(changed):
        try:
            docs, rejections = ingest.read_file(p)
        except Exception as err:  # an unreadable file must not stop the build
            docs, rejections = [], [ingest.Rejection(p.name, f"could not be read: {err!r}")]
        file_rows.append({"file_name": p.name, "size_bytes": size, "modified_ns": mtime,
                          "fingerprint": fp, "read_at": now})
        for d in docs:
            link_rows.append({"file_name": p.name, "record_name": d.file_name, "document_id": d.document_id})
            doc_rows.append({"document_id": d.document_id, "title": d.title, "source": d.source,
                             "url": d.url, "dateline": d.dateline, "published_date": d.published_date,
                             "body_text": d.text, "word_count": d.word_count,
                             "furniture_lines": d.furniture_lines, "ingested_at": now})
        for r in rejections:
            reject_rows.append({"file_name": p.name, "record_name": r.file_name, "reason": r.reason,
                                "outcome": r.outcome, "rejected_at": now})
            (stats.warnings if r.outcome != "set aside" else stats.set_aside).append((r.file_name, r.reason))
        if progress:
            progress(i + 1, len(changed))
    stats.files_read = len(changed)
    stats.files_removed = len(removed)

    touched = removed + [p.name for p, *_ in changed]
    con.execute("begin")
    try:
        for table in ("files", "file_documents", "rejected_files"):
            delete_where_in(con, table, "file_name", touched)
        insert(con, "files", file_rows)
        insert(con, "file_documents", link_rows)
        insert(con, "rejected_files", reject_rows)
        existing = {r[0] for r in con.execute("select document_id from raw.documents").fetchall()}
        new_docs = pl.DataFrame(frame("documents", doc_rows)).unique("document_id", keep="first")
        new_docs = new_docs.filter(~pl.col("document_id").is_in(list(existing)))
        stats.documents_added = insert(con, "documents", new_docs)
        orphans = [r[0] for r in con.execute(
            "select document_id from raw.documents except select document_id from raw.file_documents"
        ).fetchall()]
        delete_where_in(con, "documents", "document_id", orphans)
        stats.documents_removed = len(orphans)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    stats.documents_total = con.execute("select count(*) from raw.documents").fetchone()[0]
    return stats


@dataclass
class ExtractStats:
    documents_extracted: int = 0
    documents_failed: list[tuple[str, str]] = field(default_factory=list)
    documents_removed: int = 0
    off_topic: int = 0
    rows: dict[str, int] = field(default_factory=lambda: {t: 0 for t in FACT_TABLES})

    def count(self, results: list[Extracted]) -> None:
        for r in results:
            if r.error:
                self.documents_failed.append((r.document_id, f"{r.error}\n{r.detail or ''}".rstrip()))
            self.off_topic += r.on_topic is False
        self.documents_extracted += len(results)


def remove_gone(con: duckdb.DuckDBPyConnection) -> int:
    """Facts of documents that left raw.documents leave the fact tables."""
    gone = [r[0] for r in con.execute(
        "select document_id from raw.extractions except select document_id from raw.documents").fetchall()]
    if gone:
        con.execute("begin")
        for table in (*FACT_TABLES, "extractions"):
            delete_where_in(con, table, "document_id", gone)
        con.execute("commit")
    return len(gone)


def pending_ids(con: duckdb.DuckDBPyConnection, version: str, shard: int = 0, shards: int = 1) -> list[str]:
    """Documents this version of the code has not extracted; shard k of n takes those whose id hashes to k."""
    return [r[0] for r in con.execute(
        "select d.document_id from raw.documents d "
        "left join raw.extractions e on e.document_id = d.document_id and e.extractor_version = ? "
        "where e.document_id is null and hash(d.document_id) % ? = ? order by d.document_id",
        [version, shards, shard]).fetchall()]


def read_documents(con: duckdb.DuckDBPyConnection, ids: list[str], chunk: int = 1000) -> Iterator[Document]:
    """The documents' texts, in the order of ids, a chunk at a time (never the whole folder in memory)."""
    for start in range(0, len(ids), chunk):
        keys = ids[start:start + chunk]
        con.register("_ids", pl.DataFrame({"k": keys, "i": range(len(keys))}).to_arrow())
        try:
            yield from con.execute(
                "select d.document_id, d.body_text, d.published_date, d.dateline "
                "from raw.documents d join _ids on _ids.k = d.document_id order by _ids.i").fetchall()
        finally:
            con.unregister("_ids")


def fact_rows(results: list[Extracted], version: str) -> dict[str, list[dict]]:
    """The rows of every raw fact table, and of raw.extractions, for a batch of results."""
    now = _now()
    rows: dict[str, list[dict]] = {t: [] for t in FACT_TABLES}
    rows["extractions"] = []
    for r in results:
        for table, table_rows in r.facts.items():
            rows[table].extend({**row, "document_id": r.document_id} for row in table_rows)
        rows["extractions"].append({"document_id": r.document_id, "extractor_version": version,
                                    "extracted_at": now, "on_topic": r.on_topic, "error": r.error})
    return rows


def _grouped(results: Iterable[list[Extracted]], size: int) -> Iterator[list[Extracted]]:
    group: list[Extracted] = []
    for batch in results:
        group.extend(batch)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def extract_pending(con: duckdb.DuckDBPyConnection, progress: Progress | None = None,
                    batch_size: int = 500, workers: int | None = None) -> ExtractStats:
    """Extract facts from every document not yet extracted by this version of the code.

    Extraction runs in `workers` processes (COMMUNIQUE_WORKERS, one per core by default);
    this process is the one writer and inserts results in document order, batch by batch.
    """
    ensure_raw_schema(con)
    version = extractor_version()
    stats = ExtractStats(documents_removed=remove_gone(con))
    ids = pending_ids(con, version)
    reader = con.cursor()  # texts are read on their own cursor while this one writes
    try:
        for group in _grouped(extract_in_order(read_documents(reader, ids), workers), batch_size):
            rows = fact_rows(group, version)
            con.execute("begin")
            try:
                for table in (*FACT_TABLES, "extractions"):
                    delete_where_in(con, table, "document_id", [r.document_id for r in group])
                for table in FACT_TABLES:
                    stats.rows[table] += insert(con, table, rows[table])
                insert(con, "extractions", rows["extractions"])
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise
            stats.count(group)
            if progress:
                progress(stats.documents_extracted, len(ids))
    finally:
        reader.close()
    return stats


def shard_dir(out_dir: Path, shard: int, shards: int) -> Path:
    return out_dir / f"shard-{shard}-of-{shards}"


def extract_shard(work_db: Path, out_dir: Path, shard: int, shards: int, workers: int | None = None,
                  progress: Progress | None = None) -> ExtractStats:
    """Extract shard k of n of the pending documents into Parquet files, one per raw table.

    The working database is only read, so any number of shards run at once, in other
    processes or on other machines that see the same files. The files appear (by the
    rename of their folder) only when the shard is complete.
    """
    import pyarrow.parquet as pq

    version = extractor_version()
    stats = ExtractStats()
    final = shard_dir(out_dir, shard, shards)
    tmp = final.with_name(final.name + ".tmp")
    for folder in (final, tmp):
        shutil.rmtree(folder, ignore_errors=True)
    tmp.mkdir(parents=True)
    con = duckdb.connect(str(work_db), read_only=True)
    writers: dict[str, pq.ParquetWriter] = {}
    try:
        ids = pending_ids(con, version, shard, shards)
        for group in _grouped(extract_in_order(read_documents(con, ids), workers), 500):
            for table, rows in fact_rows(group, version).items():
                data = frame(table, rows).to_arrow()
                if table not in writers:
                    writers[table] = pq.ParquetWriter(tmp / f"{table}.parquet", data.schema)
                writers[table].write_table(data)
                stats.rows[table] = stats.rows.get(table, 0) + len(rows)
            stats.count(group)
            if progress:
                progress(stats.documents_extracted, len(ids))
    finally:
        for w in writers.values():
            w.close()
        con.close()
    tmp.rename(final)
    return stats


def load_shards(con: duckdb.DuckDBPyConnection, out_dir: Path, shards: int) -> ExtractStats:
    """The single writer: every shard's Parquet files into the raw fact tables, in one transaction.

    Rows are replaced per document; shards go in order and each holds its documents in
    id order, so the tables end the same whatever ran the shards. The files are removed
    once loaded.
    """
    ensure_raw_schema(con)
    stats = ExtractStats(documents_removed=remove_gone(con))
    folders = [shard_dir(out_dir, k, shards) for k in range(shards)]
    missing = [f.name for f in folders if not f.is_dir()]
    if missing:
        raise FileNotFoundError(f"extraction shards not found in {out_dir}: {', '.join(missing)}")
    con.execute("begin")
    try:
        for folder in folders:
            if not (folder / "extractions.parquet").exists():
                continue
            done = pl.read_parquet(folder / "extractions.parquet")
            for table in (*FACT_TABLES, "extractions"):
                delete_where_in(con, table, "document_id", done["document_id"].to_list())
            for table in FACT_TABLES:
                stats.rows[table] += con.execute(
                    f"insert into raw.{table} by name select * from read_parquet('{folder / (table + '.parquet')}')"
                ).fetchone()[0]
            insert(con, "extractions", done)
            stats.documents_extracted += done.height
            stats.off_topic += int((done["on_topic"] == False).sum())  # noqa: E712 - a polars mask
            stats.documents_failed += [(r["document_id"], r["error"])
                                       for r in done.filter(pl.col("error").is_not_null()).iter_rows(named=True)]
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    return stats
