"""The command line (typer + rich): one module per command group, each a thin layer over the
service, the collectors, the read-side queries and the evaluations.

May import: the core, `ingest`, `store`, `analytics`, `collect`, `web`, `report`, `evaluation`,
`nlp.themepack`. Never a stage directly.
"""
