"""narrascope: media monitoring of foreign-policy narratives."""

from narrascope.pipeline import Pipeline, Stage
from narrascope.records import Document, Entity, Failure, Figure, Quote, Theme
from narrascope.store.factory import open_store

__all__ = [
    "Document",
    "Entity",
    "Failure",
    "Figure",
    "Pipeline",
    "Quote",
    "Stage",
    "Theme",
    "open_store",
]
