"""The corpus database, read side: its schema and versions, and `Library`, the read-only API.

A database is built by `reader.build`; nothing here imports it.
"""

from reader.store.library import Library, NotBuilt, Unreadable
from reader.store.schema import PIPELINE_VERSION, SCHEMA_VERSION, UnknownArticle

__all__ = [
    "PIPELINE_VERSION",
    "SCHEMA_VERSION",
    "Library",
    "NotBuilt",
    "UnknownArticle",
    "Unreadable",
]
