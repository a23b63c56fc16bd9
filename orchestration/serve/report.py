"""The HTML report: an offline page to explore the published warehouse.

`build_report(warehouse_file, out_dir)` reads the published DuckDB file read-only and
writes `out_dir/index.html` (by default `report/index.html` beside the published file):

- filters: country pair, actor, meeting type, date range (kept in the URL's fragment)
- meetings on a timeline, one row per country pair; a meeting dated only to a month or a
  year is a band over that month or year, not a point on its first day   (marts.fct_meetings)
- undated and year-only meetings, listed
- meetings on a map (country outlines inlined, no tiles)                 (fct_meetings.latitude/longitude)
- trade figures, one panel per measure category and unit, marked by kind (marts.fct_trade_figures)
- a click on any point opens the sentences that report it and their articles
- the actor network and the top speakers (drawn here, in Python)

plotly.js is inlined once and the data travels in the page, so it needs no network. An
empty warehouse (or one without marts) gives a page that says so instead of failing.
Plain Python plus the page's script (explorer.js): no Dagster here.
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

from . import explorer

MARTS = ("dim_documents", "dim_actors", "fct_meetings", "bridge_meeting_participants",
         "bridge_meeting_documents", "fct_statements", "fct_trade_figures")
MEETING_TYPES = ("talks", "visit", "summit", "call", "other")
TYPE_COLORS = {"talks": "#1f77b4", "visit": "#ff7f0e", "summit": "#2ca02c", "call": "#9467bd",
               "other": "#7f7f7f"}
ACTOR_COLORS = {"person": "#1f77b4", "organization": "#2ca02c", "country": "#d62728"}
MAX_NETWORK_NODES = 40
MAX_SPEAKERS = 15
PLOT_CONFIG = {"displaylogo": False, "responsive": True}


@dataclass
class Chart:
    """One section of the report: a plotly figure, or a sentence saying why there is none."""

    key: str
    title: str
    source: str
    figure: object | None = None
    empty_message: str = ""
    drawn_in_page: bool = False  # drawn by the page's script from the data, not by plotly here
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
            "select table_name from information_schema.tables where table_schema in ('marts', 'reporting')").fetchall()}
        q = _Query(con, present)
        counts = {t: q.count(t) for t in ("dim_documents", "fct_meetings", "fct_statements",
                                          "fct_trade_figures", "dim_actors")}
        meetings_note = _sample_note(counts["fct_meetings"], "meetings", "the best-attested (most sources, "
                                     "then the latest)", "marts.fct_meetings")
        figures_note = _sample_note(q.count("rpt_trade_figures", "reporting"), "trade figures",
                                    "those of the latest articles", "reporting.rpt_trade_figures")
        charts = [_explorer_chart("timeline", "Meetings over time, by country pair", counts["fct_meetings"],
                                  "Source: marts.fct_meetings with bridge_meeting_participants and dim_actors "
                                  "(the countries of the participants), one row per real meeting.", "No meetings yet.",
                                  meetings_note),
                  _explorer_chart("map", "Where they met", counts["fct_meetings"],
                                  "Source: marts.fct_meetings (location, latitude, longitude); outlines: countryinfo.",
                                  "No meetings yet.", meetings_note),
                  _explorer_chart("figures", "Trade figures by measure, with their sources", counts["fct_trade_figures"],
                                  "Source: marts.fct_trade_figures (value, unit, period, figure_kind, "
                                  "measure_category, countries, evidence) joined to marts.dim_documents.",
                                  "No trade figures yet.", figures_note),
                  _network_chart(q), _speakers_chart(q)]
        data = explorer.page_data(q)
    finally:
        con.close()

    page = _page(charts, counts, built_at, warehouse_file, data)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "index.html"
    tmp = out / f".index.html.{os.getpid()}.tmp"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, target)  # a browser never sees half a page
    return Report(path=target, charts=sum(1 for c in charts if c.figure is not None or c.drawn_in_page),
                  sections=[c.key for c in charts], counts=counts, warehouse_built_at=built_at)


class _Query:
    """Queries over the marts that exist; a missing table reads as empty."""

    def __init__(self, con: duckdb.DuckDBPyConnection, present: set[str]):
        self.con, self.present = con, present

    def has(self, *tables: str) -> bool:
        return all(t in self.present for t in tables)

    def count(self, table: str, schema: str = "marts") -> int:
        return self.con.execute(f"select count(*) from {schema}.{table}").fetchone()[0] if self.has(table) else 0

    def rows(self, sql: str, *tables: str) -> list[tuple]:
        return self.con.execute(sql).fetchall() if self.has(*tables) else []


def _explorer_chart(key: str, title: str, rows: int, source: str, empty: str, notes: list[str]) -> Chart:
    return Chart(key, title, source, empty_message="" if rows else empty, drawn_in_page=rows > 0, notes=notes)


def _sample_note(total: int, what: str, which: str, table: str) -> list[str]:
    """Say so when the page carries only some of the facts (explorer.EXPLORER_LIMIT of each kind)."""
    if total <= explorer.EXPLORER_LIMIT:
        return []
    return [f"This page carries {explorer.EXPLORER_LIMIT:,} of the {total:,} {what}: {which}. "
            f"The filters and counts here are over those; {table} holds them all."]


_EXPLORER_HTML = {
    "timeline": """<p class="note"><span id="shown-timeline">0</span> dated meeting(s) shown. A filled dot is a held
meeting, an open one a planned meeting; a band is a meeting dated only to a month or a year. Click a point for the
sentences that report it.</p><p class="note" id="timeline-note"></p><div id="chart-timeline" class="explore"></div>
<h3>Undated and year-only meetings (<span id="shown-undated">0</span>)</h3>
<table class="list"><thead><tr><th>when</th><th>type</th><th>status</th><th>who</th><th>where</th><th>reports</th></tr>
</thead><tbody id="undated-list"></tbody></table>""",
    "map": """<p class="note"><span id="shown-map">0</span> meeting(s) with a known place shown; a marker's size is the
number of meetings there. Click one for its meetings and their sentences.</p><div id="chart-map" class="explore"></div>""",
    "figures": """<p class="note"><span id="shown-figures">0</span> figure(s) shown, one panel per measure category and
unit (trade totals and sanctions amounts never share a panel). Filled circle: reported; diamond: forecast; star: target;
square: estimate. Two points in one period are sources that may disagree. Click a point for its sentence.</p>
<div id="figure-panels"></div>""",
}


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
.filters { position: sticky; top: 0; z-index: 5; background: #e9edf2; padding: 10px 32px; display: flex; gap: 14px;
           flex-wrap: wrap; align-items: center; font-size: 14px; border-bottom: 1px solid #ccd3db; }
.filters label { display: flex; gap: 6px; align-items: center; }
table.list { border-collapse: collapse; width: 100%; font-size: 13px; }
table.list th, table.list td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; }
table.list tr[data-drill] { cursor: pointer; }
table.list tr[data-drill]:hover { background: #f0f4fa; }
#drill { position: fixed; right: 16px; top: 70px; width: 420px; max-height: 80vh; overflow: auto; background: #fff;
         border: 1px solid #b9c3ce; border-radius: 6px; box-shadow: 0 4px 18px rgba(0,0,0,.2); padding: 12px 16px;
         z-index: 10; font-size: 14px; }
#drill h3 { font-size: 15px; margin: 6px 0; }
#drill small { color: #555; font-weight: normal; }
#drill blockquote.evidence { margin: 6px 0; padding: 6px 10px; background: #fffbe6; border-left: 3px solid #e0b300; }
#drill .article { color: #444; font-size: 12px; margin: 2px 0 10px 0; }
#drill-close { float: right; border: none; background: none; font-size: 20px; cursor: pointer; }
"""


def _page(charts: list[Chart], counts: dict[str, int], built_at: datetime, warehouse_file: Path, data: str) -> str:
    from plotly.offline import get_plotlyjs

    now = datetime.now(UTC)
    labels = (("dim_documents", "documents"), ("fct_meetings", "meetings"), ("fct_statements", "statements"),
              ("fct_trade_figures", "trade figures"), ("dim_actors", "actors"))
    count_html = "".join(f'<div class="count" data-table="marts.{t}"><b>{counts.get(t, 0):,}</b>'
                         f"<span>{label}</span></div>" for t, label in labels)
    sections = []
    for chart in charts:
        parts = [f'<section id="{chart.key}" class="chart"><h2>{html.escape(chart.title)}</h2>']
        if chart.drawn_in_page:
            parts.append(_EXPLORER_HTML[chart.key])
        elif chart.figure is not None:
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
<form class="filters" id="filters" onsubmit="return false">
<label>pair <select id="f-pair"></select></label>
<label>actor <select id="f-actor"></select></label>
<label>type <select id="f-type"></select></label>
<label>from <input type="date" id="f-from"></label>
<label>to <input type="date" id="f-to"></label>
<button type="button" id="f-reset">reset</button>
<span class="note">Filters apply to the timeline, the undated list, the map and the figures.</span>
</form>
<div class="counts">{count_html}</div>
<main>
{"".join(sections)}
</main>
<aside id="drill" hidden></aside>
<script type="application/json" id="report-data">{data}</script>
<script type="text/javascript">{explorer.script()}</script>
</body>
</html>
"""


if __name__ == "__main__":  # python -m orchestration.serve.report WAREHOUSE [OUT_DIR]
    import sys

    started = time.perf_counter()
    result = build_report(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    print(f"{result.path} ({result.charts} charts, {time.perf_counter() - started:.2f} s)")
