"""End-to-end build benchmark: `reader build` on a corpus against jieba alone on the same text.

Run: `.venv/bin/python benchmarks/bench_build.py [CORPUS]` (default `/tmp/bench/news`).
Every run starts from an empty cache directory (no parse cache, no database), holding only the
dictionary caches jieba and Yuedu write on their first run (with `--cold`, not even those: each
process then builds jieba's prefix dictionary from dict.txt, about 1.5 s). The jieba runs
segment exactly the texts the build segments (title, byline and body of every article) with
plain `jieba.Tokenizer.cut` on a pool of two processes (chunks as `segment_many` makes them):
the floor the issue sets. It is timed twice: returning each text's words as a list, and as one
joined string (what it costs to segment, without the parent unpickling every word).
`segment_many` itself, which remembers repeated runs of text, is timed too. Stages overlap in
the build (files are parsed while earlier ones are segmented and indexed), so the stage lines
give when each ended, from the start.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _plain_chunk(texts: list[str]) -> list[list[str]]:
    from reader.text.segment import tokenizer

    cut = tokenizer().cut
    return [list(cut(text)) for text in texts]


def _joined_chunk(texts: list[str]) -> list[str]:
    from reader.text.segment import tokenizer

    cut = tokenizer().cut
    return ["\x00".join(cut(text)) for text in texts]


def plain_jieba(texts: list[str], *, joined: bool = False) -> list[list[str]] | list[str]:
    """jieba's own `cut` on every core, chunked like `segment_many`: the issue's floor.

    With `joined`, each text's words come back as one string (joined by NUL), which spares the
    parent unpickling millions of short strings: the cost of segmenting alone.
    """
    from reader.build.workers import pool

    workers = os.cpu_count() or 1
    chunk = max(1, len(texts) // (workers * 8))
    cut: Callable[[list[str]], list[Any]] = _joined_chunk if joined else _plain_chunk
    with pool(workers) as processes:
        done = list(processes.map(cut, [texts[i : i + chunk] for i in range(0, len(texts), chunk)]))
    return [words for batch in done for words in batch]


def _one_process(texts: list[str]) -> dict[str, float]:
    """jieba's `cut` and Yuedu's segmenter (a fresh memory) in this process: k chars per CPU-s."""
    from reader.text import segment

    chars = sum(len(t) for t in texts)
    rates = {}
    for name, cut in (("jieba", segment.tokenizer().cut), ("yuedu", segment._Segmenter())):
        started = time.process_time()
        for text in texts:
            list(cut(text))
        rates[name] = chars / (time.process_time() - started) / 1000
    return rates


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


_DICTIONARIES: list[tuple[Path, bytes]] = []
"""jieba's dictionary cache and the segmenter's table (path in the cache directory, content)."""


def _fresh_cache(cold: bool) -> None:
    """A new, empty cache directory; unless `cold`, holding the dictionary caches that any
    earlier run of jieba (or of Yuedu) leaves behind, for the build and jieba alike."""
    home = Path(tempfile.mkdtemp(prefix="yuedu-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(home)
    if cold:
        return
    if not _DICTIONARIES:
        # Made by a child process: this one must still load its tables like any new process.
        code = "from reader.text import segment; segment.tokenizer(); segment.segmenter()"
        subprocess.run([sys.executable, "-c", code], check=True)
        made = [path for path in home.rglob("*") if path.is_file()]
        _DICTIONARIES.extend((path.relative_to(home), path.read_bytes()) for path in made)
        return
    for relative, content in _DICTIONARIES:
        (home / relative).parent.mkdir(parents=True, exist_ok=True)
        (home / relative).write_bytes(content)


def _print_build(
    total: float, chars: int, main_cpu: float, worker_cpu: float, marks: dict[str, float]
) -> None:
    print(
        f"reader build, end to end:           {total:6.1f} s  {chars / total / 1000:7.0f} k chars/s"
    )
    print(
        f"  CPU: {main_cpu:.1f} s in the process writing the database,"
        f" {worker_cpu:.1f} s in the workers"
    )
    print("  stages end at (they overlap; parse: the last file handed out or parsed):")
    for name in ("parse", "segment", "index", "themes"):
        print(f"    {name:8s} {marks.get(f'{name} end', 0.0):6.1f} s")
    print(f"    written, renamed:  {total:6.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("/tmp/bench/news"))
    parser.add_argument(
        "--build-only", action="store_true", help="time the build alone (no jieba runs)"
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="start every run without jieba's dictionary cache (as on a first run ever)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="time the build and both jieba runs N times, alternating, and report the medians",
    )
    args = parser.parse_args()
    corpus = args.corpus.resolve()

    _fresh_cache(args.cold)
    from reader.build import build, collect
    from reader.build.workers import segment_many
    from reader.paths import database_path

    marks: dict[str, float] = {}
    start = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        marks.setdefault(f"{stage} start", time.perf_counter() - start)
        if done >= total:
            marks[f"{stage} end"] = time.perf_counter() - start

    cpu_before = _cpu()
    report = build(corpus, force=True, progress=progress)
    total = time.perf_counter() - start
    main_cpu, worker_cpu = (
        after - before for after, before in zip(_cpu(), cpu_before, strict=True)
    )
    size = database_path(corpus).stat().st_size

    # The texts the build segmented, from a second, cached collect (no jieba run).
    articles, _, _ = collect(corpus)
    texts = [f"{a.title}\n{a.byline or ''}\n{a.body}" for a in articles]
    chars = sum(len(t) for t in texts)
    raw = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())

    if args.build_only:
        _print_build(total, chars, main_cpu, worker_cpu, marks)
        return
    _fresh_cache(args.cold)
    jieba_start = time.perf_counter()
    joined = plain_jieba(texts, joined=True)
    jieba_joined = time.perf_counter() - jieba_start
    _fresh_cache(args.cold)
    jieba_start = time.perf_counter()
    plain = plain_jieba(texts)
    jieba = time.perf_counter() - jieba_start
    assert joined == ["\x00".join(words) for words in plain]
    _fresh_cache(args.cold)
    memo_start = time.perf_counter()
    same = segment_many(texts) == plain
    memo = time.perf_counter() - memo_start
    del plain, joined
    per_process = _one_process(texts[:6000])
    rounds = {"build": [total], "jieba, lists": [jieba], "jieba, joined": [jieba_joined]}
    for _ in range(args.repeat - 1):
        _fresh_cache(args.cold)
        started = time.perf_counter()
        build(corpus, force=True)
        rounds["build"].append(time.perf_counter() - started)
        for name, joined_words in (("jieba, joined", True), ("jieba, lists", False)):
            _fresh_cache(args.cold)
            started = time.perf_counter()
            plain_jieba(texts, joined=joined_words)
            rounds[name].append(time.perf_counter() - started)

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {corpus} — {report.files} files, {report.articles} articles, {chars:,} chars")
    print(
        f"jieba alone, plain cut (2 cores):   {jieba:6.1f} s  {chars / jieba / 1000:7.0f} k chars/s"
        "  (word lists returned)"
    )
    print(
        f"jieba alone, words joined per text: {jieba_joined:6.1f} s"
        f"  {chars / jieba_joined / 1000:7.0f} k chars/s  (segmenting alone)"
    )
    print(
        f"segment_many alone (2 cores):       {memo:6.1f} s  {chars / memo / 1000:7.0f} k chars/s"
        f"  (same words: {same})"
    )
    _print_build(total, chars, main_cpu, worker_cpu, marks)
    print(
        "one process, first 6,000 texts:    "
        + ", ".join(f"{name} {rate:.0f} k chars/s" for name, rate in per_process.items())
    )
    if args.repeat > 1:
        print(f"over {args.repeat} alternating rounds (seconds, median [all]):")
        for name, times in rounds.items():
            listed = " ".join(f"{t:.1f}" for t in times)
            print(f"  {name:14s} {statistics.median(times):6.1f}  [{listed}]")
    print(f"database: {size / 1e6:.0f} MB = {size / raw:.2f} × the raw files ({raw / 1e6:.0f} MB)")
    print(f"peak RSS of this process (build + jieba run): {rss:.0f} MB")


if __name__ == "__main__":
    main()
