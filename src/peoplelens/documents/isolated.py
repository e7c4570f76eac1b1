"""Untrusted files are read in a child process with a memory cap, a CPU cap and a deadline.

A few kilobytes of PDF can decompress to gigabytes or loop for hours inside a reader library
(a security review made both); no check between pages stops that. So the reading runs in a
process forked from a clean fork server (no threads, the readers preloaded), under
``RLIMIT_AS`` and ``RLIMIT_CPU``, and is killed at its deadline. Whatever happens there comes
back as the file's result or as an :class:`UnreadableDocument` with a sentence — never as a
crash, a hang or an out-of-memory kill of the service.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Final, TypeVar

from peoplelens.documents import formats, text
from peoplelens.documents.errors import UnreadableDocument, UnsupportedFormat

log = logging.getLogger("peoplelens.documents")

MEMORY_BYTES: Final = 1536 * 1024 * 1024
JUDGE_SECONDS: Final = 20
EXTRACT_SECONDS: Final = 60

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["peoplelens.documents.text"])

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


def _child(conn: Connection, work: Callable[..., Any], args: tuple[Any, ...], cpu: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        conn.send(("ok", work(*args)))
    except (UnreadableDocument, UnsupportedFormat) as exc:
        conn.send(("refused", exc))
    except MemoryError:
        conn.send(("refused", UnreadableDocument(_TOO_BIG)))
    except Exception as exc:  # a reader's own bug on a hostile file
        conn.send(("refused", UnreadableDocument(f"{_DAMAGED} ({type(exc).__name__})")))
    finally:
        conn.close()


def _run(work: Callable[..., T], args: tuple[Any, ...], seconds: int) -> T:
    receive, send = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_child, args=(send, work, args, seconds), daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(seconds):
            log.warning("documents.reader_stopped", extra={"reason": "deadline"})
            raise UnreadableDocument(_TOO_SLOW)
        try:
            kind, value = receive.recv()
        except EOFError:  # killed by its limits before it could answer
            process.join(5)
            out_of_time = process.exitcode in (-signal.SIGXCPU, -signal.SIGKILL)
            log.warning("documents.reader_stopped", extra={"exit": process.exitcode})
            raise UnreadableDocument(_TOO_SLOW if out_of_time else _TOO_BIG) from None
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if kind == "refused":
        raise value
    result: T = value
    return result


def judge(data: bytes) -> formats.Inspection:
    """:func:`formats.inspect_document`, isolated (the upload's check)."""
    return _run(formats.inspect_document, (data,), JUDGE_SECONDS)


def extract_text(data: bytes, format_: str) -> str:
    """:func:`text.extract_text`, isolated (the background parse)."""
    return _run(text.extract_text, (data, format_), EXTRACT_SECONDS)
