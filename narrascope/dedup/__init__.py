"""Dedup stages: exact and near-duplicate reprints (MinHash LSH) and stories (the same event in
several outlets, by embedding similarity in time). Their indexes are protocols the store fills.

May import: the core (records, ids, pipeline) and each other. Never the store, the service,
analytics or a face.
"""
