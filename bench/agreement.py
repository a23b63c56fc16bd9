"""How far two blind annotators agree on the same articles: one key scored against the other.

    uv run python bench/agreement.py --shared ../shared bench/heldout/second bench/heldout/gold

The first folder's keys are taken as answers and scored by the project's scorer
(`../shared/eval/score.py`'s matching rules) against the second folder's keys for the same
file names, so the figures read like the extraction's: F1 of meetings, direct and indirect
statements and figures. Agreement between annotators is the ceiling a scorer can expect.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_prediction(item: dict, kind: str) -> dict:
    if kind == "meetings":
        return {"participants": item["participants"]}
    if kind == "figures":
        return {"value": item["value"], "unit": item["unit"]}
    return {"speaker": item["speaker"], "kind": item["kind"], "quote": item["quote"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("first", type=Path, help="folder of one annotator's keys")
    ap.add_argument("second", type=Path, help="folder of the other annotator's keys")
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = ap.parse_args()
    score = _scorer(args.shared)
    totals = {k: [0, 0, 0] for k in ("meetings", "direct", "indirect", "figures")}
    stems = sorted(p.name for p in args.first.glob("*.json") if (args.second / p.name).exists())
    for name in stems:
        a = json.loads((args.first / name).read_text(encoding="utf-8"))
        b = json.loads((args.second / name).read_text(encoding="utf-8"))
        for kind, scorer in (("meetings", score.meeting_score), ("figures", score.figure_score)):
            preds = [_as_prediction(x, kind) for x in a[kind] if not x.get("optional")]
            tp, fp, fn, _, _ = score.match(b[kind], preds, scorer)
            totals[kind] = [t + n for t, n in zip(totals[kind], (tp, fp, fn))]
        for kind in ("direct", "indirect"):
            preds = [_as_prediction(x, "statements") for x in a["statements"]
                     if x["kind"] == kind and not x.get("optional")]
            golds = [x for x in b["statements"] if x["kind"] == kind]
            tp, fp, fn, _, _ = score.match(golds, preds, score.statement_score)
            totals[kind] = [t + n for t, n in zip(totals[kind], (tp, fp, fn))]
    print(f"{len(stems)} articles keyed by both")
    for kind, (tp, fp, fn) in totals.items():
        p, r, f = score.f1(tp, fp, fn)
        print(f"{kind:9s} agree {tp:4d}  only first {fp:4d}  only second {fn:4d}  F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
