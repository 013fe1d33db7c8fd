"""Collecting a corpus: every file parsed, repaired, segmented and prepared for the index, in order.

Files are handed out in corpus order and their results taken back in the same order, so that
parsing, segmenting and writing overlap instead of running one after the other:

- a file whose result is cached is not parsed again (only prepared for the index, when asked);
- a file whose format is not repaired (Markdown, PDF) is parsed in a worker (`jobs`);
- page text is parsed here, with the repairer trained once on all the corpus's page text (the
  first time one is needed; the raw articles it read to train on are what each page file is
  then parsed from, so no page file is read twice), and its articles are segmented in a
  worker.

`collect_files` yields each file's `Collected` as soon as it and every file before it are done;
`collect` gathers them all, for callers that want the whole corpus at once.
"""

from __future__ import annotations

import contextlib
import functools
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.build import jobs
from reader.build.cache import Packed, PackedWords, load_cached, read_entry, repaired, store_cached
from reader.build.sources import Fingerprint, Source, Survey, survey
from reader.build.workers import Workers, finished, start_method
from reader.model import Article, RawArticle

if TYPE_CHECKING:
    from reader.ingest.pipeline import Repairer
    from reader.search import PreparedDoc

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while a build runs."""


@dataclass(frozen=True)
class Collected:
    """One file's articles (regions from bylines only), their packed words, and, when asked
    for, their rows for the search index."""

    articles: list[Article]
    words: list[Packed]
    prepared: list[PreparedDoc] = field(default_factory=list)


@dataclass
class _InFlight:
    """A file handed out: its cache key, what is known of it, and the work being done on it.

    `articles` is None while a worker parses the file; `known` holds the words read from the
    cache (None while they are being segmented)."""

    key: str
    articles: list[Article] | None
    known: list[Packed] | None
    done: Future[jobs.Done]


class _Collector:
    """Hands files out and takes their results back, in order (see the module's docstring)."""

    def __init__(self, sources: Survey, progress: Progress | None, prepare: bool) -> None:
        self.sources = sources
        self.progress = progress
        self.prepare = prepare
        self.finished = 0
        # Trained on the first page file that is not cached, then reused; the page files it
        # read on the way are parsed from what it read (each is taken once).
        self.read: dict[str, list[RawArticle]] = {}
        self.repairer: Callable[[], Repairer | None] = functools.cache(
            functools.partial(_corpus_repairer, sources, self.read)
        )

    def run(self, workers: Workers) -> Iterator[Collected]:
        pending: deque[_InFlight] = deque()
        total = len(self.sources.sources)
        for number, source in enumerate(self.sources.sources):
            pending.append(self.hand_out(source, workers))
            if self.progress:
                self.progress("parse", number + 1, total)
            while pending and pending[0].done.done():
                yield self.take_back(pending.popleft())
        # Every file is handed out: this process would only wait for the workers now.
        if self.sources.parallel:
            jobs.warm()
        while pending:
            yield self.take_back(pending.popleft())

    def hand_out(self, source: Source, workers: Workers) -> _InFlight:
        from reader.ingest.pipeline import parse_file

        cached = load_cached(source.key)
        if cached is not None:
            articles, known = cached
            if not self.prepare:
                nothing = jobs.Done(None, [None] * len(articles), [None] * len(articles))
                return _InFlight(source.key, articles, known, finished(nothing))
        elif not repaired(source.name):
            done = workers.submit(
                jobs.parse_segment_and_prepare, source.file, source.key, self.prepare
            )
            return _InFlight(source.key, None, None, done)
        else:
            repairer = self.repairer()
            raws = self.read.pop(source.file.name, None)
            articles, known = parse_file(source.file, repairer, raws), None
        work = [
            (jobs.search_doc(a), None if known is None else known[i])
            for i, a in enumerate(articles)
        ]
        done = workers.submit(jobs.segment_and_prepare, work, self.prepare)
        return _InFlight(source.key, articles, known, done)

    def take_back(self, flight: _InFlight) -> Collected:
        answer = flight.done.result()
        articles = flight.articles or []
        words = flight.known
        if answer.entry is not None:
            articles, words = read_entry(answer.entry)
        elif words is None:
            words = [w for w in answer.words if w is not None]
            with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
                store_cached(flight.key, articles, words)
        self.finished += 1
        if self.progress:
            self.progress("segment", self.finished, len(self.sources.sources))
        prepared = [p for p in answer.prepared if p is not None]
        return Collected(articles, words, prepared)


def _corpus_repairer(sources: Survey, read: dict[str, list[RawArticle]]) -> Repairer | None:
    from reader.build.repairer import corpus_repairer

    return corpus_repairer(sources.files, read)


def collect_files(
    sources: Survey, progress: Progress | None = None, *, prepare: bool = True
) -> Iterator[Collected]:
    """Each file's articles, words and index rows, in corpus order, as soon as they are ready.

    Worker processes are used when the corpus is large enough (`Survey.parallel`); before they
    are forked this process loads what they share, and once every file is handed out it loads
    what the end of a build needs (`jobs.warm`) while they finish.

    Args:
        sources: The corpus's sources (`reader.build.sources.survey`).
        progress: Optional progress callback (stages `parse` and `segment`).
        prepare: Prepare each article for the search index (`reader.search.prepare`).

    Yields:
        One `Collected` per file, in corpus order.

    Raises:
        ReaderError: a file cannot be read, or is not in its format.
    """
    if sources.parallel and start_method() == "fork":
        jobs.preload()
    with Workers(sources.parallel) as workers:
        yield from _Collector(sources, progress, prepare).run(workers)


def collect(
    corpus: Path, progress: Progress | None = None
) -> tuple[list[Article], PackedWords, list[Fingerprint]]:
    """Every article of a corpus at once, with its jieba words (for benchmarks and tests).

    Args:
        corpus: The corpus file or directory.
        progress: Optional progress callback.

    Returns:
        The articles in corpus order (regions inferred where the byline names none), their
        words (unpacked as read), and the sources' fingerprints.
    """
    from reader.ingest.pipeline import infer_regions

    sources = survey(corpus)
    articles: list[Article] = []
    words: list[Packed] = []
    for collected in collect_files(sources, progress, prepare=False):
        articles += collected.articles
        words += collected.words
    fingerprints = [source.fingerprint for source in sources.sources]
    return infer_regions(articles), PackedWords(words), fingerprints
