"""Vector indexes over stored passage vectors, persisted beside an SQLite database: exact search,
an IVF index (faiss) proposing candidates, and the file pairs both are kept in.

May import: the core records and `store.sql.base`.
"""
