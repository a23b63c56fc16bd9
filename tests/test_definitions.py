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


def test_sensor_starts_no_run_while_the_warehouse_holds_the_folder(seeds_build, tmp_path, monkeypatch):
    """At every UI start the sensor has no cursor: it must not rebuild a folder already built."""
    from orchestration.defs.sensors import raw_folder_sensor

    monkeypatch.delenv("COMMUNIQUE_WORK_DB", raising=False)
    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(seeds_build.parent.parent / "raw"))
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(seeds_build))
    result = raw_folder_sensor(dg.build_sensor_context())
    assert isinstance(result, dg.SkipReason), result

    landing = tmp_path / "raw"
    landing.mkdir()
    (landing / "new.txt").write_text("An article that no build has read yet.")
    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(landing))
    monkeypatch.delenv("COMMUNIQUE_WORK_DB", raising=False)
    assert isinstance(raw_folder_sensor(dg.build_sensor_context()), dg.RunRequest)


def test_catalog_descriptions_are_words_not_sql():
    """Every dbt asset and check says what it is; no raw SQL is pasted into the catalog."""
    graph = defs.resolve_asset_graph()
    dbt_keys = [k for k in graph.get_all_asset_keys()
                if k.path[0] in ("staging", "intermediate", "marts", "reporting")]
    assert dbt_keys
    for key in dbt_keys:
        description = graph.get(key).description or ""
        assert description and "Raw SQL" not in description and "select " not in description.lower(), key
    checks = {key: graph.get_check_spec(key).description for key in graph.asset_check_keys}
    assert checks
    for key, description in checks.items():
        assert description and "select " not in description.lower(), key
    marts = [d for key, d in checks.items() if key.asset_key.path[0] == "marts"]
    assert any("body_text[char_start:char_end]" in d for d in marts)
    assert any(d == "fct_trade_figures.figure_kind is one of: reported, target, forecast, estimate" for d in marts)


def test_every_mart_column_is_described():
    import yaml

    from conftest import ROOT

    models = yaml.safe_load((ROOT / "dbt_project" / "models" / "marts" / "_marts__models.yml").read_text())["models"]
    missing = [f"{m['name']}.{c['name']}" for m in models for c in m["columns"] if not c.get("description")]
    assert missing == []


def test_the_dbt_resource_knows_the_version_dbt_itself_reports():
    """The resource skips dagster-dbt's `dbt --version` subprocess; what it says instead must be true."""
    import re
    import subprocess

    from orchestration.dbt import CommuniqueDbtCli, bound_dbt_executable, dbt_project

    resource = CommuniqueDbtCli(project_dir=dbt_project, dbt_executable=bound_dbt_executable())
    out = subprocess.run([bound_dbt_executable(), "--version"], capture_output=True, text=True, check=True).stdout
    assert str(resource._cli_version) == re.search(r"installed:\s*(\d+\.\d+\.\d+)", out).group(1)
    assert resource._initialize_dbt_core_adapter(["build"]) is None


def test_a_successful_runs_parse_state_seeds_the_next_run(tmp_path):
    """dagster-dbt copies the project's partial_parse.msgpack into each run; the kept one must be the
    last successful run's (parsed with the build's own profile), replaced whole, never half-written."""
    from orchestration.dbt import PARTIAL_PARSE, keep_partial_parse

    project, run = tmp_path / "target", tmp_path / "target" / "communique_dbt-abc"
    run.mkdir(parents=True)
    (project / PARTIAL_PARSE).write_bytes(b"parsed at code load")
    assert keep_partial_parse(run, project) is False  # a run that left no state changes nothing
    assert (project / PARTIAL_PARSE).read_bytes() == b"parsed at code load"
    (run / PARTIAL_PARSE).write_bytes(b"parsed by the build")
    assert keep_partial_parse(run, project) is True
    assert (project / PARTIAL_PARSE).read_bytes() == b"parsed by the build"
    assert sorted(p.name for p in project.iterdir()) == ["communique_dbt-abc", PARTIAL_PARSE]  # no temp file left


def test_the_tests_left_out_of_a_partial_build_are_those_of_enforced_constraints(tmp_path):
    """Only not_null/unique tests on contracted columns whose constraint DuckDB enforces."""
    import json

    from orchestration.dbt import dbt_project, prepare_manifest, tests_the_database_enforces

    manifest = prepare_manifest(dbt_project)
    left_out = tests_the_database_enforces(manifest)
    assert {"not_null_dim_actors_actor_id", "unique_fct_meetings_meeting_id",
            "not_null_fct_statements_quote_text"} <= set(left_out)
    # a reporting table has no contract; accepted values and relationships are no constraint
    assert not [t for t in left_out if "rpt_" in t or t.startswith(("accepted_values", "relationships"))]

    # a constraint removed from the YAML brings its test back
    nodes = json.loads(manifest.read_text())
    actor_id = nodes["nodes"]["model.communique.dim_actors"]["columns"]["actor_id"]
    actor_id["constraints"] = [c for c in actor_id["constraints"] if c["type"] != "unique"]
    edited = tmp_path / "manifest.json"
    edited.write_text(json.dumps(nodes))
    assert "unique_dim_actors_actor_id" not in tests_the_database_enforces(edited)
    assert "not_null_dim_actors_actor_id" in tests_the_database_enforces(edited)


def test_dbts_duckdb_connection_has_a_memory_cap_operators_can_raise(tmp_path):
    """profiles.yml: uncapped, dbt's DuckDB took 2.4 GB on 100,000 articles."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from orchestration.config import DBT_PROJECT_DIR

    def cap(**env) -> str:
        run_env = {k: v for k, v in os.environ.items() if k != "COMMUNIQUE_DBT_MEMORY"}
        run_env.update(COMMUNIQUE_WORK_DB=str(tmp_path / "w.duckdb"), DBT_SEND_ANONYMOUS_USAGE_STATS="false", **env)
        out = subprocess.run([str(Path(sys.executable).parent / "dbt"), "show", "--inline",
                              "select current_setting('memory_limit') as cap", "--profiles-dir", str(DBT_PROJECT_DIR),
                              "--project-dir", str(DBT_PROJECT_DIR), "--target-path", str(tmp_path / "target"),
                              "--log-path", str(tmp_path / "logs"), "-q"],
                             env=run_env, capture_output=True, text=True, timeout=300)
        return out.stdout + out.stderr

    assert "667.5 MiB" in cap()  # 700MB as DuckDB shows it
    assert "286.1 MiB" in cap(COMMUNIQUE_DBT_MEMORY="300MB")
