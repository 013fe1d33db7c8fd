"""The one place jieba is loaded: lazily, quietly, with its cache in the user cache directory."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
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


def _segment_chunk(texts: list[str]) -> list[list[str]]:
    cut = tokenizer().cut
    return [list(cut(text)) for text in texts]


def segment_many(texts: Sequence[str], *, processes: int | None = None) -> list[list[str]]:
    """Segment many texts (accurate mode), in parallel on all cores when there is enough work.

    Args:
        texts: The texts to segment.
        processes: Worker processes; default is the number of CPUs. Small inputs stay in-process,
            since each worker pays about half a second to load the dictionary.

    Returns:
        One word list per text, in order.
    """
    total = sum(len(t) for t in texts)
    workers = processes or os.cpu_count() or 1
    if workers <= 1 or total < 400_000:
        return _segment_chunk(list(texts))
    chunk = max(1, len(texts) // (workers * 8))
    batches = [list(texts[i : i + chunk]) for i in range(0, len(texts), chunk)]
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    with context.Pool(workers) as pool:
        results = pool.map(_segment_chunk, batches)
    return [words for batch in results for words in batch]
