"""Article text as analysts would read it: mojibake fixed, page furniture set aside.

Raw articles arrive with newsletter prompts, photo captions, related-link lists,
reader comments and vote counters around the story. None of that may become a
fact, so it is separated here, once, and every extractor sees only the body.
The metadata an article states about itself (published date, dateline,
agency, headline) is read here too; a date is never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import ftfy

from orchestration.extract import reference
from orchestration.extract.dates import WEEKDAYS
from orchestration.extract.metadata import front_matter_fields, front_matter_names

# News agencies of the world, as they sign datelines and credits.
AGENCIES = (
    "AP", "Associated Press", "Reuters", "AFP", "Agence France-Presse", "Xinhua", "TASS",
    "RIA Novosti", "RIA", "Interfax", "Sputnik", "Bloomberg", "Kyodo", "Yonhap", "ANI",
    "PTI", "IANS", "dpa", "DPA", "EFE", "ANSA", "Anadolu", "Bernama", "UPI", "CNA",
    "Antara", "KCNA", "IRNA", "WAFA", "APA", "Trend", "BelTA", "Kazinform", "UzA",
)
_AGENCY_ALT = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))

_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_FRONT_MATTER_NAMES = "|".join(map(re.escape, [*front_matter_names(), "author"]))
_FRONT_MATTER_KEY = re.compile(rf"^({_FRONT_MATTER_NAMES})\s*:\s*(.*)$", re.I)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
# "Monday, 21 May 2023", "July 28, 2023", "2023-07-28"
_WRITTEN_DATE = (rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
                 rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTHS})\.?,?\s+(?P<y1>\d{{4}})"
                 rf"|(?P<m2>{_MONTHS})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
                 rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))")
_STATED_DATE = re.compile(rf"^(?:published|posted|updated|first published|date)\s*(?:on|:)?\s*{_WRITTEN_DATE}", re.I)
# a line above the body that is only a date ("July 28, 2023", "Monday, 21 May 2023 10:45"): the
# date the page gives the article
_DATE_LINE = re.compile(
    rf"^{_WRITTEN_DATE}(?:\s*[,|–-]?\s*\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?\s*$", re.I)
# "MOSCOW (AP) — ", "BEIJING — ", "LONDON - ", "MOSCOW, March 21 (Reuters) -"
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){{0,3}})"
    rf"(?:,\s*(?:[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}|\d{{1,2}}\s+[A-Z][a-z]{{2,8}}))?"
    rf"(?:\s*\((?P<agency>{_AGENCY_ALT})\))?\s*(?:[—–]|--?)\s+"
    rf"|^(?P<place2>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){{0,3}}),\s*[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}\.\s*/(?P<agency2>{_AGENCY_ALT})/\.\s+")
# "Islamabad, April 24: Pakistan ...", "Kathmandu, Dec 5 (PTI) Prime Minister ...": a place written
# as a name, its date, and a colon, a dash or the agency's tag before the lead; a dateline only
# when reference data knows the place
_NAMED_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){{0,2}}),\s*"
    rf"(?:[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}|\d{{1,2}}\s+[A-Z][a-z]{{2,8}})(?:,?\s+\d{{4}})?"
    rf"(?:\s*\((?P<agency>{_AGENCY_ALT})\)\s*(?:[:—–-]\s*)?|\s*(?::|[—–]|--?)\s+)(?=[A-Z“\"])")
_LEADING_AGENCY_TAG = re.compile(r"^\((?P<agency>[A-Z][A-Za-z]{1,9}|[A-Z]{2,10})\)\s+(?=[A-Z“\"])")
# "-Edited by Bev Mortimer- Six new countries ...": a desk credit run into the lead
_LEADING_CREDIT = re.compile(r"^\s*[-–—]?\s*(?:Edited|Written|Reported|Compiled|Reviewed)\s+by\s+"
                             r"[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*[-–—]\s+(?=[A-Z“\"])")
_AGENCY_CREDIT = re.compile(rf"\((?P<agency>{_AGENCY_ALT})\)|^(?P<agency2>{_AGENCY_ALT}) contributed", re.M)

# Page furniture, as a line stands alone.
_FURNITURE = [
    ("newsletter", re.compile(r"\b(newsletter|sign ?up|subscribe|register\s*/\s*log ?in|log ?in to|support (the )?[A-Z]|"
                              r"donate|your inbox|mailbox every)\b", re.I)),
    ("related", re.compile(r"^(also read|read more|related|recommended|more from|more of .{1,40} coverage|"
                           r"see also|trending|most read|follow us|share this|click here)\b", re.I)),
    ("credit", re.compile(r"^(\w+ )?(contributed( to this)? report(ing)?|reporting by|editing by|writing by|edited by)\b", re.I)),
    ("credit", re.compile(r"^[^!?“”\"]{0,250}\bcontributed( to this report| reporting)?\.?$")),
    ("credit", re.compile(rf"^(?:{_AGENCY_ALT})\.?$", re.I)),  # a lone "REUTERS" sign-off
    ("paywall", re.compile(r"\b(subscribers only|already have an account|sign in|paywall|to continue reading)\b", re.I)),
    ("caption", re.compile(r"^(©|\(c\)|photo:|image:|credit:|source:\s*(getty|reuters|afp|ap)\b)", re.I)),
    ("dateline", re.compile(r"^(updated|published|posted|last updated)\b.{0,40}$", re.I)),
    ("caption", re.compile(r"\((?:[^()]*\b(?:photo|pool|file|via|getty|reuters|afp|ap|epa|tass|sputnik|xinhua)\b[^()]*)\)\s*$", re.I)),
    ("caption", re.compile(r"^[^.!?]{0,80}\b(?:photo|image|file photo)s?\b.{0,40}$", re.I)),
    ("caption", re.compile(r"^(?:video|watch|listen|audio|gallery|slideshow)\b[^.!?“”\"]{0,60}$", re.I)),  # "Video via Reuters"
    ("caption", re.compile(r"^[^.!?“\"]{3,120}\.\s+(?:[A-Z][\w.]*\s*/\s*)+[A-Z][\w.]*$")),  # "Port in Wuhan. AP / TASS"
    ("vote", re.compile(r"^\s*-?\d+\s*\(\s*\+\d+\s*/\s*-\d+\s*\)\s*$")),
    ("comments", re.compile(r"^(\d+\s+)?(comments?|login to comment|leave a comment|show comments|"
                            r"join the discussion|reader comments)\b", re.I)),
]
# A line this long is a paragraph (or a whole article on one line): furniture in it is
# removed sentence by sentence, never by dropping the line.
PARAGRAPH_WORDS = 80
_SENTENCE_GAP = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s*$|[\"”]\s*$")


@dataclass
class CleanDocument:
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    dateline: str | None = None
    published_date: date | None = None
    furniture: list[tuple[str, str]] = field(default_factory=list)  # (kind, line) set aside
    warnings: list[str] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_date(value: str | None) -> date | None:
    """A publication date as feeds and pages write it: ISO 8601 ("2024-03-05T10:00:00Z"),
    RFC 822 as in RSS ("Tue, 05 Mar 2024 10:00:00 GMT"), or words ("5 March 2024"). The day
    is the one written, in the publisher's own time zone."""
    if not value:
        return None
    iso = _parse_iso(value)
    if iso:
        return iso
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError):
        pass
    written = re.fullmatch(rf"\s*{_WRITTEN_DATE}\s*", value, re.I)
    return _parse_stated(written) if written else None


def _parse_stated(m: re.Match) -> date | None:
    if m["iso"]:
        return _parse_iso(m["iso"])
    from datetime import datetime

    day, month, year = (m["d1"], m["m1"], m["y1"]) if m["d1"] else (m["d2"], m["m2"], m["y2"])
    for fmt in ("%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(f"{day} {month[:3] if fmt.endswith('%b %Y') else month} {year}", fmt).date()
        except ValueError:
            continue
    return None


def normalise_text(raw: str) -> str:
    """Fix mojibake and unify whitespace; paragraphs are kept as single lines."""
    text = ftfy.fix_text(raw, normalization="NFC", uncurl_quotes=False)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t\f\v]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def _is_body(line: str) -> bool:
    words = line.split()
    if len(words) >= 12 and _SENTENCE_END.search(line):
        return True
    # a lead that lost its full stop ("..., the White House said Friday"): far longer than a
    # headline, and in sentence case
    return len(words) >= 20 and sum(w[:1].isupper() for w in words) < 0.5 * len(words)


def _classify(line: str) -> str | None:
    for kind, pattern in _FURNITURE:
        if pattern.search(line):
            if kind == "newsletter" and _is_body(line) and len(line.split()) > 25:
                continue  # a long paragraph that merely mentions a newsletter is prose
            if kind == "caption" and len(line.split()) > 60:
                continue
            return kind
    return None


def _without_furniture_sentences(line: str) -> tuple[str, list[tuple[str, str]]]:
    """A long line with its furniture sentences taken out, and what was taken out."""
    starts = [0] + [m.end() for m in _SENTENCE_GAP.finditer(line)]
    sentences = [line[a:b].strip() for a, b in zip(starts, starts[1:] + [len(line)])]
    kept, dropped = [], []
    for sentence in sentences:
        kind = _classify(sentence) if sentence else None
        if kind in (None, "dateline") or (kind == "newsletter" and _is_body(sentence)):
            kept.append(sentence)
        else:
            dropped.append((kind, sentence))
    return " ".join(s for s in kept if s), dropped


def read_front_matter(text: str) -> tuple[dict[str, str], str]:
    """`key: value` lines at the very top (optionally fenced by ---), then the rest."""
    lines = text.split("\n")
    i = 0
    fenced = lines and lines[0].strip() == "---"
    if fenced:
        i = 1
    meta: dict[str, str] = {}
    while i < len(lines):
        line = lines[i].strip()
        if fenced and line == "---":
            i += 1
            break
        m = _FRONT_MATTER_KEY.match(line)
        if not m or (not fenced and m[1].lower() == "date" and not parse_date(m[2])):
            break
        meta[m[1].lower()] = m[2].strip()
        i += 1
    if not meta:
        return {}, text
    return meta, "\n".join(lines[i:])


def clean_document(raw: str, *, title: str | None = None, source: str | None = None,
                   url: str | None = None, published_date: date | None = None) -> CleanDocument:
    """Body text and metadata of one article; metadata given by the caller wins."""
    text = normalise_text(raw)
    warnings: list[str] = []
    meta, text = read_front_matter(text)
    stated = front_matter_fields(meta)
    title = title or stated["title"]
    source = source or stated["source"]
    url = url or stated["url"]
    published_date = published_date or parse_date(stated["published_date"])

    marker = _DATE_MARKER.match(text)
    if marker:
        published_date = published_date or _parse_iso(marker[1])
        text = text[marker.end():]

    lines = [ln for ln in text.split("\n")]
    furniture: list[tuple[str, str]] = []
    kept: list[str] = []
    headings: list[str] = []
    seen_body = False
    in_comments = False
    for idx, line in enumerate(lines):
        if not line:
            continue
        if in_comments:
            furniture.append(("comments", line))
            continue
        kind = _classify(line)
        if kind and kind not in ("vote", "comments") and len(line.split()) > PARAGRAPH_WORDS:
            line, dropped = _without_furniture_sentences(line)
            furniture.extend(dropped)
            if not line:
                continue
            kind = None
        if kind in ("vote", "comments"):
            # A reader comment is the paragraph(s) just above its vote counter; all after it is comments.
            while kept and not _looks_like_reporting(kept[-1]) and kind == "vote":
                furniture.append(("comments", kept.pop()))
                break
            furniture.append((kind, line))
            in_comments = True
            continue
        stated = _STATED_DATE.match(line) or (None if seen_body else _DATE_LINE.match(line.strip()))
        if kind and kind != "dateline":
            furniture.append((kind, line))
            continue
        if stated and len(line.split()) <= 12:
            published_date = published_date or _parse_stated(stated)
            furniture.append(("dateline", line))
            continue
        if kind:  # "Updated 3 hours ago": a page stamp that gives no date
            furniture.append((kind, line))
            continue
        if not seen_body and not _is_body(line):
            headings.append(line)
            continue
        seen_body = True
        kept.append(line)

    dateline = None
    agency = None
    # A heading that is only a place in capitals ("MOSCOW") is the dateline.
    for h in headings:
        if re.fullmatch(r"[A-Z][A-Z .'’-]{2,40}", h) and len(h.split()) <= 4:
            dateline = h.strip().title() if dateline is None else dateline
    if kept:
        m = _DATELINE.match(kept[0])
        named = _NAMED_DATELINE.match(kept[0]) if m is None else None
        if m and len(m["place"] or m["place2"]) >= 3:
            dateline = (m["place"] or m["place2"]).strip().title()
            agency = m["agency"] or m["agency2"]
        elif named and (reference.city_country(named["place"]) or reference.country_for(named["place"])):
            dateline, agency = named["place"], named["agency"]
    if published_date is None:
        published_date = _numeric_stated_date([line for kind, line in furniture if kind == "dateline"],
                                              "\n".join(kept))
    for i, para in enumerate(kept[:3]):
        credit = _LEADING_CREDIT.match(para)
        if credit:
            furniture.append(("credit", para[:credit.end()].strip()))
            kept[i] = para[credit.end():]
    for i, para in enumerate(kept[:3]):
        # "(MENAFN) A peace-oriented roadmap ...": the wire that carried it, not its words
        tag = _LEADING_AGENCY_TAG.match(para)
        if tag:
            kept[i] = para[tag.end():]
            agency = agency or tag["agency"]
            break
    body = "\n\n".join(kept)
    if agency is None:
        credit = _AGENCY_CREDIT.search(body) or _AGENCY_CREDIT.search(
            "\n".join(line for _, line in furniture))
        if credit:
            agency = credit["agency"] or credit["agency2"]
    if agency is None:
        agency = next((_agency_in(line) for kind, line in furniture if kind == "credit" and _agency_in(line)), None)
    if title is None:
        candidates = [h for h in headings if len(h.split()) >= 4 and not _classify(h)]
        title = candidates[-1] if candidates else None
    source = source or agency or _site_of(url)
    if not body.strip():
        warnings.append("no article body found")
    return CleanDocument(text=body, title=title, source=source, url=url,
                         dateline=dateline, published_date=published_date,
                         furniture=furniture, warnings=warnings)


def _site_of(url: str | None) -> str | None:
    """The site an article was published on ("en.prothomalo.com"), when nothing names its outlet."""
    if not url:
        return None
    from urllib.parse import urlsplit

    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None


_NUMERIC_STATED = re.compile(r"^(?:published|posted|updated|first published)\s*(?:on|:)?\s*"
                             r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b", re.I)


def _numeric_stated_date(lines: list[str], body: str) -> date | None:
    """"Published 04/02/2022": read when only one order of day and month is a date, or when
    the article names its own day as still going on ("later on Friday"); otherwise unread."""
    for line in lines:
        m = _NUMERIC_STATED.match(line.strip())
        if not m:
            continue
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        readings = set()
        for day, month in ((a, b), (b, a)):
            try:
                readings.add(date(y, month, day))
            except ValueError:
                pass
        if len(readings) == 1:
            return readings.pop()
        today = {i for w, i in WEEKDAYS.items() if re.search(rf"\blater\s+(?:on\s+|this\s+)?{w}\b", body, re.I)}
        fits = [d for d in readings if d.weekday() in today]
        if len(fits) == 1:
            return fits[0]
    return None


def _agency_in(line: str) -> str | None:
    """The agency a sign-off or credit line names, in its usual spelling."""
    for word in re.findall(r"[A-Za-z][A-Za-z.-]+", line):
        for agency in AGENCIES:
            if word == agency or (word.isupper() and word.lower() == agency.lower()):
                return agency
    return None


def _looks_like_reporting(paragraph: str) -> bool:
    """Journalistic prose names its sources; a reader's comment rarely does."""
    return bool(re.search(r"\b(said|says|told|according to|reported|stated)\b", paragraph))
