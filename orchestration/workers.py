"""Extraction on every core: a pool of worker processes fed documents in batches.

The pool knows nothing of what extraction does inside. Each worker runs an
initializer once when it starts (by default a warm-up call of the extraction entry
point, so whatever it loads lazily, such as a language model or reference tables,
is loaded once per process and not once per batch), then takes whole batches.
Results come back in input order, so the one writer inserts exactly what a
one-worker run inserts.
"""
from __future__ import annotations

import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice

WORKERS_ENV = "COMMUNIQUE_WORKERS"
DEFAULT_BATCH = 25  # documents per task: large enough to amortise pickling, small enough to balance

# One international sentence: enough to take every extraction stage through its first call.
WARM_UP_TEXT = ("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday, "
                "and said trade between the two countries reached $240 billion last year.")

Document = tuple[str, str, "date | None", "str | None"]  # document_id, body text, published date, dateline


@dataclass
class Extracted:
    """What one document yielded: its rows per raw fact table, or the error that stopped it."""

    document_id: str
    on_topic: bool | None
    facts: dict[str, list[dict]] = field(default_factory=dict)
    error: str | None = None
    detail: str | None = None


def worker_count(value: int | str | None = None) -> int:
    """Workers from the argument, else COMMUNIQUE_WORKERS, else one per core."""
    raw = value if value not in (None, "") else os.environ.get(WORKERS_ENV, "")
    if raw in (None, ""):
        return os.cpu_count() or 1
    try:
        n = int(raw)
    except ValueError:
        raise ValueError(f"{WORKERS_ENV} must be a whole number of worker processes, not {raw!r}") from None
    if n < 1:
        raise ValueError(f"{WORKERS_ENV} must be at least 1, not {n}")
    return n


def warm_up() -> None:
    """The default initializer: load the extraction code and whatever it loads on first use."""
    from .extract.document import extract_document

    extract_document(WARM_UP_TEXT, None, None)


def extract_batch(batch: list[Document]) -> list[Extracted]:
    """Run the extraction entry point on each document; one bad article never stops the others."""
    from .config import document_seconds
    from .extract.document import extract_document

    budget = document_seconds()  # each document's time budget (COMMUNIQUE_DOC_SECONDS)
    out = []
    for doc_id, text, published, dateline in batch:
        try:
            on_topic, facts = extract_document(text, published, dateline, budget_s=budget)
            out.append(Extracted(doc_id, on_topic, facts))
        except Exception as err:
            out.append(Extracted(doc_id, None, {}, f"{type(err).__name__}: {err}",
                                 traceback.format_exc(limit=3)))
    return out


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_in_order(docs: Iterable[Document], workers: int | None = None, batch_size: int = DEFAULT_BATCH,
                     initializer: Callable[[], None] | None = warm_up) -> Iterator[list[Extracted]]:
    """Batches of results, in the order the documents came in.

    With one worker everything runs in this process. With more, a spawned pool (no
    inherited DuckDB handles or threads) keeps at most two batches per worker in
    flight, so memory stays bounded however many documents are pending.
    """
    n = worker_count(workers)
    pending = batches(docs, batch_size)
    head = list(islice(pending, 2))
    if n == 1 or len(head) < 2:
        # one worker, or one batch (a few new articles): starting processes that each load the
        # language model would cost more than the batch itself. The initializer runs here
        # first, so no document's time budget pays for loading the model.
        if head and initializer is not None:
            initializer()
        for batch in chain(head, pending):
            yield extract_batch(batch)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"), initializer=initializer) as pool:
        in_flight: deque = deque()
        for batch in chain(head, pending):
            in_flight.append(pool.submit(extract_batch, batch))
            if len(in_flight) >= 2 * n:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
