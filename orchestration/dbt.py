"""The dbt project as Dagster sees it, with a manifest prepared once, not at every load."""
from __future__ import annotations

from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from .config import DBT_PROJECT_DIR


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
        DbtCliResource(project_dir=project).cli(
            ["parse", "--quiet"], target_path=project.project_dir / project.target_path).wait()
    return manifest


dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
