"""Schema versions: upgrade an older database after a backup, refuse one from a newer program."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect

from desktop.domain.errors import DomainError

from . import glance

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD_REVISION = glance.HEAD_REVISION


def alembic_config(connection=None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade(engine: Engine, backup=None) -> str | None:
    """Bring the database to head; returns the path of the backup taken before an upgrade.

    ``backup`` is called with a suggested file name before an existing database is changed.
    """
    current = current_revision(engine)
    if current is None and not is_empty(engine):
        raise DomainError("database_not_ours")
    if current is not None and current not in known_revisions():
        raise DomainError("database_newer", revision=current)
    head = head_revision()
    if current == head:
        return None
    taken = None
    if current is not None and backup is not None:
        taken = backup(f"升级前备份_{current}_{datetime.now():%Y%m%d%H%M%S}.db")
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    return taken
