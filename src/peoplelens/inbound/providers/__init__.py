"""The providers an inbound webhook may name (``/api/v1/inbound/{provider}``): each a module
with ``NAME`` and a pure ``parse(body) -> InboundChange`` (``inbound/change.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peoplelens.inbound.change import InboundChange
from peoplelens.inbound.providers import generic, recruitee
from peoplelens.kit.errors import NotFound

Parser = Callable[[Any], InboundChange]

PROVIDERS: dict[str, Parser] = {generic.NAME: generic.parse, recruitee.NAME: recruitee.parse}


def parser_of(name: str) -> Parser:
    found = PROVIDERS.get(name)
    if found is None:
        raise NotFound(
            f"No inbound provider '{name[:40]}'; use one of: {', '.join(sorted(PROVIDERS))}.",
            code="unknown_provider",
            param="provider",
        )
    return found
