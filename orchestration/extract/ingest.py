"""Read the files of the landing folder into documents, or set them aside with a reason.

Every kind of bad input (empty, binary, not UTF-8, malformed JSON line, too
large, a page with no article) becomes a ``Rejection`` the build reports; it
never stops the rest of the run.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .budget import DocumentTimeout, time_budget
from .metadata import html_fields, record_fields
from .text import CleanDocument, clean_document, parse_date

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_FILE_BYTES = int(float(os.environ.get("COMMUNIQUE_MAX_FILE_MB", "20")) * 1024 * 1024)
MIN_WORDS = 20


@dataclass
class Document:
    document_id: str
    file_name: str
    title: str | None
    source: str | None
    url: str | None
    dateline: str | None
    published_date: date | None
    text: str
    word_count: int
    furniture_lines: int


@dataclass
class Rejection:
    file_name: str
    reason: str
    outcome: str = "set aside"  # set aside | ingested with warning


class FileChanged(Exception):
    """The file vanished, or changed while it was being read: the next build reads it again."""


class NotRegularFile(Exception):
    """A FIFO, socket or device: opening or reading it could block the build."""


@dataclass
class Snapshot:
    """One consistent read of a file: its fingerprint and bytes come from the same read."""

    size: int
    modified_ns: int
    fingerprint: str
    data: bytes | None  # None when the file is over the size limit (only hashed)


def snapshot(path: Path, max_bytes: int | None = None) -> Snapshot:
    """Read a file once through one descriptor, never blocking, and check nothing moved meanwhile.

    O_NONBLOCK and the fstat keep a FIFO swapped in for the file from stalling the build;
    the size, time and inode are compared before and after the read.
    """
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError as err:
        raise FileChanged("it vanished before it could be read") from err
    except OSError as err:
        if err.errno == 40:  # ELOOP: the name became a link after the folder was listed
            raise FileChanged("it was replaced by a link") from err
        raise
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise NotRegularFile(_kind_of(before.st_mode))
        h, chunks, total = hashlib.sha256(), [], 0
        keep = before.st_size <= max_bytes
        while chunk := os.read(fd, 1 << 20):
            h.update(chunk)
            total += len(chunk)
            if keep:
                chunks.append(chunk)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    try:
        now = os.stat(path, follow_symlinks=False)
    except FileNotFoundError as err:
        raise FileChanged("it vanished while it was being read") from err
    if (total != before.st_size or (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns)
            or now.st_ino != before.st_ino or now.st_size != total):
        raise FileChanged("it was written to while it was being read")
    return Snapshot(total, before.st_mtime_ns, h.hexdigest(), b"".join(chunks) if keep else None)


def _kind_of(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return "not a regular file"


def file_fingerprint(path: Path) -> str:
    """Content hash of a raw file: what tells a changed file from an unchanged one."""
    return snapshot(path, max_bytes=-1).fingerprint


def document_id(text: str) -> str:
    """Hash of the normalised text: one article under two file names is one document."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = re.sub(r"[\W_]+", " ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 text, or the best decoding of it with a warning saying what was done."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        for encoding in ("cp1252", "latin-1"):
            try:
                return data.decode(encoding), (
                    f"not valid UTF-8 (byte {err.start}): decoded as {encoding}")
            except UnicodeDecodeError:
                continue
        return data.decode("utf-8", errors="replace"), "not valid UTF-8: undecodable bytes replaced"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.05


def _to_document(clean: CleanDocument, file_name: str) -> Document | str:
    if clean.word_count < MIN_WORDS:
        return f"no article text ({clean.word_count} words after removing page furniture)"
    return Document(
        document_id=document_id(clean.text), file_name=file_name, title=clean.title,
        source=clean.source, url=clean.url, dateline=clean.dateline,
        published_date=clean.published_date, text=clean.text, word_count=clean.word_count,
        furniture_lines=len(clean.furniture))


def _html_document(html: str, file_name: str) -> Document | str:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True)
    if extracted is None:
        return "HTML page with no article text"
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = meta.get("text") or ""
    if not body.strip():
        return "HTML page with no article text"
    # The page's own metadata first; trafilatura's reading of the title and site as a fallback.
    # Its date is not used: it mines copyright lines, links and text for one (a guess).
    stated = html_fields(html)
    clean = clean_document(body, title=stated["title"] or meta.get("title"),
                           source=stated["source"] or meta.get("sitename"), url=stated["url"] or meta.get("url"),
                           published_date=parse_date(stated["published_date"]))
    return _to_document(clean, file_name)


def _jsonl_record(line: str, name: str) -> Document | str:
    """One JSON line as a document, or the reason it is set aside (its neighbours go on)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return f"malformed JSON line: {err.msg} at column {err.colno}"
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return "JSON line has no \"text\" string"
    fields = record_fields(record)  # title, url, source and date under any of their usual names
    if isinstance(fields, str):
        return fields
    clean = clean_document(record["text"], title=fields["title"], source=fields["source"],
                           url=fields["url"], published_date=parse_date(fields["published_date"]))
    return _to_document(clean, name)


def _jsonl_documents(text: str, file_name: str,
                     budget_s: float | None = None) -> tuple[list[Document], list[Rejection]]:
    docs, rejections = [], []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{file_name}#{n}"
        try:
            with time_budget(budget_s):
                doc = _jsonl_record(line, name)
        except DocumentTimeout as err:
            doc = f"line {n} was not read: {err}"
        except Exception as err:  # noqa: BLE001 - whatever one record holds, the others go on
            doc = f"line {n} could not be read: {type(err).__name__}: {err}"
        if isinstance(doc, str):
            rejections.append(Rejection(name, doc if doc.startswith("line ") else f"line {n}: {doc}"))
        else:
            docs.append(doc)
    return docs, rejections


def read_file(path: Path, budget_s: float | None = None) -> tuple[list[Document], list[Rejection]]:
    """Documents of one raw file, and what of it was set aside and why."""
    return parse_snapshot(path.name, snapshot(path), budget_s)


def parse_snapshot(name: str, snap: Snapshot, budget_s: float | None = None) -> tuple[list[Document], list[Rejection]]:
    """Documents of the bytes of one file as read, and what of it was set aside and why.

    Cleaning one document (a text or HTML file, a JSON line) has `budget_s` seconds.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return [], [Rejection(name, f"unsupported file type {suffix or '(none)'}; "
                                    f"expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}")]
    size = snap.size
    if size == 0:
        return [], [Rejection(name, "empty file")]
    if size > MAX_FILE_BYTES or snap.data is None:
        return [], [Rejection(name, f"file too large ({size / 1048576:.1f} MB; the limit is "
                                    f"{MAX_FILE_BYTES / 1048576:.0f} MB, COMMUNIQUE_MAX_FILE_MB)")]
    data = snap.data
    if _looks_binary(data):
        return [], [Rejection(name, "binary file, not text")]
    text, warning = decode(data)
    notes = [Rejection(name, warning, "ingested with warning")] if warning else []
    if suffix in JSONL_SUFFIXES:
        docs, rejections = _jsonl_documents(text, name, budget_s)
        return docs, notes + rejections
    try:
        with time_budget(budget_s):
            doc = _html_document(text, name) if suffix in HTML_SUFFIXES else _to_document(clean_document(text), name)
    except DocumentTimeout as err:
        doc = f"not read: {err}"
    if isinstance(doc, str):
        return [], [Rejection(name, doc)]
    return [doc], notes
