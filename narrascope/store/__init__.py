"""Storage: the protocol every backend implements (`protocol`), the factory that picks one by
URL (`factory`), the SQL both backends share (`sql/`), the two backends (`sqlite/`, `postgres/`)
and the vector indexes kept beside a database (`vectors/`).

May import: the core, and the indexes and lemmas of the stages whose state it keeps (`dedup`,
`text.templates`, `nlp.lemmas`). Never the service, analytics or a face.
"""
