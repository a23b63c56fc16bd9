"""How long each saved analysis takes on a published warehouse (issue 14: ≤ 100 ms at 100,000 articles).

    uv run python bench/analyses_latency.py /tmp/b100k/published.duckdb [--runs 5]

Times the query itself as `communique query` runs it (orchestration.serve.analyses.run:
execute and fetch every row) on one open read-only connection, after one warm-up run; prints
the median and the slowest of the runs, the rows returned, and the same with `--limit 100`
(what a terminal or a dashboard tile shows). Analyses that need `--pair` get CHN-RUS, those
that need `--search` get "trade".
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orchestration.serve.analyses import list_analyses, run  # noqa: E402


def _time(con, name: str, runs: int, **params) -> tuple[float, float, int]:
    rows = len(run(con, name, **params).rows)  # warm-up: DuckDB's first read of the file's pages
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        run(con, name, **params)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    con = duckdb.connect(str(args.warehouse), read_only=True)
    docs = con.execute("select count(*) from marts.dim_documents").fetchone()[0]
    print(f"warehouse: {args.warehouse} ({docs:,} documents), median and slowest of {args.runs} runs, ms")
    print(f"{'analysis':34s} {'all rows':>22s} {'rows':>9s} {'--limit 100':>22s}")
    for analysis in list_analyses():
        params = {p: v for p, v in (("pair", "CHN-RUS"), ("search", "trade")) if p in analysis.requires}
        med, worst, rows = _time(con, analysis.name, args.runs, **params)
        limited = ""
        if "limit" in analysis.params:
            lmed, lworst, _ = _time(con, analysis.name, args.runs, limit=100, **params)
            limited = f"{lmed:9.1f} (max {lworst:6.1f})"
        print(f"{analysis.name:34s} {med:9.1f} (max {worst:6.1f}) {rows:9,d} {limited:>22s}")
    con.close()


if __name__ == "__main__":
    main()
