"""Statements built once with SQLAlchemy Core, executed with the raw driver on hot read paths.

The ORM session costs about a millisecond of CPU per request (unit of work, identity map,
BEGIN/ROLLBACK); a primary-key read with the driver costs tens of microseconds. A
:class:`PreparedSelect` keeps the statement in SQLAlchemy (models, columns, the repository's
tenant condition) and compiles it *once per dialect* to the driver's SQL, together with
SQLAlchemy's own bind and result processors for each column — so values come back exactly as
the ORM would give them (UUIDs, UTC datetimes, JSON) and a typo in a column is an import-time
error, not a production one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Label, Select, inspect
from sqlalchemy.engine import Dialect

Processor = Callable[[Any], Any] | None


class Record:
    """A row read by name (``record.first_name``), standing in for a model instance in the
    presenters (they take Protocols, so an ORM object and a record are both accepted)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

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
class CompiledRead:
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


class PreparedSelect:
    """A SELECT whose parameters are all named ``bindparam``s; compiled lazily per dialect."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._compiled: dict[str, CompiledRead] = {}

    def compiled(self, dialect: Dialect) -> CompiledRead:
        found = self._compiled.get(dialect.name)
        if found is None:
            found = self._compiled[dialect.name] = self._compile(dialect)
        return found

    def _compile(self, dialect: Dialect) -> CompiledRead:
        compiled = self.statement.compile(dialect=dialect)
        if compiled.positional:
            names = tuple(compiled.positiontup or ())
        else:
            names = tuple(dict.fromkeys(compiled.binds))
        bind_processors = {
            name: compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in names
        }
        defaults = {n: compiled.binds[n].value for n in names if not compiled.binds[n].required}
        columns = list(self.statement.selected_columns)
        return CompiledRead(
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
