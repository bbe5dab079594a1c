"""Alembic migrations inside the package, run with a configuration built in code."""
