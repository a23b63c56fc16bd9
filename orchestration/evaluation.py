"""Score a built warehouse against gold annotations (one JSON file per article).

The gold format is the annotation guide's: per article, the meetings,
statements and figures an analyst expects. Matching is lenient about wording
and strict about substance: names must share a word that is not a title,
quotes must share 60% of their words both ways, figures must agree on unit and
on value within 1%. Optional gold items count neither way.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

_TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "gen", "general", "president", "premier", "prime", "minister",
    "foreign", "defense", "defence", "secretary", "chinese", "russian", "leader", "the", "of",
    "and", "state", "councillor", "chairman", "vice", "deputy", "sir", "comrade", "marshal",
    "adm", "admiral", "col", "u", "s",
}
_WORD = re.compile(r"[^\W_]+")
_UNIT_ALIASES = {"%": "percent", "pct": "percent", "per cent": "percent", "$": "usd", "us$": "usd",
                 "dollars": "usd"}


def _words(text: str | None) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def names_agree(a: str | None, b: str | None) -> bool:
    """Two names for one actor share a word that is not a title; bare titles compare whole."""
    wa = {w for w in _words(a) if w not in _TITLE_WORDS and len(w) > 1}
    wb = {w for w in _words(b) if w not in _TITLE_WORDS and len(w) > 1}
    if wa and wb:
        return bool(wa & wb)
    ra, rb = set(_words(a)) - {"the", "of"}, set(_words(b)) - {"the", "of"}
    return bool(ra) and ra == rb


def quotes_agree(gold: str, pred: str | None) -> bool:
    g, p = set(_words(gold)), set(_words(pred))
    if not g or not p:
        return False
    common = len(g & p)
    return common / len(g) >= 0.6 and common / len(p) >= 0.6


def _unit(u: str | None) -> str:
    u = (u or "").strip().lower()
    return _UNIT_ALIASES.get(u, u)


def meeting_match(gold: dict, pred: dict) -> float:
    named, said = gold["participants"], pred["participants"]
    found = sum(any(names_agree(g, p) for p in said) for g in named)
    right = sum(any(names_agree(g, p) for g in named) for p in said)
    if found < min(2, len(named)) or right < 0.5 * len(said):
        return 0.0
    return found / max(len(named), 1)


def statement_match(gold: dict, pred: dict) -> float:
    if pred["kind"] != gold["kind"] or not quotes_agree(gold["quote"], pred["quote"]):
        return 0.0
    return 1.0 if names_agree(gold["speaker"], pred["speaker"]) else 0.0


def figure_match(gold: dict, pred: dict) -> float:
    if _unit(gold["unit"]) != _unit(pred["unit"]) or pred["value"] is None:
        return 0.0
    gv, pv = float(gold["value"]), float(pred["value"])
    return 1.0 if abs(gv - pv) <= 0.01 * max(abs(gv), 1e-9) else 0.0


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[tuple[str, dict]] = field(default_factory=list)
    wrong: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (0.0 if self.fn else 1.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    kinds: dict[str, KindScore]
    dates: list[int] = field(default_factory=lambda: [0, 0])
    places: list[int] = field(default_factory=lambda: [0, 0])
    periods: list[int] = field(default_factory=lambda: [0, 0])

    def share(self, name: str) -> float | None:
        right, total = getattr(self, name)
        return right / total if total else None


def _same_place(gold: str, pred: str | None) -> bool:
    """A place matches if either names the other ("Moscow" ~ "the Kremlin, Moscow")."""
    gw, pw = set(_words(gold)), set(_words(pred))
    return bool(gw and pw) and (gw <= pw or pw <= gw)


def _greedy(golds: list[dict], preds: list[dict], scorer) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    pairs = sorted(((scorer(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)),
                   reverse=True)
    used_g, used_p, matched = set(), set(), []
    for s, gi, pi in pairs:
        if s > 0 and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matched.append((golds[gi], preds[pi]))
    missed = [g for i, g in enumerate(golds) if i not in used_g and not g.get("optional")]
    wrong = [p for i, p in enumerate(preds) if i not in used_p]
    return matched, missed, wrong


def _predictions(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, list[dict]]]:
    preds: dict[str, dict[str, list[dict]]] = {}
    docs = dict(con.execute("select document_id, file_name from marts.dim_documents").fetchall())

    def bucket(doc_id: str) -> dict[str, list[dict]]:
        return preds.setdefault(Path(docs[doc_id]).name, {"meetings": [], "statements": [], "figures": []})

    people: dict[str, list[str]] = {}
    for mid, name in con.execute("select p.meeting_id, a.name from marts.bridge_meeting_participants p "
                                 "join marts.dim_actors a using (actor_id)").fetchall():
        people.setdefault(mid, []).append(name)
    for mid, doc_id, mdate, location in con.execute(
            "select m.meeting_id, b.document_id, cast(m.meeting_date as varchar), m.location "
            "from marts.fct_meetings m join marts.bridge_meeting_documents b using (meeting_id)").fetchall():
        if doc_id in docs:
            bucket(doc_id)["meetings"].append({"participants": people.get(mid, []), "date": mdate,
                                               "location": location})
    for doc_id, speaker, kind, quote in con.execute(
            "select document_id, speaker_name, statement_kind, quote_text from marts.fct_statements").fetchall():
        if doc_id in docs:
            bucket(doc_id)["statements"].append({"speaker": speaker, "kind": kind, "quote": quote})
    for doc_id, value, unit, raw, period in con.execute(
            "select document_id, value, unit, raw_text, period from marts.fct_trade_figures").fetchall():
        if doc_id in docs:
            bucket(doc_id)["figures"].append({"value": value, "unit": unit, "text": raw, "period": period})
    return preds


def evaluate(warehouse: Path, gold_dir: Path) -> Report:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        preds = _predictions(con)
    finally:
        con.close()
    report = Report(kinds={k: KindScore() for k in ("meetings", "direct", "indirect", "figures")})
    golds_by_file = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(gold_dir.glob("*.json"))]
    # A merged meeting has one date and place: any article's gold for the same event counts.
    event_dates: dict[str, list] = {}
    event_places: dict[str, list] = {}
    for gold in golds_by_file:
        for m in gold["meetings"]:
            if m.get("event"):
                event_dates.setdefault(m["event"], []).append(m.get("date"))
                event_places.setdefault(m["event"], []).append(m.get("location"))
    for gold in golds_by_file:
        doc = gold["doc"]
        pred = preds.get(doc, {"meetings": [], "statements": [], "figures": []})
        for kind, key, scorer in (("meetings", "meetings", meeting_match),
                                  ("direct", "statements", statement_match),
                                  ("indirect", "statements", statement_match),
                                  ("figures", "figures", figure_match)):
            golds = [g for g in gold[key] if key != "statements" or g["kind"] == kind]
            ps = [p for p in pred[key] if key != "statements" or p["kind"] == kind]
            matched, missed, wrong = _greedy(golds, ps, scorer)
            score = report.kinds[kind]
            score.tp += sum(1 for g, _ in matched if not g.get("optional"))
            score.fp += len(wrong)
            score.fn += len(missed)
            score.missed += [(doc, g) for g in missed]
            score.wrong += [(doc, p) for p in wrong]
            for g, p in matched:
                if g.get("optional"):
                    continue
                if kind == "meetings" and g.get("date"):
                    report.dates[1] += 1
                    report.dates[0] += any(bool(p["date"]) and p["date"][: len(d)] == d
                                           for d in event_dates.get(g.get("event"), [g["date"]]) if d)
                if kind == "meetings" and g.get("location"):
                    report.places[1] += 1
                    report.places[0] += any(_same_place(loc, p["location"])
                                            for loc in event_places.get(g.get("event"), [g["location"]]) if loc)
                if kind == "figures" and g.get("period"):
                    report.periods[1] += 1
                    report.periods[0] += str(p.get("period") or "").startswith(str(g["period"]))
    return report


def format_report(report: Report, verbose: bool = False) -> str:
    lines = []
    if verbose:
        for kind, score in report.kinds.items():
            for doc, g in score.missed:
                lines.append(f"missed {kind:9s} {doc}: {json.dumps(g, ensure_ascii=False)[:150]}")
            for doc, p in score.wrong:
                lines.append(f"wrong  {kind:9s} {doc}: {json.dumps(p, ensure_ascii=False)[:150]}")
    lines.append(f"{'':10s} {'tp':>5s} {'fp':>5s} {'fn':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for kind, s in report.kinds.items():
        lines.append(f"{kind:10s} {s.tp:5d} {s.fp:5d} {s.fn:5d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")

    def pct(name: str) -> str:
        v = report.share(name)
        return "n/a" if v is None else f"{v:.2f}"
    lines.append(f"meetings F1 {report.kinds['meetings'].f1:.3f} statements F1 {report.kinds['direct'].f1:.3f} "
                 f"indirect F1 {report.kinds['indirect'].f1:.3f} figures F1 {report.kinds['figures'].f1:.3f} "
                 f"dates {pct('dates')} places {pct('places')} periods {pct('periods')}")
    return "\n".join(lines)
