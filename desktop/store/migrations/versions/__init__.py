"""The database's migrations (Alembic loads them by file; a package so they install with it)."""
