"""The web faces: the JSON API, the server-rendered pages (Jinja2 + htmx), their words in Russian
and English, highlighting, exports, and the vendored static files.

May import: the core (records, views, service), `store`, `analytics`, `nlp.themepack`.
Never a stage directly.
"""
