"""Text stages: HTML extraction, text-level cleaning (boilerplate, captions, bylines, forwards,
repeated blocks, per-outlet templates), metadata written in the text, and language.

May import: the core (records, ids, pipeline) and each other. Never the store, the service,
analytics or a face.
"""
