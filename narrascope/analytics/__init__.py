"""Read-side use-cases over one store: search in three modes, the analyst's queries (lists,
counts, series, network, partner balance), partner groups and topic discovery.

May import: the core, `store`, and the `nlp` parts a query needs (embedder, knowledge base, themes).
Never a face.
"""
