"""Alembic environment: always called with a connection handed over by desktop.store.schema."""
from alembic import context

from desktop.store.models import Base


def _include(obj, name, type_, reflected, compare_to):
    # FTS5 tables and their shadow tables are made by SQL of their own (desktop.store.sqlite).
    return not (type_ == "table" and name.startswith("search_fts"))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_object=_include,
)
with context.begin_transaction():
    context.run_migrations()
