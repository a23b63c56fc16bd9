"""Stage 5: the HTML report (charts) over the published warehouse, for analysts' browsers."""

import dagster as dg

from ..resources import CommuniqueWarehouse
from ..serve.report import build_report


@dg.asset(
    key=dg.AssetKey("html_report"),
    deps=[dg.AssetKey("published_warehouse")],
    group_name="publish",
    kinds={"html", "plotly"},
    owners=["team:communique"],
)
def html_report(context: dg.AssetExecutionContext, communique: CommuniqueWarehouse) -> dg.MaterializeResult:
    """warehouse/report/index.html, to explore offline: filters by pair, actor, type and dates; a
    per-pair timeline, a map, figures by category, drill-down to the sentences; the actor network
    and top speakers. Reads the published file only (no writer pool)."""
    paths = communique.paths()
    report = build_report(paths.warehouse, paths.report_dir)
    context.log.info(f"wrote {report.path} ({report.charts} charts)")
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(report.path)),
        "charts": report.charts,
        "sections": ", ".join(report.sections),
        **{f"rows/marts.{t}": n for t, n in report.counts.items()},
        "size_kb": report.path.stat().st_size // 1024,
    })
