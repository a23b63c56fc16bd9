#!/usr/bin/env python3
"""Score the meetings extractor against the gold of one corpus set, without a warehouse.

    uv run python bench/score_meetings.py dev [--verbose] [--corpus /work/shared/corpus]
    uv run python bench/score_meetings.py wild          # no gold: crash check and a listing

Each raw article goes through text.clean_document -> actors.find_actors ->
meetings.extract_meetings; predictions are compared with the gold by the scorer's
own functions (meeting_score, match, f1, same_place, date_ok), imported by path,
including its rule that a merged event may take the date/place of any article's
gold for that event. Prints P/R/F1, dates right and places right among matched
meetings, and the speed; --verbose lists misses and false positives per article.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orchestration.extract.actors import find_actors  # noqa: E402
from orchestration.extract.meetings import extract_meetings  # noqa: E402
from orchestration.extract.text import clean_document  # noqa: E402


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("communique_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def as_pred(m) -> dict:
    return {"participants": [a.name for a in m.participants], "status": m.status, "type": m.meeting_type,
            "date": m.meeting_date.isoformat() if m.meeting_date else None,
            "date_precision": m.date_precision, "date_text": m.date_text, "location": m.location,
            "evidence": m.evidence[:120]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", help="seeds | dev | wild | a folder holding raw/ (and gold/)")
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("--scorer", default="/work/shared/eval/score.py")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--no-gold-date", action="store_true",
                    help="never fall back on the gold's published_date when the text gives none")
    args = ap.parse_args()

    folder = Path(args.set) if Path(args.set).is_dir() else Path(args.corpus) / args.set
    raw_files = sorted((folder / "raw").glob("*.txt"))
    gold_dir = folder / "gold"
    sc = load_scorer(Path(args.scorer))

    golds = {}
    if gold_dir.is_dir():
        for gf in sorted(gold_dir.glob("*.json")):
            g = json.loads(gf.read_text(encoding="utf-8"))
            golds[g["doc"]] = g
    event_dates: dict[str, list] = {}
    event_places: dict[str, list] = {}
    for g in golds.values():
        for m in g["meetings"]:
            if m.get("event"):
                event_dates.setdefault(m["event"], []).append(m.get("date"))
                event_places.setdefault(m["event"], []).append(m.get("location"))

    tp = fp = fn = 0
    dates = [0, 0]
    places = [0, 0]
    n_docs = n_meet = 0
    elapsed = 0.0
    for f in raw_files:
        raw = f.read_text(encoding="utf-8")
        gold = golds.get(f.name)
        doc = clean_document(raw)
        pub = doc.published_date
        note = ""
        if pub is None and gold and gold.get("published_date") and not args.no_gold_date:
            pub = date.fromisoformat(gold["published_date"])
            note = " (published date from gold)"
        actors = find_actors(doc.text)
        t1 = time.perf_counter()
        meetings = extract_meetings(doc.text, actors, pub, doc.dateline)
        elapsed += time.perf_counter() - t1
        n_docs += 1
        n_meet += len(meetings)
        preds = [as_pred(m) for m in meetings]
        if gold is None:
            if args.verbose and preds:
                print(f"== {f.name}  [{len(preds)}] {(doc.title or '')[:70]}")
                for p in preds:
                    print(f"    {json.dumps(p, ensure_ascii=False)[:230]}")
            continue
        t, p_, n, matched, errors = sc.match(gold["meetings"], preds, sc.meeting_score)
        tp, fp, fn = tp + t, fp + p_, fn + n
        bad_detail = []
        for g, p in matched:
            if g.get("optional"):
                continue
            if g.get("date"):
                dates[1] += 1
                ok = any(sc.date_ok(d, p.get("date")) for d in event_dates.get(g.get("event"), [g["date"]]) if d)
                dates[0] += ok
                if not ok:
                    bad_detail.append(f"    date: gold {g['date']} ({g.get('date_text')}) pred {p.get('date')} "
                                      f"({p.get('date_text')})  {g['participants']}")
            if g.get("location"):
                places[1] += 1
                ok = any(sc.same_place(loc, p.get("location"))
                         for loc in event_places.get(g.get("event"), [g["location"]]) if loc)
                places[0] += ok
                if not ok:
                    bad_detail.append(f"    place: gold {g['location']} pred {p.get('location')}  {g['participants']}")
        if args.verbose and (errors or bad_detail):
            print(f"== {f.name}  tp={t} fp={p_} fn={n}{note}")
            for e in errors:
                if "__false__" in e:
                    print(f"    false: {json.dumps(e['__false__'], ensure_ascii=False)[:260]}")
                else:
                    keep = {k: e.get(k) for k in ("participants", "status", "date", "location", "evidence")}
                    print(f"    missed: {json.dumps(keep, ensure_ascii=False)[:260]}")
            for line in bad_detail:
                print(line)

    rate = n_docs / elapsed if elapsed else float("inf")
    print(f"{folder.name}: {n_docs} articles, {n_meet} meetings predicted, "
          f"extract_meetings {rate:.0f} articles/s")
    if golds:
        p, r, f1 = sc.f1(tp, fp, fn)
        print(f"meetings tp={tp} fp={fp} fn={fn}  P {p:.3f} R {r:.3f} F1 {f1:.3f}")
        share = lambda x: x[0] / x[1] if x[1] else float("nan")  # noqa: E731
        print(f"dates right {dates[0]}/{dates[1]} ({share(dates):.2f}); "
              f"places right {places[0]}/{places[1]} ({share(places):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
