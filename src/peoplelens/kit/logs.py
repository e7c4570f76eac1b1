"""Logs are events with fields, carrying the request id; JSON lines in production."""

from __future__ import annotations

import json
import logging
from typing import Any

from peoplelens.kit.context import request_id_var
from peoplelens.kit.telemetry import current_ids

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, *, trace_ids: bool = False) -> None:
        super().__init__()
        self.trace_ids = trace_ids

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
        }
        if self.trace_ids:
            out.update(current_ids())
        out.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self, *, trace_ids: bool = False) -> None:
        super().__init__()
        self.trace_ids = trace_ids

    def format(self, record: logging.LogRecord) -> str:
        fields = {k: v for k, v in vars(record).items() if k not in _STANDARD}
        if self.trace_ids:
            fields.update(current_ids())
        rid = fields.pop("request_id", None) or request_id_var.get()
        extra = " ".join(f"{k}={v}" for k, v in fields.items())
        line = f"{record.levelname:<7} {record.name} {record.getMessage()}"
        line += f" request_id={rid}" if rid else ""
        line += f" {extra}" if extra else ""
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(
    *, json_lines: bool, level: int = logging.INFO, trace_ids: bool = False
) -> None:
    """``trace_ids``: lines carry the current OpenTelemetry span's ids (``kit/telemetry.py``)."""
    handler = logging.StreamHandler()
    formatter = JsonFormatter if json_lines else TextFormatter
    handler.setFormatter(formatter(trace_ids=trace_ids))
    root = logging.getLogger("peoplelens")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    # HTTP client libraries log every URL they call at INFO; webhook receivers' URLs often carry
    # the receiver's secret (SECURITY.md), so only their warnings get through.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
