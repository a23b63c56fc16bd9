"""Stage 1: the landing folder into raw.files, raw.documents and raw.rejected_files."""

import os
import sys
import time

import dagster as dg

from ..buildstate import folder_state, write_state
from ..pipeline import ingest_folder
from ..resources import CommuniqueWarehouse

WRITER_POOL = "duckdb_writer"  # DuckDB allows one writing process: every writer shares it

INGEST_KEYS = [dg.AssetKey(["raw", t]) for t in ("files", "file_documents", "rejected_files", "documents")]


def console_progress(label: str):
    """A one-line progress display on stderr for `communique build` on long runs."""
    if os.environ.get("COMMUNIQUE_PROGRESS") != "1":
        return None
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if total < 50 or (done < total and now - last[0] < 0.5):
            return
        last[0] = now
        sys.stderr.write(f"\r{label}: {done}/{total} ({100 * done // max(total, 1)}%)")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _markdown_table(rows: list[tuple], header: tuple[str, ...]) -> str:
    if not rows:
        return "(none)"
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "/").replace("\n", " ")[:120] for c in r) + " |"
              for r in rows]
    return "\n".join(lines)


@dg.multi_asset(
    specs=[dg.AssetSpec(k, group_name="ingest", kinds={"python", "duckdb"}, owners=["team:communique"],
                        description=d) for k, d in zip(INGEST_KEYS, (
        "Every file of the landing folder with its content fingerprint.",
        "Which document each file (or JSON Lines record) yielded.",
        "Files and records set aside, or read with a warning, and why.",
        "One row per distinct article: cleaned body text and the metadata it states."))],
    pool=WRITER_POOL,
    can_subset=False,
)
def ingest_articles(context: dg.AssetExecutionContext, communique: CommuniqueWarehouse):
    """Read new and changed files only; a removed file's documents leave the warehouse."""
    paths = communique.paths()
    folder = folder_state(paths.raw_dir)  # taken before reading: a file landing meanwhile makes it stale
    with communique.connect() as con:
        # until this ingest completes, the working database matches no folder: a build killed
        # meanwhile is never taken for one with nothing to do
        write_state(con, {"ingested_folder": "ingest under way"})
        stats = ingest_folder(con, paths.raw_dir, console_progress("reading files"),
                              allow_removal=communique.removal_allowed())
        write_state(con, {"ingested_folder": folder})
        counts = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0]
                  for t in ("files", "file_documents", "rejected_files", "documents")}
        preview = con.execute(
            "select document_id, title, source, dateline, published_date, word_count "
            "from raw.documents order by ingested_at desc, document_id limit 5").fetchall()
    context.log.info(f"read {stats.files_read} of {stats.files_seen} files; "
                     f"{stats.documents_added} new documents; {len(stats.set_aside)} set aside")
    for name, reason in stats.set_aside:
        context.log.warning(f"set aside {name}: {reason}")
    shared = {"files_seen": stats.files_seen, "files_read": stats.files_read,
              "files_unchanged": stats.files_unchanged, "files_removed": stats.files_removed,
              "not_files": stats.not_files, "hidden": stats.hidden}
    yield dg.MaterializeResult(asset_key=INGEST_KEYS[0], metadata={**shared, "dagster/row_count": counts["files"]})
    yield dg.MaterializeResult(asset_key=INGEST_KEYS[1], metadata={"dagster/row_count": counts["file_documents"]})
    yield dg.MaterializeResult(asset_key=INGEST_KEYS[2], metadata={
        "dagster/row_count": counts["rejected_files"], "set_aside_this_run": len(stats.set_aside),
        "preview": dg.MetadataValue.md(_markdown_table(stats.set_aside[:20], ("file", "reason")))})
    yield dg.MaterializeResult(asset_key=INGEST_KEYS[3], metadata={
        "dagster/row_count": counts["documents"], "documents_added": stats.documents_added,
        "documents_removed": stats.documents_removed,
        "preview": dg.MetadataValue.md(_markdown_table(
            preview, ("document_id", "title", "source", "dateline", "published", "words")))})
