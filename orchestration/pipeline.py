"""The two Python stages, independent of Dagster: ingest the landing folder, extract facts.

Both are incremental and safe to re-run: work is keyed by file fingerprint and
by document id, and rows are replaced (delete, then insert) per changed key.
"""
from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from .extract import ingest
from .extract.document import extract_document
from .warehouse import FACT_TABLES, delete_where_in, ensure_raw_schema, frame, insert

Progress = Callable[[int, int], None]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def extractor_version() -> str:
    """A hash of the extraction code: changing a rule re-extracts every document."""
    h = hashlib.sha256()
    for path in sorted((Path(__file__).parent / "extract").glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


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
    rows: dict[str, int] = field(default_factory=dict)


def extract_pending(con: duckdb.DuckDBPyConnection, progress: Progress | None = None,
                    batch_size: int = 500) -> ExtractStats:
    """Extract facts from every document not yet extracted by this version of the code."""
    ensure_raw_schema(con)
    version = extractor_version()
    stats = ExtractStats(rows={t: 0 for t in FACT_TABLES})
    gone = [r[0] for r in con.execute(
        "select document_id from raw.extractions except select document_id from raw.documents").fetchall()]
    if gone:
        con.execute("begin")
        for table in (*FACT_TABLES, "extractions"):
            delete_where_in(con, table, "document_id", gone)
        con.execute("commit")
    stats.documents_removed = len(gone)
    pending = con.execute(
        "select d.document_id, d.body_text, d.published_date, d.dateline from raw.documents d "
        "left join raw.extractions e on e.document_id = d.document_id and e.extractor_version = ? "
        "where e.document_id is null order by d.document_id", [version]).fetchall()
    total = len(pending)
    for start in range(0, total, batch_size):
        batch = pending[start:start + batch_size]
        rows: dict[str, list[dict]] = {t: [] for t in FACT_TABLES}
        done = []
        now = _now()
        for doc_id, text, published, dateline in batch:
            try:
                on_topic, facts = extract_document(text, published, dateline)
                error = None
            except Exception as err:  # one bad article must not stop the others
                on_topic, facts, error = None, {}, f"{type(err).__name__}: {err}"
                stats.documents_failed.append((doc_id, error + "\n" + traceback.format_exc(limit=3)))
            for table, table_rows in facts.items():
                for r in table_rows:
                    r["document_id"] = doc_id
                rows[table].extend(table_rows)
            stats.off_topic += on_topic is False
            done.append({"document_id": doc_id, "extractor_version": version,
                         "extracted_at": now, "on_topic": on_topic, "error": error})
        ids = [d["document_id"] for d in done]
        con.execute("begin")
        try:
            for table in (*FACT_TABLES, "extractions"):
                delete_where_in(con, table, "document_id", ids)
            for table in FACT_TABLES:
                stats.rows[table] += insert(con, table, rows[table])
            insert(con, "extractions", done)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        stats.documents_extracted += len(batch)
        if progress:
            progress(stats.documents_extracted, total)
    return stats
