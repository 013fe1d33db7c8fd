"""The corpus database: one SQLite file per corpus in the user cache directory.

`builder` makes it (atomically, when sources change), `library` reads it, `schema` holds the
layout and versions, `cache` the per-file parse cache.
"""

from reader.store.builder import build
from reader.store.collect import collect
from reader.store.library import Library
from reader.store.schema import (
    PIPELINE_VERSION,
    SCHEMA_VERSION,
    BuildReport,
    Progress,
    UnknownArticle,
)
from reader.store.staleness import is_stale

__all__ = [
    "PIPELINE_VERSION",
    "SCHEMA_VERSION",
    "BuildReport",
    "Library",
    "Progress",
    "UnknownArticle",
    "build",
    "collect",
    "is_stale",
]
