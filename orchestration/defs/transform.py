"""Stage 3: dbt shapes the raw tables into staging, intermediate and the public marts."""

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from ..buildstate import changed_documents, dbt_is_current
from ..config import resolve_paths
from ..dbt import (dbt_project, enforced_by_database, keep_partial_parse, prepare_manifest, prune_targets,
                   tests_the_database_enforces)
from ..warehouse import connect, ensure_raw_schema, insert, transaction
from .ingest import WRITER_POOL


FORCE_ENV = "COMMUNIQUE_FORCE_BUILD"  # set to 1: run dbt even when nothing changed
DBT_NOT_RUN = "dbt not run: no raw row and no dbt file changed since the published build"

# Analysts expect the marts to follow the news: a day without a build warns, two days fail.
MARTS_FRESHNESS = dg.FreshnessPolicy.time_window(fail_window=timedelta(days=2), warn_window=timedelta(days=1))


class CommuniqueTranslator(DagsterDbtTranslator):
    """Groups follow dbt's layers; seeds are reference data."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "transform"

    def get_owners(self, dbt_resource_props: Mapping[str, Any]):
        return ["team:communique"]

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        return dg.apply_freshness_policy(spec, MARTS_FRESHNESS) if spec.group_name == "marts" else spec

    def get_description(self, dbt_resource_props: Mapping[str, Any]) -> str:
        """The model's own description; its SQL is one click away in the code, not in the catalog."""
        return (dbt_resource_props.get("description") or "").strip() or \
            f"dbt {dbt_resource_props['resource_type']} {dbt_resource_props['name']}"

    def get_asset_check_spec(self, asset_spec: dg.AssetSpec, manifest: Mapping[str, Any], unique_id: str,
                             project) -> dg.AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None:
            return spec
        test = manifest["nodes"].get(unique_id, {})
        if enforced_by_database(manifest["nodes"], test):
            # DuckDB refused any violating row when dbt wrote the table, so nothing waits on
            # this check; builds that changed only some articles leave it out.
            spec = spec._replace(blocking=False)
        return spec if spec.description else spec._replace(description=describe_test(test, asset_spec.key.path[-1]))


def describe_test(test: Mapping[str, Any], model: str) -> str:
    """A dbt test in words, for the check's description in the catalog: what must hold, on what."""
    meta = test.get("test_metadata") or {}
    kwargs = meta.get("kwargs") or {}
    column = kwargs.get("column_name") or test.get("column_name")
    where = f"{model}.{column}" if column else model
    name = meta.get("name") or test.get("name", "test")
    if test.get("description"):
        return test["description"]
    args = {k: v for k, v in kwargs.items() if k not in ("column_name", "model")}
    phrases = {
        "not_null": f"{where} is never null",
        "unique": f"{where} is unique",
        "accepted_values": f"{where} is one of: {', '.join(map(str, args.get('values', [])))}",
        "relationships": f"every {where} exists in {str(args.get('to', '')).replace('ref(', '').rstrip(')')}"
                         f".{args.get('field', '')}",
        "unique_combination": f"rows of {model} are unique over ({', '.join(args.get('columns', []))})",
        "offsets_slice_text": f"body_text[char_start:char_end] of each {model} row is exactly its "
                              f"{args.get('text_column', 'text')}",
        "expression_is_true": f"every row of {model} satisfies: {args.get('expression', '')}",
    }
    return phrases.get(name, f"dbt test {name} on {where}")


@dbt_assets(
    manifest=prepare_manifest(dbt_project),
    project=dbt_project,
    dagster_dbt_translator=CommuniqueTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
    pool=WRITER_POOL,
)
def communique_dbt(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """`dbt build`: models, seeds and their tests (shown as asset checks), unless nothing changed.

    When the raw rows dbt reads and the dbt project are those the published marts were
    built from, dbt would rebuild the same tables: it is not started, no model is
    materialized, and the publish steps after it are skipped.
    """
    paths = resolve_paths()
    force = os.environ.get(FORCE_ENV) == "1"
    con = connect(paths.work_db)  # one connection: the no-op check, then the test scope
    try:
        if not force and dbt_is_current(con, paths.warehouse):
            context.log.info(DBT_NOT_RUN)
            return
        scope = set_test_scope(con, paths.warehouse, force)
    finally:
        con.close()
    args = ["build"]
    if scope is None:  # a new dbt project or --force: incremental models are rebuilt whole too
        args.append("--full-refresh")
    else:
        skipped = tests_the_database_enforces(dbt_project.manifest_path)
        args += ["--exclude", " ".join(skipped)] if skipped else []
        context.log.info(f"tests: row-by-row tests read the rows of the {len(scope)} article(s) this build changed; "
                         f"{len(skipped)} not_null/unique tests on constraints DuckDB enforced at write are left out "
                         f"(`communique build --force` runs every test on every row)")
    prune_targets(dbt_project.project_dir / dbt_project.target_path)
    invocation = dbt.cli(args, context=context)
    yield from _with_row_counts(context, invocation.stream())
    keep_partial_parse(invocation.target_path, dbt_project.project_dir / dbt_project.target_path)


def set_test_scope(con: duckdb.DuckDBPyConnection, warehouse: Path, force: bool) -> list[str] | None:
    """Write raw.dbt_test_scope for macros/get_where_subquery.sql: the articles this build
    changed, or nothing (every row) on a full build. Returns the articles, None on a full build."""
    ensure_raw_schema(con)
    scope = None if force else changed_documents(con, warehouse)
    with transaction(con):
        con.execute("delete from raw.dbt_test_scope")
        if scope is not None:
            # '' stands for "no article": a build that only removed some tests no row one by one
            insert(con, "dbt_test_scope", [{"document_id": d} for d in scope or [""]])
    return scope


def _with_row_counts(context: dg.AssetExecutionContext, events):
    """dbt's events, each table's with `dagster/row_count`, counted once dbt has exited.

    dagster-dbt's own `.fetch_row_counts()` leaves its DuckDB connection open in this
    process, and the next read of the working database then fails; one short read-only
    connection after dbt's writer process is gone does the same job.
    """
    buffered, error = [], None
    try:
        buffered.extend(events)
    except Exception as exc:  # the events before a failure still reach the UI, then it is raised
        error = exc
    counts = {}
    try:
        con = duckdb.connect(str(resolve_paths().work_db), read_only=True)
        try:
            for schema, table in con.execute("select table_schema, table_name from information_schema.tables "
                                             "where table_type = 'BASE TABLE' and table_schema <> 'raw'").fetchall():
                counts[(schema, table)] = con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0]
        finally:
            con.close()
    except duckdb.Error as exc:
        context.log.warning(f"row counts not read: {exc}")
    for event in buffered:
        key = event.asset_key if isinstance(event, dg.AssetMaterialization) else \
            context.asset_key_for_output(event.output_name) if isinstance(event, dg.Output) else None
        n = counts.get(tuple(key.path[-2:])) if key is not None else None
        yield event if n is None else event.with_metadata({**event.metadata, "dagster/row_count": n})
    if error is not None:
        raise error
