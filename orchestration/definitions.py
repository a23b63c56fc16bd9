"""The one Definitions object of the Communique code location."""
from __future__ import annotations

import dagster as dg
from dagster_dbt import DbtCliResource

from .dbt import bound_dbt_executable, dbt_project
from .defs.extract import extract_facts
from .defs.ingest import ingest_articles
from .defs.postgres import postgres_marts
from .defs.publish import published_warehouse
from .defs.report import html_report
from .defs.sensors import build_everything, nightly_build, raw_folder_sensor
from .defs.transform import communique_dbt
from .resources import CommuniqueWarehouse

defs = dg.Definitions(
    assets=[ingest_articles, extract_facts, communique_dbt, published_warehouse, html_report, postgres_marts],
    jobs=[build_everything],
    sensors=[raw_folder_sensor],
    schedules=[nightly_build],
    resources={
        "communique": CommuniqueWarehouse(),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=bound_dbt_executable()),
    },
    # One process runs the steps in order: DuckDB allows a single writer, and dbt's
    # manifest is loaded once instead of in every step process.
    executor=dg.in_process_executor,
)
