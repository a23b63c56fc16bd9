"""Build a synthetic corpus of N news articles from the shared corpora, for throughput runs.

    uv run python bench/make_corpus.py --shared /work/shared --n 10000 --out /tmp/syn/raw [--seed 7]

Sentences and paragraphs of the shared articles (<shared>/corpus/{seeds,dev,wild}/raw,
*.txt and the "text" of *.jsonl lines) are recombined into new articles:

* each article takes the lead of one source article and a shuffled sample of
  paragraphs from one to three others;
* person names found after a title or role ("President Vladimir Putin", "Foreign
  Minister Wang Yi", "aide Yuriy Ushakov") are swapped, token by token and
  consistently within an article, for names from a pool generated from random
  syllables (most of the time; some real names are kept, as in real news);
* each article gets a new publication date; years in the text move by the same
  number of years, day numbers next to a month name move by a few days, and other
  numbers are scaled by a factor between 0.5 and 2 (keeping their format);
* most articles start with the " date YYYY-MM-DD" marker the corpora use.

Articles are written as .txt files; a share of them (--jsonl-share) goes into
.jsonl files of many lines each, and optionally (--html-share) into simple HTML
pages. The same --seed gives the same corpus. 10,000 articles take a few seconds.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SETS = ("seeds", "dev", "wild")

_MARKER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*")
_PARA_SPLIT = re.compile(r"\n\s*\n")
_CAP = r"[A-ZÀ-ÖØ-Þ][^\W\d_]+"
# A role or title, then one to three capitalised tokens: where person names are read.
_ANCHOR = re.compile(
    r"\b(?:President|Minister|Premier|Chancellor|Secretary|Councill?or|Ambassador|Senator|Governor|"
    r"[Ss]pokes(?:person|man|woman)|Chairman|Chairwoman|[Ll]eader|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|King|Queen|"
    r"Prince|Princess|[Aa]ide|[Ee]nvoy|General|Director|Chief|Emir|Sultan|Sheikh|Representative|"
    r"[Cc]ounterpart|[Aa]dvis[eo]r|Commissioner|Mayor|Speaker|Gen\.|Adm\.|[Dd]iplomat|[Dd]ictator|"
    r"[Hh]ead|[Oo]fficial|[Mm]onarch)\s+"
    rf"({_CAP}(?:\s+{_CAP}){{0,2}})")
_STOP = set("""
President Minister Premier Chancellor Secretary Councillor Councilor Ambassador Senator Governor
Spokesperson Spokesman Spokeswoman Chairman Chairwoman Leader Mr Mrs Ms Dr King Queen Prince Princess
Aide Envoy General Director Chief Emir Sultan Sheikh Representative Counterpart Adviser Advisor
Commissioner Mayor Speaker Gen Adm Vice Deputy Prime Foreign Defense Defence Trade Finance State
Security National Interior Affairs Commerce Economy Energy Justice Foreign Acting Former First Supreme
Crown Grand Lieutenant Colonel Major Admiral Marshal Minister Ministry Office Council Committee
The A An Of And In On At For To By With From This That These Those It He She They We His Her Their
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
United States Nations Kingdom Union European Republic People House White Kremlin Party Communist
Chinese Russian American Indian French German British Japanese Korean Ukrainian Iranian Turkish
China Russia America India France Germany Britain Japan Korea Ukraine Iran Turkey Beijing Moscow
Washington Delhi Paris Berlin London Tokyo Seoul Kyiv Kiev Tehran Ankara Summit Forum Belt Road
Initiative Reuters AP AFP Xinhua TASS Sputnik News Agency Daily Times Post Global Press
Also Read More However But After Before During While When Where Why How What Who Meanwhile
Motors Saudi Arabia Staffs Jr Sr San Viet Nam Secretaryof Group Bank Fund Corporation Company
""".split())
_MONTHS = ("January February March April May June July August September October November December").split()
_MONTH_ALT = (r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
              r"Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?")
# One pass over the text for dates and numbers, so that nothing is changed twice.
_NUMERIC = re.compile(
    rf"(?P<md>\b(?:{_MONTH_ALT})\s)(?P<mday>\d{{1,2}})\b(?![,.]?\d)"
    rf"|\b(?P<dday>\d{{1,2}})(?P<dm>\s(?:{_MONTH_ALT})\b)"
    r"|\b(?P<year>19[5-9]\d|20[0-4]\d)\b(?![.,]?\d)"
    r"|(?<![\w.,\-/])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?![\w]|[.,]\d)")
_WORD = re.compile(_CAP)

_ONSETS = ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "ch",
           "br", "dr", "gr", "kr", "st", "tr", "zh", "y", "j", ""]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ia", "ei", "ou", "y"]
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "k"]
_SUFFIXES = ["", "", "", "ov", "ova", "enko", "son", "ez", "ini", "ski", "ari", "ung", "ato", "ashvili",
             "berg", "ic", "ema", "ani"]


@dataclass
class Source:
    title: str
    paras: list[str]
    year: int  # the source's own publication year, or its most common year


def _syllables(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(n))


def name_pools(rng: random.Random, size: int = 3000) -> tuple[list[str], list[str]]:
    """Generated first names and surnames: random syllables, never copied from the corpus."""
    firsts: set[str] = set()
    lasts: set[str] = set()
    while len(firsts) < size:
        s = _syllables(rng, rng.choice((1, 2, 2, 3)))
        if 3 <= len(s) <= 10:
            firsts.add(s.capitalize())
    while len(lasts) < size:
        s = _syllables(rng, rng.choice((1, 2, 2, 3))) + rng.choice(_SUFFIXES)
        if 3 <= len(s) <= 13:
            lasts.add(s.capitalize())
    return sorted(firsts), sorted(lasts)


def _texts(shared: Path) -> list[tuple[str, str]]:
    """(name, text) of every shared article."""
    out = []
    for s in SETS:
        raw = shared / "corpus" / s / "raw"
        for p in sorted(raw.glob("*.txt")):
            out.append((p.name, p.read_text(encoding="utf-8", errors="replace")))
        for p in sorted(raw.glob("*.jsonl")):
            for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(rec, dict) and isinstance(rec.get("text"), str):
                    out.append((f"{p.name}#{n}", rec["text"]))
    return out


def load_sources(shared: Path) -> tuple[list[Source], dict[str, str]]:
    """The articles split into title and paragraphs, and the person-name tokens found in them.

    The second value maps each name token to ("first" or "last", person group): its place in
    the name, and the tokens that form one name together share a group (so that one person
    is kept or renamed as a whole).
    """
    sources: list[Source] = []
    lowercase_vocab: set[str] = set()
    token_place: dict[str, str] = {}
    parent: dict[str, str] = {}

    def root(t: str) -> str:
        while parent.setdefault(t, t) != t:
            t = parent[t]
        return t

    for _, text in _texts(shared):
        text = text.replace("\r\n", "\n")
        m = _MARKER.match(text)
        year = None
        if m:
            year = int(m[1])
            text = text[m.end():]
        blocks = [b.strip() for b in _PARA_SPLIT.split(text) if b.strip()]
        if len(blocks) <= 2:  # paragraphs one per line
            blocks = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if len(blocks) < 2:
            continue
        title, paras = blocks[0], blocks[1:]
        if len(title.split()) > 25:  # no headline line: the first paragraph is text
            title, paras = " ".join(title.split()[:12]), blocks
        if year is None:
            years = Counter(int(y) for y in re.findall(r"\b(20[0-3]\d|19[89]\d)\b", text))
            year = years.most_common(1)[0][0] if years else 2022
        sources.append(Source(title, paras, year))
        lowercase_vocab.update(re.findall(r"\b[a-z][a-z]+\b", text))
        for a in _ANCHOR.finditer(text):
            tokens = a[1].split()
            while tokens and tokens[0] in _STOP:
                tokens.pop(0)
            kept = []
            for t in tokens:
                if t in _STOP:
                    break
                kept.append(t)
            kept = [t for t in kept if len(t) >= 2 and not t.isupper()]
            for i, t in enumerate(kept):
                token_place.setdefault(t, "last" if i == len(kept) - 1 else "first")
                parent[root(t)] = root(kept[0])
    # a token seen in lowercase anywhere is an ordinary word, not a name
    return sources, {t: (p, root(t)) for t, p in token_place.items() if t.lower() not in lowercase_vocab}


class Rewriter:
    """Names, dates and numbers of one new article."""

    def __init__(self, rng: random.Random, token_place: dict[str, tuple[str, str]], firsts: list[str],
                 lasts: list[str], swap_rate: float) -> None:
        self.rng, self.token_place = rng, token_place
        self.firsts, self.lasts, self.swap_rate = firsts, lasts, swap_rate
        self.names: dict[str, str] = {}
        self.swapped: dict[str, bool] = {}  # person group -> renamed in this article
        self.factor = 1.0
        self.year_delta = 0
        self.day_delta = 0

    def _name(self, m: re.Match) -> str:
        w = m[0]
        found = self.token_place.get(w)
        if found is None:
            return w
        new = self.names.get(w)
        if new is None:
            place, group = found
            swap = self.swapped.get(group)
            if swap is None:
                swap = self.swapped[group] = self.rng.random() < self.swap_rate
            if not swap:
                new = w
            else:
                new = self.rng.choice(self.lasts if place == "last" else self.firsts)
            self.names[w] = new
        return new

    def _numeric(self, m: re.Match) -> str:
        if m["mday"]:
            return m["md"] + str(self._day(int(m["mday"])))
        if m["dday"]:
            return str(self._day(int(m["dday"]))) + m["dm"]
        if m["year"]:
            return str(int(m["year"]) + self.year_delta)
        num, dec = m["num"], m["dec"]
        value = float(num.replace(",", "") + (dec or "")) * self.factor
        if dec:
            return f"{value:.{len(dec) - 1}f}"
        if "," in num or value >= 10000 and len(num) > 4:
            return f"{round(value):,}"
        return str(max(1, round(value))) if num != "0" else num

    def _day(self, d: int) -> int:
        if not 1 <= d <= 31:
            return d
        return (d - 1 + self.day_delta) % 28 + 1

    def rewrite(self, text: str) -> str:
        text = _WORD.sub(self._name, text)
        return _NUMERIC.sub(self._numeric, text)


def make_article(rng: random.Random, sources: list[Source], rw: Rewriter,
                 marker_share: float) -> tuple[str, str, date | None]:
    """(title, full text as written in a .txt file, published date or None)."""
    k = rng.choice((1, 2, 2, 3, 3, 4))
    picked = rng.sample(sources, min(k, len(sources)))
    primary = picked[0]
    published = date(rng.randint(2012, 2026), 1, 1) + timedelta(days=rng.randint(0, 364))
    rw.names, rw.swapped = {}, {}
    rw.factor = round(rng.uniform(0.5, 2.0), 3)
    rw.day_delta = rng.randint(-9, 9)

    lead_n = min(len(primary.paras), rng.choice((1, 1, 2)))
    chosen: list[tuple[Source, str]] = [(primary, p) for p in primary.paras[:lead_n]]
    pool = [(primary, p) for p in primary.paras[lead_n:]]
    for s in picked[1:]:
        pool.extend((s, p) for p in s.paras)
    want = rng.randint(3, 14)
    chosen += rng.sample(pool, min(want, len(pool)))
    if len(chosen) > lead_n:
        tail = chosen[lead_n:]
        rng.shuffle(tail)
        chosen[lead_n:] = tail

    rw.year_delta = published.year - primary.year
    title = rw.rewrite(primary.title)
    paras = []
    for src, para in chosen:
        rw.year_delta = published.year - src.year
        paras.append(rw.rewrite(para))
    has_marker = rng.random() < marker_share
    head = f" date {published.isoformat()} {title}" if has_marker else title
    text = head + "\n\n" + "\n\n".join(paras) + "\n"
    return title, text, (published if has_marker else None)


def _html(title: str, text: str, published: date | None) -> str:
    body = text.split("\n\n", 1)[1] if "\n\n" in text else text
    paras = "\n".join(f"<p>{p.replace('&', '&amp;').replace('<', '&lt;')}</p>"
                      for p in body.split("\n\n") if p.strip())
    meta = (f'<meta property="article:published_time" content="{published.isoformat()}">'
            if published else "")
    t = title.replace("&", "&amp;").replace("<", "&lt;")
    return (f"<!doctype html><html><head><title>{t}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{t}</h1>{paras}</article>"
            f"<footer>© Synthetic News. All rights reserved.</footer></body></html>\n")


def build_corpus(shared: Path, n: int, out: Path, seed: int = 7, jsonl_share: float = 0.05,
                 jsonl_lines: int = 100, html_share: float = 0.0, marker_share: float = 0.85,
                 swap_rate: float = 0.8) -> dict[str, int]:
    """Write n articles into out; returns counts of files and articles by kind."""
    rng = random.Random(seed)
    sources, token_place = load_sources(shared)
    if not sources:
        raise SystemExit(f"no articles found under {shared}/corpus/{{{','.join(SETS)}}}/raw")
    firsts, lasts = name_pools(random.Random(seed + 1))
    rw = Rewriter(rng, token_place, firsts, lasts, swap_rate)
    out.mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(n)))
    counts = {"txt": 0, "html": 0, "jsonl_files": 0, "jsonl_records": 0}
    jsonl_buf: list[str] = []

    def flush() -> None:
        if jsonl_buf:
            (out / f"feed_{counts['jsonl_files']:04d}.jsonl").write_text("\n".join(jsonl_buf) + "\n",
                                                                        encoding="utf-8")
            counts["jsonl_files"] += 1
            jsonl_buf.clear()

    for i in range(n):
        title, text, published = make_article(rng, sources, rw, marker_share)
        r = rng.random()
        if r < jsonl_share:
            rec = {"url": f"https://news.example.invalid/syn/{seed}/{i}", "title": title, "text": text}
            if published:
                rec["published_date"] = published.isoformat()
            jsonl_buf.append(json.dumps(rec, ensure_ascii=False))
            counts["jsonl_records"] += 1
            if len(jsonl_buf) >= jsonl_lines:
                flush()
        elif r < jsonl_share + html_share:
            (out / f"syn_{i:0{width}d}.html").write_text(_html(title, text, published), encoding="utf-8")
            counts["html"] += 1
        else:
            (out / f"syn_{i:0{width}d}.txt").write_text(text, encoding="utf-8")
            counts["txt"] += 1
    flush()
    counts["sources"] = len(sources)
    counts["name_tokens"] = len(token_place)
    return counts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", required=True, type=Path, help="the shared folder (holds corpus/)")
    ap.add_argument("--n", required=True, type=int, help="number of articles")
    ap.add_argument("--out", required=True, type=Path, help="folder to write (created)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jsonl-share", type=float, default=0.05, help="share of articles in .jsonl files")
    ap.add_argument("--jsonl-lines", type=int, default=100, help="articles per .jsonl file")
    ap.add_argument("--html-share", type=float, default=0.0, help="share of articles as .html pages")
    ap.add_argument("--marker-share", type=float, default=0.85,
                    help="share of articles with the leading ' date YYYY-MM-DD' marker")
    ap.add_argument("--swap-rate", type=float, default=0.8, help="chance a person-name token is replaced")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    counts = build_corpus(args.shared, args.n, args.out, args.seed, args.jsonl_share, args.jsonl_lines,
                          args.html_share, args.marker_share, args.swap_rate)
    dt = time.perf_counter() - t0
    print(f"wrote {args.n} articles to {args.out} in {dt:.2f} s: {counts['txt']} .txt, "
          f"{counts['html']} .html, {counts['jsonl_records']} records in {counts['jsonl_files']} .jsonl "
          f"(from {counts['sources']} source articles, {counts['name_tokens']} name tokens)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
