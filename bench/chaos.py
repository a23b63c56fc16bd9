"""Builds killed with SIGKILL at random moments, then recovered: the acceptance bench of issue 12.

    uv run python bench/chaos.py --shared /work/shared --kills 30 [--seed 7]

1. Copies the dev corpus (`<shared>/corpus/dev/raw`, or --raw-dir) to a temp folder and
   builds a reference warehouse from it with `communique build`.
2. --kills times, on a second warehouse: moves one to three files out of the landing
   folder (so the build has reading, extracting and removing to do), starts
   `communique build`, and kills it (the build process only, as the OOM killer or an
   operator would) with SIGKILL at a random moment within the expected duration of a full
   build: the median of the last five builds that ran dbt (the clean reference build, then
   each recovery that did). A recovery after an early kill has less to do: nothing at all
   (a second) or ingest and extraction with dbt skipped (Dagster's start-up and little
   more); counting those would shrink the window, so that kills landed ever earlier and
   never in dbt or publish. A build that finished before its moment came is not a kill;
   the round is run again.
   Then it checks that every child of the killed build (dbt) is gone, puts the files
   back and runs a build to completion: a recovery. The recovered warehouse's marts are
   compared, table by table, with the reference's.
3. Prints one line per round and the totals: kills, recoveries, differences, orphans
   and leftover temp files. Figures only: nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]


def build(raw: Path, warehouse: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    return subprocess.Popen([sys.executable, "-m", "orchestration.cli", "build", "--raw-dir", str(raw),
                             "--warehouse", str(warehouse), "--wait", "120"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(proc: subprocess.Popen) -> tuple[int, str, float]:
    started = time.monotonic()
    out = proc.communicate(timeout=1800)[0]
    return proc.returncode, out, time.monotonic() - started


def marts(warehouse: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [r[0] for r in con.execute("select table_name from information_schema.tables "
                                            "where table_schema = 'marts' order by 1").fetchall()]
        return {t: sorted(con.execute(f"select * from marts.{t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def differences(a: dict, b: dict) -> list[str]:
    out = [f"table {t} only in one" for t in sorted(set(a) ^ set(b))]
    for t in sorted(set(a) & set(b)):
        if a[t] != b[t]:
            out.append(f"{t}: {len(set(a[t]) ^ set(b[t]))} rows differ ({len(a[t])} vs {len(b[t])})")
    return out


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (from /proc), to see that none outlives a killed build."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


RAN_DBT = "dbt tests:"  # the summary line of a build that ran dbt: a full build


def kill_window(durations: list[float]) -> float:
    """Up to when a kill may come: 0.95 of the median of the last five full builds, so kills
    land throughout a real build (reading, extracting, dbt, publishing) and the window follows
    the machine's load, which changes while the bench runs."""
    recent = sorted(durations[-5:])
    return 0.95 * recent[len(recent) // 2]


def kill_round(raw: Path, held: Path, warehouse: Path, limit_s: float, rng: random.Random) -> dict:
    files = sorted(raw.iterdir())
    for path in rng.sample(files, k=min(len(files) - 1, rng.randint(1, 3))):
        shutil.move(path, held / path.name)
    proc = build(raw, warehouse)
    delay = rng.uniform(0.5, limit_s)
    time.sleep(delay)
    exited_first = proc.poll() is not None
    below = descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in below) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = [p for p in below if alive(p)]
    for p in orphans:
        os.kill(p, signal.SIGKILL)
    for path in held.iterdir():
        shutil.move(path, raw / path.name)
    return {"delay": delay, "exited_first": exited_first, "children": len(below), "orphans": len(orphans)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--raw-dir", type=Path, help="Landing folder to copy (default: <shared>/corpus/dev/raw).")
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    source = args.raw_dir or args.shared / "corpus" / "dev" / "raw"
    with tempfile.TemporaryDirectory(prefix="communique-chaos-") as tmp:
        base = Path(tmp)
        raw, held = base / "raw", base / "held"
        shutil.copytree(source, raw)
        held.mkdir()
        code, out, took = finish(build(raw, base / "reference" / "communique.duckdb"))
        if code != 0:
            sys.exit(f"the reference build failed ({code}):\n{out[-3000:]}")
        reference = marts(base / "reference" / "communique.duckdb")
        print(f"reference build: {took:.0f} s, {sum(map(len, reference.values()))} mart rows "
              f"from {len(list(raw.iterdir()))} files ({source})", flush=True)
        warehouse = base / "chaos" / "communique.duckdb"
        totals = {"kills": 0, "recoveries": 0, "differences": 0, "orphans": 0, "temp_left": 0}
        durations = [took]  # full builds only: see kill_window
        i = 0
        while totals["kills"] < args.kills:
            i += 1
            window = kill_window(durations)
            kill = kill_round(raw, held, warehouse, window, rng)
            totals["kills"] += not kill["exited_first"]
            totals["orphans"] += kill["orphans"]
            code, out, recovery_s = finish(build(raw, warehouse))
            if code == 0 and RAN_DBT in out:
                durations.append(recovery_s)
            diff = differences(reference, marts(warehouse)) if code == 0 else ["recovery build failed"]
            temp_left = len(list(warehouse.parent.glob(".communique.duckdb.*.tmp*")))
            totals["recoveries"] += code == 0 and not kill["exited_first"]  # a recovery follows a kill
            totals["differences"] += len(diff)
            totals["temp_left"] += temp_left
            print(f"round {i:>3}: killed at {kill['delay']:5.1f} s (window 0.5-{window:.0f} s)"
                  f"{' (it had finished: not a kill)' if kill['exited_first'] else ''} with {kill['children']} child "
                  f"process(es), {kill['orphans']} orphan(s); recovery exit {code} in {recovery_s:.0f} s; "
                  f"{len(diff)} difference(s); {temp_left} temp file(s) left", flush=True)
            for line in diff[:5]:
                print(f"           {line}")
            if code != 0:
                print("\n".join("           " + s for s in out.strip().splitlines()[-8:]))
        print(f"kills: {totals['kills']}, recoveries: {totals['recoveries']}, differences: {totals['differences']}, "
              f"orphans: {totals['orphans']}, temp files left: {totals['temp_left']}")


if __name__ == "__main__":
    main()
