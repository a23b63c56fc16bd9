"""Runs start when articles arrive; a daily schedule exists but is off by default."""

import hashlib
import json

import dagster as dg

from ..config import resolve_paths
from ..pipeline import scan_folder

build_everything = dg.define_asset_job(
    "build_warehouse", selection=dg.AssetSelection.all(),
    description="Ingest, extract, dbt build, publish: what `communique build` does.")


def folder_state(raw_dir) -> str:
    """A digest of the landing folder's names, sizes and modification times.

    Listed as ingest lists it (scan_folder), so a file vanishing meanwhile or a link
    leaving the folder never makes the sensor fail.
    """
    entries, rejected, _ = scan_folder(raw_dir)
    state = [(e.name, e.size, e.modified_ns) for e in entries] + [(r.file_name, r.reason) for r in rejected]
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()[:16]


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
