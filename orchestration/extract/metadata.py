"""An article's title, link, outlet and date, wherever it states them: tables of names, one reader each.

Feeds, scrapers and web pages call the same four things by many names ("headline", "link",
"publisher", "pubDate"; "og:title", "article:published_time"). The JSON-lines, front-matter
and HTML readers all look them up in the tables below, most telling name first, so they stay
in step and a new name is one word in a table rather than a new branch of code.

A date is read only from a field that says it is the publication date. Page text, copyright
lines and links are never mined for one (trafilatura's own date does that, so it is not used).
"""
from __future__ import annotations

import json
from html.parser import HTMLParser

FIELDS = ("title", "url", "source", "published_date")

# JSON-lines fields and front-matter keys. The first name present in a record is the one read.
RECORD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "url": ("url", "canonical_url", "link", "permalink"),
    "source": ("source", "outlet", "site_name", "site", "publisher", "source_name"),
    "published_date": ("published_date", "published", "published_at", "publishedAt", "datePublished",
                       "date_published", "pubDate", "publish_date", "date"),
}
# An object may stand for an outlet ({"name": "..."}, as NewsAPI and schema.org give it).
NAMED_OBJECT_FIELDS = ("source",)

# HTML: <meta property|name|itemprop=... content=...> (lowercased), <link rel=canonical>, JSON-LD
# keys of an article node, <time datetime> marked as the publication time. Earlier wins.
HTML_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "json-ld headline", "twitter:title", "dc.title", "headline"),
    "url": ("link canonical", "og:url", "json-ld url", "json-ld mainEntityOfPage", "twitter:url"),
    "source": ("og:site_name", "json-ld publisher", "publisher", "application-name"),
    "published_date": ("article:published_time", "json-ld datePublished", "og:published_time",
                       "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date",
                       "dc.date.issued", "dcterms.created", "parsely-pub-date", "sailthru.date",
                       "time published"),
}
JSON_LD_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                         "OpinionNewsArticle", "BackgroundNewsArticle", "BlogPosting", "Report"}
# JSON-LD keys read, and where an object value keeps the text wanted.
JSON_LD_KEYS = {"headline": (), "url": (), "mainEntityOfPage": ("@id", "url"), "publisher": ("name",),
                "datePublished": ()}

_JSON_TYPES = {list: "a list", dict: "an object", bool: "true/false", int: "a number", float: "a number"}


def record_fields(record: dict) -> dict[str, str | None] | str:
    """The four fields of a JSON record under whichever names it uses, or why it is set aside.

    Only the name that is read is checked: a badly typed value there loses this record (the
    caller sets it aside with the reason), never the file or the build.
    """
    fields: dict[str, str | None] = {}
    for field, names in RECORD_NAMES.items():
        name = next((n for n in names if record.get(n) not in (None, "")), None)
        value = record.get(name) if name else None
        text = _named(value) if field in NAMED_OBJECT_FIELDS else value
        if value is not None and not isinstance(text, str):
            expected = 'a string or an object with a "name"' if field in NAMED_OBJECT_FIELDS else "a string"
            return f'field "{name}" is {_JSON_TYPES.get(type(value), type(value).__name__)}, expected {expected}'
        fields[field] = (text.strip() or None) if isinstance(text, str) else None
    return fields


def front_matter_names() -> list[str]:
    """Every key front matter may use for the four fields, longest first (for one regex)."""
    return sorted({n.lower() for names in RECORD_NAMES.values() for n in names}, key=len, reverse=True)


def front_matter_fields(meta: dict[str, str]) -> dict[str, str | None]:
    """The four fields of front matter read as lowercased `key: value` pairs."""
    return {field: next((meta[n.lower()].strip() for n in names if meta.get(n.lower(), "").strip()), None)
            for field, names in RECORD_NAMES.items()}


def html_fields(html: str) -> dict[str, str | None]:
    """The four fields a web page states in its head: meta tags, canonical link, JSON-LD."""
    reader = _HeadReader()
    try:
        reader.feed(html)
        reader.close()
    except Exception:  # noqa: BLE001 - metadata is a bonus: a page too broken to read has none
        pass
    found = reader.found
    return {field: next((found[n] for n in names if found.get(n)), None) for field, names in HTML_NAMES.items()}


def _named(value) -> str | None:
    """An outlet given as a string or as an object with a name."""
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None


class _HeadReader(HTMLParser):
    """Collects the page's own statements about itself, keyed as in HTML_NAMES (first one kept)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}
        self._script: list[str] | None = None

    def _keep(self, key: str | None, value: str | None) -> None:
        if key and value and value.strip():
            self.found.setdefault(key, value.strip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v for k, v in attrs}
        if tag == "meta":
            name = a.get("property") or a.get("name") or a.get("itemprop") or ""
            self._keep(name.strip().lower(), a.get("content"))
        elif tag == "link" and "canonical" in (a.get("rel") or "").lower().split():
            self._keep("link canonical", a.get("href"))
        elif tag == "time" and _marks_published(a):
            self._keep("time published", a.get("datetime"))
        elif tag == "script" and (a.get("type") or "").lower() == "application/ld+json":
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            for key, value in _json_ld_fields("".join(self._script)).items():
                self._keep(f"json-ld {key}", value)
            self._script = None


def _marks_published(attrs: dict[str, str | None]) -> bool:
    """A <time> element the page marks as its publication time."""
    return ("pubdate" in attrs or (attrs.get("itemprop") or "").lower() == "datepublished"
            or "published" in (attrs.get("class") or "").lower().split())


def _json_ld_fields(script: str) -> dict[str, str]:
    """headline, url, publisher name and datePublished of the first article node of a JSON-LD block."""
    try:
        data = json.loads(script)
    except ValueError:
        return {}
    node = next((n for n in _nodes(data) if _is_article(n)), None)
    if node is None:
        return {}
    out = {}
    for key, inner in JSON_LD_KEYS.items():
        value = node.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = next((value[k] for k in inner if value.get(k)), None)
        if isinstance(value, str):
            out[key] = value
    return out


def _nodes(data) -> list[dict]:
    """The objects of a JSON-LD block: one, a list, or an @graph."""
    items = data if isinstance(data, list) else [data]
    nodes = []
    for item in items:
        if isinstance(item, dict):
            nodes.append(item)
            nodes.extend(n for n in item.get("@graph", []) if isinstance(n, dict))
    return nodes


def _is_article(node: dict) -> bool:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(k in JSON_LD_ARTICLE_TYPES for k in kinds if isinstance(k, str))
