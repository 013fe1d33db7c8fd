"""Whether a corpus database is stale: source sizes, times and hashes, and themes.toml."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

from reader.store import schema
from reader.store.schema import connect_ro


def _fingerprints(corpus: Path) -> list[tuple[str, int, int]]:
    from reader.ingest.pipeline import corpus_files

    result = []
    for source in corpus_files(corpus):
        stat = source.path.stat()
        result.append((source.name, stat.st_size, stat.st_mtime_ns))
    return result


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def themes_file(corpus: Path) -> Path:
    """The curated themes file of a corpus: in its directory, or beside a single-file corpus."""
    return (corpus if corpus.is_dir() else corpus.parent) / "themes.toml"


def themes_digest(corpus: Path) -> str:
    """The sha256 of the corpus's `themes.toml`, or "" when it has none."""
    path = themes_file(corpus)
    try:
        return file_sha256(path) if path.is_file() else ""
    except OSError:
        # Unreadable now: a value no build records, so the database counts as stale.
        return "unreadable"


def _stored_sources(db: Path, corpus: Path) -> dict[str, tuple[int, int, str]] | None:
    """The sources recorded in an existing database, or None if it is missing or unusable.

    None also when the corpus's `themes.toml` differs from the one it was built with.
    """
    if not db.exists():
        return None
    try:
        with contextlib.closing(connect_ro(db)) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if (meta.get("schema"), meta.get("pipeline")) != (
                str(schema.SCHEMA_VERSION),
                schema.PIPELINE_VERSION,
            ):
                return None
            if meta.get("themes") != themes_digest(corpus):
                return None
            rows = conn.execute("SELECT name, size, mtime_ns, sha256 FROM sources").fetchall()
    except sqlite3.Error:
        return None
    return {name: (size, mtime, sha) for name, size, mtime, sha in rows}


def is_stale(corpus: Path, db: Path) -> bool:
    """Whether the database is missing, of another schema, or older than any source file.

    A `themes.toml` added, edited or removed since the build also makes it stale. Sizes and
    modification times are compared first; a file whose stat changed is hashed, so that touching
    a file without changing it does not force a rebuild.
    """
    stored = _stored_sources(db, corpus)
    if stored is None:
        return True
    current = _fingerprints(corpus)
    if {name for name, _, _ in current} != set(stored):
        return True
    for name, size, mtime in current:
        old_size, old_mtime, old_sha = stored[name]
        if (size, mtime) == (old_size, old_mtime):
            continue
        path = corpus / name if corpus.is_dir() else corpus
        if size != old_size or file_sha256(path) != old_sha:
            return True
    return False
