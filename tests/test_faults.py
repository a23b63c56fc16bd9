"""Nothing in the landing folder can stop, stall or empty the warehouse (issue 12's reproductions).

Each test names the reproduction it covers: 1 a badly typed JSON record, 2 an unreadable
file, 3 one bad record in a big feed, 4 a file deleted or rewritten during ingest, 5 links
and non-files, 6 cost and time budget, 7 two builds at once, 8 mass removal, 9 leftovers,
10 PostgreSQL that never answers, 11 failure paths.
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, build_command, seed_paths, seed_text
from orchestration import pipeline, warehouse
from orchestration.cli import _read
from orchestration.extract import ingest
from orchestration.extract.budget import DocumentTimeout
from orchestration.extract.document import chunks, extract_document
from orchestration.extract.indexes import Claims, SpanIndex, has_word
from orchestration.extract.statements import find_quotes
from orchestration.extract.text import clean_document
from orchestration.lock import WarehouseBusy, writer_lock


def _article(index: int = 0) -> str:
    return "\n\n".join(p for p in seed_text(index).split("\n") if len(p.split()) > 12)


def _ingest(raw: Path, work: Path, **kwargs) -> pipeline.IngestStats:
    con = duckdb.connect(str(work))
    try:
        return pipeline.ingest_folder(con, raw, **kwargs)
    finally:
        con.close()


def _rows(work: Path, sql: str) -> list[tuple]:
    return _read(work, sql)


def _rejected(work: Path) -> dict[str, tuple[str, str]]:
    return {name: (reason, outcome) for name, reason, outcome in _rows(
        work, "select record_name, reason, outcome from raw.rejected_files")}


@pytest.fixture
def folder(tmp_path) -> tuple[Path, Path]:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(seed_text(0), encoding="utf-8")
    return raw, tmp_path / "work.duckdb"


# 1 -------------------------------------------------------------------------------------

def test_1_a_record_with_a_list_title_or_an_object_source_is_set_aside_alone(folder):
    raw, work = folder
    # an outlet given as an object with a name ({"name": "AP"}) is read (issue 13); one without is not
    lines = [{"text": _article(1), "title": ["a", "b"]}, {"text": _article(2), "source": {"id": "ap"}},
             {"text": _article(4), "title": "Kept"}]
    (raw / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    stats = _ingest(raw, work)
    assert stats.documents_total == 2  # good.txt and feed.jsonl#3
    rejected = _rejected(work)
    assert rejected["feed.jsonl#1"][0] == 'line 1: field "title" is a list, expected a string'
    assert rejected["feed.jsonl#2"][0] == ('line 2: field "source" is an object, '
                                           'expected a string or an object with a "name"')
    assert _rows(work, "select title from raw.documents where title = 'Kept'") == [("Kept",)]
    # and the next build is not stopped by it either
    (raw / "other.txt").write_text(seed_text(3), encoding="utf-8")
    assert _ingest(raw, work).documents_total == 3


# 2 -------------------------------------------------------------------------------------

def test_2_an_unreadable_file_is_set_aside_and_tried_again(folder, monkeypatch):
    raw, work = folder
    locked = raw / "locked.txt"
    locked.write_text(seed_text(1), encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads a mode-000 file anyway: refuse it as the kernel would refuse a user
        real_open = os.open

        def refusing_open(path, flags, *args):
            if Path(path).name == "locked.txt" and locked.stat().st_mode & 0o444 == 0:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args)

        monkeypatch.setattr(ingest.os, "open", refusing_open)
    stats = _ingest(raw, work)
    assert stats.documents_total == 1
    reason, outcome = _rejected(work)["locked.txt"]
    assert reason.startswith("could not be read: Permission denied") and outcome == "will retry"
    locked.chmod(0o644)
    stats = _ingest(raw, work)
    assert stats.documents_total == 2 and "locked.txt" not in _rejected(work)


# 3 -------------------------------------------------------------------------------------

def test_3_one_badly_typed_date_loses_one_record_not_the_feed(folder):
    raw, work = folder
    text = _article(1)
    records = [{"text": f"{text}\n\nDispatch number {i}.", "published_date": "2024-08-22"} for i in range(300)]
    records[150] = {"text": text, "published_date": 20230101}
    (raw / "big.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    _ingest(raw, work)
    assert _rows(work, "select count(*) from raw.file_documents where file_name = 'big.jsonl'") == [(299,)]
    rejected = _rejected(work)
    assert list(rejected) == ["big.jsonl#151"]
    assert rejected["big.jsonl#151"][0] == 'line 151: field "published_date" is a number, expected a string'


# 4 -------------------------------------------------------------------------------------

def test_4_a_file_deleted_during_ingest_is_set_aside_as_changed_and_the_build_goes_on(folder):
    raw, work = folder
    (raw / "z-vanishing.txt").write_text(seed_text(1), encoding="utf-8")

    def delete_the_next(done: int, total: int) -> None:
        if done == 1:
            (raw / "z-vanishing.txt").unlink()

    stats = _ingest(raw, work, progress=delete_the_next)
    assert stats.documents_total == 1
    reason, outcome = _rejected(work)["z-vanishing.txt"]
    assert reason.startswith("changed during the build") and outcome == "will retry"
    # the next build finds it gone and forgets the note
    assert _ingest(raw, work).documents_total == 1 and _rejected(work) == {}


def test_4_a_file_rewritten_while_it_is_read_is_picked_up_by_the_next_build(folder, monkeypatch):
    raw, work = folder
    growing = raw / "growing.txt"
    growing.write_text(seed_text(1), encoding="utf-8")
    real_read = os.read
    appended = []

    def read_while_a_writer_appends(fd, n):
        chunk = real_read(fd, n)
        if not appended and os.fstat(fd).st_ino == growing.stat().st_ino:
            appended.append(True)
            with growing.open("a", encoding="utf-8") as fh:
                fh.write("\n\nA later paragraph the writer added while the build read the file.\n")
        return chunk

    monkeypatch.setattr(ingest.os, "read", read_while_a_writer_appends)
    assert _ingest(raw, work).documents_total == 1
    reason, outcome = _rejected(work)["growing.txt"]
    assert reason == "changed during the build (it was written to while it was being read); " \
                     "it will be read at the next build" and outcome == "will retry"
    monkeypatch.undo()
    assert _ingest(raw, work).documents_total == 2
    assert "later paragraph" in _rows(work, "select string_agg(body_text, ' ') from raw.documents")[0][0]


# 5 -------------------------------------------------------------------------------------

def test_5_links_outside_the_folder_are_not_read_and_non_files_are_reported(folder, tmp_path):
    raw, work = folder
    private = tmp_path / "private"
    private.mkdir()
    (private / "secret.txt").write_text(seed_text(2), encoding="utf-8")
    (raw / "secret.txt").symlink_to(private / "secret.txt")
    (raw / "elsewhere").symlink_to(private)
    (raw / "sub").mkdir()
    (raw / "inside.txt").symlink_to(raw / "good.txt")
    os.mkfifo(raw / "pipe.txt")  # reading it would block the build forever
    stats = _ingest(raw, work)
    rejected = _rejected(work)
    assert rejected["secret.txt"][0] == "link outside the landing folder (not followed)"
    assert rejected["elsewhere"][0] == "link outside the landing folder (not followed)"
    assert rejected["sub"][0].startswith("a folder")
    assert rejected["pipe.txt"][0].startswith("a named pipe (FIFO)")
    assert stats.not_files == 4 and stats.files_seen == 2  # good.txt and the link to it inside
    assert _rows(work, "select file_name from raw.files order by 1") == [("good.txt",), ("inside.txt",)]
    assert _rows(work, "select count(*) from raw.documents") == [(1,)]  # the secret was never read
    from orchestration.defs.sensors import folder_state

    state = folder_state(raw)  # the sensor lists the folder the same way, without reading the pipe
    (raw / "good.txt").unlink()
    assert folder_state(raw) != state


# 6 -------------------------------------------------------------------------------------

def test_6_a_long_document_is_extracted_in_chunks_with_offsets_into_the_whole_text():
    text = "\n\n".join(_article(i) for i in range(5)) * 6  # ~100 KB, far over one chunk
    pieces = chunks(text)
    assert len(pieces) > 3 and "".join(p for _, p in pieces) == text
    on_topic, rows = extract_document(text, None, None)
    assert on_topic
    for figure in rows["figures"]:
        assert text[figure["char_start"]:figure["char_end"]] == figure["raw_text"]
    for table, key in (("statements", "statement_index"), ("meetings", "meeting_index")):
        indexes = [r[key] for r in rows[table]]
        assert indexes == list(range(len(indexes))), table
    meetings = {m["meeting_index"] for m in rows["meetings"]}
    assert {p["meeting_index"] for p in rows["meeting_participants"]} <= meetings
    assert max(r["char_start"] for r in rows["statements"]) > len(text) - 25_000


def test_6_a_document_over_its_time_budget_is_recorded_as_failed_and_the_others_go_on(tmp_path, monkeypatch):
    work = tmp_path / "work.duckdb"
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "short.txt").write_text(seed_text(0), encoding="utf-8")
    (raw / "huge.txt").write_text(" ".join(_article(i).replace("\n", " ") for i in range(5)) * 50,
                                  encoding="utf-8")
    _ingest(raw, work)
    with pytest.raises(DocumentTimeout, match="time budget"):
        extract_document(_rows(work, "select max_by(body_text, word_count) from raw.documents")[0][0],
                         None, None, budget_s=0.2)
    monkeypatch.setenv("COMMUNIQUE_DOC_SECONDS", "2")
    con = duckdb.connect(str(work))
    try:
        stats = pipeline.extract_pending(con)
    finally:
        con.close()
    assert stats.documents_extracted == 2
    (failed_id, error), = stats.documents_failed
    assert "over the time budget of 2 s" in error
    errors = dict(_rows(work, "select document_id, error from raw.extractions"))
    assert errors[failed_id].startswith("DocumentTimeout") and list(errors.values()).count(None) == 1


def test_6_reading_has_the_budget_too_per_record_in_a_feed(folder, monkeypatch):
    raw, work = folder
    huge = " ".join(_article(i).replace("\n", " ") for i in range(5)) * 60  # ~600 KB on one line
    records = [{"text": _article(1)}, {"text": huge}, {"text": _article(2)}]
    (raw / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (raw / "huge.txt").write_text(huge, encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_DOC_SECONDS", "0.5")
    stats = _ingest(raw, work)
    assert stats.documents_total == 3  # good.txt, feed.jsonl#1 and #3
    rejected = _rejected(work)
    assert rejected["feed.jsonl#2"][0] == "line 2 was not read: over the time budget of 0.5 s (COMMUNIQUE_DOC_SECONDS)"
    assert rejected["huge.txt"] == ("not read: over the time budget of 0.5 s (COMMUNIQUE_DOC_SECONDS)", "set aside")


def test_6_furniture_inside_a_one_line_article_is_removed_by_sentence_not_the_article():
    body = _article(0).replace("\n\n", " ")
    cut = body.index(". ", len(body) // 2) + 2  # between two sentences
    line = body[:cut] + "Sign in to continue reading. " + body[cut:]
    clean = clean_document(line)
    assert clean.word_count == len(body.split())
    assert "Sign in to continue reading." not in clean.text
    assert ("paywall", "Sign in to continue reading.") in clean.furniture


def test_6_the_indexes_answer_as_the_scans_they_replace():
    """Rules ask about spans and words by bisection and set lookup, so that a long document
    costs its length, not its square: each index must say what the scan it replaced said."""
    rng = random.Random(12)
    for _ in range(400):
        spans = [(a, a + rng.randint(0, 30)) for a in (rng.randint(0, 200) for _ in range(rng.randint(0, 12)))]
        index = SpanIndex(spans)
        s = rng.randint(0, 240)
        e = s + rng.randint(0, 40)
        assert (index.reach_at(s) > s) == any(a <= s < b for a, b in spans)
        assert (index.reach_at(s) >= s) == any(a <= s <= b for a, b in spans)
        assert index.overlapping(s, e) == sorted((a, b) for a, b in spans if max(a, s) < min(b, e))
        assert index.any_over(s, e) == any(a < e and s < b for a, b in spans)
        assert index.starting_in(s, e) == sorted(x for x in spans if s <= x[0] < e)


def test_6_claimed_spans_answer_as_the_list_they_replace():
    rng = random.Random(12)
    claims, plain = Claims(), []
    for _ in range(2000):
        s = rng.randint(0, 400)
        e = s + rng.randint(1, 25)
        held = any(a <= s < b or s <= a < e for a, b in plain)
        assert claims.overlaps(s, e) == held
        if not held:
            claims.add(s, e)
            plain.append((s, e))
        if rng.random() < 0.05:
            n = rng.randint(0, len(plain))
            claims.take_back(n)
            del plain[n:]
        assert len(claims) == len(plain)


def test_6_word_lookups_and_the_last_visible_character_answer_as_their_scans():
    from orchestration.extract.reports import _last_visible

    text = _article(0) + " O’Neill met al-Sisi in Zürich; state_media said\u00a0\n “so” \u2009"
    words = set(re.findall(r"[\w’'-]+", text.lower())) | {"", "zz", "sisi", "al-sisi", "o’neill", "state", "media"}
    for word in words:
        assert has_word(text, word) == (re.search(rf"\b{re.escape(word)}\b", text) is not None), word
    for pos in range(len(text) + 1):
        assert _last_visible(text, pos) == text[:pos].rstrip()[-1:]


def test_6_quotations_come_in_text_order_and_never_overlap():
    """_Ctx finds the last quotation ending before a position by bisecting their ends."""
    rng = random.Random(12)
    alphabet = "ab Cd  ,.!?\n\"“”‘’«»„"
    texts = [seed_text(i) for i in range(5)]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(1500)]
    for text in texts:
        spans = [(s, e) for s, e, _, _ in find_quotes(text)]
        assert all(s < e for s, e in spans), text
        assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:])), text


# 7 -------------------------------------------------------------------------------------

def _hold_lock(work: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the warehouse's writer lock, as a running build does."""
    code = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from orchestration.lock import writer_lock
        with writer_lock(Path({str(work)!r})):
            print("held", flush=True)
            time.sleep({seconds})
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_7_a_second_build_refuses_at_once_with_the_holder_and_exit_code_4(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(seed_text(0), encoding="utf-8")
    wh = tmp_path / "wh" / "communique.duckdb"
    holder = _hold_lock(wh.with_name("communique.work.duckdb"), 60)
    try:
        args, env = build_command(raw, wh)
        proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 4, proc.stderr
    assert f"another build (pid {holder.pid}, since " in proc.stderr and "holds the warehouse" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (wh.with_name("communique.work.duckdb")).exists()  # ingest never started


def test_7_the_lock_waits_for_its_holder_up_to_a_timeout(tmp_path):
    work = tmp_path / "work.duckdb"
    holder = _hold_lock(work, 2)
    messages = []
    try:
        with pytest.raises(WarehouseBusy, match=f"pid {holder.pid}"):
            with writer_lock(work, wait_s=0.3, on_wait=messages.append):
                pass
        with writer_lock(work, wait_s=60, on_wait=messages.append):
            assert holder.poll() is not None  # acquired only once the holder had finished
    finally:
        holder.kill()
        holder.wait()
    assert messages and messages[0].startswith("waiting up to")


def test_7_a_dagster_run_takes_the_same_lock(tmp_path, monkeypatch):
    import dagster as dg

    from orchestration.defs.ingest import ingest_articles
    from orchestration.resources import CommuniqueWarehouse

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(seed_text(0), encoding="utf-8")
    wh = tmp_path / "wh" / "communique.duckdb"
    for key in ("COMMUNIQUE_RAW_DIR", "COMMUNIQUE_WAREHOUSE", "COMMUNIQUE_WORK_DB"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("COMMUNIQUE_LOCK_WAIT", "0")
    resource = CommuniqueWarehouse(raw_dir=str(raw), warehouse=str(wh))
    holder = _hold_lock(wh.with_name("communique.work.duckdb"), 60)
    try:
        with pytest.raises(Exception) as refused:
            dg.materialize([ingest_articles], resources={"communique": resource})
    finally:
        holder.kill()
        holder.wait()
    chain, exc = [], refused.value
    while exc is not None:
        chain.append(exc)
        exc = exc.__cause__
    assert any(isinstance(e, WarehouseBusy) and f"pid {holder.pid}" in str(e) for e in chain), chain
    assert dg.materialize([ingest_articles], resources={"communique": resource}).success


# 8 -------------------------------------------------------------------------------------

def test_8_an_emptied_landing_folder_changes_nothing_without_allow_removal(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for p in seed_paths()[:4]:
        (raw / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    work = tmp_path / "work.duckdb"
    _ingest(raw, work)
    before = _rows(work, "select * from raw.files order by file_name")
    moved = tmp_path / "unmounted"
    raw.rename(moved)
    raw.mkdir()
    with pytest.raises(pipeline.MassRemoval, match="would remove 4 of the 4 documents.*--allow-removal"):
        _ingest(raw, work)
    (raw / seed_paths()[0].name).write_text(seed_text(0), encoding="utf-8")  # 3 of 4 gone: still refused
    with pytest.raises(pipeline.MassRemoval, match="3 of the 4"):
        _ingest(raw, work)
    assert _rows(work, "select * from raw.files order by file_name") == before
    (raw / seed_paths()[1].name).write_text(seed_text(1), encoding="utf-8")  # half: allowed
    assert _ingest(raw, work).documents_total == 2
    assert _ingest(tmp_path / "nowhere", work, allow_removal=True).documents_total == 0


def _one_article_and_a_warehouse_path(tmp_path: Path) -> tuple[Path, Path]:
    """A landing folder holding one article, and where its warehouse goes (its folder made)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(seed_text(0), encoding="utf-8")
    wh = tmp_path / "wh" / "communique.duckdb"
    wh.parent.mkdir()
    return raw, wh


def test_8_and_11_the_cli_says_so_with_exit_code_5(tmp_path):
    raw, wh = _one_article_and_a_warehouse_path(tmp_path)
    _ingest(raw, wh.with_name("communique.work.duckdb"))
    (raw / "a.txt").unlink()
    args, env = build_command(raw, wh)
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 5, proc.stdout + proc.stderr
    assert "would remove 1 of the 1 documents" in proc.stderr and "--allow-removal" in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "build:       FAILED (the published warehouse was left as it was)" in proc.stdout


# 9 -------------------------------------------------------------------------------------

def test_9_a_killed_publish_leaves_temp_files_the_next_publish_removes(tmp_path):
    work = tmp_path / "work.duckdb"
    con = duckdb.connect(str(work))
    con.execute("create schema marts; create table marts.t as select 1 as x")
    con.close()
    target = tmp_path / "wh" / "communique.duckdb"
    target.parent.mkdir()
    stale = [target.with_name(f".communique.duckdb.{n}.1700000000000.tmp") for n in (11, 12)]
    for path in stale:
        path.write_bytes(b"half a database")
    stale[0].with_name(stale[0].name + ".wal").write_bytes(b"wal")
    assert warehouse.publish(work, target, schemas=("marts",)) == {"marts.t": 1}
    assert sorted(p.name for p in target.parent.iterdir()) == ["communique.duckdb"]


def test_9_dbt_target_folders_are_pruned_to_the_last_few(tmp_path):
    from orchestration.dbt import prune_targets

    old = time.time() - 3600
    for i in range(6):
        run = tmp_path / f"communique_dbt-abc{i}-def{i}"
        run.mkdir()
        (run / "dbt.log").write_text("log")
        os.utime(run / "dbt.log", (old + i, old + i))
        os.utime(run, (old + i, old + i))
    (tmp_path / "communique_dbt-now-1234567").mkdir()  # a build running now: the newest of the three kept
    (tmp_path / "partial_parse.msgpack").write_bytes(b"kept")
    removed = prune_targets(tmp_path, keep=3)
    assert sorted(p.name for p in removed) == [f"communique_dbt-abc{i}-def{i}" for i in range(4)]
    (tmp_path / "communique_dbt-abc4-def4" / "dbt.log").touch()  # its dbt wrote a moment ago: among the newest
    os.utime(tmp_path / "communique_dbt-now-1234567", (old, old))
    (tmp_path / "communique_dbt-new-7654321").mkdir()
    (tmp_path / "communique_dbt-newer-7654321").mkdir()
    assert sorted(p.name for p in prune_targets(tmp_path, keep=3)) == [
        "communique_dbt-abc5-def5", "communique_dbt-now-1234567"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "communique_dbt-abc4-def4", "communique_dbt-new-7654321", "communique_dbt-newer-7654321",
        "partial_parse.msgpack"]


def test_9_a_target_folder_another_build_pruned_meanwhile_is_passed_over(tmp_path, monkeypatch):
    """Two builds starting at once both prune: a folder one lists and the other removes before it
    is looked at is no error (it failed a build with FileNotFoundError)."""
    from orchestration.dbt import prune_targets

    old = time.time() - 3600
    for i in range(5):
        run = tmp_path / f"communique_dbt-abc{i}-def{i}"
        run.mkdir()
        os.utime(run, (old + i, old + i))
    gone = tmp_path / "communique_dbt-gone-1234567"
    listed, real_is_dir = sorted(tmp_path.glob("*-*")), Path.is_dir
    monkeypatch.setattr(Path, "glob", lambda self, pattern: iter([gone, *listed]))
    monkeypatch.setattr(Path, "is_dir", lambda self: self == gone or real_is_dir(self))
    assert sorted(p.name for p in prune_targets(tmp_path, keep=3)) == [
        "communique_dbt-abc0-def0", "communique_dbt-abc1-def1"]


def test_9_dbt_dies_with_the_build_that_started_it(tmp_path):
    from orchestration.dbt import BOUND_DBT

    # A parent that starts the wrapper (standing in for dbt with `sleep`) and is then killed.
    # It blocks TERM first, as a build process's threads may: the mask is inherited.
    code = textwrap.dedent(f"""
        import os, signal, subprocess, sys, time
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM])
        env = dict(os.environ, COMMUNIQUE_DBT_REAL="sleep")
        child = subprocess.Popen([{str(BOUND_DBT)!r}, "300"], env=env)
        print(child.pid, flush=True)
        time.sleep(300)
    """)
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    child_pid = int(parent.stdout.readline())
    time.sleep(0.5)
    assert Path(f"/proc/{child_pid}/cmdline").read_bytes().startswith(b"sleep")
    started = _proc_stat(child_pid)[1]
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    # The pid may be reused once the child is gone (pid_max is 32768 here and a test run
    # starts thousands of processes and threads): the child is the pid with its start time.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        state, start = _proc_stat(child_pid)
        if state in (None, "Z") or start != started:
            break
        time.sleep(0.05)
    else:
        os.kill(child_pid, signal.SIGKILL)
        raise AssertionError("the child outlived its parent")


def _proc_stat(pid: int) -> tuple[str | None, str | None]:
    """A process's state and start time (in clock ticks since boot), or (None, None) when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None, None
    return fields[0], fields[19]


# 10 ------------------------------------------------------------------------------------

def test_10_a_postgres_server_that_never_answers_times_out(tmp_path):
    from orchestration.serve.postgres import bounded_dsn

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted = []
    threading.Thread(target=lambda: [accepted.append(server.accept()) for _ in range(8)], daemon=True).start()
    port = server.getsockname()[1]
    wh = tmp_path / "communique.duckdb"
    con = duckdb.connect(str(wh))
    con.execute("create schema marts; create table marts.t as select 1 as x")
    con.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    env["COMMUNIQUE_POSTGRES_CONNECT_TIMEOUT"] = "2"
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "publish", "--warehouse", str(wh),
                           "--postgres", f"host=127.0.0.1 port={port} dbname=x user=y password=secret"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    server.close()
    assert proc.returncode == 6, proc.stderr
    assert "error: PostgreSQL: connection timeout expired" in proc.stderr and "secret" not in proc.stderr
    assert accepted, "the client never reached the server"
    dsn = bounded_dsn("host=db dbname=x")
    assert "connect_timeout=10" in dsn and "statement_timeout=300000" in dsn
    assert "connect_timeout=3" in bounded_dsn("host=db dbname=x connect_timeout=3")


# 11 ------------------------------------------------------------------------------------

def _cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "orchestration.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_11_a_warehouse_that_is_a_folder_is_refused_before_anything_runs(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(seed_text(0), encoding="utf-8")
    folder = tmp_path / "wh"
    folder.mkdir()
    proc = _cli("build", "--raw-dir", str(raw), env_extra={"COMMUNIQUE_WAREHOUSE": str(folder)})
    assert proc.returncode == 3
    assert proc.stderr.strip().splitlines()[-1] == (
        f"error: {folder} is a folder; --warehouse or COMMUNIQUE_WAREHOUSE must name a file, "
        f"e.g. {folder / 'communique.duckdb'}")
    assert list(folder.iterdir()) == []


def test_11_bad_options_and_bugs_are_one_line_with_their_own_exit_codes(tmp_path):
    huge = _cli("query", "statements", "--limit", "9223372036854775808")
    assert huge.returncode == 2 and "Traceback" not in huge.stderr and "--limit" in huge.stderr
    missing = _cli("build", "--raw-dir", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert missing.returncode == 3 and "landing folder" in missing.stderr and "Traceback" not in missing.stderr
    bad_wait = _cli("build", "--raw-dir", str(tmp_path), "--warehouse", str(tmp_path / "w.duckdb"),
                    env_extra={"COMMUNIQUE_LOCK_WAIT": "soon"})
    assert bad_wait.returncode == 3 and "COMMUNIQUE_LOCK_WAIT='soon' is not a number" in bad_wait.stderr
    assert bad_wait.stderr.strip().splitlines() == [
        "error: COMMUNIQUE_LOCK_WAIT='soon' is not a number of seconds"]
    not_a_db = tmp_path / "broken.duckdb"
    not_a_db.write_bytes(b"not a database" * 100)
    broken = _cli("report", "--warehouse", str(not_a_db))
    assert broken.returncode == 1 and len(broken.stderr.strip().splitlines()) == 1, broken.stderr
    assert broken.stderr.startswith("error: DuckDB: ") and "--debug" in broken.stderr
    assert f"traceback in {tmp_path / 'logs' / 'report.log'}" in broken.stderr
    assert "Traceback (most recent call last)" in (tmp_path / "logs" / "report.log").read_text(encoding="utf-8")
    debug = _cli("--debug", "report", "--warehouse", str(not_a_db))
    assert debug.returncode == 1 and "Traceback (most recent call last)" in debug.stderr


def test_11_a_failed_step_is_one_line_naming_the_log_file_that_holds_its_traceback(tmp_path):
    raw, wh = _one_article_and_a_warehouse_path(tmp_path)
    wh.with_name("communique.work.duckdb").write_bytes(b"not a database" * 100)  # damaged: ingest fails
    args, env = build_command(raw, wh)
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    log = wh.parent / "logs" / "build.log"
    said = [line for line in proc.stderr.splitlines()
            if not line.startswith(("raw folder:", "warehouse:", "took "))]
    assert proc.returncode == 1 and len(said) == 1, proc.stderr
    assert said[0].startswith("step ingest_articles failed: ") and "not a valid DuckDB database file" in said[0]
    assert said[0].endswith(f"(traceback in {log}; --debug prints it)")
    assert "Stack Trace" not in proc.stderr + proc.stdout and "Traceback" not in proc.stderr + proc.stdout
    kept = log.read_text(encoding="utf-8")
    assert kept.startswith("--- step ingest_articles failed ---") and "Stack Trace:" in kept
    assert "orchestration/warehouse.py" in kept and "not a valid DuckDB database file" in kept


def test_11_the_summary_never_crashes(tmp_path):
    from orchestration.cli import build_summary
    from orchestration.config import Paths

    class FailedRun:
        """What a run that failed before any step reports: no events, no checks."""

        success = False
        all_events: list = []

        def get_asset_check_evaluations(self):
            raise RuntimeError("no checks were evaluated")

    (tmp_path / "wh").mkdir()
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database" * 100)
    summary = build_summary(FailedRun(), Paths(raw_dir=tmp_path, warehouse=broken, work_db=broken))
    lines = summary.splitlines()
    assert lines[0].startswith("files:       0 in folder")
    assert any(line.startswith("facts:       (not available:") for line in lines)
    assert any(line.startswith("dbt tests:   (not available: no checks were evaluated)") for line in lines)
    assert lines[-1] == "build:       FAILED (the published warehouse was left as it was)"
