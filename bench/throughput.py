"""Throughput of each build stage on a synthetic corpus of N articles.

    uv run python bench/throughput.py --shared /work/shared --n 1000 [--workers 2] [--keep DIR] [--profile]

Makes the corpus with bench/make_corpus.py in a temporary folder (or in --keep DIR,
which is left in place with the working and published databases), then times,
each separately with time.perf_counter:

  ingest    ingest_folder into a fresh working DuckDB
  extract   extract_pending over every ingested document (--workers processes)
  dbt       `dbt build` (seeds, models, tests) as a subprocess on that database
  publish   orchestration.warehouse.publish of the marts into a published file

and prints wall and CPU time and articles/s for each, the total, the rows of each
raw fact table and each published mart, and the peak resident memory of this
process and of its children (extraction workers, dbt). Then, unless --no-rebuilds,
it times `communique build` as a user runs it on the same folder and databases:
a first build (dbt and publish, nothing left to read), a no-op build, a build
with 100 new articles, and one with one edited article. Figures only: nothing is
asserted.

--profile then runs cProfile over extract_document on the first 300 documents
(by document_id) and prints the 25 functions with the largest cumulative time
(and the 15 with the largest own time).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import duckdb  # noqa: E402

from make_corpus import build_corpus  # noqa: E402


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.1f}" if seconds > 0 else "inf"


def _maxrss_mb(who: int) -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(who).ru_maxrss / scale


def _run_watching_memory(cmd: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float]:
    """Run a command; also poll its VmHWM (peak resident set, MB) while it runs.

    RUSAGE_CHILDREN's ru_maxrss is at least this process's own size when the child was
    forked (Linux keeps the pre-exec high-water mark), so it overstates a small child.
    """
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
        status, hwm = Path(f"/proc/{proc.pid}/status"), 0.0
        while proc.poll() is None:
            try:
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        hwm = max(hwm, int(line.split()[1]) / 1024)
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        out.seek(0)
        return subprocess.CompletedProcess(cmd, proc.returncode, out.read(), ""), hwm


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (pool workers, dbt)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _stage(name: str, wall: float, cpu: float, n: int) -> str:
    return f"{name + ':':<15}{wall:8.2f} s wall {cpu:8.2f} s CPU  {_rate(n, wall)} articles/s"


def run(shared: Path, n: int, base: Path, seed: int, profile: bool, profile_docs: int,
        skip_dbt: bool, workers: int, rebuilds: bool, ingest_only: bool = False) -> None:
    raw_dir, work_db, published = base / "raw", base / "work.duckdb", base / "published.duckdb"
    for p in (work_db, published, Path(str(work_db) + ".wal")):
        p.unlink(missing_ok=True)
    if raw_dir.exists():  # a corpus of an earlier run: replace it, but never a folder of other files
        foreign = [p.name for p in raw_dir.iterdir() if not p.name.startswith(("syn_", "feed_"))]
        if foreign:
            raise SystemExit(f"{raw_dir} holds files this script did not write ({foreign[0]}, ...)")
        shutil.rmtree(raw_dir)

    print(f"corpus:        N={n} seed={seed} workers={workers} in {base}")
    print(f"machine:       {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
          f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}, python {sys.version.split()[0]}, "
          f"duckdb {duckdb.__version__}")

    t = time.perf_counter()
    counts = build_corpus(shared, n, raw_dir, seed=seed)
    t_corpus = time.perf_counter() - t
    size_mb = sum(p.stat().st_size for p in raw_dir.iterdir()) / 1e6
    print(f"make corpus:   {t_corpus:8.2f} s  {counts['txt']} .txt + {counts['jsonl_records']} records "
          f"in {counts['jsonl_files']} .jsonl, {size_mb:.1f} MB")

    t = time.perf_counter()
    from orchestration.pipeline import extract_pending, ingest_folder
    from orchestration.warehouse import FACT_TABLES, connect, publish
    t_import = time.perf_counter() - t
    print(f"imports:       {t_import:8.2f} s  (orchestration.pipeline and extraction modules)")

    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}
    con = connect(work_db)  # as a build connects: with the pipeline's DuckDB memory cap
    t, c = time.perf_counter(), _cpu()
    ist = ingest_folder(con, raw_dir)
    timings["ingest"], cpu["ingest"] = time.perf_counter() - t, _cpu() - c
    docs = ist.documents_total
    print(_stage("ingest", timings["ingest"], cpu["ingest"], n)
          + f"  ({ist.files_read} files read, {docs} documents, {len(ist.set_aside)} set aside, "
          f"{len(ist.warnings)} warnings)")
    print(f"peak so far:   {_maxrss_mb(resource.RUSAGE_SELF):8.0f} MB this process (imports and ingest)")
    if ingest_only:
        con.close()
        return

    t, c = time.perf_counter(), _cpu()
    est = extract_pending(con, workers=workers)
    timings["extract"], cpu["extract"] = time.perf_counter() - t, _cpu() - c
    con.execute("checkpoint")
    con.close()
    print(_stage("extract", timings["extract"], cpu["extract"], docs)
          + f"  ({est.documents_extracted} documents, {len(est.documents_failed)} failed, {workers} worker(s))")
    print(f"extract/CPU-s: {_rate(docs, cpu['extract']):>8} articles per CPU-second (this process, its workers "
          f"and DuckDB's threads; {cpu['extract'] / max(timings['extract'], 1e-9):.2f} cores busy on average)")
    if est.documents_failed:
        doc_id, err = est.documents_failed[0]
        print(f"  first failure {doc_id}: {err.splitlines()[0]}")

    dbt_hwm = 0.0
    if skip_dbt:
        print("dbt:           skipped")
    else:
        env = dict(os.environ, COMMUNIQUE_WORK_DB=str(work_db.resolve()),
                   DBT_LOG_PATH=str(base / "dbt_logs"), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
        dbt = Path(sys.executable).parent / "dbt"
        cmd = [str(dbt) if dbt.exists() else (shutil.which("dbt") or "dbt"), "build",
               "--project-dir", str(ROOT / "dbt_project"), "--profiles-dir", str(ROOT / "dbt_project"),
               "--target-path", str(base / "dbt_target")]
        t, c = time.perf_counter(), _cpu()
        proc, dbt_hwm = _run_watching_memory(cmd, env)
        timings["dbt"], cpu["dbt"] = time.perf_counter() - t, _cpu() - c
        summary = [ln for ln in proc.stdout.splitlines() if "PASS=" in ln]
        print(_stage("dbt build", timings["dbt"], cpu["dbt"], docs)
              + f"  (exit {proc.returncode}; "
              f"{summary[-1].split('Done. ')[-1].strip() if summary else 'no summary'})")
        if proc.returncode != 0:
            errors = [ln for ln in proc.stdout.splitlines() if "Error" in ln or "ERROR" in ln or "FAIL" in ln]
            for ln in errors[:8]:
                print(f"  {ln.strip()}")

    marts: dict[str, int] = {}
    if work_db.exists() and not skip_dbt:
        t, c = time.perf_counter(), _cpu()
        try:
            marts = publish(work_db, published)
        except Exception as err:  # figures only: report and go on
            print(f"publish:       failed: {err!r}")
        timings["publish"], cpu["publish"] = time.perf_counter() - t, _cpu() - c
        if marts:
            print(_stage("publish", timings["publish"], cpu["publish"], docs)
                  + f"  ({len(marts)} tables, {published.stat().st_size / 1e6:.1f} MB)")

    total = sum(timings.values())
    print(f"total:         {total:8.2f} s  {_rate(docs, total)} articles/s end to end "
          f"({' + '.join(f'{k} {v:.2f}' for k, v in timings.items())}; corpus making and imports excluded)")
    print("raw fact rows: " + ", ".join(f"{tb} {est.rows.get(tb, 0)}" for tb in FACT_TABLES)
          + f"  (per document: {sum(est.rows.values()) / max(docs, 1):.1f})")
    if marts:
        print("mart rows:     " + ", ".join(f"{tb} {c}" for tb, c in marts.items()))
    print(f"peak memory:   {_maxrss_mb(resource.RUSAGE_SELF):.0f} MB this process (RUSAGE_SELF: ingest, "
          f"extract, publish), {_maxrss_mb(resource.RUSAGE_CHILDREN):.0f} MB largest child (RUSAGE_CHILDREN: "
          "an extraction worker or dbt)" + (f", {dbt_hwm:.0f} MB dbt's own peak (VmHWM)" if dbt_hwm else ""))

    if rebuilds and not skip_dbt:
        time_rebuilds(shared, base, raw_dir, work_db, published, seed, workers)

    if profile:
        profile_extraction(work_db, profile_docs)


def _timed_build(label: str, env: dict[str, str]) -> None:
    """`communique build` as a user runs it; its summary's key lines and the wall time."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "build"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    keep = [ln.strip() for ln in proc.stdout.splitlines() if ln.startswith(("files:", "extracted:", "dbt", "build:"))]
    print(f"{label + ':':<15}{wall:8.2f} s wall  (exit {proc.returncode}; {'; '.join(keep)})")
    if proc.returncode != 0:
        print(proc.stderr[-1500:])


def time_rebuilds(shared: Path, base: Path, raw_dir: Path, work_db: Path, published: Path, seed: int,
                  workers: int) -> None:
    """The rebuilds a user waits for, through `communique build` on the bench's own folder and databases."""
    env = dict(os.environ, COMMUNIQUE_RAW_DIR=str(raw_dir), COMMUNIQUE_WORK_DB=str(work_db),
               COMMUNIQUE_WAREHOUSE=str(published), COMMUNIQUE_WORKERS=str(workers),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    print("rebuilds (`communique build`, wall time of the whole command, Python start-up included):")
    _timed_build("first build", env)  # everything is read and extracted: dbt, publish, and the build record
    _timed_build("no-op", env)
    extra = base / "extra"
    shutil.rmtree(extra, ignore_errors=True)
    build_corpus(shared, 100, extra, seed=seed + 1000)
    for p in sorted(extra.iterdir()):  # new names beside the first corpus's: syn_add_…, feed_add_…
        shutil.move(p, raw_dir / p.name.replace("syn_", "syn_add_").replace("feed_", "feed_add_"))
    shutil.rmtree(extra)
    _timed_build("+100 articles", env)
    con = duckdb.connect(str(work_db), read_only=True)  # an article that yielded a document, not one set aside
    edited = raw_dir / con.execute("select min(file_name) from raw.file_documents "
                                   "where file_name like 'syn_0%.txt'").fetchone()[0]
    con.close()
    # A sentence after the first paragraph (the cleaner may drop a last line as page furniture).
    head, _, rest = edited.read_text(encoding="utf-8").partition("\n\n")
    edited.write_text(f"{head}\n\nTrade between the two countries reached $12 billion last year, "
                      f"the ministry said.\n\n{rest}", encoding="utf-8")
    _timed_build("one edit", env)


def profile_extraction(work_db: Path, limit: int) -> None:
    from orchestration.extract.document import extract_document

    con = duckdb.connect(str(work_db), read_only=True)
    docs = con.execute("select body_text, published_date, dateline from raw.documents "
                       "order by document_id limit ?", [limit]).fetchall()
    con.close()
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    for text, published, dateline in docs:
        try:
            extract_document(text, published, dateline)
        except Exception:  # noqa: BLE001 - failures are counted by the timed run
            pass
    prof.disable()
    dt = time.perf_counter() - t
    print(f"\nprofile:       extract_document over {len(docs)} documents, {dt:.2f} s under cProfile "
          f"({_rate(len(docs), dt)} articles/s with profiling overhead)")
    for key, top in (("cumulative", 25), ("tottime", 15)):
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out)
        stats.strip_dirs().sort_stats(key).print_stats(top)
        lines = out.getvalue().splitlines()
        start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
        print(f"top {top} by {key} time:")
        print("\n".join(lines[start:]).rstrip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", required=True, type=Path, help="the shared folder (holds corpus/)")
    ap.add_argument("--n", required=True, type=int, help="number of articles")
    ap.add_argument("--keep", type=Path, help="work in this folder and leave the corpus and databases there")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", action="store_true", help="cProfile extraction of the first documents")
    ap.add_argument("--profile-docs", type=int, default=300)
    ap.add_argument("--skip-dbt", action="store_true", help="time ingest and extract only (no rebuilds)")
    ap.add_argument("--workers", type=int, default=None,
                    help="extraction worker processes (default: COMMUNIQUE_WORKERS, else one per core)")
    ap.add_argument("--no-rebuilds", action="store_true", help="skip the no-op, +100 and one-edit builds")
    ap.add_argument("--ingest-only", action="store_true", help="stop after ingest (its time and peak memory)")
    args = ap.parse_args()
    from orchestration.workers import worker_count

    options = dict(profile=args.profile, profile_docs=args.profile_docs, skip_dbt=args.skip_dbt,
                   workers=worker_count(args.workers), rebuilds=not args.no_rebuilds,
                   ingest_only=args.ingest_only)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.shared, args.n, args.keep.resolve(), args.seed, **options)
    else:
        with tempfile.TemporaryDirectory(prefix="communique-bench-") as tmp:
            run(args.shared, args.n, Path(tmp), args.seed, **options)


if __name__ == "__main__":
    main()
