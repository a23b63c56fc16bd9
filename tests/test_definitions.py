"""The code location loads and shows the whole graph: ingest → extract → dbt → publish."""
from __future__ import annotations

import dagster as dg

from orchestration.definitions import defs


def test_definitions_load_with_every_stage():
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {"raw/documents", "raw/rejected_files", "raw/statements", "raw/meetings", "raw/figures"} <= keys
    assert {f"marts/{t}" for t in ("dim_documents", "dim_actors", "fct_meetings", "bridge_meeting_participants",
                                   "bridge_meeting_documents", "fct_statements", "fct_trade_figures")} <= keys
    assert "published_warehouse" in keys
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert {"ingest", "extract", "staging", "intermediate", "marts", "publish"} <= groups


def test_dbt_tests_are_asset_checks():
    checks = {c.name for c in defs.resolve_asset_graph().asset_check_keys}
    assert any(name.startswith("unique_dim_documents") for name in checks)
    assert any(name.startswith("relationships_fct_statements") for name in checks)


def test_dbt_source_tables_are_the_python_assets():
    graph = defs.resolve_asset_graph()
    stg = graph.get(dg.AssetKey(["staging", "stg_raw__documents"]))
    assert dg.AssetKey(["raw", "documents"]) in stg.parent_keys


def test_sensor_on_the_landing_folder_and_a_schedule_that_is_off():
    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    schedule = defs.resolve_schedule_def("nightly_build")
    assert sensor.job_name == schedule.job_name == "build_warehouse"
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED


def test_every_writer_shares_one_pool():
    graph = defs.resolve_asset_graph()
    for key in ("raw/documents", "raw/statements", "marts/fct_meetings", "published_warehouse"):
        node = graph.get(dg.AssetKey.from_user_string(key))
        assert node.assets_def.op.pool == "duckdb_writer", key
