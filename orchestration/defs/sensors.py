"""Runs start when articles arrive; a daily schedule exists but is off by default."""

import hashlib
import json

import dagster as dg

from ..buildstate import folder_state
from ..config import resolve_paths

build_everything = dg.define_asset_job(
    "build_warehouse", selection=dg.AssetSelection.all(),
    description="Ingest, extract, dbt build, publish: what `communique build` does.")


def built_state(paths) -> str | None:
    """The same digest of the files the last successful build read, or None when unknown: no
    published warehouse, or one older than the last files read (that build failed), or the
    working database busy."""
    import duckdb

    if not paths.work_db.exists() or not paths.warehouse.exists():
        return None
    try:
        con = duckdb.connect(str(paths.work_db), read_only=True)
    except duckdb.Error:
        return None  # a build is writing it
    try:
        rows = con.execute("select file_name, size_bytes, modified_ns, read_at from raw.files order by file_name").fetchall()
    except duckdb.Error:
        return None
    finally:
        con.close()
    last_read = max((r[3] for r in rows if r[3] is not None), default=None)
    if last_read is not None and paths.warehouse.stat().st_mtime < last_read.timestamp() - 60:
        return None
    entries = [(name, size, mtime) for name, size, mtime, _ in rows]
    return hashlib.sha256(json.dumps(entries).encode()).hexdigest()[:16]


@dg.sensor(job=build_everything, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Watches COMMUNIQUE_RAW_DIR; a new, changed or removed file starts a build. "
                       "Nothing starts while the folder holds what the last successful build read.")
def raw_folder_sensor(context: dg.SensorEvaluationContext):
    paths = resolve_paths()
    state = folder_state(paths.raw_dir)
    if state == context.cursor:
        return dg.SkipReason("no change in the landing folder")
    if state == built_state(paths):
        context.update_cursor(state)
        return dg.SkipReason("the warehouse already holds the landing folder as it is")
    context.update_cursor(state)
    return dg.RunRequest(run_key=state)


nightly_build = dg.ScheduleDefinition(
    name="nightly_build", job=build_everything, cron_schedule="0 3 * * *", default_status=dg.DefaultScheduleStatus.STOPPED,
    description="A nightly rebuild, for folders filled by tools that keep file times.")
