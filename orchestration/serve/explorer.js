// The report's explorable part: filters, per-pair timeline, map, figure panels, drill-down.
// Reads the JSON in <script id="report-data">; draws with the inlined plotly.js; needs no network.
// The filters live in the URL's fragment (#pair=CHN-RUS&type=talks&drill=m:ID), so a view can be
// bookmarked, shared and opened as it was.
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("report-data").textContent);
  const TYPE_COLORS = {talks: "#1f77b4", visit: "#ff7f0e", summit: "#2ca02c", call: "#9467bd", other: "#7f7f7f"};
  const KIND_SYMBOLS = {reported: "circle", target: "star", forecast: "diamond-open", estimate: "square-open"};
  const CONFIG = {displaylogo: false, responsive: true};
  const YEAR_GAP_DAYS = 2 * 365;  // a lone early meeting this far before the rest is left off the axis
  const $ = (id) => document.getElementById(id);
  const esc = (t) => String(t == null ? "" : t).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  const byId = {};
  DATA.meetings.forEach((m) => { byId["m:" + m.id] = m; });
  DATA.figures.forEach((f) => { byId["f:" + f.id] = f; });

  // ---- filters -----------------------------------------------------------------------------
  function fillSelect(id, values, label) {
    const el = $(id);
    el.innerHTML = `<option value="">${esc(label)}</option>` +
      values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join("");
  }
  const uniq = (xs) => Array.from(new Set(xs)).sort();
  fillSelect("f-pair", uniq(DATA.meetings.flatMap((m) => m.pairs).concat(DATA.figures.map((f) => f.pair).filter(Boolean))), "all pairs");
  fillSelect("f-actor", uniq(DATA.meetings.flatMap((m) => m.actors)), "all actors");
  fillSelect("f-type", uniq(DATA.meetings.map((m) => m.type)), "all types");

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    for (const key of ["pair", "actor", "type", "from", "to"]) {
      const el = $("f-" + key);
      if (params.has(key)) el.value = params.get(key);
    }
    return params.get("drill");
  }
  function state() {
    return {pair: $("f-pair").value, actor: $("f-actor").value, type: $("f-type").value,
            from: $("f-from").value, to: $("f-to").value};
  }
  function writeHash(drill) {
    const params = new URLSearchParams();
    Object.entries(state()).forEach(([k, v]) => { if (v) params.set(k, v); });
    if (drill) params.set("drill", drill);
    history.replaceState(null, "", "#" + params.toString());
  }

  // A meeting's span: its day, or the whole month or year it is dated to.
  function span(m) {
    if (!m.date) return null;
    const start = new Date(m.date + "T00:00:00Z");
    const end = new Date(start);
    if (m.precision === "year") end.setUTCFullYear(end.getUTCFullYear() + 1);
    else if (m.precision === "month") end.setUTCMonth(end.getUTCMonth() + 1);
    else end.setUTCDate(end.getUTCDate() + 1);
    return [start, end];
  }
  function inRange(start, end, s) {
    if (s.from && end <= new Date(s.from + "T00:00:00Z")) return false;
    if (s.to && start > new Date(s.to + "T00:00:00Z")) return false;
    return true;
  }
  function meetingsShown(s) {
    return DATA.meetings.filter((m) => {
      if (s.pair && !m.pairs.includes(s.pair)) return false;
      if (s.actor && !m.actors.includes(s.actor)) return false;
      if (s.type && m.type !== s.type) return false;
      const sp = span(m);
      if ((s.from || s.to) && (!sp || !inRange(sp[0], sp[1], s))) return false;
      return true;
    });
  }
  function figuresShown(s) {
    return DATA.figures.filter((f) => {
      if (s.pair && f.pair !== s.pair) return false;
      const year = f.period ? parseInt(f.period.slice(0, 4), 10) : null;
      if ((s.from || s.to) && year === null) return false;
      if (s.from && year < parseInt(s.from.slice(0, 4), 10)) return false;
      if (s.to && year > parseInt(s.to.slice(0, 4), 10)) return false;
      return true;
    });
  }

  // ---- the per-pair timeline -----------------------------------------------------------------
  function drawTimeline(shown, s) {
    if (!$("chart-timeline")) return;  // an empty warehouse: the section says so instead
    const rows = [];
    shown.forEach((m) => {
      const sp = span(m);
      if (!sp) return;
      (s.pair ? [s.pair] : (m.pairs.length ? m.pairs : ["(no country pair)"])).forEach((pair) => rows.push({m, pair, sp}));
    });
    $("shown-timeline").textContent = String(new Set(rows.map((r) => r.m.id)).size);
    if (!rows.length) {
      Plotly.purge("chart-timeline");
      $("chart-timeline").innerHTML = '<p class="empty">No dated meetings match the filters.</p>';
      $("timeline-note").textContent = "";
      return;
    }
    $("chart-timeline").innerHTML = "";
    const traces = [];
    for (const type of Object.keys(TYPE_COLORS)) {
      const day = rows.filter((r) => r.m.type === type && r.m.precision === "day");
      if (day.length) traces.push({
        type: "scatter", mode: "markers", name: type, legendgroup: type,
        x: day.map((r) => r.m.date), y: day.map((r) => r.pair), customdata: day.map((r) => "m:" + r.m.id),
        marker: {size: 13, color: TYPE_COLORS[type], symbol: day.map((r) => r.m.status === "planned" ? "circle-open" : "circle"),
                 line: {width: 2, color: TYPE_COLORS[type]}},
        hovertext: day.map((r) => `${r.m.date}: ${r.m.type} (${r.m.status})${r.m.location ? " in " + r.m.location : ""}<br>${r.m.actors.join(", ")}`),
        hovertemplate: "%{hovertext}<extra>click for the sentences</extra>",
      });
      const loose = rows.filter((r) => r.m.type === type && r.m.precision !== "day");
      if (loose.length) {  // a month or a year, not a day: a band over the whole of it
        traces.push({
          type: "scatter", mode: "lines", name: type + " (month or year only)", legendgroup: type,
          x: loose.flatMap((r) => [r.sp[0].toISOString().slice(0, 10), r.sp[1].toISOString().slice(0, 10), null]),
          y: loose.flatMap((r) => [r.pair, r.pair, null]), hoverinfo: "skip",
          line: {width: 10, color: TYPE_COLORS[type]}, opacity: 0.35,
        });
        traces.push({
          type: "scatter", mode: "markers", showlegend: false, legendgroup: type,
          x: loose.map((r) => new Date((r.sp[0].getTime() + r.sp[1].getTime()) / 2).toISOString().slice(0, 10)),
          y: loose.map((r) => r.pair), customdata: loose.map((r) => "m:" + r.m.id),
          marker: {size: 9, color: "white", line: {width: 2, color: TYPE_COLORS[type]}},
          hovertext: loose.map((r) => `${r.m.precision === "year" ? r.m.date.slice(0, 4) : r.m.date.slice(0, 7)} (${r.m.precision} only): ${r.m.type} (${r.m.status})<br>${r.m.actors.join(", ")}`),
          hovertemplate: "%{hovertext}<extra>click for the sentences</extra>",
        });
      }
    }
    // The axis covers the bulk of the meetings: a lone item years before the rest is noted, not drawn.
    const starts = rows.map((r) => r.sp[0].getTime()).sort((a, b) => a - b);
    const ends = rows.map((r) => r.sp[1].getTime());
    let lo = starts[0];
    const left = [];
    for (let i = 0; i + 1 < starts.length && (starts[i + 1] - starts[i]) / 864e5 > YEAR_GAP_DAYS && i < starts.length / 5; i++) {
      left.push(new Date(starts[i]).getUTCFullYear());
      lo = starts[i + 1];
    }
    const hi = Math.max(...ends);
    const pad = Math.max((hi - lo) * 0.03, 15 * 864e5);
    const pairs = uniq(rows.map((r) => r.pair));
    Plotly.react("chart-timeline", traces, {
      height: Math.max(260, 120 + 48 * pairs.length), template: "plotly_white",
      margin: {l: 110, r: 20, t: 20, b: 40}, hovermode: "closest",
      xaxis: {type: "date", range: [new Date(lo - pad).toISOString(), new Date(hi + pad).toISOString()]},
      yaxis: {type: "category", categoryorder: "category descending"},
      legend: {orientation: "h", y: -0.2},
    }, CONFIG);
    $("timeline-note").textContent = left.length
      ? `${left.length} meeting(s) from ${left.join(", ")} lie(s) far before the rest and is off the axis: zoom out or pick its dates.`
      : "";
    $("chart-timeline").on("plotly_click", (ev) => drill(ev.points[0].customdata));
  }

  // ---- undated and year-only meetings, listed ----------------------------------------------------
  function drawUndated(shown) {
    if (!$("undated-list")) return;  // an empty warehouse: the section says so instead
    const loose = shown.filter((m) => !m.date || m.precision === "year");
    $("shown-undated").textContent = String(loose.length);
    $("undated-list").innerHTML = loose.length ? loose.map((m) => `<tr data-drill="m:${esc(m.id)}">
        <td>${m.date ? esc(m.date.slice(0, 4)) + " (year only)" : "undated"}</td><td>${esc(m.type)}</td><td>${esc(m.status)}</td>
        <td>${esc(m.actors.join(", "))}</td><td>${esc(m.location || "")}</td><td>${m.sources}</td></tr>`).join("")
      : '<tr><td colspan="6">None match the filters.</td></tr>';
  }

  // ---- the map ------------------------------------------------------------------------------------
  function drawMap(shown) {
    if (!$("chart-map")) return;  // an empty warehouse: the section says so instead
    const places = {};
    shown.filter((m) => m.lat != null && m.lon != null).forEach((m) => {
      const key = m.location + "|" + m.lat + "|" + m.lon;
      (places[key] = places[key] || {name: m.location, lat: m.lat, lon: m.lon, ids: []}).ids.push(m.id);
    });
    const list = Object.values(places);
    $("shown-map").textContent = String(list.reduce((n, p) => n + p.ids.length, 0));
    const outline = {x: [], y: []};
    DATA.outlines.forEach((ring) => { ring.forEach((p) => { outline.x.push(p[0]); outline.y.push(p[1]); }); outline.x.push(null); outline.y.push(null); });
    const top = Math.max(1, ...list.map((p) => p.ids.length));
    const traces = [
      {type: "scatter", mode: "lines", x: outline.x, y: outline.y,
       line: {color: "#b8c2cc", width: 0.7}, hoverinfo: "skip", showlegend: false},
      {type: "scatter", mode: "markers+text", x: list.map((p) => p.lon), y: list.map((p) => p.lat),
       text: list.map((p) => p.name), textposition: "top center", customdata: list.map((p) => "place:" + p.ids.join(",")),
       marker: {size: list.map((p) => 10 + 22 * Math.sqrt(p.ids.length / top)), color: "#d62728", opacity: 0.8,
                line: {width: 1, color: "white"}},
       hovertext: list.map((p) => `${p.name}: ${p.ids.length} meeting(s)`),
       hovertemplate: "%{hovertext}<extra>click for the sentences</extra>", showlegend: false},
    ];
    const lons = list.map((p) => p.lon), lats = list.map((p) => p.lat);
    const box = list.length ? [Math.min(...lons) - 25, Math.max(...lons) + 25, Math.min(...lats) - 15, Math.max(...lats) + 15]
                            : [-180, 180, -60, 85];
    Plotly.react("chart-map", traces, {
      height: 460, template: "plotly_white", margin: {l: 10, r: 10, t: 10, b: 10}, hovermode: "closest",
      xaxis: {visible: false, range: [Math.max(-180, box[0]), Math.min(180, box[1])]},
      yaxis: {visible: false, range: [Math.max(-90, box[2]), Math.min(90, box[3])], scaleanchor: "x"},
    }, CONFIG);
    $("chart-map").on("plotly_click", (ev) => drill(ev.points[0].customdata));
  }

  // ---- trade figures: a panel per measure category and unit ---------------------------------------
  function drawFigures(s) {
    if (!$("figure-panels")) return;  // an empty warehouse: the section says so instead
    const shown = figuresShown(s);
    $("shown-figures").textContent = String(shown.length);
    const groups = {};
    shown.forEach((f) => { (groups[f.category + " · " + f.unit] = groups[f.category + " · " + f.unit] || []).push(f); });
    const names = Object.keys(groups).sort((a, b) => groups[b].length - groups[a].length || a.localeCompare(b));
    const holder = $("figure-panels");
    Array.from(holder.querySelectorAll(".js-plotly-plot")).forEach((el) => Plotly.purge(el));
    holder.innerHTML = names.length ? "" : '<p class="empty">No trade figures match the filters.</p>';
    names.forEach((name, i) => {
      const items = groups[name];
      const div = document.createElement("div");
      div.id = "chart-figures-" + i;
      div.className = "panel";
      holder.appendChild(div);
      const top = Math.max(...items.map((f) => Math.abs(f.value)));
      const [factor, word] = top >= 1e12 ? [1e12, "trillion"] : top >= 1e9 ? [1e9, "billion"] : top >= 1e6 ? [1e6, "million"] : [1, ""];
      const periods = uniq(items.map((f) => f.period || "no period"));
      const traces = Object.keys(KIND_SYMBOLS).map((kind) => {
        const xs = items.filter((f) => f.kind === kind);
        return {type: "scatter", mode: "markers", name: kind, x: xs.map((f) => f.period || "no period"),
                y: xs.map((f) => f.value / factor), customdata: xs.map((f) => "f:" + f.id),
                marker: {size: 12, symbol: KIND_SYMBOLS[kind], opacity: 0.8, line: {width: 1.5}},
                hovertext: xs.map((f) => `<b>${esc(f.raw)}</b> ${esc(f.kind)}: ${esc(f.measure || "")}<br>${esc(f.countries.join("→"))} · ${esc(f.period || "no period")} · ${esc(f.credited || "not credited")}`),
                hovertemplate: "%{hovertext}<extra>click for the sentence</extra>"};
      }).filter((t) => t.x.length);
      Plotly.react(div, traces, {
        title: {text: `${esc(name)} (${items.length})`, font: {size: 14}}, height: 280, template: "plotly_white",
        margin: {l: 60, r: 20, t: 40, b: 40}, hovermode: "closest",
        xaxis: {type: "category", categoryorder: "array", categoryarray: periods},
        yaxis: {title: word ? `${items[0].unit} (${word})` : items[0].unit},
      }, CONFIG);
      div.on("plotly_click", (ev) => drill(ev.points[0].customdata));
    });
  }

  // ---- drill-down: the sentences and articles behind a point ---------------------------------------
  function drill(key) {
    const panel = $("drill");
    if (!key) { panel.hidden = true; writeHash(null); return; }
    let items = [];
    if (key.startsWith("place:")) items = key.slice(6).split(",").map((id) => byId["m:" + id]).filter(Boolean);
    else if (byId[key]) items = [byId[key]];
    if (!items.length) { panel.hidden = true; return; }
    panel.innerHTML = '<button type="button" id="drill-close" aria-label="close">×</button>' + items.map((x) => {
      const what = x.raw !== undefined
        ? `<h3>${esc(x.raw)} <small>${esc(x.kind)} · ${esc(x.category)} · ${esc(x.countries.join("→"))} · ${esc(x.period || "no period")}</small></h3>`
        : `<h3>${esc(x.type)} (${esc(x.status)}) <small>${esc(x.date ? (x.precision === "day" ? x.date : x.date.slice(0, x.precision === "month" ? 7 : 4) + ", " + x.precision + " only") : "undated")}${x.location ? " · " + esc(x.location) : ""} · ${esc(x.actors.join(", "))}</small></h3>`;
      return what + x.evidence.map((e) => `<blockquote class="evidence">${esc(e.sentence)}</blockquote>
        <p class="article">${esc(e.title || e.file)}${e.source ? " · " + esc(e.source) : ""} · <code>${esc(e.file)}</code>${e.url ? ` · <a href="${esc(e.url)}">${esc(e.url)}</a>` : ""}</p>`).join("");
    }).join("<hr>");
    panel.hidden = false;
    $("drill-close").onclick = () => drill(null);
    writeHash(key);
  }

  function redraw() {
    const s = state();
    const shown = meetingsShown(s);
    drawTimeline(shown, s);
    drawUndated(shown);
    drawMap(shown);
    drawFigures(s);
    writeHash($("drill").hidden ? null : new URLSearchParams(location.hash.slice(1)).get("drill"));
  }

  const initialDrill = readHash();
  ["f-pair", "f-actor", "f-type", "f-from", "f-to"].forEach((id) => $(id).addEventListener("change", redraw));
  $("f-reset").addEventListener("click", () => { ["f-pair", "f-actor", "f-type", "f-from", "f-to"].forEach((id) => { $(id).value = ""; }); redraw(); });
  if ($("undated-list")) $("undated-list").addEventListener("click", (ev) => { const tr = ev.target.closest("tr[data-drill]"); if (tr) drill(tr.dataset.drill); });
  redraw();
  if (initialDrill) drill(initialDrill);
  document.body.dataset.ready = "1";
})();
