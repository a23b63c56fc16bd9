"""Readers while the pipeline writes: the acceptance test of issue 4, as a benchmark.

    uv run python bench/readers_soak.py --shared /work/shared --seconds 60
    uv run python bench/readers_soak.py --raw-dir raw --seconds 20 --postgres "host=… user=… dbname=…"

1. Builds the warehouse once from the dev corpus (`<shared>/corpus/dev/raw`, or --raw-dir)
   with `communique build`, which also publishes to PostgreSQL (COMMUNIQUE_POSTGRES_DSN):
   a throwaway local cluster (initdb + pg_ctl in a temp dir), or --postgres DSN (a role
   that may create schemas and roles there).
2. For --seconds, at the same time:
   - `communique build` runs again and again on the same corpus, each time on a fresh
     working database (so it really ingests, extracts, runs dbt and publishes both the
     DuckDB file, by rename, and PostgreSQL, by schema swap);
   - --duckdb-readers processes (default 10) loop over the saved analysis catalog
     (orchestration/serve/analyses.py) on the published DuckDB file, opening a read_only
     connection per query;
   - --pg-readers processes (default 10) loop over the same analyses on PostgreSQL as the
     read-only role, one connection each (autocommit, as BI tools run).
3. Tries writes through the read-only role (they must be refused).

Prints queries, errors (with samples) and latencies per client kind, the builds and
publishes during the window, and the write attempts. Figures only: nothing is asserted.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

READER_ROLE = "communique_reader"
# Parameters for the analyses that need some; every analysis also runs bare where allowed.
EXTRA_PARAMS = [
    ("relationship_timeline", {"pair": "CHN-RUS"}),
    ("statements", {"search": "cooperation"}),
    ("trade_figures_by_measure_period", {"pair": "CHN-RUS"}),
]


def workload() -> list[tuple[str, dict]]:
    from orchestration.serve.analyses import list_analyses

    items = [(a.name, {}) for a in list_analyses() if not a.requires]
    names = {a.name for a in list_analyses()}
    items += [(n, p) for n, p in EXTRA_PARAMS if n in names]
    return items


def reader(kind: str, index: int, target: str, ready, deadline, results) -> None:
    """One client process: loop over the workload until the deadline; report counts."""
    import duckdb
    import psycopg

    from orchestration.serve.analyses import run

    items = workload()
    queries = errors = rows = 0
    samples: list[str] = []
    latencies: list[float] = []
    conn = None
    ready.put(index)
    while deadline.value == 0:  # the window opens when every reader is ready
        time.sleep(0.01)
    i = index  # readers start at different analyses
    while time.time() < deadline.value:  # the main process may extend the window
        name, params = items[i % len(items)]
        i += 1
        t0 = time.perf_counter()
        try:
            if kind == "duckdb":
                con = duckdb.connect(target, read_only=True)
                try:
                    result = run(con, name, **params)
                finally:
                    con.close()
            else:
                if conn is None or conn.closed:
                    conn = psycopg.connect(target, autocommit=True, application_name=f"soak-{index}")
                result = run(conn, name, **params)
            rows += len(result.rows)
        except Exception as exc:  # noqa: BLE001 - counted and sampled
            errors += 1
            if len(samples) < 5:
                samples.append(f"{name}: {type(exc).__name__}: {str(exc).strip().splitlines()[0][:200]}")
            if conn is not None and kind == "postgres":
                try:
                    conn.close()
                except Exception:  # noqa: BLE001
                    pass
                conn = None
        queries += 1
        latencies.append(time.perf_counter() - t0)
    if conn is not None:
        conn.close()
    results.put({"kind": kind, "queries": queries, "errors": errors, "rows": rows, "samples": samples,
                 "latencies": latencies})


def communique_build(raw: Path, warehouse: Path, env: dict[str, str]) -> tuple[bool, float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "build", "--raw-dir", str(raw),
                           "--warehouse", str(warehouse)], cwd=ROOT, env=env, capture_output=True, text=True)
    out = (proc.stdout + proc.stderr).strip().splitlines()
    tail = "; ".join(line for line in out if line.startswith(("facts:", "build:")))
    if proc.returncode != 0:
        tail += " | " + " ".join(out[-5:])
    return proc.returncode == 0, time.perf_counter() - t0, tail


def write_attempts(dsn: str) -> list[tuple[str, str]]:
    import psycopg

    outcomes = []
    for stmt in ("insert into marts.dim_actors (actor_id, name) values ('soak', 'soak')",
                 "update marts.fct_meetings set location = 'x'", "delete from marts.fct_statements",
                 "create table marts.soak (x int)", "drop table marts.fct_trade_figures"):
        with psycopg.connect(dsn, autocommit=True) as conn:
            for mode in ("default session", "read-write transaction"):
                try:
                    with conn.transaction():
                        if mode != "default session":
                            conn.execute("set transaction read write")
                        conn.execute(stmt)
                    outcomes.append((f"{' '.join(stmt.split()[:3])} [{mode}]", "ACCEPTED (wrong!)"))
                except psycopg.Error as exc:
                    outcomes.append((f"{' '.join(stmt.split()[:3])} [{mode}]",
                                     f"refused: {type(exc).__name__}: {exc.diag.message_primary}"))
    return outcomes


def published_versions(warehouse: Path, dsn: str) -> tuple[int, str]:
    """Which publish readers see now: the DuckDB file's inode, the PostgreSQL schema's comment."""
    import psycopg

    with psycopg.connect(dsn) as conn:
        comment = conn.execute("select obj_description('marts'::regnamespace, 'pg_namespace')").fetchone()[0]
    return warehouse.stat().st_ino, (comment or "").rsplit(" at ", 1)[-1]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--shared", type=Path, help="shared data folder: reads <shared>/corpus/dev/raw")
    src.add_argument("--raw-dir", type=Path, help="the landing folder to build from")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--duckdb-readers", type=int, default=10)
    parser.add_argument("--pg-readers", type=int, default=10)
    parser.add_argument("--postgres", help="publisher DSN of an existing database (default: a throwaway cluster)")
    parser.add_argument("--keep", type=Path, help="work in this folder and leave it (default: a temp folder)")
    args = parser.parse_args()

    raw = (args.raw_dir or args.shared / "corpus" / "dev" / "raw").resolve()
    if not raw.is_dir():
        sys.exit(f"no landing folder at {raw}")
    from orchestration.serve.postgres import LocalCluster, redact_dsn

    base = args.keep or Path(tempfile.mkdtemp(prefix="communique-soak-"))
    base.mkdir(parents=True, exist_ok=True)
    warehouse = base / "warehouse" / "communique.duckdb"
    work_db = warehouse.with_name("communique.work.duckdb")
    cluster = None
    if args.postgres:
        publisher_dsn = args.postgres
    else:
        cluster = LocalCluster().start()
        publisher_dsn = cluster.dsn()
    password = secrets.token_urlsafe(12)
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    env.update(COMMUNIQUE_POSTGRES_DSN=publisher_dsn, COMMUNIQUE_POSTGRES_READER=READER_ROLE,
               COMMUNIQUE_POSTGRES_READER_PASSWORD=password)
    try:
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        params = conninfo_to_dict(publisher_dsn)
        if cluster is not None:
            reader_dsn = cluster.dsn(READER_ROLE, password=password)
        else:
            params.update(user=READER_ROLE, password=password)
            reader_dsn = make_conninfo("", **params)
        print(f"corpus:       {raw} ({sum(1 for p in raw.iterdir() if p.is_file())} files)")
        print(f"postgres:     {redact_dsn(publisher_dsn)}" + (" (throwaway cluster)" if cluster else ""))
        for path in (warehouse, work_db):
            path.unlink(missing_ok=True)
        ok, took, summary = communique_build(raw, warehouse, env)
        print(f"first build:  {'ok' if ok else 'FAILED'} in {took:.1f} s ({summary})")
        if not ok:
            sys.exit(1)
        print(f"analyses:     {len(workload())} queries in the loop: "
              f"{', '.join(n + ('(' + ','.join(f'{k}={v}' for k, v in p.items()) + ')' if p else '') for n, p in workload())}")

        ctx = mp.get_context("spawn")
        ready, results = ctx.Queue(), ctx.Queue()
        deadline = ctx.Value("d", 0.0)
        procs = []
        for kind, n, target in (("duckdb", args.duckdb_readers, str(warehouse)),
                                ("postgres", args.pg_readers, reader_dsn)):
            for i in range(n):
                p = ctx.Process(target=reader, args=(kind, len(procs), target, ready, deadline, results), daemon=True)
                p.start()
                procs.append(p)
        for _ in procs:
            ready.get(timeout=120)
        versions_before = published_versions(warehouse, publisher_dsn)
        opened = time.time()
        deadline.value = opened + args.seconds
        print(f"window:       {args.seconds:.0f} s, {args.duckdb_readers} DuckDB readers (read_only connection "
              f"per query) + {args.pg_readers} PostgreSQL readers ({READER_ROLE}), builds looping")

        builds = []
        while time.time() < deadline.value:
            work_db.unlink(missing_ok=True)  # a fresh working database: the build does all its work again
            started = time.time() - opened
            ok, took, summary = communique_build(raw, warehouse, env)
            builds.append((started, ok, took, summary, published_versions(warehouse, publisher_dsn)))
            if len(builds) == 1 and time.time() > deadline.value:
                # The first build outlasted the window: keep reading until it has published, and a
                # little after, so that the swaps happen while the readers run.
                deadline.value = time.time() + 5
        window = deadline.value - opened
        collected = [results.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(30)

        if window > args.seconds + 0.5:
            print(f"window:       extended to {window:.1f} s, so that the first build published while readers ran")
        print(f"builds:       {len(builds)} started in the window, {sum(b[1] for b in builds)} succeeded; "
              f"each publishes DuckDB + PostgreSQL at its end; ran (s from window start) "
              f"{', '.join(f'{b[0]:.0f}-{b[0] + b[2]:.0f}' for b in builds)}; "
              f"{sum(1 for b in builds if b[1] and b[0] + b[2] <= window)} published while readers ran")
        for b in builds:
            if not b[1]:
                print(f"  failed build: {b[3]}")
        print(f"  last build: {builds[-1][3] if builds else '-'}")
        print(f"published:    as the window opened: DuckDB file inode {versions_before[0]}, PostgreSQL marts "
              f"of {versions_before[1]}")
        for b in builds:
            when = "while readers ran" if b[0] + b[2] <= window else "after readers stopped"
            print(f"  after the build ending at {b[0] + b[2]:.0f} s ({when}): inode {b[4][0]}, marts of {b[4][1]}")
        print(f"{'client':<10} {'readers':>7} {'queries':>8} {'errors':>7} {'q/s':>8} {'rows':>9} "
              f"{'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
        for kind in ("duckdb", "postgres"):
            rs = [r for r in collected if r["kind"] == kind]
            lat = [x for r in rs for x in r["latencies"]]
            q = sum(r["queries"] for r in rs)
            print(f"{kind:<10} {len(rs):>7} {q:>8} {sum(r['errors'] for r in rs):>7} {q / window:>8.1f} "
                  f"{sum(r['rows'] for r in rs):>9} {1000 * pct(lat, .5):>7.1f} {1000 * pct(lat, .95):>7.1f} "
                  f"{1000 * max(lat, default=float('nan')):>7.1f}")
            for sample in [s for r in rs for s in r["samples"]][:5]:
                print(f"  error: {sample}")
        if lat := [x for r in collected for x in r["latencies"]]:
            print(f"all:        median {1000 * statistics.median(lat):.1f} ms over {len(lat)} queries")
        print(f"write attempts as {READER_ROLE}:")
        for what, outcome in write_attempts(reader_dsn):
            print(f"  {what:<52} {outcome}")
    except Exception:
        traceback.print_exc()
        raise
    finally:
        if cluster is not None:
            cluster.stop()
        if not args.keep:
            import shutil

            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
