"""The one Definitions object of the Communique code location."""
from __future__ import annotations

import dagster as dg
from .config import executor_name
from .dbt import CommuniqueDbtCli, bound_dbt_executable, dbt_project
from .defs.extract import extract_facts, extract_shard_assets
from .defs.ingest import ingest_articles
from .defs.postgres import postgres_marts
from .defs.publish import published_warehouse
from .defs.report import html_report
from .defs.sensors import build_everything, nightly_build, raw_folder_sensor
from .defs.transform import communique_dbt
from .resources import CommuniqueWarehouse


def _executor() -> dg.ExecutorDefinition:
    """In one process by default (one DuckDB writer; dbt's manifest loaded once per run).

    COMMUNIQUE_EXECUTOR=multiprocess runs the extraction shards side by side on this
    machine; =dask runs every step on a Dask cluster (COMMUNIQUE_DASK_SCHEDULER, or a
    local one). Steps that write stay in sequence either way: each waits for the one before.
    """
    name = executor_name()
    if name == "multiprocess":  # steps fork from a server that has loaded the definitions once
        return dg.multiprocess_executor.configured(
            {"start_method": {"forkserver": {"preload_modules": ["orchestration.definitions"]}}},
            name="multiprocess")
    if name == "dask":
        import os

        from .dask_executor import sealed_dask_executor as dask_executor

        address = os.environ.get("COMMUNIQUE_DASK_SCHEDULER", "").strip()
        cluster = {"existing": {"address": address}} if address else {"local": {"n_workers": 2}}
        return dask_executor.configured({"cluster": cluster}, name="dask")
    return dg.in_process_executor


defs = dg.Definitions(
    assets=[ingest_articles, *extract_shard_assets, extract_facts, communique_dbt, published_warehouse,
            html_report, postgres_marts],
    jobs=[build_everything],
    sensors=[raw_folder_sensor],
    schedules=[nightly_build],
    resources={
        "communique": CommuniqueWarehouse(),
        "dbt": CommuniqueDbtCli(project_dir=dbt_project, dbt_executable=bound_dbt_executable()),
    },
    executor=_executor(),
)


def build_warehouse_job() -> dg.JobDefinition:
    """The build job, for `dg.reconstructable` (runs whose steps start in other processes)."""
    return defs.resolve_job_def("build_warehouse")
