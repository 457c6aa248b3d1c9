"""The PostgreSQL backend (psycopg 3): its schema migrations, its store, and a throw-away local
server for tests and benchmarks.

May import: the core, `store.protocol`, `store.sql`.
"""
