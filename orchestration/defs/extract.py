"""Stage 2: facts with offsets from every document not yet extracted by this code version.

Extraction is split into shards the definitions know (COMMUNIQUE_EXTRACT_SHARDS):
each shard is its own step, reads the working database read-only, and writes its
facts as Parquet, so shards run side by side under the multiprocess or Dask executor,
on any machine that sees the files. One load step, the only writer, reads them into
DuckDB.
"""

import os

import dagster as dg

from ..config import extract_shards
from ..pipeline import extract_shard, load_shards
from ..resources import CommuniqueWarehouse
from ..warehouse import FACT_TABLES
from ..workers import WORKERS_ENV, worker_count
from .ingest import WRITER_POOL, _markdown_table, console_progress

EXTRACT_KEYS = [dg.AssetKey(["raw", t]) for t in ("extractions", *FACT_TABLES)]
_DESCRIPTIONS = {
    "extractions": "Which extractor version processed each document, and any error.",
    "actor_mentions": "Mentions of people, organizations and countries, resolved within the article.",
    "statements": "Direct quotes and reported speech with their speaker.",
    "meetings": "Meetings reported in each article: status, type, date, place, evidence.",
    "meeting_participants": "Participants of each meeting mention.",
    "figures": "Money amounts, percentages and quantities with measure, period and source.",
}
SHARDS = extract_shards()


def shard_key(shard: int) -> dg.AssetKey:
    return dg.AssetKey(["extract", f"shard_{shard}"])


def _workers_per_shard() -> int:
    """COMMUNIQUE_WORKERS if set; else the cores shared out among shards that may run at once."""
    if os.environ.get(WORKERS_ENV, "").strip():
        return worker_count()
    return max(1, (os.cpu_count() or 1) // SHARDS)


def _shard_asset(shard: int) -> dg.AssetsDefinition:
    @dg.asset(key=shard_key(shard), deps=[dg.AssetKey(["raw", "documents"])], group_name="extract",
              kinds={"python", "parquet"}, owners=["team:communique"],
              description=f"Facts of the pending documents whose id hashes to shard {shard} of {SHARDS}, "
                          "extracted by a pool of worker processes into Parquet files for the load step.")
    def _extract(context: dg.AssetExecutionContext, communique: CommuniqueWarehouse) -> dg.MaterializeResult:
        paths = communique.paths()
        workers = _workers_per_shard()
        stats = extract_shard(paths.work_db, paths.shards_dir, shard, SHARDS, workers,
                              console_progress(f"extracting (shard {shard})" if SHARDS > 1 else "extracting"))
        context.log.info(f"shard {shard}/{SHARDS}: {stats.documents_extracted} documents "
                         f"with {workers} worker(s), pid {os.getpid()}")
        return dg.MaterializeResult(metadata={
            "documents": stats.documents_extracted, "failed": len(stats.documents_failed),
            "workers": workers, "pid": os.getpid(), **{f"rows/{t}": n for t, n in stats.rows.items()}})

    _extract.__name__ = f"extract_shard_{shard}"
    return _extract


extract_shard_assets = [_shard_asset(k) for k in range(SHARDS)]


@dg.multi_asset(
    specs=[dg.AssetSpec(k, group_name="extract", kinds={"python", "polars", "duckdb"},
                        owners=["team:communique"], description=_DESCRIPTIONS[k.path[-1]],
                        deps=[shard_key(s) for s in range(SHARDS)]) for k in EXTRACT_KEYS],
    pool=WRITER_POOL,
    can_subset=False,
)
def extract_facts(context: dg.AssetExecutionContext, communique: CommuniqueWarehouse):
    """The single writer: the shards' Parquet files into the raw fact tables, rows replaced per document."""
    paths = communique.paths()
    with communique.connect() as con:
        stats = load_shards(con, paths.shards_dir, SHARDS)
        counts = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0]
                  for t in ("extractions", *FACT_TABLES)}
        previews = {
            "statements": con.execute("select speaker_name, statement_kind, left(quote_text, 80) "
                                      "from raw.statements limit 5").fetchall(),
            "meetings": con.execute("select status, meeting_type, meeting_date, location, left(evidence, 80) "
                                    "from raw.meetings limit 5").fetchall(),
            "figures": con.execute("select value, unit, raw_text, measure, period from raw.figures limit 5").fetchall(),
        }
    for doc_id, error in stats.documents_failed:
        context.log.error(f"extraction failed for {doc_id}: {error}")
    headers = {"statements": ("speaker", "kind", "quote"),
               "meetings": ("status", "type", "date", "place", "evidence"),
               "figures": ("value", "unit", "text", "measure", "period")}
    for key in EXTRACT_KEYS:
        table = key.path[-1]
        metadata = {"dagster/row_count": counts[table]}
        if table == "extractions":
            metadata.update(documents_extracted=stats.documents_extracted,
                            documents_failed=len(stats.documents_failed),
                            documents_off_topic=stats.off_topic,
                            documents_removed=stats.documents_removed)
        else:
            metadata["rows_this_run"] = stats.rows.get(table, 0)
        if table in previews:
            metadata["preview"] = dg.MetadataValue.md(_markdown_table(previews[table], headers[table]))
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)
