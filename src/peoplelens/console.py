"""What every ``peoplelens`` command needs first: the settings and the tenant an operator
named, or the command's error (``cli.py`` and ``cli_data.py`` share them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from peoplelens.config import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from peoplelens.models import Tenant


def tenant_named(session: Session, slug: str) -> Tenant:
    """The tenant an operator named, or the command's error."""
    from peoplelens.tenants.service import find_tenant

    tenant = find_tenant(session, slug)
    if tenant is None:
        raise click.ClickException(f"no tenant '{slug}'")
    return tenant


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
