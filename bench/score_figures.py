"""Score `extract_figures` against a gold folder with the scorer's own matching.

    uv run python bench/score_figures.py dev [--verbose]
    uv run python bench/score_figures.py seeds
    uv run python bench/score_figures.py wild        # no gold: crash check and counts

The argument is a corpus set under /work/shared/corpus (or a path to one, or set
COMMUNIQUE_CORPUS). Articles are read from <set>/raw, cleaned with
`clean_document`, and the figures compared with <set>/gold/*.json through
`figure_score`, `match` and `f1` imported from /work/shared/eval/score.py.
Prints P/R/F1, periods right among matched figures (gold period not null),
how many figures have a measure and a source, and the speed.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orchestration.extract.figures import extract_figures  # noqa: E402
from orchestration.extract.text import clean_document  # noqa: E402

CORPUS = Path(os.environ.get("COMMUNIQUE_CORPUS", "/work/shared/corpus"))
SCORER = Path(os.environ.get("COMMUNIQUE_SCORER", "/work/shared/eval/score.py"))


def load_scorer():
    spec = importlib.util.spec_from_file_location("communique_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def articles(folder: Path):
    """(name, raw text) of every article of a set, feed.jsonl lines included."""
    raw = folder / "raw"
    for path in sorted(raw.glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")
    feed = raw / "feed.jsonl"
    if feed.exists():
        for i, line in enumerate(feed.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                item = json.loads(line)
                yield f"feed.jsonl#{i}", item.get("text") or ""


def as_pred(fig) -> dict:
    return {"value": fig.value, "unit": fig.unit, "text": fig.raw_text, "period": fig.period,
            "measure": fig.measure, "source": fig.source, "countries": fig.countries}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", help="seeds | dev | wild | a corpus folder")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    folder = Path(args.set) if Path(args.set).exists() else CORPUS / args.set
    gold_dir = folder / "gold"
    score = load_scorer()

    docs = list(articles(folder))
    t0 = time.perf_counter()
    preds: dict[str, list] = {}
    crashes = []
    for name, raw in docs:
        try:
            doc = clean_document(raw)
            preds[name] = extract_figures(doc.text, doc.published_date)
        except Exception as exc:  # report, keep going
            crashes.append((name, repr(exc)))
            preds[name] = []
    elapsed = time.perf_counter() - t0
    n_figs = sum(len(v) for v in preds.values())
    all_figs = [f for v in preds.values() for f in v]
    print(f"{len(docs)} articles, {n_figs} figures, {len(docs) / elapsed:.0f} articles/s "
          f"(clean + figures), crashes: {len(crashes)}")
    for name, exc in crashes:
        print(f"  CRASH {name}: {exc}")
    if all_figs:
        print(f"measure filled {sum(1 for f in all_figs if f.measure)}/{len(all_figs)}, "
              f"source {sum(1 for f in all_figs if f.source)}/{len(all_figs)}, "
              f"period {sum(1 for f in all_figs if f.period)}/{len(all_figs)}")

    if not gold_dir.exists():
        for name, figs in preds.items():
            if figs or args.verbose:
                print(f"== {name}: {len(figs)}")
            if args.verbose:
                for f in figs:
                    print(f"    {f.raw_text!r:34} {f.value:>16g} {f.unit:10} {f.period!s:10} "
                          f"| {f.measure} | src={f.source} {f.countries}")
        return 1 if crashes else 0

    tp = fp = fn = 0
    per_right = per_total = 0
    src_right = src_total = 0
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        golds = gold["figures"]
        ps = [as_pred(f) for f in preds.get(gold["doc"], [])]
        t, f_, n, matched, errors = score.match(golds, ps, score.figure_score)
        tp, fp, fn = tp + t, fp + f_, fn + n
        for g, p in matched:
            if g.get("optional"):
                continue
            if g.get("period"):
                per_total += 1
                ok = str(p.get("period") or "").startswith(str(g["period"]))
                per_right += ok
                if args.verbose and not ok:
                    print(f"  [{gold['doc']}] period {p.get('period')} != gold {g['period']} for {g['text']}")
            if g.get("source"):
                src_total += 1
                src_right += bool(score.same_name(g["source"], p.get("source")))
        if args.verbose:
            print(f"== {gold['doc']} tp={t} fp={f_} fn={n}")
            for g, p in matched:
                print(f"    ok    {p['text']!r:28} {p['period']!s:9} g={g.get('period')!s:9} | {p['measure']} "
                      f"| src={p['source']} {p['countries']}")
            for e in errors:
                if "__false__" in e:
                    p = e["__false__"]
                    print(f"    FALSE {p['text']!r:28} {p['value']:g} {p['unit']} | {p['measure']}")
                else:
                    print(f"    MISS  {e['text']!r:28} {e['value']:g} {e['unit']} | {e['measure']}")
    p, r, f1 = score.f1(tp, fp, fn)
    print(f"figures tp={tp} fp={fp} fn={fn}  P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    print(f"periods right among matches: {per_right}/{per_total}"
          + (f" ({per_right / per_total:.0%})" if per_total else ""))
    print(f"sources sharing a name word with gold among matches: {src_right}/{src_total}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
