"""Building a corpus database: under a lock, into a temporary file renamed into place when done.

A build writes a temporary file and renames it into place, under an exclusive lock, so a killed
build leaves the previous database usable and two processes building at once never corrupt
anything; a build that finds the database fresh after waiting for the lock does nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import glob
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.build.collect import Progress, collect_files
from reader.build.sources import survey
from reader.build.staleness import is_stale
from reader.build.write import Writer
from reader.errors import ReaderError
from reader.paths import database_path
from reader.store.schema import connect_ro

if TYPE_CHECKING:
    from reader.store import Library


class CannotWrite(ReaderError):
    """SQLite failed while writing a new database (the previous one, if any, is untouched)."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for `reader build` to print."""

    articles: int
    files: int
    moves: int
    seconds: float
    built: bool


@contextlib.contextmanager
def _build_lock(db: Path) -> Iterator[None]:
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_suffix(".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        # Exists, owned by someone else.
        return True
    return True


def sweep_temporaries(db: Path) -> list[Path]:
    """Delete temporary databases left beside `db` by builds whose process no longer exists.

    A build killed outright (SIGKILL, power loss) cannot remove its `<db>.<pid>.<tid>.tmp`, which
    may be as large as the database. Call this under the build lock; a temporary file of a
    process still running is kept, since that build may still be writing it.

    Args:
        db: The database path.

    Returns:
        The files deleted.
    """
    removed = []
    prefix = f"{db.name}."
    for path in db.parent.glob(f"{glob.escape(db.name)}.*.tmp"):
        pid_text, _, rest = path.name[len(prefix) : -len(".tmp")].partition(".")
        if not (pid_text.isdigit() and rest.isdigit()) or _is_running(int(pid_text)):
            continue
        with contextlib.suppress(FileNotFoundError):  # another sweeper got there first
            path.unlink()
            removed.append(path)
    return removed


CACHE_KIB = 256 * 1024
"""SQLite's page cache while building (the default 2 MB makes inserts read pages back)."""


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while the build holds the whole corpus in memory.

    Every full collection would walk all the articles built so far, again and again; the build
    makes no reference cycles worth collecting. Worker processes forked meanwhile inherit it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything allocated meanwhile is in the youngest generation, which the first
        # collection would walk whole: freezing and unfreezing moves it all to the oldest one
        # without walking it (most of it is freed when the build returns anyway).
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def build(corpus: Path, *, force: bool = False, progress: Progress | None = None) -> BuildReport:
    """Build or refresh the database of a corpus (a no-op when it is fresh and not forced).

    Args:
        corpus: The corpus file or directory.
        force: Rebuild even when the database is fresh.
        progress: Optional progress callback.

    Raises:
        ReaderError: the corpus is missing, empty, or a source file cannot be read; or SQLite
            cannot write the database (`CannotWrite`: a full disk, say).
    """
    started = time.perf_counter()
    corpus = corpus.expanduser().resolve()
    db = database_path(corpus)
    try:
        return _build(corpus, db, started, force=force, progress=progress)
    except sqlite3.Error as error:
        raise CannotWrite(f"{db}: the database cannot be written ({error})") from error


def _build(
    corpus: Path, db: Path, started: float, *, force: bool, progress: Progress | None
) -> BuildReport:
    if not force and not is_stale(corpus, db):
        return _report(db, started, built=False)
    with _build_lock(db):
        # Another process may have finished the same build while this one waited for the lock.
        if not force and not is_stale(corpus, db):
            return _report(db, started, built=False)
        sweep_temporaries(db)
        temporary = db.with_name(f"{db.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.unlink(missing_ok=True)
        try:
            conn = sqlite3.connect(temporary)
            try:
                conn.execute("PRAGMA journal_mode=OFF")
                conn.execute("PRAGMA synchronous=OFF")
                # Random inserts into paragraphs and the FTS5 segments: keep the pages in memory.
                conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
                with conn, _no_cycle_collection():
                    _fill(conn, corpus, progress)
                # No VACUUM: the file is new and has no free pages; repacking it would save 5 %
                # of its size (half-full B-tree pages) for a second's work.
            finally:
                conn.close()
            os.replace(temporary, db)
        finally:
            temporary.unlink(missing_ok=True)
    return _report(db, started, built=True)


def _fill(conn: sqlite3.Connection, corpus: Path, progress: Progress | None) -> None:
    """Write a corpus into an empty database: each file's rows while later files are being
    segmented, then what needs the whole corpus (the articles' rows wait for their regions)."""
    sources = survey(corpus)
    writer = Writer(conn)
    for collected in collect_files(sources, progress):
        writer.add(collected)
    if not writer.articles:
        raise ReaderError(f"{corpus}: no articles found (empty files?)")
    writer.finish(corpus, sources, progress)


def _report(db: Path, started: float, *, built: bool) -> BuildReport:
    with contextlib.closing(connect_ro(db)) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        files = conn.execute("SELECT count(*) FROM sources").fetchone()[0]
        moves = conn.execute("SELECT count(*) FROM repairs").fetchone()[0]
    return BuildReport(articles, files, moves, time.perf_counter() - started, built)


def open_library(corpus: Path, *, progress: Progress | None = None, force: bool = False) -> Library:
    """Build a corpus's database when it is missing or stale, then open it for reading.

    Args:
        corpus: The corpus file or directory.
        progress: Optional progress callback, while it is built.
        force: Rebuild even when the database is fresh.

    Raises:
        ReaderError: the corpus is missing, empty, or a source file cannot be read.
    """
    from reader.store import Library

    build(corpus, force=force, progress=progress)
    return Library.open(corpus)
