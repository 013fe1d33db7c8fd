"""A corpus's source files as a build sees them: fingerprints, cache keys and the work they hold."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reader.build.cache import cache_key, repaired
from reader.build.staleness import file_sha256
from reader.build.workers import runs_in_parallel
from reader.ingest.pipeline import SourceFile, corpus_files

Fingerprint = tuple[str, int, int, str]
"""A source as the `sources` table records it: name, size, modification time (ns), SHA-256."""


@dataclass(frozen=True)
class Source:
    """One source file, fingerprinted, with the key of its parsed articles in the cache."""

    file: SourceFile
    fingerprint: Fingerprint
    """What the database records of it, to tell later whether it changed."""
    key: str
    """Its entry in the per-file cache (`reader.build.cache`)."""

    @property
    def name(self) -> str:
        """Its name in the corpus (its path from the corpus directory)."""
        return self.file.name


@dataclass(frozen=True)
class Survey:
    """Every source of a corpus, in corpus order, and how much work they are.

    Attributes:
        sources: The sources.
        work: Their bytes, each weighted by its format's cost (a PDF's bytes cost more than
            text's), to decide whether other processes are worth starting.
    """

    sources: tuple[Source, ...]
    work: int

    @property
    def parallel(self) -> bool:
        """Whether the build should use worker processes."""
        return runs_in_parallel(self.work)

    @property
    def files(self) -> list[SourceFile]:
        """The source files, in corpus order."""
        return [source.file for source in self.sources]


def survey(corpus: Path) -> Survey:
    """Fingerprint every source of a corpus and key its cache entry.

    A file whose format is repaired (page text) is repaired with a model trained on all such
    files of the corpus, so its key includes their contents; other files are keyed by
    themselves alone.

    Raises:
        ReaderError: the corpus is missing or holds no source files.
    """
    from reader.ingest.formats import format_of

    files = corpus_files(corpus)
    fingerprints: list[Fingerprint] = []
    work = 0
    for file in files:
        stat = file.path.stat()
        fingerprints.append((file.name, stat.st_size, stat.st_mtime_ns, file_sha256(file.path)))
        work += round(stat.st_size * format_of(file.name).cost)
    corpus_key = hashlib.sha256(
        "".join(f[3] for f in fingerprints if repaired(f[0])).encode()
    ).hexdigest()
    sources = tuple(
        Source(file, fingerprint, cache_key(file.name, fingerprint[3], corpus_key))
        for file, fingerprint in zip(files, fingerprints, strict=True)
    )
    return Survey(sources, work)
