"""Stage 4: publish the marts to the file users and BI tools read, atomically."""

import dagster as dg

from ..buildstate import record_published
from ..resources import CommuniqueWarehouse
from ..warehouse import publish
from .ingest import WRITER_POOL

MART_KEYS = [dg.AssetKey(["marts", n]) for n in (
    "dim_documents", "dim_actors", "fct_meetings", "bridge_meeting_participants",
    "bridge_meeting_documents", "fct_statements", "fct_trade_figures")]
REPORTING_KEYS = [dg.AssetKey(["reporting", n]) for n in (
    "rpt_meetings_per_month_by_pair", "rpt_actor_network", "rpt_statements", "rpt_statements_by_speaker",
    "rpt_trade_figures", "rpt_trade_figures_by_measure_period", "rpt_relationship_timeline")]


@dg.asset(
    key=dg.AssetKey("published_warehouse"),
    deps=MART_KEYS + REPORTING_KEYS,
    group_name="publish",
    kinds={"duckdb"},
    owners=["team:communique"],
    pool=WRITER_POOL,
)
def published_warehouse(context: dg.AssetExecutionContext, communique: CommuniqueWarehouse) -> dg.MaterializeResult:
    """A new file with the marts schema, renamed over COMMUNIQUE_WAREHOUSE: readers keep their snapshot."""
    paths = communique.paths()
    counts = publish(paths.work_db, paths.warehouse)
    with communique.connect() as con:
        record_published(con)
    context.log.info(f"published {sum(counts.values())} rows in {len(counts)} tables to {paths.warehouse}")
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(paths.warehouse)),
        **{f"rows/{t}": n for t, n in counts.items()},
        "dagster/row_count": sum(n for t, n in counts.items() if t.startswith("marts.")),
    })
