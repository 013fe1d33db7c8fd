"""The one place jieba is loaded: lazily, quietly, with its cache in the user cache directory."""

from __future__ import annotations

import logging
import math
import multiprocessing
import multiprocessing.pool
import os
import sys
import threading
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from reader.paths import cache_dir

_lock = threading.Lock()


@cache
def _tokenizer() -> Any:
    with _lock:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(directory)
        tokenizer.cache_file = "jieba.cache"
        tokenizer.initialize()
        return tokenizer


def tokenizer() -> Any:
    """The initialised jieba tokenizer (loads the dictionary on first call, about a second)."""
    return _tokenizer()


def words(text: str) -> list[str]:
    """Segment `text` with jieba's default (accurate) mode, HMM on."""
    return list(tokenizer().cut(text))


def search_words(text: str) -> list[str]:
    """Segment `text` for indexing: long words and their shorter dictionary parts."""
    return list(tokenizer().cut_for_search(text))


def is_loaded() -> bool:
    """Whether jieba has been loaded in this process (for start-up hygiene tests)."""
    return _tokenizer.cache_info().currsize > 0


MEMO_LIMIT = 400_000
"""Runs remembered per process: news repeats about a quarter of its text (datelines, names,
stock phrases), and a run is always cut the same way, so a remembered cut is reused."""


_PREFIX = 1.0
"""Marks a dictionary prefix that is not a word (a word's weight is a negative logarithm)."""


class _Segmenter:
    """jieba's accurate mode (HMM on), identical to `Tokenizer.cut`, about twice as fast.

    The same algorithm as jieba's `get_DAG`, `calc` and `__cut_DAG`, done in one pass with the
    logarithms of the dictionary's frequencies computed once (the same floating-point operations
    in the same order, so the same scores and ties), and each run's cut remembered.
    """

    def __init__(self) -> None:
        import jieba
        from jieba import finalseg

        tokenizer_ = tokenizer()
        # jieba's own patterns: `Tokenizer.cut` splits a text into runs of `han` characters, cuts
        # each run on its own and passes the rest through character by character (whitespace
        # whole), so cutting run by run gives exactly its answer.
        self._han = jieba.re_han_default
        self._skip = jieba.re_skip_default
        self._hmm = finalseg.cut
        self._freq: dict[str, int] = tokenizer_.FREQ
        logtotal = math.log(tokenizer_.total)
        self._unknown = 0.0 - logtotal
        # Word → log(frequency) - log(total), always negative; a prefix that is no word maps to
        # PREFIX: one lookup answers both of jieba's questions.
        self._weight = {w: math.log(f) - logtotal if f else _PREFIX for w, f in self._freq.items()}
        self._memo: dict[str, list[str]] = {}

    def _cut_run(self, run: str) -> list[str]:
        weight = self._weight
        n = len(run)
        score = [0.0] * (n + 1)
        best = [0] * n
        for k in range(n - 1, -1, -1):
            # Among the dictionary words starting at k, the one ending at x (inclusive) whose
            # route scores highest; on a tie the longer, as jieba's max over (score, x) does.
            top = None
            choice = k
            i = k
            frag = run[k]
            while i < n:
                w = weight.get(frag)
                if w is None:
                    break
                if w != _PREFIX:
                    value = w + score[i + 1]
                    if top is None or value >= top:
                        top = value
                        choice = i
                i += 1
                frag = run[k : i + 1]
            score[k] = self._unknown + score[k + 1] if top is None else top
            best[k] = choice
        out: list[str] = []
        buf = ""
        x = 0
        while x < n:
            y = best[x] + 1
            if y - x == 1:
                buf += run[x]
            else:
                if buf:
                    out += self._flush(buf)
                    buf = ""
                out.append(run[x:y])
            x = y
        if buf:
            out += self._flush(buf)
        return out

    def _flush(self, buf: str) -> list[str]:
        """Single characters in a row: one word, a dictionary word's characters, or the HMM's."""
        if len(buf) == 1:
            return [buf]
        if not self._freq.get(buf):
            return list(self._hmm(buf))
        return list(buf)

    def __call__(self, text: str) -> list[str]:
        out: list[str] = []
        memo = self._memo
        han = self._han
        for block in han.split(text):
            if not block:
                continue
            if han.match(block):
                cut = memo.get(block)
                if cut is None:
                    cut = self._cut_run(block)
                    if len(memo) < MEMO_LIMIT:
                        memo[block] = cut
                out += cut
            else:
                for part in self._skip.split(block):
                    if self._skip.match(part):
                        out.append(part)
                    else:
                        out += part
        return out


@cache
def segmenter() -> Callable[[str], list[str]]:
    """This process's accurate-mode segmenter: `words(text)` with a memory of repeated runs."""
    return _Segmenter()


def _segment_chunk(texts: list[str]) -> list[list[str]]:
    cut = segmenter()
    return [cut(text) for text in texts]


def segment_many(texts: Sequence[str], *, processes: int | None = None) -> list[list[str]]:
    """Segment many texts (accurate mode), in parallel on all cores when there is enough work.

    Args:
        texts: The texts to segment.
        processes: Worker processes; default is the number of CPUs. Small inputs stay in-process,
            since each worker pays about half a second to load the dictionary.

    Returns:
        One word list per text, in order (exactly what `words` returns for each).
    """
    total = sum(len(t) for t in texts)
    workers = processes or os.cpu_count() or 1
    if workers <= 1 or total < PARALLEL_CHARS:
        return _segment_chunk(list(texts))
    chunk = max(1, len(texts) // (workers * 8))
    batches = [list(texts[i : i + chunk]) for i in range(0, len(texts), chunk)]
    with pool(workers) as workers_pool:
        results = workers_pool.map(_segment_chunk, batches)
    return [words for batch in results for words in batch]


PARALLEL_CHARS = 400_000
"""Below this many characters, segmenting in-process beats starting workers."""


def pool(processes: int | None = None) -> multiprocessing.pool.Pool:
    """A pool of worker processes for segmenting (forked where that is safe, spawned on macOS).

    Args:
        processes: Worker processes; default is the number of CPUs.

    Returns:
        The pool (use it as a context manager).
    """
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    return context.Pool(processes or os.cpu_count() or 1)
