"""End-to-end build benchmark: `reader build` on a corpus against jieba alone on the same text.

Run: `.venv/bin/python benchmarks/bench_build.py [CORPUS]` (default `/tmp/bench/news`).
Both runs start from an empty cache directory (no parse cache, no database). The jieba run
segments exactly the texts the build segments (title, byline and body of every article) with
the same two-core `segment_many`; it is the floor of any build that ranks by jieba words.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path


def _fresh_cache() -> None:
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="yuedu-bench-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("/tmp/bench/news"))
    args = parser.parse_args()
    corpus = args.corpus.resolve()

    _fresh_cache()
    from reader.paths import database_path
    from reader.store import build, collect
    from reader.text.segment import segment_many

    marks: dict[str, float] = {}
    start = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        marks.setdefault(f"{stage} start", time.perf_counter() - start)
        if done >= total:
            marks[f"{stage} end"] = time.perf_counter() - start

    report = build(corpus, force=True, progress=progress)
    total = time.perf_counter() - start
    size = database_path(corpus).stat().st_size

    # The texts the build segmented, from a second, cached collect (no jieba run).
    articles, _, _ = collect(corpus)
    texts = [f"{a.title}\n{a.byline or ''}\n{a.body}" for a in articles]
    chars = sum(len(t) for t in texts)
    raw = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())

    _fresh_cache()
    jieba_start = time.perf_counter()
    segment_many(texts)
    jieba = time.perf_counter() - jieba_start

    def stage(name: str) -> float:
        return marks.get(f"{name} end", 0.0) - marks.get(f"{name} start", 0.0)

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {corpus} — {report.files} files, {report.articles} articles, {chars:,} chars")
    print(
        f"jieba segment_many alone (2 cores): {jieba:6.1f} s  {chars / jieba / 1000:7.0f} k chars/s"
    )
    print(
        f"reader build, end to end:           {total:6.1f} s  {chars / total / 1000:7.0f} k chars/s"
    )
    print(f"  parse + repair + reflow:  {marks.get('parse end', 0.0):6.1f} s")
    print(f"  jieba segmentation:       {stage('segment'):6.1f} s")
    print(f"  search index + vocabulary:{stage('index'):6.1f} s")
    print(f"  themes:                   {stage('themes'):6.1f} s")
    rest = total - marks.get("themes end", total)
    print(f"  write, VACUUM, rename:    {rest:6.1f} s")
    print(
        f"database: {size / 1e6:.0f} MB = {size / raw:.2f} × the raw files ({raw / 1e6:.0f} MB)"
    )
    print(f"peak RSS of this process (build + jieba run): {rss:.0f} MB")


if __name__ == "__main__":
    main()
