"""Building a corpus database: the build lock, leftover temporaries, and the atomic build.

A build writes a temporary file and renames it into place, under an exclusive lock, so a killed
build leaves the previous database usable and two processes building at once never corrupt
anything.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import gc
import glob
import json
import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from reader.errors import ReaderError
from reader.model import Article
from reader.paths import database_path
from reader.store import schema
from reader.store.collect import collect, runs_in_parallel
from reader.store.schema import BuildReport, Progress, connect_ro
from reader.store.staleness import is_stale, themes_digest, themes_file

T = TypeVar("T")

if TYPE_CHECKING:
    from reader.model import Theme
    from reader.search import Indexer
    from reader.themes import CuratedThemes


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


def _write_paragraphs(conn: sqlite3.Connection, articles: list[Article]) -> None:
    """Write the paragraphs and repairs of some articles (those of one file, as they come)."""
    rows = []
    for a in articles:
        for original, paragraphs in ((0, a.paragraphs), (1, a.original)):
            for idx, p in enumerate(paragraphs):
                spans = "[" + ",".join([f"[{s.start},{s.end}]" for s in p.spans]) + "]"
                rows.append((a.id, original, idx, p.kind, p.text, spans))
    conn.executemany("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.executemany(
        "INSERT INTO repairs VALUES (?, ?, ?, ?, ?, ?)",
        [
            (a.id, i, m.fragment, m.source_index, m.target_index, m.score)
            for a in articles
            for i, m in enumerate(a.moves)
        ],
    )


def _write_articles(
    conn: sqlite3.Connection, articles: list[Article], regions: dict[int, str]
) -> None:
    """Write the articles' rows, with the regions inferred for those whose byline names none."""
    conn.executemany(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                n,
                a.title,
                a.byline,
                a.author,
                a.role,
                regions.get(n, a.region),
                int(a.region_inferred or n in regions),
                a.kicker,
                a.source,
                a.chars,
                schema.page_json(a.page),
            )
            for n, a in enumerate(articles)
        ],
    )


def _run_in_child(
    function: Callable[..., object],
    args: tuple[object, ...],
    sender: multiprocessing.connection.Connection,
) -> None:
    """Child side of `_Forked`: send back the result, or the error that stopped it."""
    try:
        sender.send(function(*args))
    except Exception as error:  # raised again in the parent, which reports it
        sender.send(error)
    finally:
        sender.close()


class _Forked(Generic[T]):
    """`function(*args)` computed beside the database writes: in a forked child (which inherits
    the arguments, so nothing is pickled but the result), or in-process, when asked for, if the
    corpus is small (`runs_in_parallel` of its `size` in bytes) or fork is unavailable
    (`segment.start_method`)."""

    def __init__(self, function: Callable[..., T], *args: object, size: int) -> None:
        self._function = function
        self._args = args
        self._child: multiprocessing.process.BaseProcess | None = None
        self._receiver: multiprocessing.connection.Connection | None = None
        from reader.text.segment import start_method

        # Forking costs tens of milliseconds; each job, about a second on the archive.
        if not runs_in_parallel(size) or start_method() != "fork":
            return
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        # Buffered output would be written twice, once by the child.
        sys.stdout.flush()
        sys.stderr.flush()
        self._child = context.Process(
            target=_run_in_child, args=(function, args, sender), daemon=True
        )
        self._child.start()
        sender.close()
        self._receiver = receiver

    def result(self) -> T:
        """The result (waits for the child).

        Raises:
            ReaderError: the child ended without an answer (killed).
        """
        if self._receiver is None:
            return self._function(*self._args)
        try:
            value = self._receiver.recv()
        except EOFError as error:
            name = getattr(self._function, "__name__", "a build step")
            raise ReaderError(f"{name} failed: its process ended early") from error
        finally:
            self.cancel()
        if isinstance(value, Exception):
            raise value
        found: T = value
        return found

    def cancel(self) -> None:
        """Stop the child if it is still running, and release the pipe."""
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
        if self._child is not None:
            if self._child.is_alive():
                self._child.terminate()
            self._child.join()
            self._child = None


def _extract_themes(
    articles: list[Article], words: Sequence[list[str]], curated: CuratedThemes | None
) -> list[Theme]:
    from reader import themes

    docs = [themes.ThemeDoc(a.id, a.title, a.body) for a in articles]
    return themes.extract_themes(docs, words, curated=curated)


def _warm() -> None:
    """Load the tables the end of a build needs (place names for regions, jieba's IDF and tags
    for themes), while the workers segment the first files: at the end nothing runs beside it."""
    from reader.ingest.regions import dictionary_places
    from reader.themes.lexicon import load_lexicon

    dictionary_places()
    load_lexicon()


def _write(
    conn: sqlite3.Connection,
    corpus: Path,
    collected: tuple[list[Article], Sequence[list[str]], list[tuple[str, int, int, str]]],
    indexer: Indexer,
    progress: Progress | None,
) -> None:
    """Write everything but the search index's articles, which `collect` has already added."""
    from reader import themes
    from reader.ingest.pipeline import inferred_regions

    articles, words, fingerprints = collected
    curated_path = themes_file(corpus)
    # Hashed before reading, so an edit during the build leaves the database stale, not wrong.
    curated_digest = themes_digest(corpus)
    curated = themes.load_curated(curated_path) if curated_path.is_file() else None
    # Themes and regions (left to this point by `collect`) are found in forked processes while
    # this one finishes the search index.
    size = sum(fingerprint[1] for fingerprint in fingerprints)
    found_themes = _Forked(_extract_themes, articles, words, curated, size=size)
    found_regions = _Forked(inferred_regions, articles, size=size)
    try:
        conn.executemany("INSERT INTO sources VALUES (?, ?, ?, ?)", fingerprints)
        if progress:
            progress("index", 0, 1)
        indexer.finish()
        if progress:
            progress("index", 1, 1)
        _write_articles(conn, articles, found_regions.result())
        if progress:
            progress("themes", 0, 1)
        found = found_themes.result()
    finally:
        found_themes.cancel()
        found_regions.cancel()
    conn.executemany(
        "INSERT INTO themes VALUES (?, ?, ?, ?)",
        [(t.name, n, json.dumps(list(t.keywords)), int(t.curated)) for n, t in enumerate(found)],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO theme_articles VALUES (?, ?, ?)",
        [
            (t.name, ident, weight)
            for t in found
            for ident, weight in zip(t.ids, t.weights or [1.0] * len(t.ids), strict=False)
        ],
    )
    if progress:
        progress("themes", 1, 1)
    meta = {
        "schema": str(schema.SCHEMA_VERSION),
        "pipeline": schema.PIPELINE_VERSION,
        "corpus": str(corpus),
        "built": str(time.time()),
        "themes": curated_digest,
    }
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


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
        ReaderError: the corpus is missing, empty, or a source file cannot be read.
    """
    from reader import search

    started = time.perf_counter()
    corpus = corpus.expanduser().resolve()
    db = database_path(corpus)
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
                    conn.executescript(schema.SCHEMA)
                    search.create_schema(conn)
                    indexer = search.Indexer(conn)
                    # The index and the paragraphs are written while the corpus is being
                    # segmented; the articles' rows wait for their regions.
                    collected = collect(
                        corpus,
                        progress,
                        index=indexer.add,
                        each_file=functools.partial(_write_paragraphs, conn),
                        regions=False,
                        while_waiting=_warm,
                    )
                    if not collected[0]:
                        raise ReaderError(f"{corpus}: no articles found (empty files?)")
                    _write(conn, corpus, collected, indexer, progress)
                # No VACUUM: the file is new and has no free pages; repacking it would save 5 %
                # of its size (half-full B-tree pages) for a second's work.
            finally:
                conn.close()
            os.replace(temporary, db)
        finally:
            temporary.unlink(missing_ok=True)
    return _report(db, started, built=True)


def _report(db: Path, started: float, *, built: bool) -> BuildReport:
    with contextlib.closing(connect_ro(db)) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        files = conn.execute("SELECT count(*) FROM sources").fetchone()[0]
        moves = conn.execute("SELECT count(*) FROM repairs").fetchone()[0]
    return BuildReport(articles, files, moves, time.perf_counter() - started, built)
