"""Untrusted files are read in child processes with a memory cap, a CPU budget and a deadline.

A few kilobytes of PDF can decompress to gigabytes or loop for hours inside a reader library
(a security review made both); no check between pages stops that. So the reading runs in a
small pool of reader processes started from a clean fork server (no threads; the readers
imported once per process, not per file), each under ``RLIMIT_AS`` and, per file, a CPU
budget (``RLIMIT_CPU`` above what the process has used), and the caller stops waiting at the
deadline — then the pool is killed and started afresh on the next file. Whatever happens there
comes back as the file's result or as an :class:`UnreadableDocument` with a sentence — never
as a crash, a hang or an out-of-memory kill of the service.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Final, TypeVar

from peoplelens.documents import formats, text
from peoplelens.documents.errors import UnreadableDocument, UnsupportedFormat

log = logging.getLogger("peoplelens.documents")

MEMORY_BYTES: Final = 1536 * 1024 * 1024
READERS: Final = 2
JUDGE_SECONDS: Final = 20
EXTRACT_SECONDS: Final = 60

T = TypeVar("T")

_TOO_BIG = (
    "This file needs far more memory to read than any resume does (it may be built to "
    "exhaust the reader); it was not read. Export it again as a plain PDF or DOCX."
)
_TOO_SLOW = (
    "This file takes far longer to read than any resume does (it may be built to stall the "
    "reader); it was not read. Export it again as a plain PDF or DOCX."
)
_DAMAGED = "The file could not be read: it looks damaged. Save or export it again and upload it."


def _start_reader() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _limited(work: Callable[..., T], args: tuple[Any, ...], cpu_seconds: int) -> T:
    """In the reader: ``work`` with ``cpu_seconds`` more CPU than the process has used (past
    it the kernel stops the process), its failures made sentences."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (spent + cpu_seconds, resource.RLIM_INFINITY))
    try:
        return work(*args)
    except (UnreadableDocument, UnsupportedFormat):
        raise
    except MemoryError:
        raise UnreadableDocument(_TOO_BIG) from None
    except Exception as exc:  # a reader's own bug on a hostile file
        raise UnreadableDocument(f"{_DAMAGED} ({type(exc).__name__})") from None


class _Readers:
    """The pool, made on first use and made again after it was killed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["peoplelens.documents.text"])
                self._pool = ProcessPoolExecutor(
                    READERS, mp_context=context, initializer=_start_reader
                )
            return self._pool

    def kill(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        # A reader past its deadline is stopped now, not when its file ends (it may not).
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stops the readers (a stopping server): none outlives the process that made it."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_READERS = _Readers()


def close_readers() -> None:
    _READERS.close()


def _run(work: Callable[..., T], args: tuple[Any, ...], seconds: int) -> T:
    pool = _READERS.pool()
    try:
        future = pool.submit(_limited, work, args, seconds)
        return future.result(timeout=seconds)
    except FutureTimeout:
        log.warning("documents.reader_stopped", extra={"reason": "deadline"})
        _READERS.kill(pool)
        raise UnreadableDocument(_TOO_SLOW) from None
    except BrokenProcessPool:  # a reader killed by its CPU or memory limit
        log.warning("documents.reader_stopped", extra={"reason": "limit"})
        _READERS.kill(pool)
        raise UnreadableDocument(_TOO_SLOW) from None


def judge(data: bytes) -> formats.Inspection:
    """:func:`formats.inspect_document`, isolated (the upload's check)."""
    return _run(formats.inspect_document, (data,), JUDGE_SECONDS)


def extract_text(data: bytes, format_: str) -> str:
    """:func:`text.extract_text`, isolated (the background parse)."""
    return _run(text.extract_text, (data, format_), EXTRACT_SECONDS)
