"""Runs start when articles arrive; a daily schedule exists but is off by default."""

import hashlib
import json

import dagster as dg

from ..config import resolve_paths

build_everything = dg.define_asset_job(
    "build_warehouse", selection=dg.AssetSelection.all(),
    description="Ingest, extract, dbt build, publish: what `communique build` does.")


def folder_state(raw_dir) -> str:
    """A digest of the landing folder's names, sizes and modification times."""
    entries = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                     for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith(".")) \
        if raw_dir.is_dir() else []
    return hashlib.sha256(json.dumps(entries).encode()).hexdigest()[:16]


@dg.sensor(job=build_everything, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Watches COMMUNIQUE_RAW_DIR; a new, changed or removed file starts a build.")
def raw_folder_sensor(context: dg.SensorEvaluationContext):
    state = folder_state(resolve_paths().raw_dir)
    if state == context.cursor:
        return dg.SkipReason("no change in the landing folder")
    context.update_cursor(state)
    return dg.RunRequest(run_key=state)


nightly_build = dg.ScheduleDefinition(
    name="nightly_build", job=build_everything, cron_schedule="0 3 * * *", default_status=dg.DefaultScheduleStatus.STOPPED,
    description="A nightly rebuild, for folders filled by tools that keep file times.")
