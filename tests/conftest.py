"""Shared fixtures: the repository's own sample articles and small warehouses built from them."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"  # never the user's raw/
SEED_GOLD = Path(__file__).resolve().parent / "fixtures" / "seeds_gold"


def pytest_sessionstart(session) -> None:
    """Parse the dbt project once, before any worker builds: workers then share a fresh manifest
    instead of racing to write it."""
    if not hasattr(session.config, "workerinput"):
        from orchestration.dbt import dbt_project, prepare_manifest

        prepare_manifest(dbt_project)


def seed_paths() -> list[Path]:
    paths = sorted(RAW.glob("*.txt"))
    if len(paths) < 5:
        raise AssertionError(f"the sample articles are missing from {RAW}")
    return paths


def seed_text(index: int) -> str:
    return seed_paths()[index].read_text(encoding="utf-8")


def landing_folder(base: Path, paths: list[Path]) -> Path:
    """A fresh landing folder holding copies of the given articles."""
    raw = base / "raw"
    raw.mkdir()
    for p in paths:
        shutil.copy(p, raw / p.name)
    return raw


def build_command(raw_dir: Path, warehouse: Path) -> tuple[list[str], dict[str, str]]:
    """The `communique build` command line and an environment free of COMMUNIQUE_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    return [sys.executable, "-m", "orchestration.cli", "build", "--raw-dir", str(raw_dir),
            "--warehouse", str(warehouse)], env


def run_build(raw_dir: Path, warehouse: Path) -> subprocess.CompletedProcess:
    """`communique build` in its own process, as a user runs it."""
    args, env = build_command(raw_dir, warehouse)
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise AssertionError(f"build failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def marts_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "order by table_name").fetchall()]
        return {t: sorted(con.execute(f"select * from marts.{t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """A warehouse built from a copy of the five sample articles (tests/fixtures/seeds)."""
    base = tmp_path_factory.mktemp("seeds")
    raw = landing_folder(base, seed_paths())
    warehouse = base / "warehouse" / "communique.duckdb"
    proc = run_build(raw, warehouse)
    (base / "build.log").write_text(proc.stdout + proc.stderr)
    return warehouse
