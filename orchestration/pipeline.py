"""The two Python stages, independent of Dagster: ingest the landing folder, extract facts.

Both are incremental and safe to re-run: work is keyed by file fingerprint and
by document id, and rows are replaced (delete, then insert) per changed key.
"""
from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from .buildstate import extractor_version
from .config import document_seconds
from .extract import ingest
from .warehouse import FACT_TABLES, delete_where_in, ensure_raw_schema, frame, insert, transaction
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
    not_files: int = 0  # folders, links outside the folder, pipes, sockets, devices: reported, not read
    hidden: int = 0
    set_aside: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


class MassRemoval(Exception):
    """A build would empty (or mostly empty) the warehouse: an unmounted share or a wrong path."""


INGEST_BATCH = 500  # files read before their rows are written: memory follows the batch, not the folder
RETRY = "will retry"  # outcome of a file that could not be read this time; its old rows stay


@dataclass
class Entry:
    name: str
    path: Path  # what to open: the file itself, or the target of a link inside the folder
    size: int
    modified_ns: int


def scan_folder(raw_dir: Path) -> tuple[list[Entry], list[ingest.Rejection], int]:
    """The regular files of the landing folder; what else is there is reported, never read.

    The folder is the boundary: a link whose target lies outside it is not followed.
    Returns the entries, the rejections of what is not a file, and the hidden names skipped.
    """
    root = Path(raw_dir).resolve()
    entries, rejected, hidden = [], [], 0
    try:
        listing = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:  # gone or unreadable: the mass-removal guard and the CLI's checks speak for it
        return [], [], 0
    for entry in listing:
        if entry.name.startswith("."):
            hidden += 1
            continue
        try:
            reason, path, st = _classify_entry(root, entry)
        except OSError as err:
            reason, path, st = f"could not be read: {err.strerror or err}", None, None
        if reason:
            rejected.append(ingest.Rejection(entry.name, reason))
        else:
            entries.append(Entry(entry.name, path, st.st_size, st.st_mtime_ns))
    return entries, rejected, hidden


def _classify_entry(root: Path, entry: os.DirEntry):
    path = Path(entry.path)
    if entry.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(root) or target == root:
            return "link outside the landing folder (not followed)", None, None
        if not target.exists():
            return "broken link", None, None
        path = target
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        kind = ingest._kind_of(st.st_mode)
        if kind == "a folder":
            return "a folder: only the files directly in the landing folder are read", None, None
        return f"{kind}, not a regular file (not read)", None, None
    return None, path, st


def _removal_guard(con: duckdb.DuckDBPyConnection, dropping: list[str], raw_dir: Path, allow: bool) -> None:
    """Stop before anything changes when a build would remove more than half of the documents."""
    if not dropping or allow:
        return
    total = con.execute("select count(*) from raw.documents").fetchall()[0][0]
    con.register("_dropping", pl.DataFrame({"k": dropping}, schema={"k": pl.String}).to_arrow())
    try:
        at_risk = con.execute(
            "select count(distinct document_id) from raw.file_documents where file_name in (select k from _dropping) "
            "and document_id not in (select document_id from raw.file_documents "
            "where file_name not in (select k from _dropping))").fetchall()[0][0]
    finally:
        con.unregister("_dropping")
    if total and at_risk * 2 > total:
        raise MassRemoval(
            f"this build would remove {at_risk} of the {total} documents in the warehouse "
            f"({len(dropping)} file(s) gone from {raw_dir}); is the landing folder mounted and its path right? "
            "Nothing was changed. To remove them, build again with --allow-removal.")


@dataclass
class _FileResult:
    file_row: dict | None
    docs: pl.DataFrame | None
    links: list[dict]
    rejections: list[ingest.Rejection]
    retry: bool = False


def _read_one(entry: Entry, known: tuple | None, now: datetime, budget_s: float | None) -> _FileResult | str:
    """Everything that touches one file, as one unit: nothing a file holds can fail the build.

    Returns "unchanged" when the content hash is the one already ingested.
    """
    try:
        snap = ingest.snapshot(entry.path)
    except ingest.FileChanged as err:
        return _retry(entry.name, f"changed during the build ({err}); it will be read at the next build")
    except ingest.NotRegularFile as err:
        return _FileResult(None, None, [], [ingest.Rejection(entry.name, f"{err}, not a regular file (not read)")])
    except Exception as err:  # noqa: BLE001 - permissions, I/O errors: this file only, tried again next time
        reason = err.strerror if isinstance(err, OSError) and err.strerror else f"{type(err).__name__}: {err}"
        return _retry(entry.name, f"could not be read: {reason}; it will be tried again at the next build")
    if known and known[2] == snap.fingerprint:
        return "unchanged"
    row = {"file_name": entry.name, "size_bytes": snap.size, "modified_ns": snap.modified_ns,
           "fingerprint": snap.fingerprint, "read_at": now}
    try:
        docs, rejections = ingest.parse_snapshot(entry.name, snap, budget_s)
        doc_rows = [{"document_id": d.document_id, "title": d.title, "source": d.source, "url": d.url,
                     "dateline": d.dateline, "published_date": d.published_date, "body_text": d.text,
                     "word_count": d.word_count, "furniture_lines": d.furniture_lines, "ingested_at": now}
                    for d in docs]
        typed = frame("documents", doc_rows)  # typed here, so a bad value is this file's problem
    except Exception as err:  # noqa: BLE001 - a parser's bug on one file is that file's rejection
        return _FileResult(row, None, [], [ingest.Rejection(
            entry.name, f"could not be read: {type(err).__name__}: {err}")])
    links = [{"file_name": entry.name, "record_name": d.file_name, "document_id": d.document_id} for d in docs]
    return _FileResult(row, typed, links, rejections)


def _retry(name: str, reason: str) -> _FileResult:
    return _FileResult(None, None, [], [ingest.Rejection(name, reason, RETRY)], retry=True)


def ingest_folder(con: duckdb.DuckDBPyConnection, raw_dir: Path,
                  progress: Progress | None = None, allow_removal: bool = False) -> IngestStats:
    """Bring raw.files, raw.file_documents, raw.documents and raw.rejected_files up to date."""
    ensure_raw_schema(con)
    stats = IngestStats()
    entries, not_files, stats.hidden = scan_folder(raw_dir)
    stats.files_seen, stats.not_files = len(entries), len(not_files)
    known = {r[0]: (r[1], r[2], r[3]) for r in con.execute(
        "select file_name, size_bytes, modified_ns, fingerprint from raw.files").fetchall()}
    present = {e.name for e in entries}
    removed = sorted(set(known) - present)
    _removal_guard(con, removed, raw_dir, allow_removal)

    now = _now()
    budget = document_seconds()
    candidates = [e for e in entries if not (e.name in known and known[e.name][:2] == (e.size, e.modified_ns))]
    stats.files_unchanged = len(entries) - len(candidates)
    stats.files_removed = len(removed)
    # Batch by batch, each batch its own transaction: memory (this process's and DuckDB's
    # uncommitted rows) follows the batch, not the folder. A build killed midway keeps the
    # files whose batch it committed, each whole, and the next build reads only the rest.
    with transaction(con):
        _forget_files(con, removed, {e.name for e in entries} | {n.file_name for n in not_files})
        _write_files(con, stats, {n.file_name: _FileResult(None, None, [], [n]) for n in not_files}, now)
    refreshed, retry = [], []
    for first in range(0, len(candidates), INGEST_BATCH):
        results = {}
        for i, entry in enumerate(candidates[first:first + INGEST_BATCH], start=first):
            result = _read_one(entry, known.get(entry.name), now, budget)
            if result == "unchanged":
                refreshed.append((entry.name, entry.modified_ns))
                stats.files_unchanged += 1
            else:
                results[entry.name] = result
                stats.files_read += not result.retry
            if progress:
                progress(i + 1, len(candidates))
        retry += [n for n, r in results.items() if r.retry]
        with transaction(con):
            _write_files(con, stats, results, now)
    with transaction(con):
        for name, mtime in refreshed:
            con.execute("update raw.files set modified_ns = ? where file_name = ?", [mtime, name])
        # a file that could not be read is looked at again by the next build, whatever its time
        con.register("_retry", pl.DataFrame({"k": retry}, schema={"k": pl.String}).to_arrow())
        try:
            con.execute("update raw.files set modified_ns = -1 where file_name in (select k from _retry)")
        finally:
            con.unregister("_retry")
        orphans = [r[0] for r in con.execute(
            "select document_id from raw.documents except select document_id from raw.file_documents").fetchall()]
        delete_where_in(con, "documents", "document_id", orphans)
        stats.documents_removed = len(orphans)
    stats.documents_total = con.execute("select count(*) from raw.documents").fetchone()[0]
    return stats


def _forget_files(con, removed: list[str], present: set[str]) -> None:
    """Rows of files gone from the folder, the rejections of files neither present nor kept,
    and the last build's "try again" notes (this build says its own)."""
    con.execute(f"delete from raw.rejected_files where outcome = '{RETRY}'")
    kept = present | {r[0] for r in con.execute("select file_name from raw.files").fetchall()}
    gone = [r[0] for r in con.execute("select distinct file_name from raw.rejected_files").fetchall()
            if r[0] not in kept]
    for table in ("files", "file_documents", "rejected_files"):
        delete_where_in(con, table, "file_name", removed + (gone if table == "rejected_files" else []))


def _write_files(con, stats: IngestStats, results: dict[str, _FileResult], now: datetime) -> None:
    """One batch of files: a file read this time replaces its rows; a file to retry keeps its old ones."""
    for result in results.values():
        for r in result.rejections:
            (stats.set_aside if r.outcome != "ingested with warning" else stats.warnings).append((r.file_name, r.reason))
    touched = [n for n, r in results.items() if not r.retry]
    for table in ("files", "file_documents", "rejected_files"):
        delete_where_in(con, table, "file_name", touched)
    insert(con, "files", [r.file_row for r in results.values() if r.file_row])
    insert(con, "file_documents", [link for r in results.values() for link in r.links])
    insert(con, "rejected_files", [
        {"file_name": name, "record_name": rej.file_name, "reason": rej.reason, "outcome": rej.outcome,
         "rejected_at": now} for name, r in results.items() for rej in r.rejections])
    frames = [r.docs for r in results.values() if r.docs is not None and not r.docs.is_empty()]
    if frames:  # a document another file (or an earlier batch) brought is kept as it was
        new_docs = pl.concat(frames).unique("document_id", keep="first", maintain_order=True)
        stats.documents_added += insert(con, "documents", new_docs, only_new="document_id")


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
        with transaction(con):
            for table in (*FACT_TABLES, "extractions"):
                delete_where_in(con, table, "document_id", gone)
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
            with transaction(con):
                for table in (*FACT_TABLES, "extractions"):
                    delete_where_in(con, table, "document_id", [r.document_id for r in group])
                for table in FACT_TABLES:
                    stats.rows[table] += insert(con, table, rows[table])
                insert(con, "extractions", rows["extractions"])
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
    with transaction(con):
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
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    return stats
