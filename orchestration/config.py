"""Paths, from environment variables, made absolute once and shared with dbt.

COMMUNIQUE_RAW_DIR      the landing folder (default: raw/)
COMMUNIQUE_WAREHOUSE    the DuckDB file users read (default: warehouse/communique.duckdb)
COMMUNIQUE_WORK_DB      the working database the pipeline writes (default: beside the
                        warehouse, <name>.work.duckdb); the dbt profile reads it too.

and how a run spreads its work, read when the definitions load:

COMMUNIQUE_EXTRACT_SHARDS  extraction steps per run (default 1); each shard is its own step
COMMUNIQUE_EXECUTOR        in_process (default), multiprocess, or dask
COMMUNIQUE_DASK_SCHEDULER  with dask: the scheduler's address (tcp://host:8786); unset, a
                           local cluster is started for the run

COMMUNIQUE_LOCK_WAIT    seconds a build waits for another build's writer lock
                        (default: 0 for `communique build`, 600 for Dagster runs)
COMMUNIQUE_DOC_SECONDS  time budget of one document's extraction (default: 30)
COMMUNIQUE_DUCKDB_MEMORY  DuckDB's memory cap for the pipeline's own connections (default: 512MB)
COMMUNIQUE_DBT_MEMORY   DuckDB's memory cap for dbt's connection (default: 700MB; profiles.yml)
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


@dataclass(frozen=True)
class Paths:
    raw_dir: Path
    warehouse: Path
    work_db: Path

    @property
    def report_dir(self) -> Path:
        return self.warehouse.parent / "report"

    @property
    def shards_dir(self) -> Path:
        """Where extraction shards leave their Parquet files for the load step."""
        return self.work_db.with_name(self.work_db.name + ".shards")


def _absolute(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (Path.cwd() / path).resolve()


def work_db_for(warehouse: Path) -> Path:
    return warehouse.with_name(f"{warehouse.stem}.work{warehouse.suffix or '.duckdb'}")


def resolve_paths(raw_dir: str | None = None, warehouse: str | None = None) -> Paths:
    """Paths from arguments, else the environment, else the defaults; exported for dbt."""
    raw = _absolute(raw_dir or os.environ.get("COMMUNIQUE_RAW_DIR") or str(PROJECT_ROOT / "raw"))
    wh = _absolute(warehouse or os.environ.get("COMMUNIQUE_WAREHOUSE")
                   or str(PROJECT_ROOT / "warehouse" / "communique.duckdb"))
    work_env = os.environ.get("COMMUNIQUE_WORK_DB") if not warehouse else None
    work = _absolute(work_env) if work_env else work_db_for(wh)
    os.environ["COMMUNIQUE_RAW_DIR"] = str(raw)
    os.environ["COMMUNIQUE_WAREHOUSE"] = str(wh)
    os.environ["COMMUNIQUE_WORK_DB"] = str(work)
    return Paths(raw_dir=raw, warehouse=wh, work_db=work)


EXECUTORS = ("in_process", "multiprocess", "dask")


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {raw!r}")
    return int(raw)


def extract_shards() -> int:
    return _positive_int("COMMUNIQUE_EXTRACT_SHARDS", 1)


def executor_name() -> str:
    name = os.environ.get("COMMUNIQUE_EXECUTOR", "").strip() or "in_process"
    if name not in EXECUTORS:
        raise ValueError(f"COMMUNIQUE_EXECUTOR must be one of {', '.join(EXECUTORS)}, not {name!r}")
    return name


class ConfigError(Exception):
    """A path or setting that cannot work: said in one line, before anything runs."""


def _seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a number of seconds") from None
    if not 0 <= seconds < 10 ** 7:
        raise ConfigError(f"{name}={value!r} must be between 0 and 10000000 seconds")
    return seconds


def lock_wait_seconds(default: float) -> float:
    return _seconds("COMMUNIQUE_LOCK_WAIT", default)


def document_seconds() -> float:
    return _seconds("COMMUNIQUE_DOC_SECONDS", 30.0)


def check_paths(paths: Paths) -> None:
    """Refuse paths a build cannot use, naming what to fix, before anything is read or written."""
    if not paths.raw_dir.is_dir():
        raise ConfigError(f"landing folder {paths.raw_dir} does not exist or is not a folder "
                          "(--raw-dir or COMMUNIQUE_RAW_DIR)")
    for path, what in ((paths.warehouse, "--warehouse or COMMUNIQUE_WAREHOUSE"),
                       (paths.work_db, "COMMUNIQUE_WORK_DB")):
        if path.is_dir():
            raise ConfigError(f"{path} is a folder; {what} must name a file, e.g. {path / 'communique.duckdb'}")
        parent = next((p for p in (path.parent, *path.parent.parents) if p.exists()), None)
        if parent is None or not parent.is_dir():
            raise ConfigError(f"{path.parent} is not a folder ({what})")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise ConfigError(f"cannot write in {parent} ({what})")
    if paths.warehouse == paths.work_db:
        raise ConfigError("COMMUNIQUE_WORK_DB must not be the published warehouse file")
