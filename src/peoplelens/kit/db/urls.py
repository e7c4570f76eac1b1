"""Database URLs as users paste them, turned into the URL of the driver this project ships."""

from __future__ import annotations

_POSTGRES_SCHEMES = ("postgres", "postgresql")


def normalize_database_url(url: str) -> str:
    """``postgres://`` and ``postgresql://`` become ``postgresql+psycopg://``.

    A driver the user named (``postgresql+asyncpg://``…) is kept: they know their setup.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError("must be a URL such as sqlite:///./peoplelens.db or postgresql://host/db")
    base, plus, driver = scheme.partition("+")
    if base in _POSTGRES_SCHEMES:
        return f"postgresql+{driver if plus else 'psycopg'}://{rest}"
    if base == "sqlite":
        return url
    raise ValueError(f"unsupported database '{base}': use sqlite or postgresql")


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")
