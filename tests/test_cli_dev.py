"""`communique dev`: the Dagster UI with its instance in a folder that outlives the process."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def test_dev_keeps_the_instance_in_dagster_home_and_runs_dg_dev(tmp_path):
    home = tmp_path / "dagster-home"
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "dev", "--", "--help"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Usage: dg dev" in proc.stdout
    assert (home / "dagster.yaml").read_text() == (ROOT / "dagster.yaml").read_text()
    assert f"DAGSTER_HOME={home}" in proc.stderr
