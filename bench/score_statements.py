"""Score the statement extractor against gold, article by article, without a warehouse.

    uv run python bench/score_statements.py /work/shared/corpus/dev/raw [more raw dirs] [--verbose]
        [--scorer /work/shared/eval/score.py] [--gold GOLD_DIR]

Each raw folder's gold is its sibling `gold/` folder (same stem, .json), or the
`--gold` folder (e.g. bench/heldout/gold with /work/shared/corpus/wild/raw); a gold
file whose "doc" is "feed.jsonl#N" is scored against record N of the folder's feed.jsonl.
Off-topic articles (relevance.is_international) yield nothing, as in the build. Uses the
scorer's own `statement_score`, `match` and `f1`, loaded by path. Prints direct
and indirect P/R/F1 (and, with --verbose, misses and false positives), plus the
extraction speed.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orchestration.extract.actors import find_actors  # noqa: E402
from orchestration.extract.relevance import is_international  # noqa: E402
from orchestration.extract.statements import extract_statements  # noqa: E402
from orchestration.extract.text import clean_document  # noqa: E402


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("communique_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict(raw: str, fallback: date | None, record: dict | None = None):
    if record is not None:
        doc = clean_document(record["text"], title=record.get("title"), source=record.get("source"),
                             url=record.get("url"))
    else:
        doc = clean_document(raw)
    pub = doc.published_date or fallback
    actors = find_actors(doc.text)
    if not is_international(doc.text, actors.actors):
        return doc, []
    return doc, extract_statements(doc.text, actors, pub)


def articles(raw_dir: Path, gold_dir: Path):
    """(name, raw text, feed record or None, gold) for every gold file with its article."""
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = gold.get("doc") or gold_file.stem + ".txt"
        if "#" in doc:
            feed, line = doc.split("#", 1)
            path = raw_dir / feed
            if not path.exists():
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            n = int(line)
            if n > len(lines) or not lines[n - 1].strip():
                continue
            yield doc, "", json.loads(lines[n - 1]), gold
        else:
            path = raw_dir / doc
            if not path.exists():
                continue
            yield doc, path.read_text(encoding="utf-8"), None, gold


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw", nargs="+", help="raw folder(s); gold is the sibling gold/ folder")
    ap.add_argument("--scorer", default="/work/shared/eval/score.py")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every prediction")
    ap.add_argument("--gold", help="gold folder for every raw folder (default: each one's sibling gold/)")
    args = ap.parse_args()
    score = load_scorer(Path(args.scorer))

    totals = {"direct": [0, 0, 0], "indirect": [0, 0, 0]}
    elapsed, n_docs = 0.0, 0
    for raw_dir in map(Path, args.raw):
        gold_dir = Path(args.gold) if args.gold else raw_dir.parent / "gold"
        for name, raw, record, gold in articles(raw_dir, gold_dir):
            fallback = date.fromisoformat(gold["published_date"]) if gold.get("published_date") else None
            t0 = time.perf_counter()
            doc, stmts = predict(raw, fallback, record)
            elapsed += time.perf_counter() - t0
            n_docs += 1
            preds = [{"speaker": s.speaker.name if s.speaker else None, "kind": s.kind,
                      "quote": s.quote_text, "cue": s.cue} for s in stmts]
            lines = []
            for kind in ("direct", "indirect"):
                golds = [g for g in gold["statements"] if g["kind"] == kind]
                ps = [p for p in preds if p["kind"] == kind]
                tp, fp, fn, matched, errors = score.match(golds, ps, score.statement_score)
                for i, v in enumerate((tp, fp, fn)):
                    totals[kind][i] += v
                for e in errors:
                    if "__false__" in e:
                        f = e["__false__"]
                        lines.append(f"    {kind} FALSE [{f['speaker']}] {f['quote'][:110]!r}  cue={f['cue']!r}")
                    else:
                        lines.append(f"    {kind} MISS  [{e['speaker']}] {e['quote'][:110]!r}  cue={e.get('cue')!r}")
            if args.verbose and lines:
                print(f"== {raw_dir.parent.name}/{name}")
                print("\n".join(lines))
            if args.show:
                print(f"-- {name}")
                for p in preds:
                    print(f"    {p['kind'][:3]} [{p['speaker']}] {p['quote'][:120]!r}  cue={p['cue']!r}")
    print(f"{'':10s} {'tp':>5s} {'fp':>5s} {'fn':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for kind, (tp, fp, fn) in totals.items():
        p, r, f = score.f1(tp, fp, fn)
        print(f"{kind:10s} {tp:5d} {fp:5d} {fn:5d} {p:6.3f} {r:6.3f} {f:6.3f}")
    if n_docs:
        print(f"{n_docs} articles, {n_docs / elapsed:.0f} articles/s (clean + actors + statements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
