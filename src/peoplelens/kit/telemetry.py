"""OpenTelemetry, when wanted: a tracer provider exporting by OTLP (the ``otel`` extra) and the
current span's ids for the log lines (``kit/logs.py``).

Off by default: FastAPI's tracing hooks cost every request a few microseconds even when
nothing is exported (``app.py``). The API package alone (a FastAPI dependency) gives the ids of
spans that something else started; the SDK and exporter come with ``peoplelens[otel]``.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger("peoplelens.telemetry")

# Any of these set means an operator configured OpenTelemetry for this process.
_OTEL_SIGNALS = (
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_SERVICE_NAME",
)


def wanted(enabled: bool) -> bool:
    """PEOPLELENS_OTEL_ENABLED, or the standard OTEL_* variables."""
    return enabled or any(os.environ.get(name) for name in _OTEL_SIGNALS)


def configure_tracing() -> bool:
    """Installs an SDK tracer provider with an OTLP exporter, unless one is installed already
    (``opentelemetry-instrument``); False without the SDK (the ``otel`` extra)."""
    try:
        from opentelemetry import trace
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError:
        log.warning("otel.sdk_missing", extra={"install": "peoplelens[otel]"})
        return False
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return True
    provider = TracerProvider(
        resource=Resource.create(
            {"service.name": os.environ.get("OTEL_SERVICE_NAME", "peoplelens")}
        )
    )
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError:
        log.warning("otel.exporter_missing", extra={"install": "peoplelens[otel]"})
    else:
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    return True


def current_ids() -> dict[str, str]:
    """The current span's ``trace_id`` and ``span_id`` (hex), or nothing outside a span."""
    try:
        from opentelemetry import trace
    except ImportError:  # pragma: no cover - the API ships with FastAPI
        return {}
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return {}
    return {"trace_id": f"{context.trace_id:032x}", "span_id": f"{context.span_id:016x}"}
