"""The report's explorable part: the facts as data for the page's script, and country outlines.

The page draws a per-pair timeline, a map and trade-figure panels from this data in the
browser, so filters (country pair, actor, date range, meeting type) redraw them without a
server, and a click on any point shows the sentences and articles behind it. Outlines come
from countryinfo's GeoJSON (installed already), simplified to half a degree: the map needs
no tiles and no topojson from a CDN.
"""
from __future__ import annotations

import json
from functools import lru_cache
from itertools import combinations
from pathlib import Path

OUTLINE_STEP = 0.5  # degrees: enough for a world map, small enough to inline (~100 kB)
# Facts of each kind the page carries: at 100,000 articles, every meeting and figure made a
# 154 MB page that took 16 s to write and that no browser opens. The warehouse holds them all.
EXPLORER_LIMIT = 5000


def _doc(row: tuple) -> dict:
    title, file_name, url, source = row
    return {"title": title, "file": file_name, "url": url, "source": source}


def meetings(q, limit: int) -> list[dict]:
    """The best-attested meetings (most sources, then the latest), at most `limit`, with their
    participants, the country pairs they concern and their evidence."""
    chosen = f"""select meeting_id from marts.fct_meetings
        order by source_count desc, meeting_date desc nulls last, meeting_id limit {int(limit)}"""
    rows = q.rows(f"""
        select meeting_id, cast(meeting_date as varchar), date_precision, status, meeting_type, location,
               location_country_code, latitude, longitude, source_count
        from marts.fct_meetings where meeting_id in ({chosen})
        order by meeting_date nulls last, meeting_id""", "fct_meetings")
    people: dict[str, list[dict]] = {}
    for meeting_id, name, actor_type, country in q.rows(f"""
            select p.meeting_id, a.name, a.actor_type, a.country_code
            from marts.bridge_meeting_participants p join marts.dim_actors a using (actor_id)
            where p.meeting_id in ({chosen})
            order by a.name""", "fct_meetings", "bridge_meeting_participants", "dim_actors"):
        people.setdefault(meeting_id, []).append({"name": name, "type": actor_type, "country": country})
    evidence: dict[str, list[dict]] = {}
    for meeting_id, sentence, *doc in q.rows(f"""
            select b.meeting_id, b.evidence, d.title, d.file_name, d.url, d.source
            from marts.bridge_meeting_documents b join marts.dim_documents d using (document_id)
            where b.meeting_id in ({chosen})
            order by d.file_name""", "fct_meetings", "bridge_meeting_documents", "dim_documents"):
        evidence.setdefault(meeting_id, []).append({"sentence": sentence, **_doc(tuple(doc))})
    out = []
    for mid, day, precision, status, mtype, location, country, lat, lon, sources in rows:
        members = people.get(mid, [])
        codes = sorted({m["country"] for m in members if m["country"]})
        out.append({
            "id": mid, "date": day, "precision": precision, "status": status, "type": mtype or "other",
            "location": location, "country": country, "lat": lat, "lon": lon, "sources": sources,
            "actors": [m["name"] for m in members if m["type"] != "country"],
            "pairs": [f"{a}-{b}" for a, b in combinations(codes, 2)],
            "evidence": evidence.get(mid, []),
        })
    return out


def figures(q, limit: int) -> list[dict]:
    """The trade figures of the latest articles, at most `limit`, with what they are, between
    whom, their sentence and their article; a conversion beside a figure is the same report
    (reporting.rpt_trade_figures leaves it out)."""
    rows = q.rows(f"""
        select * exclude (published_date) from (
            select figure_id, value, unit, raw_text, measure, period, source, figure_kind,
                   measure_category, from_country_code, to_country_code, evidence,
                   document_title, file_name, document_url, document_source, published_date
            from reporting.rpt_trade_figures
            order by published_date desc nulls last, file_name, figure_id limit {int(limit)})
        order by measure_category, unit, period nulls last, value""", "rpt_trade_figures")
    out = []
    for fid, value, unit, raw, measure, period, source, kind, category, a, b, sentence, *doc in rows:
        codes = sorted(c for c in (a, b) if c)
        out.append({
            "id": fid, "value": value, "unit": unit, "raw": raw, "measure": measure, "period": period,
            "credited": source, "kind": kind, "category": category, "from": a, "to": b,
            "pair": "-".join(codes) if len(codes) == 2 else None, "countries": codes,
            "evidence": [{"sentence": sentence, **_doc(tuple(doc))}],
        })
    return out


@lru_cache(maxsize=1)
def country_outlines() -> list[list[list[float]]]:
    """The outer ring of every country's polygons, as [[lon, lat], ...], simplified."""
    import countryinfo

    rings = []
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        geometry_sets = (json.loads(path.read_text(encoding="utf-8")).get("geoJSON") or {}).get("features", [])
        for feature in geometry_sets:
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates") or []
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            for polygon in polygons:
                ring = _simplify(polygon[0]) if polygon else []
                if len(ring) >= 3:
                    rings.append(ring)
    return rings


def _simplify(ring: list) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon / OUTLINE_STEP) * OUTLINE_STEP, round(lat / OUTLINE_STEP) * OUTLINE_STEP]
        if not out or out[-1] != point:
            out.append(point)
    return out


def page_data(q) -> str:
    """The data the page's script reads, as JSON safe inside a <script> element."""
    data = {"meetings": meetings(q, EXPLORER_LIMIT), "figures": figures(q, EXPLORER_LIMIT),
            "outlines": country_outlines()}
    return json.dumps(data, separators=(",", ":"), default=str).replace("</", "<\\/")


def script() -> str:
    """The page's script (filters, timeline, map, figure panels, drill-down)."""
    return Path(__file__).with_name("explorer.js").read_text(encoding="utf-8")
