"""Statements built once with SQLAlchemy Core, executed with the raw driver on hot paths.

The ORM session costs about a millisecond of CPU per request (unit of work, identity map,
BEGIN/ROLLBACK) and a quarter of one per statement; a primary-key read or a one-row insert
with the driver costs tens of microseconds. A :class:`Prepared` statement keeps the SQL in
SQLAlchemy (models, columns, the repository's tenant condition) and compiles it *once per
dialect* to the driver's SQL, together with SQLAlchemy's own bind and result processors for
each column — so values go in and come back exactly as through the ORM (UUIDs, UTC
datetimes, JSON) and a typo in a column is an import-time error, not a production one.
Used by the read lane (hot GETs) and the write lane (hot POST/PATCH), see ``reads.py`` and
``writes.py``, and by a session through ``transaction.SessionTx``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Insert, Label, Select, bindparam, insert, inspect
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

Processor = Callable[[Any], Any] | None


class Record:
    """A row read by name (``record.first_name``), standing in for a model instance: the
    presenters read attributes, so an ORM object and a record are both accepted."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict[str, Any]:
        return self._values

    def __repr__(self) -> str:
        return f"Record({self._values!r})"


def labelled(model: type[Any], prefix: str = "", *only: str) -> list[Label[Any]]:
    """A model's mapped columns (all, or ``only`` these), labelled ``<prefix><attribute>``."""
    keys = only or tuple(p.key for p in inspect(model).column_attrs)
    return [getattr(model, key).label(prefix + key) for key in keys]


def part(row: dict[str, Any], prefix: str) -> Record | None:
    """The ``prefix``-labelled columns of a joined row as a record; None if the join missed."""
    if row[prefix + "id"] is None:
        return None
    return Record({k.removeprefix(prefix): v for k, v in row.items() if k.startswith(prefix)})


@dataclass(frozen=True)
class Compiled:
    sql: str
    positional: bool
    bind_names: tuple[str, ...]
    bind_processors: Mapping[str, Processor]
    bind_defaults: Mapping[str, Any]  # values fixed in the statement (e.g. LIMIT 1)
    column_names: tuple[str, ...]
    result_processors: tuple[Processor, ...]

    def parameters(self, values: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        processed = {}
        for name in self.bind_names:
            value = values[name] if name in values else self.bind_defaults[name]
            proc = self.bind_processors[name]
            processed[name] = proc(value) if proc is not None and value is not None else value
        if self.positional:
            return tuple(processed[name] for name in self.bind_names)
        return processed

    def record(self, row: tuple[Any, ...]) -> dict[str, Any]:
        return {
            name: (proc(value) if proc is not None else value)
            for name, proc, value in zip(
                self.column_names, self.result_processors, row, strict=True
            )
        }


class Prepared:
    """A statement whose parameters are all named ``bindparam``s; compiled lazily per dialect.

    Any Core statement: a SELECT (its columns come back processed, by label) or an INSERT,
    UPDATE or DELETE (no rows back)."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: dict[str, Compiled] = {}

    def compiled(self, dialect: Dialect) -> Compiled:
        found = self._compiled.get(dialect.name)
        if found is None:
            found = self._compiled[dialect.name] = self._compile(dialect)
        return found

    def _compile(self, dialect: Dialect) -> Compiled:
        compiled = self.statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        if compiled.positional:
            names = tuple(compiled.positiontup or ())
        else:
            names = tuple(dict.fromkeys(compiled.binds))
        bind_processors = {
            name: compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in names
        }
        defaults = {n: compiled.binds[n].value for n in names if not compiled.binds[n].required}
        columns = (
            list(self.statement.selected_columns) if isinstance(self.statement, Select) else []
        )
        return Compiled(
            sql=str(compiled),
            positional=bool(compiled.positional),
            bind_names=names,
            bind_processors=bind_processors,
            bind_defaults=defaults,
            column_names=tuple(str(c.key) for c in columns),
            result_processors=tuple(
                c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns
            ),
        )


class PreparedInsert(Prepared):
    """``INSERT`` of one row of ``model``, every mapped column a parameter named by its
    attribute (``metadata_``, not ``metadata``) — except a column only the database fills (a
    server default and no Python default, e.g. ``events.position``), left out as the ORM
    leaves it out.

    :meth:`row` fills what the caller left out from the column's Python default — the raw
    driver knows nothing of SQLAlchemy's defaults — so an insert here stores what the ORM
    would have stored."""

    def __init__(self, model: type[Any]) -> None:
        attrs = inspect(model).column_attrs
        self.columns: dict[str, Column[Any]] = {
            a.key: a.columns[0]
            for a in attrs
            if a.columns[0].server_default is None or a.columns[0].default is not None
        }
        statement: Insert = insert(model.__table__).values(
            {column: bindparam(key, required=True) for key, column in self.columns.items()}
        )
        super().__init__(statement)

    def row(self, values: Mapping[str, Any]) -> dict[str, Any]:
        complete = dict(values)
        for key, column in self.columns.items():
            if key in complete:
                continue
            default = column.default
            if default is not None and getattr(default, "is_scalar", False):
                complete[key] = default.arg  # type: ignore[attr-defined]
            elif default is not None and getattr(default, "is_callable", False):
                complete[key] = default.arg(None)  # type: ignore[attr-defined]
            elif column.nullable:
                complete[key] = None
            else:
                raise KeyError(f"{column.table.name}.{column.name} needs a value")
        return complete
