"""The child process that reads untrusted files: its deadline and memory cap really stop
work (real processes, no stand-ins), and what it answers comes back."""

from __future__ import annotations

import time

import pytest

from peoplelens.documents import isolated
from peoplelens.documents.errors import UnreadableDocument, UnsupportedFormat
from tests.documents.render import pdf_lines


def test_a_reader_past_its_deadline_is_stopped() -> None:
    started = time.monotonic()
    with pytest.raises(UnreadableDocument, match="far longer to read"):
        isolated._run(time.sleep, (30,), 1)
    assert time.monotonic() - started < 10


def test_a_reader_past_its_memory_is_stopped() -> None:
    with pytest.raises(UnreadableDocument, match="far more memory"):
        isolated._run(bytearray, (4 * 1024**3,), 20)


def test_answers_and_refusals_come_back() -> None:
    data = pdf_lines(["Ada Example", "Skills", "Python"])
    assert isolated.judge(data).format == "pdf"
    assert "Python" in isolated.extract_text(data, "pdf")
    with pytest.raises(UnsupportedFormat):
        isolated.judge(b"\x7fELF\x02\x01\x01" + bytes(100))
    with pytest.raises(UnreadableDocument):
        isolated.judge(b"")
