"""Persistence: SQLAlchemy models, the SQLite engine, queries, search and migrations."""
