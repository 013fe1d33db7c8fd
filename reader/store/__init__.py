"""The corpus database: one SQLite file per corpus in the user cache directory.

`builder` makes it (atomically, when sources change), `library` reads it, `schema` holds the
layout and versions, `cache` the per-file parse cache.
"""

from reader.store.builder import build, collect, is_stale
from reader.store.library import Library
from reader.store.schema import (
    PIPELINE_VERSION,
    SCHEMA_VERSION,
    BuildReport,
    Progress,
    UnknownArticle,
)

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
