"""Stage 4b: the published marts copied to PostgreSQL for BI tools, when a DSN is configured.

The asset is always part of the graph (and of the `build_warehouse` job); whether it
publishes is decided when it runs, from COMMUNIQUE_POSTGRES_DSN in the run's environment.
Without a DSN it records an observation "skipped: COMMUNIQUE_POSTGRES_DSN not set" and no
materialization, so the UI never claims PostgreSQL holds marts it does not. Deciding at
run time, not at code load, keeps one graph everywhere (UI, CLI, tests) and lets a
deployment turn PostgreSQL on by setting the variable, without a different code location.
"""

import os

import dagster as dg

from ..resources import CommuniqueWarehouse
from ..serve.postgres import DEFAULT_READER_ROLE, publish_to_postgres, redact_dsn

DSN_ENV = "COMMUNIQUE_POSTGRES_DSN"
READER_ROLE_ENV = "COMMUNIQUE_POSTGRES_READER"
READER_PASSWORD_ENV = "COMMUNIQUE_POSTGRES_READER_PASSWORD"


@dg.asset(
    key=dg.AssetKey("postgres_marts"),
    deps=[dg.AssetKey("published_warehouse")],
    group_name="publish",
    kinds={"postgres"},
    owners=["team:communique"],
    output_required=False,
    description="Schemas marts and reporting of the published file, copied to the PostgreSQL database of "
                "COMMUNIQUE_POSTGRES_DSN in one transaction (new tables, keys, swap), with a read-only "
                "role for BI tools. Skipped when the variable is not set.",
)
def postgres_marts(context: dg.AssetExecutionContext, communique: CommuniqueWarehouse):
    """Reads only the published file (no writer pool needed); PostgreSQL readers see old or new marts."""
    dsn = os.environ.get(DSN_ENV, "").strip()
    if not dsn:
        context.log.info(f"skipped: {DSN_ENV} not set")
        yield dg.AssetObservation(asset_key=context.asset_key,
                                  metadata={"status": f"skipped: {DSN_ENV} not set"})
        return
    role = os.environ.get(READER_ROLE_ENV) or DEFAULT_READER_ROLE
    counts = publish_to_postgres(communique.paths().warehouse, dsn, reader_role=role,
                                 reader_password=os.environ.get(READER_PASSWORD_ENV) or None,
                                 log=context.log.info)
    context.log.info(f"published {sum(counts.values())} rows in {len(counts)} tables to {redact_dsn(dsn)}")
    yield dg.MaterializeResult(metadata={
        "dsn": redact_dsn(dsn),
        "reader_role": role,
        **{f"rows/{t}": n for t, n in counts.items()},
        "dagster/row_count": sum(n for t, n in counts.items() if t.startswith("marts.")),
    })
