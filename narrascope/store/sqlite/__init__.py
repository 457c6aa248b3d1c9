"""The embedded SQLite backend (the default): its schema migrations and its store.

May import: the core, `store.protocol`, `store.sql`.
"""
