"""Rules about the code base itself, checked so they cannot quietly erode."""

from __future__ import annotations

import ast
import importlib
import itertools
import pkgutil
import re
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Alias, BindParameter, Column, Delete, Table, Update
from sqlalchemy.sql import operators, visitors
from sqlalchemy.sql.elements import BinaryExpression, ColumnClause

from peoplelens.db import Database
from peoplelens.kit.db.prepared import Prepared, PreparedInsert
from peoplelens.kit.repository import TENANT_PARAM
from peoplelens.migrate import downgrade, upgrade
from peoplelens.models import Base
from tests.structure import SRC, cycles, import_graph


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


# -- layering --------------------------------------------------------------------------------

DOMAINS = (
    "audit",
    "auth",
    "boundary",
    "candidates",
    "events",
    "idempotency",
    "interviews",
    "jobs",
    "scim",
    "templates",
    "tenants",
    "web",
    "webhooks",
    "system",
)


def _imports(prefix: str) -> dict[str, set[str]]:
    return {name: deps for name, deps in import_graph().items() if name.startswith(prefix)}


def test_kit_imports_no_domain_model_or_app_module() -> None:
    """kit/ is plumbing: it is given protocols, it does not reach up."""
    offenders = {
        f"{name} -> {dep}"
        for name, deps in _imports("peoplelens.kit").items()
        for dep in deps
        if not dep.startswith("peoplelens.kit")
    }
    assert offenders == set()


def test_the_worker_imports_no_domain() -> None:
    """Domains register their tasks and services with the worker (worker/registry.py)."""
    offenders = {
        f"{name} -> {dep}"
        for name, deps in _imports("peoplelens.worker").items()
        for dep in deps
        if dep.split(".")[1] in DOMAINS
    }
    assert offenders == set()


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_cycle_finder_finds_one() -> None:
    """The check above can fail: a two-module loop is reported."""
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


# -- tenant scope -----------------------------------------------------------------------------

SCOPING_MODULE = SRC / "kit" / "repository.py"


def _compares_a_tenant(node: ast.Compare) -> bool:
    for side in (node.left, *node.comparators):
        if isinstance(side, ast.Attribute) and side.attr == "tenant_id":
            return True
        if (
            isinstance(side, ast.Attribute)
            and side.attr == "id"
            and isinstance(side.value, ast.Name)
            and side.value.id == "Tenant"
        ):
            return True
    return False


def test_no_tenant_comparison_outside_the_scoping_module() -> None:
    """``x.tenant_id == …`` or ``Tenant.id == …`` anywhere but kit/repository.py would be a
    second home of the tenant rule (an AST check: formatting cannot hide one)."""
    offenders = [
        f"{path.relative_to(SRC)}:{node.lineno}"
        for path in SRC.rglob("*.py")
        if path != SCOPING_MODULE and "migrations" not in path.parts
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Compare) and _compares_a_tenant(node)
    ]
    assert offenders == []


def _every_prepared_statement() -> list[Prepared]:
    """Every statement the service prepares: those its modules hold, and every variant of the
    candidate list page (built on first use for each combination of filters)."""
    found: list[Prepared] = []
    for info in pkgutil.walk_packages([str(SRC)], "peoplelens."):
        if ".migrations" not in info.name:
            module = importlib.import_module(info.name)
            found += [v for v in vars(module).values() if isinstance(v, Prepared)]
    from peoplelens.candidates import repository as candidates

    names = ("status", "job_id", "stage", "email", "external_id", "q", "created_after")
    for size in range(len(names) + 1):
        for chosen in itertools.combinations(names, size):
            for extra in ((), ("updated_after",), ("cursor",), ("updated_after", "cursor")):
                found.append(candidates._list_page(frozenset((*chosen, *extra))))
                found.append(candidates._list_count(frozenset((*chosen, *extra))))
    return [p for p in found if not isinstance(p, PreparedInsert)]


def _unscoped_tables(statement: Any) -> set[str]:
    """The tenant-owned tables (or aliases) a statement touches without ``tenant_id =
    :tenant_id`` on that very table (for ``tenants``: ``id = :tenant_id``)."""
    froms: set[Any] = set()
    scoped: set[Any] = set()
    if isinstance(statement, Update | Delete):
        froms.add(statement.table)
    for element in visitors.iterate(statement):
        if isinstance(element, Table | Alias):
            froms.add(element)
        if isinstance(element, BinaryExpression) and element.operator is operators.eq:
            for col, other in ((element.left, element.right), (element.right, element.left)):
                if (
                    isinstance(other, BindParameter)
                    and other.key == TENANT_PARAM
                    and isinstance(col, Column | ColumnClause)
                ):
                    table: Any = col.table
                    base = getattr(table, "element", table)
                    if col.name == "tenant_id" or (base.name == "tenants" and col.name == "id"):
                        scoped.add(table)

    def owned(table: Any) -> bool:
        base = getattr(table, "element", table)
        return isinstance(base, Table) and ("tenant_id" in base.c or base.name == "tenants")

    return {getattr(t, "name", str(t)) for t in froms if owned(t) and t not in scoped}


def test_every_prepared_statement_scopes_every_tenant_table() -> None:
    """Not just one table per statement: each tenant-owned table (joins, subqueries, aliases
    included) carries the scope, so a join can never reach another tenant's rows."""
    statements = _every_prepared_statement()
    assert len(statements) > 100  # the module-level statements and every list variant
    offenders = {
        str(p.statement.compile())[:120]: sorted(_unscoped_tables(p.statement))
        for p in statements
        if _unscoped_tables(p.statement)
    }
    assert offenders == {}


def test_scope_check_finds_a_missing_scope() -> None:
    """The check above can fail: a join whose second table is unscoped is reported."""
    from sqlalchemy import select

    from peoplelens.kit.repository import tenant_scope
    from peoplelens.models import Candidate, Job

    leaky = select(Candidate.id, Job.title).join(Job, Job.id == Candidate.job_id)
    assert _unscoped_tables(leaky.where(tenant_scope(Candidate))) == {"jobs"}
    assert _unscoped_tables(leaky.where(tenant_scope(Candidate), tenant_scope(Job))) == set()
