"""How long one huge single-line document takes: reading it, and extracting it within its budget.

    uv run python bench/big_document.py --shared /work/shared --mb 1 2 4 20 [--budget 30]
    uv run python bench/big_document.py --shared /work/shared --mb 0.1 0.2 0.4 --chunk-kb 0 --budget 0

Builds each document by repeating the dev corpus's articles on one line (the shape that
made extraction quadratic), writes it to a temp folder, then times `read_file` (decode,
clean, furniture) and `extract_document` with the time budget (COMMUNIQUE_DOC_SECONDS'
default, 30 s; 0 for none). The language models are loaded first, on one article, so
that no figure holds their loading. Prints wall seconds, the CPU seconds of extraction (which
other work on the machine changes less), characters per second and the outcome. Figures only.

`--chunk-kb` sets the size of the pieces a long document is extracted in (default: the
pipeline's CHUNK_CHARS); 0 extracts it whole, which times the rules themselves: a rule
whose cost grows with the square of the text shows there, where chunks would hide it.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from functools import partial

from orchestration.extract import document
from orchestration.extract.budget import DocumentTimeout
from orchestration.extract.document import extract_document
from orchestration.extract.ingest import read_file

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 2, 4, 20])
    parser.add_argument("--budget", type=float, default=30.0)
    parser.add_argument("--chunk-kb", type=float, help="extract in pieces of this many thousand characters; 0: whole")
    args = parser.parse_args()
    if args.chunk_kb is not None:
        size = int(args.chunk_kb * 1000) or 10 ** 12
        document.chunks = partial(document.chunks, size=size)
    articles = [p.read_text(encoding="utf-8") for p in sorted((args.shared / "corpus" / "dev" / "raw").glob("*.txt"))]
    line = " ".join(a.replace("\n", " ") for a in articles)
    extract_document(articles[0], None, None)  # loads the language models: no figure holds that
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.mb:
            size = int(mb * 1000 * 1000) - 1  # characters; a few are 2-3 bytes in UTF-8
            path = Path(tmp) / f"big-{mb:g}mb.txt"
            path.write_text((line * (size // len(line) + 1))[:size] + "\n", encoding="utf-8")
            started = time.perf_counter()
            docs, rejections = read_file(path, budget_s=args.budget)
            read_s = time.perf_counter() - started
            if not docs:
                print(f"{mb:>5g} MB: read {read_s:6.1f} s, set aside: {rejections[0].reason}")
                continue
            text = docs[0].text
            started, cpu = time.perf_counter(), time.process_time()
            try:
                _, rows = extract_document(text, None, None, budget_s=args.budget)
                outcome = f"{sum(map(len, rows.values()))} rows"
            except DocumentTimeout as exc:
                outcome = f"recorded as failed: {exc}"
            extract_s, cpu_s = time.perf_counter() - started, time.process_time() - cpu
            print(f"{mb:>5g} MB: read {read_s:6.1f} s, extract {extract_s:6.1f} s (CPU {cpu_s:6.1f} s) "
                  f"({len(text) / max(extract_s, 1e-9) / 1000:,.0f} k chars/s), total {read_s + extract_s:6.1f} s; "
                  f"{outcome}", flush=True)


if __name__ == "__main__":
    main()
