"""The dbt project as Dagster sees it, with a manifest prepared once, not at every load."""
from __future__ import annotations

import json
import os
import shutil
import time
from functools import cached_property
from importlib.metadata import version as installed_version
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

from .config import DBT_PROJECT_DIR

KEEP_TARGETS = 3  # dbt target folders of past runs kept for inspection
PARTIAL_PARSE = "partial_parse.msgpack"
BOUND_DBT = Path(__file__).resolve().parent / "bin" / "dbt-bound"


def _newest_source_mtime(project_dir: Path) -> float:
    newest = (project_dir / "dbt_project.yml").stat().st_mtime
    for folder in ("models", "macros", "seeds", "tests", "analyses"):
        for path in (project_dir / folder).rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    return newest


def prepare_manifest(project: DbtProject) -> Path:
    """Run `dbt parse` only when the manifest is missing or older than the project's files.

    dagster-dbt's default preparer parses at every code load and again in every
    step process under `dagster dev`; a stat of the project files is enough.
    """
    manifest = project.manifest_path
    if not manifest.exists() or manifest.stat().st_mtime < _newest_source_mtime(project.project_dir):
        CommuniqueDbtCli(project_dir=project).cli(
            ["parse", "--quiet"], target_path=project.project_dir / project.target_path).wait()
    return manifest


class CommuniqueDbtCli(DbtCliResource):
    """dagster-dbt's resource without the 9 s it spends before dbt starts.

    At every invocation dagster-dbt runs `dbt --version` in a subprocess (about 3.5 s: it
    imports dbt-core) and builds a dbt adapter in this process (about 5.5 s) for column
    metadata and row counts, which this project does not fetch (transform.py counts rows
    itself). The version is the installed dbt-core's, which the locked environment fixes.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        return None


dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def tests_the_database_enforces(manifest_path: Path) -> list[str]:
    """The not_null and unique tests on columns whose contract constraint DuckDB enforces.

    A contracted model's table is created with NOT NULL and UNIQUE on those columns, so
    DuckDB refuses a violating row when dbt writes it: the test can only find what the
    write already refused. Full builds still run them (a constraint dropped from the YAML
    leaves its test); a build that changed only some articles leaves them out.
    """
    nodes = json.loads(manifest_path.read_text(encoding="utf-8"))["nodes"]
    return sorted(node["name"] for node in nodes.values() if enforced_by_database(nodes, node))


def enforced_by_database(nodes: dict, test: dict) -> bool:
    """A not_null or unique test whose column carries the same constraint in an enforced contract."""
    name = (test.get("test_metadata") or {}).get("name")
    if test.get("resource_type") != "test" or name not in ("not_null", "unique"):
        return False
    model = nodes.get(test.get("attached_node") or "", {})
    if not (model.get("config", {}).get("contract") or {}).get("enforced"):
        return False
    column = (model.get("columns") or {}).get(test.get("column_name") or "", {})
    return any(c.get("type") == name for c in column.get("constraints") or [])


def bound_dbt_executable() -> str:
    """A wrapper that runs dbt with a parent-death signal, so killing the build kills dbt too.

    dagster-dbt starts dbt with a plain Popen; the wrapper (setpriv --pdeathsig) is the
    only hook. Without setpriv, or off Linux, dbt itself is used.
    """
    real = shutil.which("dbt")
    if real is None or shutil.which("setpriv") is None or not os.access(BOUND_DBT, os.X_OK):
        return real or "dbt"
    os.environ["COMMUNIQUE_DBT_REAL"] = real
    return str(BOUND_DBT)


def keep_partial_parse(run_target: Path, project_target: Path) -> bool:
    """Keep a successful run's parse state where dagster-dbt seeds the next run from.

    dbt reparses the whole project (3–4 s) when its profile differs from the one the kept
    state was parsed with, and the profile holds the working database's path: the state
    `dbt parse` leaves at code load never matches a build's. A build of the same warehouse
    then parses only what changed. Replaced by rename, so two builds never mix halves.
    """
    state = run_target / PARTIAL_PARSE
    if not state.is_file():
        return False
    tmp = project_target / f".{PARTIAL_PARSE}.{os.getpid()}"
    shutil.copyfile(state, tmp)
    os.replace(tmp, project_target / PARTIAL_PARSE)
    return True


def prune_targets(target_dir: Path, keep: int = KEEP_TARGETS, quiet_s: float = 900.0) -> list[Path]:
    """Remove the per-run dbt target folders but the newest `keep` (each holds ~8 MB).

    A folder written in the last `quiet_s` seconds may belong to a build of another
    warehouse that is running now, so it stays.
    """
    written = {p: _last_write(p) for p in target_dir.glob("*-*") if p.is_dir() and not p.is_symlink()}
    runs = sorted((p for p, t in written.items() if t is not None), key=written.__getitem__, reverse=True)
    removed = []
    for path in runs[keep:]:
        if time.time() - written[path] < quiet_s:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _last_write(path: Path) -> float | None:
    """When a run's folder was last written to; None when it is gone: two builds starting at
    once both prune, and one may remove a folder the other has just listed."""
    try:
        times = [path.stat().st_mtime]
    except OSError:
        return None
    for name in ("dbt.log", "run_results.json"):
        try:
            times.append((path / name).stat().st_mtime)
        except OSError:
            continue
    return max(times)
