"""The Dagster UI as users start it (`dagster dev`): GraphQL, a run launched through it, the asset graph.

`dagster dev` (webserver + daemon) rather than `dagster-webserver` alone: the repo's dagster.yaml
queues runs (one at a time, `max_concurrent_runs: 1`), and only the daemon dequeues them. The
daemon also runs `raw_folder_sensor`, which is on by default and requests a build of the new
landing folder at its first tick, before the webserver even answers (so stopping it through GraphQL
would come too late). That run and the one launched here go through the same queue one after the
other, which is the single-writer behaviour the instance settings promise; the test waits for its
own run, which then finds nothing new to read or extract.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser import dump_dom, screenshot, visible_text
from conftest import ROOT, seed_paths

# its module-scoped fixture is built once, on one worker
pytestmark = pytest.mark.xdist_group("dagster_dev")

STARTUP_S = 180
RUN_S = 300
MARTS = ("dim_documents", "dim_actors", "fct_meetings", "bridge_meeting_participants",
         "bridge_meeting_documents", "fct_statements", "fct_trade_figures")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _descendants(pid: int) -> set[int]:
    """Every process below pid (some dagster processes may leave the process group)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


class DagsterDev:
    def __init__(self, base: Path):
        self.base = base
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = base / "dagster_dev.log"

    def start(self) -> None:
        home = self.base / "dagster_home"
        home.mkdir()
        # The repo's instance settings (pools, run queue), and no first-visit newsletter dialog over the UI.
        (home / "dagster.yaml").write_text((ROOT / "dagster.yaml").read_text() + "\nnux:\n  enabled: false\n")
        raw = self.base / "raw"
        raw.mkdir()
        for p in seed_paths():
            shutil.copy(p, raw / p.name)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COMMUNIQUE_", "DAGSTER_"))}
        env.update(DAGSTER_HOME=str(home), COMMUNIQUE_RAW_DIR=str(raw),
                   COMMUNIQUE_WAREHOUSE=str(self.warehouse),
                   PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dagster", "dev", "-h", "127.0.0.1", "-p", str(self.port)],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def warehouse(self) -> Path:
        return self.base / "warehouse" / "communique.duckdb"

    def stop(self) -> None:
        if self.proc is None:
            return
        pid = self.proc.pid
        below = _descendants(pid)  # run workers included
        try:
            os.killpg(pid, signal.SIGINT)  # what Ctrl-C does: dagster dev shuts its children down
            self.proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        finally:
            try:
                os.killpg(pid, signal.SIGKILL)  # the group started here, whatever is left of it
            except (ProcessLookupError, PermissionError):
                pass
            for child in below:  # and any that left the group
                try:
                    os.kill(child, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            if self.proc.poll() is None:
                self.proc.wait(timeout=10)

    def log_tail(self, n: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-n:] if self.log.exists() else ""

    def graphql(self, query: str, variables: dict | None = None, timeout: float = 30) -> dict:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        req = urllib.request.Request(f"{self.url}/graphql", data=body,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            payload = json.loads(resp.read())
        if payload.get("errors"):
            raise AssertionError(f"GraphQL errors: {payload['errors']}")
        return payload["data"]


WORKSPACE = """{ workspaceOrError { __typename ... on Workspace { locationEntries { name loadStatus
  locationOrLoadError { __typename ... on RepositoryLocation { name repositories { name } }
                        ... on PythonError { message } } } } } }"""

LAUNCH = """mutation Launch($params: ExecutionParams!) { launchRun(executionParams: $params) {
  __typename ... on LaunchRunSuccess { run { runId status } }
  ... on PythonError { message stack } ... on InvalidSubsetError { message }
  ... on RunConfigValidationInvalid { errors { message } } ... on PipelineNotFoundError { message } } }"""

RUN = """query Run($id: ID!) { runOrError(runId: $id) { __typename ... on Run { status } } }"""

RUN_ERRORS = """query Logs($id: ID!) { logsForRun(runId: $id) { __typename ... on EventConnection {
  events { __typename ... on MessageEvent { message }
           ... on ExecutionStepFailureEvent { stepKey error { message } } } } } }"""


SENSORS = """query S($repositorySelector: RepositorySelector!) {
  sensorsOrError(repositorySelector: $repositorySelector) { ... on Sensors { results { name
  sensorState { status } } } } }"""

def _sensor_states(server: DagsterDev) -> dict[str, dict]:
    results = server.graphql(SENSORS, {"repositorySelector": server.selector})["sensorsOrError"]["results"]
    return {s["name"]: s["sensorState"] for s in results}


@pytest.fixture(scope="module")
def dagster_dev(tmp_path_factory):
    server = DagsterDev(tmp_path_factory.mktemp("dagster_dev"))
    try:
        server.start()
        deadline = time.monotonic() + STARTUP_S
        location = None
        while time.monotonic() < deadline:
            if server.proc.poll() is not None:
                raise AssertionError(f"dagster dev exited ({server.proc.returncode}):\n{server.log_tail()}")
            try:
                entries = server.graphql(WORKSPACE, timeout=10)["workspaceOrError"]["locationEntries"]
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                entries = []
            loaded = [e for e in entries if e["loadStatus"] == "LOADED"]
            if loaded:
                location = loaded[0]["locationOrLoadError"]
                if location["__typename"] != "RepositoryLocation":
                    raise AssertionError(f"code location failed to load: {location}")
                break
            time.sleep(1)
        if location is None:
            raise AssertionError(f"the webserver did not answer within {STARTUP_S} s:\n{server.log_tail()}")
        server.selector = {"repositoryLocationName": location["name"],
                           "repositoryName": location["repositories"][0]["name"]}
        yield server
    finally:
        server.stop()


def test_asset_graph_sensor_schedule_and_freshness_through_graphql(dagster_dev):
    data = dagster_dev.graphql("""{ assetNodes { assetKey { path } groupName
        internalFreshnessPolicy { __typename ... on TimeWindowFreshnessPolicy { failWindowSeconds } } } }""")
    nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
    assert {"ingest", "extract", "marts", "publish"} <= {n["groupName"] for n in nodes.values()}
    for table in MARTS:
        node = nodes[f"marts/{table}"]
        assert node["groupName"] == "marts"
        assert node["internalFreshnessPolicy"]["failWindowSeconds"] == 2 * 24 * 3600, table
    assert nodes["published_warehouse"]["groupName"] == nodes["html_report"]["groupName"] == "publish"
    assert nodes["raw/documents"]["groupName"] == "ingest"
    repo = {"repositorySelector": dagster_dev.selector}
    # The raw-folder sensor on by default, the nightly schedule there but off.
    assert {"raw_folder_sensor": "RUNNING"} == {n: s["status"] for n, s in _sensor_states(dagster_dev).items()}
    schedules = dagster_dev.graphql("""query S($repositorySelector: RepositorySelector!) {
        schedulesOrError(repositorySelector: $repositorySelector) { ... on Schedules { results { name
        scheduleState { status } } } } }""", repo)["schedulesOrError"]["results"]
    assert {"nightly_build": "STOPPED"} == {s["name"]: s["scheduleState"]["status"] for s in schedules}


def test_a_run_launched_through_graphql_succeeds_and_publishes(dagster_dev):
    params = {"selector": {**dagster_dev.selector, "jobName": "build_warehouse"}, "runConfigData": {}}
    launched = dagster_dev.graphql(LAUNCH, {"params": params})["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]
    deadline = time.monotonic() + RUN_S
    status = launched["run"]["status"]
    while time.monotonic() < deadline and status not in ("SUCCESS", "FAILURE", "CANCELED"):
        time.sleep(2)
        status = dagster_dev.graphql(RUN, {"id": run_id})["runOrError"]["status"]
    if status != "SUCCESS":
        events = dagster_dev.graphql(RUN_ERRORS, {"id": run_id})["logsForRun"].get("events", [])
        failures = [e for e in events if e["__typename"] == "ExecutionStepFailureEvent"]
        raise AssertionError(f"run {run_id} ended {status} (bounded at {RUN_S} s): {failures}\n"
                             f"{dagster_dev.log_tail()}")
    assert dagster_dev.warehouse.is_file()
    assert (dagster_dev.warehouse.parent / "report" / "index.html").is_file()
    node = dagster_dev.graphql("""{ assetNodeOrError(assetKey: {path: ["marts", "fct_meetings"]}) {
        ... on AssetNode { assetMaterializations(limit: 1) { runId metadataEntries { label
        ... on IntMetadataEntry { intValue } } } } } }""")["assetNodeOrError"]
    latest = node["assetMaterializations"][0]
    rows = {e["label"]: e.get("intValue") for e in latest["metadataEntries"]}
    assert rows.get("dagster/row_count", 0) > 0  # dbt tables carry their row counts into the UI


def test_the_ui_shows_the_asset_graph_in_chromium(dagster_dev, tmp_path):
    # After the run above (pytest runs a module's tests in order): the marts carry materializations.
    url = f"{dagster_dev.url}/locations/{dagster_dev.selector['repositoryLocationName']}/asset-groups/marts"
    dom = dump_dom(url, window=(1600, 2400), virtual_time_ms=10000)
    text = visible_text(dom)
    assert "marts" in text and "Asset Group" in text, text[:1000]
    shown = [t for t in MARTS if t in text]
    assert len(shown) >= 3, f"asset names in the graph: {shown}\n{text[:2000]}"
    png = tmp_path / "dagster_ui.png"
    width, height = screenshot(url, png, window=(1600, 1000), virtual_time_ms=10000)
    assert (width, height) == (1600, 1000)
    assert png.stat().st_size > 40_000
    shutil.copy(png, dagster_dev.base / "dagster_ui.png")
