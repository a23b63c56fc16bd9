#!/usr/bin/env python3
"""Which reports of one real meeting were (not) merged across articles, in a built warehouse.

    uv run python bench/merge_report.py --db /tmp/dev/w.duckdb --gold ../shared/corpus/dev/gold \
        [--score ../shared/eval/score.py]

The scorer's merging figure counts pairs; this lists them. Gold meetings are matched to
predicted ones with the scorer's own functions (imported by path), then every pair of
articles whose gold shares an `event` key is printed as merged or split, with each side's
meeting id, date and place, and every pair merged although the gold keeps them apart.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

import duckdb


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--score", type=Path, default=Path(__file__).resolve().parents[2] / "shared/eval/score.py")
    args = ap.parse_args()
    sc = load_scorer(args.score)
    preds = sc.load_predictions(duckdb.connect(args.db, read_only=True))
    matched = []  # (doc, event, prediction)
    for gf in sorted(args.gold.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        ps = preds.get(gold["doc"], {}).get("meetings", [])
        _, _, _, pairs, _ = sc.match(gold["meetings"], ps, sc.meeting_score)
        matched += [(gold["doc"], g["event"], p) for g, p in pairs if g.get("event")]
    for i, (d1, e1, p1) in enumerate(matched):
        for d2, e2, p2 in matched[i + 1:]:
            if d1 == d2:
                continue
            same = p1["meeting_id"] == p2["meeting_id"]
            if e1 == e2 or same:
                label = ("merged" if same else "SPLIT") if e1 == e2 else "WRONGLY MERGED"
                print(f"{label:15s} {e1!r}" + ("" if e1 == e2 else f" / {e2!r}"))
                for d, p in ((d1, p1), (d2, p2)):
                    print(f"    {d:40s} {p['meeting_id']} {p['date']} {p['type']} {p['location']} "
                          f"{p['participants']}")


if __name__ == "__main__":
    main()
