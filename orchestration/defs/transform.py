"""Stage 3: dbt shapes the raw tables into staging, intermediate and the public marts."""

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from ..dbt import dbt_project, prepare_manifest
from .ingest import WRITER_POOL


class CommuniqueTranslator(DagsterDbtTranslator):
    """Groups follow dbt's layers; seeds are reference data."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "transform"

    def get_owners(self, dbt_resource_props: Mapping[str, Any]):
        return ["team:communique"]


@dbt_assets(
    manifest=prepare_manifest(dbt_project),
    project=dbt_project,
    dagster_dbt_translator=CommuniqueTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
    pool=WRITER_POOL,
)
def communique_dbt(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """`dbt build`: models, seeds and their tests (shown as asset checks)."""
    yield from dbt.cli(["build"], context=context).stream()
