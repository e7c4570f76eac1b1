"""Rules about the code base itself, checked so they cannot quietly erode."""

from __future__ import annotations

import re
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from peoplelens.db import Database
from peoplelens.migrate import downgrade, upgrade
from peoplelens.models import Base

SRC = Path(__file__).resolve().parents[1] / "src" / "peoplelens"


def test_tenant_filter_lives_only_in_the_repository_base() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "repository.py" and path.parent.name == "kit":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"tenant_id\s*==", line):
                offenders.append(f"{path.relative_to(SRC)}:{number}")
    assert offenders == []


def test_services_never_commit() -> None:
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("service.py")
        if re.search(r"\.commit\(", p.read_text())
    ]
    assert offenders == []


def test_migrations_match_the_models(database_url: str) -> None:
    db = Database.connect(database_url)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        db.dispose()
    assert diff == []


def test_migrations_downgrade_and_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    upgrade(url)
    downgrade(url, "base")
    upgrade(url)
    db = Database.connect(url)
    try:
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        db.dispose()
