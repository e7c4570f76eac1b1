"""Log lines carry the current OpenTelemetry span's ids when tracing is on (kit/telemetry.py),
and nothing of the kind when it is off."""

from __future__ import annotations

import json
import logging

import pytest
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

from peoplelens.kit import telemetry
from peoplelens.kit.logs import JsonFormatter, TextFormatter

TRACE, SPAN = 0x4BF92F3577B34DA6A3CE929D0E0E4736, 0x00F067AA0BA902B7


def _record() -> logging.LogRecord:
    return logging.makeLogRecord({"name": "peoplelens.test", "msg": "thing.done", "levelno": 20})


def test_log_lines_carry_the_span_ids() -> None:
    span = NonRecordingSpan(SpanContext(TRACE, SPAN, is_remote=True, trace_flags=TraceFlags(1)))
    with trace.use_span(span):
        line = json.loads(JsonFormatter(trace_ids=True).format(_record()))
        text = TextFormatter(trace_ids=True).format(_record())
        off = json.loads(JsonFormatter().format(_record()))
    assert line["trace_id"] == f"{TRACE:032x}" and line["span_id"] == f"{SPAN:016x}"
    assert f"trace_id={TRACE:032x}" in text and f"span_id={SPAN:016x}" in text
    assert "trace_id" not in off
    # Outside any span: no ids, not zeros.
    assert "trace_id" not in json.loads(JsonFormatter(trace_ids=True).format(_record()))


def test_wanted_by_the_setting_or_the_standard_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_SERVICE_NAME",
    ):
        monkeypatch.delenv(name, raising=False)
    assert not telemetry.wanted(False)
    assert telemetry.wanted(True)
    monkeypatch.setenv("OTEL_SERVICE_NAME", "peoplelens-eu")
    assert telemetry.wanted(False)
