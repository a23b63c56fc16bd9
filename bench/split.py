"""Fit / sealed split of every keyed article, and the builds that score each part.

The sealed part is only ever scored: `score sealed` prints the scorer's aggregate line
and nothing else, so nobody developing the extraction reads its texts, keys or
per-article results. The fit part is for looking (`score fit --verbose`).

    uv run python bench/split.py make  --shared ../shared    # once: writes bench/split.json
    uv run python bench/split.py score sealed --shared ../shared
    uv run python bench/split.py score fit --shared ../shared [--verbose]
    uv run python bench/split.py score dev|test|seeds|wild|wild2 --shared ../shared

The split is fixed by a hash of "<set>/<file name>", stratified by set and by whether the
article is on topic, so that every kind of article has about 30% of its members sealed.
Keys for wild2 arrive over time; its articles are split now, by name, so a key written
later falls into the part its article already has.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPLIT_FILE = REPO / "bench" / "split.json"
HELDOUT_GOLD = REPO / "bench" / "heldout" / "gold"
SEALED_SHARE = 0.3
FEED = "feed.jsonl"


def _sets(shared: Path) -> dict[str, tuple[Path, Path]]:
    """Each keyed set: its raw folder and its gold folder."""
    corpus = shared / "corpus"
    return {
        "seeds": (corpus / "seeds" / "raw", corpus / "seeds" / "gold"),
        "dev": (corpus / "dev" / "raw", corpus / "dev" / "gold"),
        "test": (corpus / "test" / "raw", corpus / "test" / "gold"),
        "wild": (corpus / "wild" / "raw", HELDOUT_GOLD),
        "wild2": (corpus / "wild2" / "raw", HELDOUT_GOLD),
    }


def _documents(raw: Path) -> list[str]:
    """Document names as the warehouse spells them (feed records as feed.jsonl#<line>)."""
    names = []
    for path in sorted(raw.iterdir()):
        if path.name == FEED:
            lines = path.read_text(encoding="utf-8").splitlines()
            names += [f"{FEED}#{i}" for i, line in enumerate(lines, 1) if line.strip()]
        elif path.is_file() and not path.name.endswith(".csv"):
            names.append(path.name)
    return names


def _stem(doc: str) -> str:
    return doc.replace(f"{FEED}#", "feed_").rsplit(".", 1)[0]


def _off_topic(set_name: str, doc: str, gold: Path, shared: Path) -> bool:
    """Stratum flag: listed as a negative in SOURCES.csv, else an article with an empty key."""
    sources = shared / "corpus" / set_name / "SOURCES.csv"
    if sources.exists():
        with sources.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("file") == doc and "negative" in (row.get("country_pair") or ""):
                    return True
    key = gold / f"{_stem(doc)}.json"
    if set_name != "wild2" and key.exists():
        data = json.loads(key.read_text(encoding="utf-8"))
        return not (data["meetings"] or data["statements"] or data["figures"])
    return False


def _rank(set_name: str, doc: str) -> str:
    return hashlib.sha256(f"{set_name}/{doc}".encode()).hexdigest()


def make(shared: Path) -> list[dict]:
    rows = []
    for set_name, (raw, gold) in _sets(shared).items():
        strata: dict[bool, list[str]] = {}
        for doc in _documents(raw):
            strata.setdefault(_off_topic(set_name, doc, gold, shared), []).append(doc)
        for off, docs in sorted(strata.items()):
            ordered = sorted(docs, key=lambda d: _rank(set_name, d))
            n_sealed = round(SEALED_SHARE * len(ordered))
            for i, doc in enumerate(ordered):
                part = "sealed" if i < n_sealed else "fit"
                rows.append({"set": set_name, "doc": doc, "stem": _stem(doc),
                             "off_topic": off, "part": part})
    rows.sort(key=lambda r: (r["set"], r["doc"]))
    SPLIT_FILE.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return rows


def _chosen(rows: list[dict], which: str, shared: Path) -> list[dict]:
    """Rows of a part or of a set that have a key."""
    sets = _sets(shared)
    picked = [r for r in rows if which in (r["part"], r["set"])]
    return [r for r in picked if (sets[r["set"]][1] / f"{r['stem']}.json").exists()]


def _lay_out(rows: list[dict], shared: Path, tmp: Path) -> tuple[Path, Path]:
    """Copy the chosen articles and keys into a fresh folder; feed records keep their line."""
    raw, gold = tmp / "raw", tmp / "gold"
    raw.mkdir()
    gold.mkdir()
    sets = _sets(shared)
    feeds: dict[str, set[int]] = {}
    for r in rows:
        src_raw, src_gold = sets[r["set"]]
        shutil.copy(src_gold / f"{r['stem']}.json", gold / f"{r['stem']}.json")
        if r["doc"].startswith(f"{FEED}#"):
            feeds.setdefault(r["set"], set()).add(int(r["doc"].split("#")[1]))
        else:
            shutil.copy(src_raw / r["doc"], raw / r["doc"])
    for set_name, keep in feeds.items():
        lines = (sets[set_name][0] / FEED).read_text(encoding="utf-8").splitlines()
        kept = [line if i in keep else "" for i, line in enumerate(lines, 1)]
        (raw / FEED).write_text("\n".join(kept) + "\n", encoding="utf-8")
    return raw, gold


def score(which: str, shared: Path, verbose: bool, keep: Path | None, repo: Path,
          db: Path | None) -> int:
    rows = _chosen(json.loads(SPLIT_FILE.read_text(encoding="utf-8")), which, shared)
    if not rows:
        print(f"no keyed articles in {which!r}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix=f"split-{which}-"))
    raw, gold = _lay_out(rows, shared, tmp)
    warehouse = db or (keep or tmp) / "w.duckdb"
    if db is None:
        build = subprocess.run(
            ["uv", "run", "--project", str(repo), "communique", "build", "--raw-dir", str(raw),
             "--warehouse", str(warehouse)], cwd=repo, capture_output=True, text=True)
        if build.returncode != 0:
            print(f"build failed ({build.returncode}): {build.stderr.strip().splitlines()[-1:]}")
            return build.returncode
    cmd = [sys.executable, str(shared / "eval" / "score.py"), "--db", str(warehouse),
           "--gold", str(gold)]
    sealed = which == "sealed" or any(r["part"] == "sealed" for r in rows)
    if verbose and sealed:
        print("per-article output is never shown for sealed articles; printing the aggregate only",
              file=sys.stderr)
    result = subprocess.run(cmd + (["--verbose"] if verbose and not sealed else []),
                            capture_output=True, text=True)
    lines = result.stdout.strip().splitlines()
    print(f"{which} ({len(rows)} keyed articles): {lines[-1] if lines else result.stderr}")
    if not sealed:
        print("\n".join(lines[:-1]))
    shutil.rmtree(tmp, ignore_errors=True)
    return result.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["make", "score"])
    ap.add_argument("which", nargs="?", default="sealed",
                    help="sealed, fit, or a set: seeds, dev, test, wild, wild2")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--verbose", action="store_true", help="per-article detail (never for sealed)")
    ap.add_argument("--force", action="store_true", help="make: remake an existing split")
    ap.add_argument("--keep", type=Path, help="folder to keep the built warehouse in (not sealed)")
    ap.add_argument("--repo", type=Path, default=REPO,
                    help="the checkout whose code builds the warehouse (to compare two versions)")
    ap.add_argument("--db", type=Path, help="score this already-built warehouse instead (not sealed)")
    args = ap.parse_args()
    shared = args.shared.resolve()
    if args.command == "make":
        if SPLIT_FILE.exists() and not args.force:
            print(f"{SPLIT_FILE} exists: the split is made once (--force to remake it)")
            return 2
        rows = make(shared)
        counts: dict[tuple[str, str], int] = {}
        for r in rows:
            counts[(r["set"], r["part"])] = counts.get((r["set"], r["part"]), 0) + 1
        for (s, p), n in sorted(counts.items()):
            print(f"{s:6} {p:6} {n}")
        return 0
    sealed = args.which == "sealed"
    return score(args.which, shared, args.verbose, None if sealed else args.keep,
                 args.repo.resolve(), None if sealed else args.db)


if __name__ == "__main__":
    sys.exit(main())
