"""Measure how fast an article is wrapped and laid out, the cost paid on every pane resize.

Run by hand: `.venv/bin/python benchmarks/bench_layout.py [--corpus DIR] [--chars N]`.

It builds a long article (10,000 characters by default) from the Markdown benchmark corpus
(`/tmp/bench/news/*.md`, its paragraphs taken in file order), or from the bundled raw page when
that corpus is missing, and prints: the line breaker alone on the whole text, a cold layout at
width 80 (caches cleared), a warm layout (the width seen before), a resize sweep over widths
40..160 done cold, and the breaker's throughput over a slice of the corpus.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from reader import layout
from reader.layout import LayoutOptions, layout_article
from reader.model import Article, Paragraph
from reader.text.linebreak import wrap

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "lvliang-renda-2021-10-page.txt"
_SPACE_NEAR_HAN = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")


def corpus_paragraphs(corpus: Path, limit_files: int) -> list[str]:
    """Paragraphs of the Markdown corpus (headings and blank lines skipped)."""
    paragraphs: list[str] = []
    for path in sorted(corpus.glob("*.md"))[:limit_files]:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                paragraphs.append(line)
    return paragraphs


def sample_paragraphs() -> list[str]:
    """Paragraphs of the bundled raw page, crudely cleaned."""
    raw = SAMPLE.read_text(encoding="utf-8")
    blocks = [b for b in re.split(r"\n\s*\n", raw) if b.strip()]
    return [_SPACE_NEAR_HAN.sub("", " ".join(b.split())) for b in blocks]


def build_article(paragraphs: list[str], chars: int) -> Article:
    """An article of about `chars` characters made of whole paragraphs."""
    chosen: list[Paragraph] = []
    total = 0
    index = 0
    while total < chars:
        text = paragraphs[index % len(paragraphs)]
        index += 1
        chosen.append(Paragraph(text))
        total += len(text)
    return Article(
        id="bench", title="基准测试文章：长文排版速度", source="bench", paragraphs=tuple(chosen)
    )


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best wall time in milliseconds."""
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        action()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/bench/news"))
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    if args.corpus.is_dir() and any(args.corpus.glob("*.md")):
        paragraphs = corpus_paragraphs(args.corpus, 200)
        origin = f"{args.corpus} (first 200 files)"
    else:
        paragraphs = sample_paragraphs()
        origin = str(SAMPLE)
    article = build_article(paragraphs, args.chars)
    body = article.body
    print(f"article: {len(body):,} chars in {len(article.paragraphs)} paragraphs from {origin}")

    def cold(width: int) -> Callable[[], object]:
        def run() -> object:
            layout._wrap_cached.cache_clear()
            return layout_article(article, LayoutOptions(width=width))

        return run

    median, best = timed(lambda: [wrap(p.text, 80) for p in article.paragraphs], args.repeat)
    print(f"wrap() of every paragraph, width 80:    median {median:6.2f} ms  best {best:6.2f} ms")
    median, best = timed(lambda: wrap(body.replace("\n", ""), 80), args.repeat)
    print(f"wrap() of the text as one paragraph:    median {median:6.2f} ms  best {best:6.2f} ms")
    median, best = timed(cold(80), args.repeat)
    print(f"layout_article, width 80, cold cache:   median {median:6.2f} ms  best {best:6.2f} ms")
    options = LayoutOptions(width=80)
    layout_article(article, options)
    median, best = timed(lambda: layout_article(article, options), args.repeat)
    print(f"layout_article, width 80, warm cache:   median {median:6.2f} ms  best {best:6.2f} ms")
    widths = range(40, 161)

    def sweep() -> None:
        for width in widths:
            cold(width)()

    median, _best = timed(sweep, 3)
    per = median / len(widths)
    print(f"resize sweep 40..160 (cold each width): {per:6.2f} ms per width")

    sample = corpus_paragraphs(args.corpus, 400) if args.corpus.is_dir() else paragraphs
    total = sum(len(p) for p in sample)
    begin = time.perf_counter()
    for text in sample:
        wrap(text, 80)
    elapsed = time.perf_counter() - begin
    print(f"throughput: {total:,} chars wrapped at width 80 in {elapsed * 1000:.0f} ms")
    print(f"            = {total / elapsed / 1e6:.2f} M chars/s")


if __name__ == "__main__":
    main()
