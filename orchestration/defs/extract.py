"""Stage 2: facts with offsets from every document not yet extracted by this code version."""

import dagster as dg

from ..pipeline import extract_pending
from ..resources import CommuniqueWarehouse
from ..warehouse import FACT_TABLES
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


@dg.multi_asset(
    specs=[dg.AssetSpec(k, group_name="extract", kinds={"python", "polars", "duckdb"},
                        owners=["team:communique"], description=_DESCRIPTIONS[k.path[-1]],
                        deps=[dg.AssetKey(["raw", "documents"])]) for k in EXTRACT_KEYS],
    pool=WRITER_POOL,
    can_subset=False,
)
def extract_facts(context: dg.AssetExecutionContext, communique: CommuniqueWarehouse):
    """Rule-based extraction in plain Python (orchestration/extract); rows replaced per document."""
    with communique.connect() as con:
        stats = extract_pending(con, console_progress("extracting"))
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
