"""What the last published build was made from, so a build where nothing changed does nothing.

Four digests say it: the landing folder (names, sizes, modification times), the
extraction code, the dbt project's files, and the raw rows dbt reads (their keys).
The publish step records them in raw.build_state once the marts are out. A build
whose folder, code and dbt project match the record stops before Dagster loads;
a run whose raw rows and dbt project match it runs no dbt at all. Light imports
only: this is read before anything heavy starts.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb

EXTRACT_DIR = Path(__file__).parent / "extract"
DBT_PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"
_DBT_FOLDERS = ("models", "macros", "seeds", "tests", "analyses", "snapshots")

# The raw tables dbt reads, and the columns that decide their rows (facts follow from
# the document and the extractor version that read it).
_SIGNATURE_KEYS = {
    "files": "file_name, fingerprint",
    "file_documents": "file_name, record_name, document_id",
    "rejected_files": "file_name, record_name, reason, outcome",
    "documents": "document_id",
    "extractions": "document_id, extractor_version, error",
}


def extractor_version() -> str:
    """A hash of the extraction code and its lexicons: changing a rule or a lexicon line
    re-extracts every document."""
    h = hashlib.sha256()
    for path in sorted(p for p in EXTRACT_DIR.rglob("*") if p.suffix in (".py", ".json", ".js") and p.is_file()):
        h.update(str(path.relative_to(EXTRACT_DIR)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def folder_state(raw_dir: Path) -> str:
    """A digest of the landing folder's names, sizes and modification times.

    Listed as ingest lists it (scan_folder), so a file vanishing meanwhile or a link
    leaving the folder never makes the sensor or the no-op check fail.
    """
    from .pipeline import scan_folder

    if not raw_dir.is_dir():
        return hashlib.sha256(b"[]").hexdigest()[:16]
    entries, rejected, _ = scan_folder(raw_dir)
    state = [(e.name, e.size, e.modified_ns) for e in entries] + [(r.file_name, r.reason) for r in rejected]
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()[:16]


def dbt_digest(project_dir: Path = DBT_PROJECT_DIR) -> str:
    """A digest of the dbt project's own files (not target/ or logs/)."""
    h = hashlib.sha256()
    files = [project_dir / "dbt_project.yml", project_dir / "profiles.yml"]
    for folder in _DBT_FOLDERS:
        if (project_dir / folder).is_dir():
            files += sorted(p for p in (project_dir / folder).rglob("*") if p.is_file())
    for path in files:
        if path.is_file():
            h.update(str(path.relative_to(project_dir)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def raw_signature(con: duckdb.DuckDBPyConnection) -> str:
    """A digest of the keys of every raw row dbt reads: equal digests, equal marts."""
    parts = []
    for table, cols in _SIGNATURE_KEYS.items():
        count, xor = con.execute(f"select count(*), coalesce(bit_xor(hash({cols})), 0) from raw.{table}").fetchone()
        parts.append(f"{table}:{count}:{xor}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def read_state(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    try:
        return dict(con.execute("select name, value from raw.build_state").fetchall())
    except duckdb.CatalogException:  # a working database from before the table existed
        return {}


def write_state(con: duckdb.DuckDBPyConnection, values: dict[str, str]) -> None:
    con.execute("create schema if not exists raw")
    con.execute("create table if not exists raw.build_state (name varchar, value varchar)")
    con.execute("begin")
    for name, value in values.items():
        con.execute("delete from raw.build_state where name = ?", [name])
        con.execute("insert into raw.build_state values (?, ?)", [name, value])
    con.execute("commit")


def _marks(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The newest extraction and file read: what a later build changed comes after them."""
    extracted, read = con.execute(
        "select (select cast(max(extracted_at) as varchar) from raw.extractions), "
        "(select cast(max(read_at) as varchar) from raw.files)").fetchone()
    return {"built_extracted_at": extracted or "", "built_read_at": read or ""}


def record_published(con: duckdb.DuckDBPyConnection) -> None:
    """After a publish: what the published marts were built from."""
    state = read_state(con)
    write_state(con, {"built_folder": state.get("ingested_folder", ""), "built_extractor": extractor_version(),
                      "built_dbt": dbt_digest(), "built_signature": raw_signature(con) + dbt_digest(),
                      **_marks(con)})


def changed_documents(con: duckdb.DuckDBPyConnection, warehouse: Path) -> list[str] | None:
    """The articles extracted or read from a file since the published build, when only they
    changed; None when every row needs testing again.

    Every row is tested again when nothing is published yet, or the dbt project differs
    from the published build's (a model or a test changed). Otherwise the published rows
    passed their tests, and only the rows of these articles are new.
    """
    state = read_state(con)
    if not warehouse.is_file() or state.get("built_dbt") != dbt_digest() or not state.get("built_extracted_at"):
        return None
    rows = con.execute(
        "select document_id from raw.extractions where extracted_at > cast(? as timestamp) "
        "union select d.document_id from raw.file_documents as d inner join raw.files as f using (file_name) "
        "where f.read_at > cast(? as timestamp) order by 1",
        [state["built_extracted_at"], state.get("built_read_at") or state["built_extracted_at"]]).fetchall()
    return [r[0] for r in rows]


def dbt_is_current(con: duckdb.DuckDBPyConnection, warehouse: Path) -> bool:
    """The raw rows and the dbt project are those of the published build: dbt would redo the same marts."""
    state = read_state(con)
    return warehouse.is_file() and state.get("built_signature") == raw_signature(con) + dbt_digest()


def unchanged_since_published(work_db: Path, raw_dir: Path, warehouse: Path) -> dict[str, str] | None:
    """The record of the last build, when the folder, extraction code and dbt project are all as then."""
    if not (work_db.is_file() and warehouse.is_file()):
        return None
    try:
        con = duckdb.connect(str(work_db), read_only=True)
    except duckdb.Error:  # held by a running build: let that build's lock decide
        return None
    try:
        state = read_state(con)
    finally:
        con.close()
    current = {"built_folder": folder_state(raw_dir), "built_extractor": extractor_version(),
               "built_dbt": dbt_digest()}
    if state.get("ingested_folder", state.get("built_folder")) != state.get("built_folder"):
        return None  # a later build read another folder (or was killed reading): not as published
    return state if all(state.get(k) == v for k, v in current.items()) else None
