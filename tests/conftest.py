"""Shared fixtures: the repository's own sample articles and small warehouses built from them.

A full build costs tens of seconds, most of it dbt, so the warehouses many tests read are
built once per run, not once per test or per xdist worker: the first worker to ask builds
under a file lock in the run's shared temporary folder, and the others wait and read it.
A test that builds further on one works on its own copy (`copy_build`).
"""
from __future__ import annotations

import fcntl
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


# Modules of full builds, `dagster dev` and Chromium, slowest first. xdist hands out tests in
# collection order, so these start first and the run's last minutes are filled with short
# tests instead of one worker finishing a long build while the other idles.
SLOW_FIRST = ("test_webserver.py", "test_partitions.py", "test_build.py", "test_parallel.py",
              "test_dedup.py", "test_postgres.py", "test_report.py", "test_faults.py")


@pytest.hookimpl(trylast=True)  # after pytest's own ordering by fixture, which it keeps within a module
def pytest_collection_modifyitems(config, items) -> None:
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(SLOW_FIRST)))
    keep_xdist_groups(config, items)


def keep_xdist_groups(config, items) -> None:
    """Give each test of an xdist_group the `@group` suffix `--dist loadgroup` sends it by.

    pytest 9 makes `item.nodeid` from a structured id, so the suffix xdist 3.8 writes to the
    old `_nodeid` is lost and a group's tests are spread over all workers, each building the
    group's warehouse, PostgreSQL or `dagster dev` again (pytest-dev/pytest-xdist#1386). Where
    xdist's own suffix took, nothing is done.
    """
    if not getattr(config.option, "loadgroup", False):  # set on xdist's workers only
        return
    from _pytest.nodeid import NodeId

    for item in items:
        names = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                        for m in item.iter_markers("xdist_group")})
        suffix = "@" + "_".join(names)
        if names and not item.nodeid.endswith(suffix):
            # the suffix after the parameters, as xdist writes it, whether the id is read or rebuilt
            last = item.id.names[-1] + (f"[{item.id.params}]" if item.id.params is not None else "")
            item._id = NodeId(path=item.id.path, names=(*item.id.names[:-1], last + suffix))


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


def shared_build(tmp_path_factory, name: str, paths: list[Path]) -> Path:
    """The warehouse of `paths`, built by whichever xdist worker asks first; the others wait for it.

    It lies in base/warehouse, its landing folder in base/raw and the build's output in
    base/build.log. Tests only read it (DuckDB read-only) or copy it.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    base = root / f"shared-{name}"
    warehouse = base / "warehouse" / "communique.duckdb"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (base / "build.log").is_file():
            shutil.rmtree(base, ignore_errors=True)  # what a failed attempt left
            base.mkdir()
            proc = run_build(landing_folder(base, paths), warehouse)
            (base / "build.log").write_text(proc.stdout + proc.stderr)
    return warehouse


def copy_build(warehouse: Path, dest: Path) -> tuple[Path, Path]:
    """A test's own copy of a shared build: its landing folder and warehouse folder, file times
    kept, so the next build there finds nothing changed, as it would in the original."""
    base = warehouse.parent.parent
    shutil.copytree(base / "raw", dest / "raw")
    shutil.copytree(warehouse.parent, dest / "warehouse", ignore=shutil.ignore_patterns("*.lock"))
    return dest / "raw", dest / "warehouse" / warehouse.name


def build_log(warehouse: Path) -> str:
    """What `communique build` printed when it built a shared warehouse."""
    return (warehouse.parent.parent / "build.log").read_text()


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """A warehouse built from a copy of the five sample articles (tests/fixtures/seeds)."""
    return shared_build(tmp_path_factory, "seeds", seed_paths())


@pytest.fixture(scope="session")
def four_seeds_build(tmp_path_factory) -> Path:
    """A warehouse of the first four sample articles: the fifth is there to be added to a copy."""
    return shared_build(tmp_path_factory, "four-seeds", seed_paths()[:4])
