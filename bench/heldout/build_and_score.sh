#!/usr/bin/env bash
# Build a warehouse from the held-out articles only, then score it.
#   bench/heldout/build_and_score.sh [SHARED_DIR] [--verbose]
# SHARED_DIR defaults to /work/shared (articles come from SHARED_DIR/corpus/wild/raw).
# Everything is written to a fresh temporary folder, printed at the start; the
# project's own raw/ and warehouse/ are not touched.
set -euo pipefail
SHARED="${1:-/work/shared}"; [ $# -gt 0 ] && shift
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WILD="$SHARED/corpus/wild/raw"

# The chosen articles (see README.md). Keep in step with gold/*.json.
FILES=(w001 w002 w003 w004 w005 w007 w010 w011 w013 w015 w016 w035 w037 w038 w039 w040 w043 w044 w045 w046 w048
       w049 w053 w058 w061 w065 w068 w070 w076 w077 w084 w085 w086 w087 w089 w091 w106 w108
       w006 w008 w012 w014 w052 w054 w055 w056 w057 w071 w074 w079 w082 w098 w099 w100 w109 w110
       w017 w018 w019 w021 w022 w024 w026 w028 w031 w036 w050 w080
       w009 w020 w023 w025 w029 w030 w032 w033 w034 w041 w042 w047 w051 w069 w072 w073 w075 w078
       w088 w090 w092 w093 w096 w101 w102 w104 w105 w107
       w027 w059 w060 w062 w063 w064 w066 w067 w081 w083 w094 w095 w097 w103)
FEED_LINES=(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)   # lines of feed.jsonl, counted from 1 (gold: feed_<line>.json)

TMP="$(mktemp -d "${TMPDIR:-/tmp}/heldout.XXXXXX")"
echo "held-out build folder: $TMP" >&2
mkdir -p "$TMP/raw"
for f in "${FILES[@]}"; do
    cp "$WILD/$f.txt" "$TMP/raw/"
done

# A small feed.jsonl holding only the chosen records. Document names are
# "feed.jsonl#<line>", so each record stays on its original line; the other lines
# are left blank.
python3 - "$WILD/feed.jsonl" "$TMP/raw/feed.jsonl" "${FEED_LINES[@]}" <<'PY'
import sys
src, dst, *keep = sys.argv[1:]
keep = {int(k) for k in keep}
lines = open(src, encoding="utf-8").read().splitlines()
with open(dst, "w", encoding="utf-8") as out:
    for n, line in enumerate(lines[:max(keep)], 1):
        out.write((line if n in keep else "") + "\n")
PY

cd "$REPO"
build() {  # $1 raw dir, $2 warehouse
    uv run communique build --raw-dir "$1" --warehouse "$2"
}
WH="$TMP/w.duckdb"
build_ok=1
build "$TMP/raw" "$WH" || build_ok=0

# Were the feed records named as the gold expects? If blank lines were not counted
# (or the build choked on them), fall back to the whole feed.jsonl: records the gold
# does not mention are ignored by the scorer.
feed_ok=0
if [ "$build_ok" = 1 ]; then
    if uv run --project "$REPO" python - "$WH" "${FEED_LINES[@]}" <<'PY'
import sys, duckdb
db, *lines = sys.argv[1:]
names = {r[0] for r in duckdb.connect(db, read_only=True).execute(
    "select file_name from marts.dim_documents").fetchall()}
missing = [f"feed.jsonl#{n}" for n in lines if f"feed.jsonl#{n}" not in names]
sys.exit(1 if missing else 0)
PY
    then feed_ok=1; fi
fi
if [ "$feed_ok" = 0 ]; then
    echo "feed records not found as feed.jsonl#${FEED_LINES[*]}; rebuilding with the whole feed.jsonl" >&2
    mkdir -p "$TMP/raw_full"
    cp "$TMP/raw/"*.txt "$TMP/raw_full/"
    cp "$WILD/feed.jsonl" "$TMP/raw_full/feed.jsonl"
    WH="$TMP/w_full.duckdb"
    build "$TMP/raw_full" "$WH"
fi

"$HERE/score.sh" "$WH" "$@"
