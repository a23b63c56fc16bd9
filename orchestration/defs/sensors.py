"""Runs start when articles arrive; a daily schedule exists but is off by default."""

import dagster as dg

from ..buildstate import folder_state
from ..config import resolve_paths

build_everything = dg.define_asset_job(
    "build_warehouse", selection=dg.AssetSelection.all(),
    description="Ingest, extract, dbt build, publish: what `communique build` does.")


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
