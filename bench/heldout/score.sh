#!/usr/bin/env bash
# Score a built warehouse against the held-out gold (bench/heldout/gold).
#   bench/heldout/score.sh path/to/warehouse.duckdb [--verbose]
# Uses plain `python` when it can import duckdb, else the project's environment via uv.
set -euo pipefail
if [ $# -lt 1 ]; then
    echo "usage: $0 WAREHOUSE.duckdb [--verbose]" >&2
    exit 2
fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SCORER="${COMMUNIQUE_SCORER:-/work/shared/eval/score.py}"
DB="$1"; shift
if python -c 'import duckdb' >/dev/null 2>&1; then
    PY=(python)
else
    PY=(uv run --project "$REPO" python)
fi
exec "${PY[@]}" "$SCORER" --db "$DB" --gold "$HERE/gold" "$@"
