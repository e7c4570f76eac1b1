"""Reading every table of the database, for tests that prove something is nowhere in it."""

from __future__ import annotations

import json

from sqlalchemy import JSON, LargeBinary, String, Text, select
from sqlalchemy.orm import Session

from peoplelens.models import Base


def scan(session: Session, needles: list[str]) -> list[str]:
    """Every text, JSON and binary column of every table, searched for each needle."""
    hits = []
    for table in Base.metadata.sorted_tables:
        cols = [
            c
            for c in table.columns
            if isinstance(c.type, (String, Text, JSON, LargeBinary))
            or c.type.__class__.__name__ in ("JSONB", "Variant")
        ]
        for row in session.execute(select(*cols)) if cols else []:
            blob = json.dumps(
                [v.decode("latin-1") if isinstance(v, bytes) else v for v in row], default=str
            ).lower()
            hits += [f"{table.name}: {n}" for n in needles if n.lower() in blob]
    return hits
