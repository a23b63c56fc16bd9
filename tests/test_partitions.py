"""Extraction in shards, each its own step writing Parquet, run side by side by other executors.

The marts of a 4-shard build on the multiprocess executor, and on a Dask cluster of
two worker processes that the test starts, are those of the in-process build.
"""
from __future__ import annotations

import os
import subprocess

import dagster as dg
import distributed

from conftest import ROOT, build_command, landing_folder, marts_snapshot, seed_paths

SHARDED = {"COMMUNIQUE_EXTRACT_SHARDS": "4", "COMMUNIQUE_WORKERS": "1"}


def _sharded_build(tmp_path, extra_env: dict[str, str]) -> tuple:
    """A 4-shard `communique build`; its Dagster instance is kept in tmp_path/dagster for the test to read."""
    raw = landing_folder(tmp_path, seed_paths())
    warehouse = tmp_path / "wh" / "communique.duckdb"
    home = tmp_path / "dagster"
    home.mkdir()
    args, env = build_command(raw, warehouse)
    env.update(SHARDED, DAGSTER_HOME=str(home), **extra_env)
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    assert "build:       succeeded" in proc.stdout
    return warehouse, home


def _shard_pids(home) -> list[int]:
    """The process that ran each extraction shard, as its materialization recorded it."""
    with dg.DagsterInstance.from_config(str(home)) as instance:
        events = [instance.get_latest_materialization_event(dg.AssetKey(["extract", f"shard_{k}"]))
                  for k in range(4)]
    assert all(events), "every shard was materialized"
    return [e.asset_materialization.metadata["pid"].value for e in events]


def test_four_shards_on_the_multiprocess_executor_give_the_in_process_marts(tmp_path, seeds_build):
    warehouse, home = _sharded_build(tmp_path, {"COMMUNIQUE_EXECUTOR": "multiprocess"})
    assert len(set(_shard_pids(home))) == 4, "each shard runs in its own step process"
    assert not list(warehouse.parent.glob("*.shards/*")), "the load step removes the shards' files"
    assert marts_snapshot(warehouse) == marts_snapshot(seeds_build)


def test_four_shards_on_a_dask_cluster_give_the_in_process_marts(tmp_path, seeds_build, monkeypatch):
    raw_dir, warehouse = tmp_path / "raw", tmp_path / "wh" / "communique.duckdb"
    # Dask's workers run the steps: they need the same settings as the process that submits them.
    for name, value in {**SHARDED, "COMMUNIQUE_RAW_DIR": str(raw_dir), "COMMUNIQUE_WAREHOUSE": str(warehouse),
                        "COMMUNIQUE_WORK_DB": str(warehouse.with_name("communique.work.duckdb"))}.items():
        monkeypatch.setenv(name, value)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        built, home = _sharded_build(tmp_path, {"COMMUNIQUE_EXECUTOR": "dask",
                                                "COMMUNIQUE_DASK_SCHEDULER": cluster.scheduler_address})
        workers = set(client.run(os.getpid).values())
    assert built == warehouse
    assert len(workers) == 2
    assert set(_shard_pids(home)) <= workers, "the shards ran on the cluster's worker processes"
    assert marts_snapshot(warehouse) == marts_snapshot(seeds_build)
