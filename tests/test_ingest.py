"""Each kind of input file, and each kind of bad input, on real article text."""
from __future__ import annotations

import json
from datetime import date

from conftest import seed_text
from orchestration.extract.ingest import document_id, read_file


def _paragraphs(index: int) -> list[str]:
    return [p for p in seed_text(index).split("\n") if len(p.split()) > 12]


def test_plain_text_with_date_marker_keeps_the_first_sentence(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(seed_text(3), encoding="utf-8")
    (doc,), rejections = read_file(path)
    assert rejections == []
    assert doc.published_date == date(2022, 9, 20)
    assert doc.text.startswith("LONDON - One of President Vladimir Putin's closest allies")
    assert doc.dateline == "London"
    assert doc.file_name == "a.txt"


def test_front_matter_gives_metadata(tmp_path):
    body = "\n\n".join(_paragraphs(0))
    path = tmp_path / "b.txt"
    path.write_text("title: Kremlin official hosts China's top diplomat\nsource: AP\n"
                    "url: https://example.org/a\npublished_date: 2023-09-19\n\n" + body, encoding="utf-8")
    (doc,), _ = read_file(path)
    assert doc.title == "Kremlin official hosts China's top diplomat"
    assert doc.source == "AP"
    assert doc.url == "https://example.org/a"
    assert doc.published_date == date(2023, 9, 19)
    assert "title:" not in doc.text


def test_html_article_is_extracted_without_boilerplate(tmp_path):
    paras = "".join(f"<p>{p}</p>" for p in _paragraphs(0))
    html = (
        "<html><head><title>Kremlin says Russia and China must edge closer</title>"
        '<meta property="article:published_time" content="2023-09-19T10:00:00Z"></head><body>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>'
        f"<article><h1>Kremlin says Russia and China must edge closer</h1>{paras}</article>"
        "<footer><p>Copyright 2023. All rights reserved. Subscribe to our newsletter.</p></footer>"
        "</body></html>")
    path = tmp_path / "c.html"
    path.write_text(html, encoding="utf-8")
    (doc,), rejections = read_file(path)
    assert rejections == []
    assert "Nikolai Patrushev" in doc.text
    assert "All rights reserved" not in doc.text and "Home" not in doc.text.split()
    assert doc.title == "Kremlin says Russia and China must edge closer"
    assert doc.published_date == date(2023, 9, 19)


def test_jsonl_records_and_a_malformed_line(tmp_path):
    good = {"text": "\n\n".join(_paragraphs(1)), "title": "Mishustin and Li", "url": "https://example.org/m",
            "source": "RFA", "published_date": "2024-08-22"}
    other = {"text": "\n\n".join(_paragraphs(4))}
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps(other) + "\n", encoding="utf-8")
    docs, rejections = read_file(path)
    assert [d.file_name for d in docs] == ["feed.jsonl#1", "feed.jsonl#3"]
    assert docs[0].published_date == date(2024, 8, 22) and docs[0].source == "RFA"
    assert [(r.file_name, r.outcome) for r in rejections] == [("feed.jsonl#2", "set aside")]
    assert "malformed JSON" in rejections[0].reason


def test_same_article_under_two_names_is_one_document(tmp_path):
    (tmp_path / "one.txt").write_text(seed_text(0), encoding="utf-8")
    (tmp_path / "two.txt").write_text(seed_text(0).replace("\n", "\r\n") + "\n\n", encoding="utf-8")
    (a,), _ = read_file(tmp_path / "one.txt")
    (b,), _ = read_file(tmp_path / "two.txt")
    assert a.document_id == b.document_id == document_id(a.text)


def test_empty_file_is_set_aside(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    docs, (rej,) = read_file(path)
    assert docs == [] and rej.reason == "empty file"


def test_binary_file_is_set_aside(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    docs, (rej,) = read_file(path)
    assert docs == [] and "binary" in rej.reason


def test_non_utf8_file_is_decoded_and_flagged(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(seed_text(4).replace("’", "'").replace("“", '"').replace("”", '"')
                     .replace("Putin", "Putín").encode("cp1252"))
    (doc,), (note,) = read_file(path)
    assert "Putín" in doc.text
    assert note.outcome == "ingested with warning" and "not valid UTF-8" in note.reason


def test_oversized_file_is_set_aside(tmp_path):
    path = tmp_path / "huge.txt"
    line = (_paragraphs(0)[0] + "\n").encode("utf-8")
    with path.open("wb") as fh:
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    docs, (rej,) = read_file(path)
    assert docs == [] and "too large" in rej.reason


def test_html_page_without_article_is_set_aside(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a> <a href='/login'>Log in</a></nav>"
                    "<footer>Cookie settings</footer></body></html>", encoding="utf-8")
    docs, (rej,) = read_file(path)
    assert docs == [] and "no article" in rej.reason


def test_unsupported_file_type_is_set_aside(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04 not really")
    docs, (rej,) = read_file(path)
    assert docs == [] and "unsupported file type" in rej.reason


def test_a_dateline_written_as_a_name_with_its_date(tmp_path):
    lead = ("the two governments said the accord would double exports of electricity over the next "
            "decade, officials told reporters on Tuesday afternoon.")
    cases = {"Thimphu, March 3: Bhutan signed a hydropower accord with Bangladesh, and ": "Thimphu",
             "Nouakchott, Dec 5 (PTI) Mauritania signed a port accord with Senegal, and ": "Nouakchott",
             # a place reference data does not know is no dateline
             "Summary, Dec 5: Bhutan signed a hydropower accord with Bangladesh, and ": None}
    for i, (opening, place) in enumerate(cases.items()):
        path = tmp_path / f"d{i}.txt"
        path.write_text(opening + lead, encoding="utf-8")
        (doc,), _ = read_file(path)
        assert doc.dateline == place


def test_ingest_in_batches_writes_what_one_batch_writes(tmp_path, monkeypatch):
    """Ingest streams a folder in batches of files; the raw tables must not depend on the batch size,
    with a document that two files hold, an empty file, a feed and a file removed between builds."""
    import duckdb

    from conftest import landing_folder, seed_paths
    from orchestration import pipeline

    raw = landing_folder(tmp_path, seed_paths())
    (raw / "again.txt").write_text(seed_text(2), encoding="utf-8")  # the same document as a seed
    (raw / "empty.txt").write_bytes(b"")
    (raw / "feed.jsonl").write_text("\n".join(json.dumps({"text": "\n\n".join(_paragraphs(i))}) for i in (0, 3))
                                    + "\n{oops\n", encoding="utf-8")

    def tables(batch: int) -> dict[str, list[tuple]]:
        monkeypatch.setattr(pipeline, "INGEST_BATCH", batch)
        con = duckdb.connect(str(tmp_path / f"work{batch}.duckdb"))
        try:
            pipeline.ingest_folder(con, raw)
            (raw / "again.txt").rename(tmp_path / "again.txt")  # a second build with one file gone
            stats = pipeline.ingest_folder(con, raw)
            (tmp_path / "again.txt").rename(raw / "again.txt")
            assert stats.files_removed == 1
            stamps = {"files": "read_at", "rejected_files": "rejected_at", "documents": "ingested_at"}
            return {t: con.execute(f"select * {f'exclude ({stamps[t]})' if t in stamps else ''} "
                                   f"from raw.{t} order by all").fetchall()
                    for t in ("files", "file_documents", "rejected_files", "documents")}
        finally:
            con.close()

    one, many = tables(1000), tables(2)
    assert one == many
    assert len(one["documents"]) == 5  # again.txt and the feed's two texts are seeds again, cleaned alike
    assert len(one["file_documents"]) == 5 + 2  # again.txt is gone; the feed's records each link a seed
    assert {r[1] for r in one["rejected_files"]} >= {"empty.txt", "feed.jsonl#3"}


def test_the_pipelines_duckdb_connections_have_a_memory_cap(tmp_path, monkeypatch):
    """DuckDB caches up to 80% of the machine by default, so a writer's memory grew with the warehouse."""
    from orchestration import warehouse

    monkeypatch.delenv(warehouse.MEMORY_ENV, raising=False)
    con = warehouse.connect(tmp_path / "w.duckdb")
    default = con.execute("select current_setting('memory_limit')").fetchone()[0]
    con.close()
    monkeypatch.setenv(warehouse.MEMORY_ENV, "300MB")
    con = warehouse.connect(tmp_path / "w.duckdb")
    capped = con.execute("select current_setting('memory_limit')").fetchone()[0]
    con.close()
    assert default.startswith("488") and default.endswith("MiB")  # 512 MB as DuckDB shows it
    assert capped.startswith("286") and capped.endswith("MiB")  # 300 MB
