"""Language stages: lemmas, entities and their linking to the knowledge base, quotes with speakers
and roles, figures, themes (with the theme pack analysts edit) and document embeddings.

May import: the core (records, ids, pipeline) and each other. Never the store, the service,
analytics or a face.
"""
