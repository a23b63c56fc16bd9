"""The HTML report: four charts over the published warehouse, readable offline.

`build_report(warehouse_file, out_dir)` reads the published DuckDB file read-only and
writes `out_dir/index.html` (by default `report/index.html` beside the published file):

- meetings per month, stacked by type, planned meetings hatched   (marts.fct_meetings)
- trade figures by period, one panel per unit, hover shows the source and the raw text
                                                                  (marts.fct_trade_figures)
- the actor network: who meets whom, nodes and edges sized by the number of meetings
                                                                  (marts.bridge_meeting_participants)
- top speakers by number of statements, direct and indirect       (marts.fct_statements)

The plotly.js bundle is inlined once, so the page needs no network. An empty warehouse (or
one without marts) gives a page that says so for each chart instead of failing.
Plain Python: no Dagster here.
"""
from __future__ import annotations

import html
import math
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

MARTS = ("dim_documents", "dim_actors", "fct_meetings", "bridge_meeting_participants",
         "bridge_meeting_documents", "fct_statements", "fct_trade_figures")
MEETING_TYPES = ("talks", "visit", "summit", "call", "other")
TYPE_COLORS = {"talks": "#1f77b4", "visit": "#ff7f0e", "summit": "#2ca02c", "call": "#9467bd",
               "other": "#7f7f7f"}
ACTOR_COLORS = {"person": "#1f77b4", "organization": "#2ca02c", "country": "#d62728"}
MAX_NETWORK_NODES = 40
MAX_SPEAKERS = 15
MAX_UNIT_PANELS = 4
PLOT_CONFIG = {"displaylogo": False, "responsive": True}
MONTH_BAR_MS = 26 * 24 * 3600 * 1000  # a month's bar on a date axis, however sparse the months


@dataclass
class Chart:
    """One section of the report: a plotly figure, or a sentence saying why there is none."""

    key: str
    title: str
    source: str
    figure: object | None = None
    empty_message: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    path: Path
    charts: int                      # how many charts were drawn (sections with data)
    sections: list[str]              # the keys of all sections, drawn or empty
    counts: dict[str, int]
    warehouse_built_at: datetime | None


def default_out_dir(warehouse_file: Path) -> Path:
    return Path(warehouse_file).parent / "report"


def build_report(warehouse_file: str | Path, out_dir: str | Path | None = None) -> Report:
    """Write out_dir/index.html from the published warehouse (opened read-only) and describe it."""
    warehouse_file = Path(warehouse_file)
    if not warehouse_file.is_file():
        raise FileNotFoundError(f"no published warehouse at {warehouse_file} (run `communique build` first)")
    out = Path(out_dir) if out_dir else default_out_dir(warehouse_file)
    built_at = datetime.fromtimestamp(warehouse_file.stat().st_mtime, UTC)

    con = duckdb.connect(str(warehouse_file), read_only=True)
    try:
        present = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'").fetchall()}
        q = _Query(con, present)
        counts = {t: q.count(t) for t in ("dim_documents", "fct_meetings", "fct_statements",
                                          "fct_trade_figures", "dim_actors")}
        charts = [_meetings_chart(q), _figures_chart(q), _network_chart(q), _speakers_chart(q)]
    finally:
        con.close()

    page = _page(charts, counts, built_at, warehouse_file)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "index.html"
    tmp = out / f".index.html.{os.getpid()}.tmp"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, target)  # a browser never sees half a page
    return Report(path=target, charts=sum(1 for c in charts if c.figure is not None),
                  sections=[c.key for c in charts], counts=counts, warehouse_built_at=built_at)


class _Query:
    """Queries over the marts that exist; a missing table reads as empty."""

    def __init__(self, con: duckdb.DuckDBPyConnection, present: set[str]):
        self.con, self.present = con, present

    def has(self, *tables: str) -> bool:
        return all(t in self.present for t in tables)

    def count(self, table: str) -> int:
        return self.con.execute(f"select count(*) from marts.{table}").fetchone()[0] if self.has(table) else 0

    def rows(self, sql: str, *tables: str) -> list[tuple]:
        return self.con.execute(sql).fetchall() if self.has(*tables) else []


# --- meetings over time ---------------------------------------------------------------

def _meetings_chart(q: _Query) -> Chart:
    import plotly.graph_objects as go

    chart = Chart("meetings", "Meetings over time",
                  "Source: marts.fct_meetings (meeting_date, meeting_type, status), one row per real meeting.")
    rows = q.rows("""
        select strftime(date_trunc('month', meeting_date), '%Y-%m-01') as month,
               coalesce(meeting_type, 'other') as meeting_type, status, count(*) as n
        from marts.fct_meetings where meeting_date is not null
        group by all order by month""", "fct_meetings")
    undated = q.rows("select count(*) from marts.fct_meetings where meeting_date is null",
                     "fct_meetings")
    undated_n = undated[0][0] if undated else 0
    if not rows:
        chart.empty_message = ("No meetings yet." if undated_n == 0 else
                               f"No dated meetings yet ({undated_n} meeting(s) without a known date).")
        return chart
    fig = go.Figure()
    types = [t for t in MEETING_TYPES if any(r[1] == t for r in rows)] + \
        sorted({r[1] for r in rows} - set(MEETING_TYPES))
    for status in ("held", "planned"):
        for mtype in types:
            points = [(r[0], r[3]) for r in rows if r[1] == mtype and r[2] == status]
            if not points:
                continue
            fig.add_trace(go.Bar(
                x=[p[0] for p in points], y=[p[1] for p in points],
                name=f"{mtype} ({status})", legendgroup=mtype,
                marker={"color": TYPE_COLORS.get(mtype, "#17becf"),
                        "pattern": {"shape": "/" if status == "planned" else ""}},
                xperiod="M1", xperiodalignment="middle", width=MONTH_BAR_MS,
                hovertemplate=f"%{{x|%B %Y}}: %{{y}} {mtype} ({status})<extra></extra>"))
    fig.update_layout(barmode="stack", height=380, template="plotly_white", showlegend=True,
                      margin={"l": 50, "r": 20, "t": 20, "b": 40},
                      xaxis={"type": "date", "title": "month"},
                      yaxis={"title": "meetings", "dtick": 1 if max(r[3] for r in rows) < 8 else None},
                      legend={"title": "type (status)"})
    chart.figure = fig
    total = sum(r[3] for r in rows)
    chart.notes.append(f"{total} dated meeting(s); planned meetings are hatched."
                       + (f" {undated_n} meeting(s) without a known date are not shown." if undated_n else ""))
    return chart


# --- trade figures by period ------------------------------------------------------------

def _scale(values: list[float]) -> tuple[float, str]:
    top = max(abs(v) for v in values)
    for factor, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if top >= factor:
            return factor, word
    return 1.0, ""


def _period_key(period: str | None) -> tuple:
    return (period is None, period or "")


def _figures_chart(q: _Query) -> Chart:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    chart = Chart("figures", "Trade figures by period, with their sources",
                  "Source: marts.fct_trade_figures (value, unit, period, measure, source, raw_text) "
                  "joined to marts.dim_documents for the article.")
    rows = q.rows("""
        select f.unit, f.period, f.value, f.raw_text, f.measure, f.source,
               coalesce(d.title, d.file_name) as article
        from marts.fct_trade_figures f left join marts.dim_documents d using (document_id)
        order by f.unit, f.period nulls last, f.value""", "fct_trade_figures", "dim_documents")
    if not rows:
        chart.empty_message = "No trade figures yet."
        return chart
    by_unit: dict[str, list[tuple]] = defaultdict(list)
    for r in rows:
        by_unit[r[0]].append(r)
    units = sorted(by_unit, key=lambda u: (-len(by_unit[u]), u))
    shown, hidden = units[:MAX_UNIT_PANELS], units[MAX_UNIT_PANELS:]
    fig = make_subplots(rows=len(shown), cols=1, vertical_spacing=0.22 / max(len(shown), 1) + 0.04,
                        subplot_titles=[f"{u} ({len(by_unit[u])} figure(s))" for u in shown])
    for i, unit in enumerate(shown, start=1):
        items = by_unit[unit]
        factor, word = _scale([r[2] for r in items])
        periods = sorted({r[1] for r in items}, key=_period_key)
        labels = [p if p is not None else "no period" for p in periods]
        hover = [
            f"<b>{html.escape(r[3])}</b> ({html.escape(r[4] or 'measure not stated')})<br>"
            f"period: {html.escape(r[1] or 'not stated')}<br>"
            f"source: {html.escape(r[5] or 'not credited')}<br>"
            f"article: {html.escape((r[6] or '')[:80])}"
            for r in items]
        fig.add_trace(go.Scatter(
            x=[r[1] if r[1] is not None else "no period" for r in items],
            y=[r[2] / factor for r in items], mode="markers", name=unit, showlegend=False,
            marker={"size": 11, "opacity": 0.75, "line": {"width": 1, "color": "#333"}},
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>"), row=i, col=1)
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels, row=i, col=1)
        values = [r[2] for r in items]
        log = unit != "percent" and min(values) > 0 and max(values) / min(values) > 100
        fig.update_yaxes(title_text=f"{unit} ({word})" if word else unit, type="log" if log else "linear",
                         row=i, col=1)
    fig.update_layout(height=max(300, 260 * len(shown)), template="plotly_white",
                      margin={"l": 70, "r": 20, "t": 40, "b": 40})
    chart.figure = fig
    chart.notes.append("Each point is one figure as an article reports it; two points for the same "
                       "period show sources that disagree. Hover for the source and the raw text.")
    if hidden:
        chart.notes.append(f"{sum(len(by_unit[u]) for u in hidden)} figure(s) in other units not shown: "
                           + ", ".join(hidden) + ".")
    return chart


# --- the actor network --------------------------------------------------------------------

def spring_layout(nodes: list[str], edges: dict[tuple[str, str], float], iterations: int = 300,
                  seed_order: list[str] | None = None) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold with gravity, deterministic: starts from a circle in seed_order."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    order = seed_order or nodes
    pos = {v: [math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)] for i, v in enumerate(order)}
    k = 1.6 / math.sqrt(n)
    temp = 0.15
    adjacency = defaultdict(list)
    for (a, b), w in edges.items():
        adjacency[a].append((b, w))
        adjacency[b].append((a, w))
    for step in range(iterations):
        disp = {v: [0.0, 0.0] for v in nodes}
        for i, a in enumerate(nodes):
            pa = pos[a]
            for b in nodes[i + 1:]:
                pb = pos[b]
                dx, dy = pa[0] - pb[0], pa[1] - pb[1]
                d2 = max(dx * dx + dy * dy, 1e-6)
                f = k * k / d2                      # repulsion k²/d, along the unit vector
                disp[a][0] += dx * f
                disp[a][1] += dy * f
                disp[b][0] -= dx * f
                disp[b][1] -= dy * f
        for (a, b), w in edges.items():
            pa, pb = pos[a], pos[b]
            dx, dy = pa[0] - pb[0], pa[1] - pb[1]
            d = math.sqrt(dx * dx + dy * dy) or 1e-3
            f = d / k * (1 + 0.25 * math.log1p(w))   # attraction d²/k, a little stronger for frequent pairs
            disp[a][0] -= dx * f
            disp[a][1] -= dy * f
            disp[b][0] += dx * f
            disp[b][1] += dy * f
        for v in nodes:
            p = pos[v]
            disp[v][0] -= p[0] * 0.6                 # gravity keeps separate groups on screen
            disp[v][1] -= p[1] * 0.6
            length = math.hypot(*disp[v]) or 1e-9
            move = min(length, temp)
            p[0] += disp[v][0] / length * move
            p[1] += disp[v][1] / length * move
        temp = max(0.005, temp * 0.985)
    return {v: (round(p[0], 4), round(p[1], 4)) for v, p in pos.items()}


def _network_chart(q: _Query) -> Chart:
    import plotly.graph_objects as go

    chart = Chart("network", "Who meets whom",
                  "Source: marts.bridge_meeting_participants joined to marts.dim_actors and "
                  "marts.fct_meetings: nodes are actors, edges are meetings they both took part in.")
    rows = q.rows("""
        select p.meeting_id, a.actor_id, a.name, a.actor_type, a.country_code, a.role, m.meeting_date
        from marts.bridge_meeting_participants p
        join marts.dim_actors a using (actor_id)
        join marts.fct_meetings m using (meeting_id)""",
                  "bridge_meeting_participants", "dim_actors", "fct_meetings")
    if not rows:
        chart.empty_message = ("No meetings yet." if q.count("fct_meetings") == 0
                               else "No meetings with known participants yet.")
        return chart
    actors = {r[1]: r[2:6] for r in rows}
    meetings: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, object] = {}
    for meeting_id, actor_id, *_rest, meeting_date in rows:
        meetings[meeting_id].add(actor_id)
        dates[meeting_id] = meeting_date
    degree = Counter(a for members in meetings.values() for a in members)
    ranked = sorted(degree, key=lambda a: (-degree[a], actors[a][0]))
    keep = set(ranked[:MAX_NETWORK_NODES])
    pairs: Counter = Counter()
    last: dict[tuple[str, str], object] = {}
    for meeting_id, members in meetings.items():
        members = sorted(members & keep)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pairs[(a, b)] += 1
                d = dates[meeting_id]
                if d is not None and (last.get((a, b)) is None or d > last[(a, b)]):
                    last[(a, b)] = d
    nodes = sorted(keep, key=lambda a: actors[a][0])
    pos = spring_layout(nodes, dict(pairs), seed_order=[a for a in ranked if a in keep])

    fig = go.Figure()
    top = max(pairs.values(), default=1)
    for count in sorted(set(pairs.values())):          # one trace per edge width
        xs, ys = [], []
        for (a, b), c in pairs.items():
            if c == count:
                xs += [pos[a][0], pos[b][0], None]
                ys += [pos[a][1], pos[b][1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"width": 1 + 7 * math.sqrt(count / top), "color": "rgba(90,90,90,0.45)"}))
    if pairs:                                           # hover on the middle of each edge
        mids = list(pairs.items())
        fig.add_trace(go.Scatter(
            x=[(pos[a][0] + pos[b][0]) / 2 for (a, b), _ in mids],
            y=[(pos[a][1] + pos[b][1]) / 2 for (a, b), _ in mids],
            mode="markers", marker={"size": 10, "opacity": 0}, showlegend=False,
            hovertext=[f"{html.escape(actors[a][0])} — {html.escape(actors[b][0])}: {c} meeting(s)"
                       + (f", last {last[(a, b)]}" if last.get((a, b)) else "") for (a, b), c in mids],
            hovertemplate="%{hovertext}<extra></extra>"))
    top_degree = max(degree[a] for a in nodes)
    for actor_type in ("person", "organization", "country"):
        group = [a for a in nodes if actors[a][1] == actor_type]
        if not group:
            continue
        fig.add_trace(go.Scatter(
            x=[pos[a][0] for a in group], y=[pos[a][1] for a in group], mode="markers+text",
            name=actor_type, text=[actors[a][0] for a in group], textposition="top center",
            textfont={"size": 11},
            marker={"size": [10 + 30 * math.sqrt(degree[a] / top_degree) for a in group],
                    "color": ACTOR_COLORS[actor_type], "line": {"width": 1, "color": "white"}},
            hovertext=[f"<b>{html.escape(actors[a][0])}</b> ({actor_type}"
                       + (f", {actors[a][2]}" if actors[a][2] else "") + ")"
                       + (f"<br>{html.escape(actors[a][3])}" if actors[a][3] else "")
                       + f"<br>{degree[a]} meeting(s)" for a in group],
            hovertemplate="%{hovertext}<extra></extra>"))
    fig.update_layout(height=560, template="plotly_white", margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"},
                      legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
                      hovermode="closest")
    chart.figure = fig
    chart.notes.append(f"{len(nodes)} actor(s), {len(pairs)} pair(s) who met; node size: meetings "
                       "attended, edge width: meetings together.")
    if len(degree) > len(nodes):
        chart.notes.append(f"The {len(nodes)} actors with the most meetings are shown, "
                           f"of {len(degree)} who took part in one.")
    return chart


# --- top speakers -----------------------------------------------------------------------------

def _speakers_chart(q: _Query) -> Chart:
    import plotly.graph_objects as go

    chart = Chart("speakers", "Top speakers",
                  "Source: marts.fct_statements (speaker_name, statement_kind), one row per statement.")
    rows = q.rows("""
        select coalesce(speaker_name, '(speaker not found)') as speaker, statement_kind, count(*) as n
        from marts.fct_statements group by all""", "fct_statements")
    if not rows:
        chart.empty_message = "No statements yet."
        return chart
    totals: Counter = Counter()
    for speaker, _kind, n in rows:
        totals[speaker] += n
    top = sorted(totals, key=lambda s: (-totals[s], s))[:MAX_SPEAKERS]
    counts = {(s, k): n for s, k, n in rows}
    fig = go.Figure()
    for kind, color in (("direct", "#1f77b4"), ("indirect", "#aec7e8")):
        fig.add_trace(go.Bar(
            y=top, x=[counts.get((s, kind), 0) for s in top], name=f"{kind} quote" if kind == "direct"
            else "reported speech (indirect)", orientation="h", marker={"color": color},
            hovertemplate=f"%{{y}}: %{{x}} {kind}<extra></extra>"))
    fig.update_layout(barmode="stack", height=max(260, 60 + 28 * len(top)), template="plotly_white",
                      margin={"l": 180, "r": 20, "t": 30, "b": 40},
                      yaxis={"autorange": "reversed"}, xaxis={"title": "statements"},
                      legend={"orientation": "h", "y": -0.15 if len(top) > 4 else -0.4, "traceorder": "normal"})
    chart.figure = fig
    chart.notes.append(f"The {len(top)} speakers with the most statements, of {len(totals)}.")
    return chart


# --- the page --------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #222;
       background: #f6f7f9; }
header { background: #1d2b3a; color: #fff; padding: 18px 32px; }
header h1 { margin: 0 0 4px 0; font-size: 24px; }
header p { margin: 2px 0; color: #cfd8e3; font-size: 14px; }
.counts { display: flex; gap: 12px; flex-wrap: wrap; padding: 16px 32px 0 32px; }
.count { background: #fff; border-radius: 6px; padding: 10px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.1); }
.count b { display: block; font-size: 22px; }
.count span { font-size: 13px; color: #555; }
main { padding: 8px 32px 32px 32px; }
section { background: #fff; border-radius: 6px; margin: 16px 0; padding: 14px 18px;
          box-shadow: 0 1px 2px rgba(0,0,0,.1); }
section h2 { margin: 0 0 6px 0; font-size: 18px; }
.source { font-size: 13px; color: #555; margin: 4px 0; }
.note { font-size: 13px; color: #555; margin: 2px 0; }
.empty { font-size: 15px; color: #8a5a00; background: #fff7e0; padding: 12px; border-radius: 4px; }
"""


def _page(charts: list[Chart], counts: dict[str, int], built_at: datetime, warehouse_file: Path) -> str:
    from plotly.offline import get_plotlyjs

    now = datetime.now(UTC)
    labels = (("dim_documents", "documents"), ("fct_meetings", "meetings"), ("fct_statements", "statements"),
              ("fct_trade_figures", "trade figures"), ("dim_actors", "actors"))
    count_html = "".join(f'<div class="count" data-table="marts.{t}"><b>{counts.get(t, 0):,}</b>'
                         f"<span>{label}</span></div>" for t, label in labels)
    sections = []
    for chart in charts:
        parts = [f'<section id="{chart.key}" class="chart"><h2>{html.escape(chart.title)}</h2>']
        if chart.figure is not None:
            parts.append(chart.figure.to_html(full_html=False, include_plotlyjs=False,
                                              div_id=f"chart-{chart.key}", config=PLOT_CONFIG))
        else:
            parts.append(f'<p class="empty">{html.escape(chart.empty_message)}</p>')
        parts += [f'<p class="note">{html.escape(n)}</p>' for n in chart.notes]
        parts.append(f'<p class="source">{html.escape(chart.source)}</p></section>')
        sections.append("".join(parts))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="communique report">
<title>Communique report</title>
<style>{_CSS}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head>
<body>
<header>
<h1>Communique: meetings, statements and trade figures</h1>
<p>Warehouse built (published) <time id="built-at" datetime="{built_at.isoformat(timespec='seconds')}">{
        built_at.strftime('%Y-%m-%d %H:%M:%S UTC')}</time> &middot; file {html.escape(str(warehouse_file))}</p>
<p>Report generated <time id="generated-at" datetime="{now.isoformat(timespec='seconds')}">{
        now.strftime('%Y-%m-%d %H:%M:%S UTC')}</time>; it works offline (plotly.js is inlined).</p>
</header>
<div class="counts">{count_html}</div>
<main>
{"".join(sections)}
</main>
</body>
</html>
"""


if __name__ == "__main__":  # python -m orchestration.serve.report WAREHOUSE [OUT_DIR]
    import sys

    started = time.perf_counter()
    result = build_report(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    print(f"{result.path} ({result.charts} charts, {time.perf_counter() - started:.2f} s)")
