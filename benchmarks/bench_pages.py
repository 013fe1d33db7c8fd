"""Real newspaper pages in: generated PDF pages read through the PDF path and each extractor's text.

Run: `.venv/bin/python benchmarks/bench_pages.py [--pages 100] [--seed 0] [--no-build]
[--extractors pdftotext,pdftotext-layout,pdfminer,pypdf]`.

Typesets `--pages` newspaper pages as PDFs (`tests/unit/newspaper`: several layouts, 3–5
columns, headers, bylines), then reads every page back

- through the PDF path (`reader.ingest.pdf`, positions and sizes of the characters), and
- through the text that `pdftotext`, `pdftotext -layout`, pdfminer.six and pypdf print for it,
  parsed as page text the way `reader build` parses a `.txt` file (reading-order repair included,
  trained on that page alone: each page is scored as a one-page corpus),

and scores each against the clean articles the pages were made from: articles split exactly,
titles exact, bylines right (author, role and region), paragraphs whole, paragraph breaks kept,
column order, Han characters lost or added, header lines inside an article. Last, it times
`reader build` of the PDF pages on both cores: from an empty cache directory, from a cache
holding only jieba's and Yuedu's dictionary caches (pages per second of PDF ingest), and
again after one page is replaced (the rebuild parses that page only, and says so).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from newspaper import (  # noqa: E402
    EXTRACTORS,
    Scores,
    Truth,
    have_pdftotext,
    make_page,
    make_pages,
    score_page,
)

from reader.build.repairer import corpus_repairer  # noqa: E402
from reader.ingest.decode import clean  # noqa: E402
from reader.ingest.pipeline import SourceFile, parse_file  # noqa: E402
from reader.model import Article, RawArticle  # noqa: E402


def _page_lines(articles: list[Article]) -> list[str]:
    """Each page's header and footer lines once (the articles of a page share them)."""
    seen: dict[int, tuple[str, ...]] = {}
    for article in articles:
        if article.page is not None:
            seen.setdefault(article.page.number, article.page.lines)
    return [line for lines in seen.values() for line in lines]


def pdf_path(pages: list[tuple[Path, Truth]]) -> tuple[Scores, dict[str, Scores], float]:
    """Scores of the PDF path over all pages and by layout, and the seconds it took (one core,
    in this process)."""
    total = Scores()
    by_layout: dict[str, Scores] = {}
    start = time.perf_counter()
    for path, truth in pages:
        articles = parse_file(SourceFile(path, path.name))
        scores = score_page(truth, articles, _page_lines(articles))
        total += scores
        by_layout[truth.layout] = by_layout.get(truth.layout, Scores()) + scores
    return total, by_layout, time.perf_counter() - start


def parse_page_text(source: SourceFile) -> list[Article]:
    """A page's text parsed as `reader build` parses a `.txt` file, the page a corpus of its
    own: the repairer trained on it, and the parse taking what the training read."""
    read: dict[str, list[RawArticle]] = {}
    repairer = corpus_repairer([source], read)
    return parse_file(source, repairer, read.pop(source.name))


def text_path(pages: list[tuple[Path, object]], name: str, directory: Path) -> Scores:
    """Score one extractor's text of every page, each page read as a corpus of its own.

    A page's text is parsed the way `reader build` parses a `.txt` file, the reading-order
    repair included, but its model is trained on that page alone: the generated pages draw
    their sentences from one bank, and a model trained on many of them would have seen every
    sentence across every column seam, which no real corpus offers.
    """
    extract = EXTRACTORS[name]
    total = Scores()
    seconds = 0.0
    for path, truth in pages:
        text = path.with_name(f"{path.stem}.{name}.txt")
        text.write_text(clean(extract(path)), encoding="utf-8")
        source = SourceFile(text, text.name)
        start = time.perf_counter()
        articles = parse_page_text(source)
        seconds += time.perf_counter() - start
        total = total + score_page(truth, articles, _page_lines(articles))
    print(f"  ({seconds / len(pages):.2f} s a page to parse, one core)")
    return total


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


@dataclass(frozen=True)
class Timed:
    """Seconds on the clock, and CPU-seconds of the build and its workers (the clock is at
    the mercy of whatever else runs on the machine; CPU time much less so)."""

    wall: float
    cpu: float


def _build(corpus: Path, cache: Path) -> Timed:
    """Time `reader build` of a corpus (in a child process, so on both cores), with its cache
    in `cache`."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(
        [sys.executable, "-m", "reader", "--corpus", str(corpus), "build"],
        check=True,
        env=env,
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    return Timed(time.perf_counter() - start, _cpu() - cpu)


def _parsed(cache: Path) -> set[Path]:
    """The per-file parse results in a cache directory (one for each file parsed)."""
    return set(cache.rglob("parsed/*.pickle"))


@dataclass(frozen=True)
class BuildTimes:
    """Seconds of `reader build` on the PDF pages, and what the incremental one re-parsed."""

    cold: Timed
    """From an empty cache directory: jieba's dictionary cache is built too."""
    empty: Timed
    """From a cache holding only the dictionary caches: nothing of the corpus parsed."""
    incremental: Timed
    """After one page was replaced by another."""
    reparsed: int
    """Files parsed by the incremental build (the changed one only, if the cache works)."""


def _dictionaries_only(directory: Path, suffix: str, cache: Path) -> None:
    """Fill `cache` with the dictionary caches alone: build one file of `directory` into it,
    then drop that file's parse."""
    warm_up = cache.with_name(cache.name + "-one")
    warm_up.mkdir()
    first = sorted(directory.glob(f"*{suffix}"))[0]
    (warm_up / first.name).write_bytes(first.read_bytes())
    _build(warm_up, cache)
    for entry in _parsed(cache):
        entry.unlink()


def build_speed(directory: Path, replacement: bytes) -> BuildTimes:
    """Time `reader build` of the PDF pages in `directory`: from an empty cache directory, from
    a cache holding only the dictionary caches, and again after replacing one page."""
    with tempfile.TemporaryDirectory() as tmp:
        cold = _build(directory, Path(tmp) / "cold")
        cache = Path(tmp) / "warm"
        _dictionaries_only(directory, ".pdf", cache)
        empty = _build(directory, cache)
        before = _parsed(cache)
        changed = sorted(directory.glob("*.pdf"))[len(before) // 2]
        changed.write_bytes(replacement)
        incremental = _build(directory, cache)
        reparsed = len(_parsed(cache) - before)
    return BuildTimes(cold, empty, incremental, reparsed)


def text_build_speed(texts: Path, name: str) -> Timed:
    """Time `reader build` of one extractor's text of every page (a corpus of `.txt` files,
    each read through the raw-text path with the reading-order repair trained on them all),
    from a cache holding only the dictionary caches."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for text in sorted(texts.glob(f"*.{name}.txt")):
            (corpus / text.name).write_bytes(text.read_bytes())
        cache = Path(tmp) / "cache"
        _dictionaries_only(corpus, ".txt", cache)
        return _build(corpus, cache)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-build", action="store_true", help="skip the build timing")
    parser.add_argument(
        "--extractors",
        default=",".join(EXTRACTORS),
        help="the extractors whose text is scored, comma-separated (default: all; none: '')",
    )
    args = parser.parse_args()
    names = [name for name in args.extractors.split(",") if name]
    for name in names:
        if name not in EXTRACTORS:
            parser.error(f"unknown extractor {name!r} (known: {', '.join(EXTRACTORS)})")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "pdf"
        directory.mkdir()
        pages = []
        start = time.perf_counter()
        for number, (data, truth) in enumerate(make_pages(args.pages, args.seed)):
            path = directory / f"page-{number:03d}.pdf"
            path.write_bytes(data)
            pages.append((path, truth))
        made = time.perf_counter() - start
        articles = sum(len(t.articles) for _, t in pages)
        layouts = ", ".join(
            f"{n} {layout}" for layout, n in Counter(t.layout for _, t in pages).items()
        )
        print(
            f"{args.pages} pages ({layouts}; 3-5 columns), {articles} articles, "
            f"typeset in {made:.1f} s (seed {args.seed})"
        )
        scores, by_layout, seconds = pdf_path(pages)
        print(f"\nPDF path ({args.pages / seconds:.1f} pages/s on one core, in-process)")
        print(scores.report())
        for layout, mine in by_layout.items():
            r = mine.ratios()
            print(
                f"    {layout:8} split {r['split_exact']:6.1%}  titles {r['titles_exact']:6.1%}  "
                f"bylines {r['bylines_right']:6.1%}  order {r['ordered']:6.1%}"
            )
        texts = Path(tmp) / "text"
        texts.mkdir()
        for name in names:
            if name.startswith("pdftotext") and not have_pdftotext():
                print(f"\n{name}: skipped (pdftotext is not installed)")
                continue
            linked = []
            for path, truth in pages:
                target = texts / path.name
                if not target.exists():
                    target.symlink_to(path)
                linked.append((target, truth))
            print(f"\n{name} text")
            print(text_path(linked, name, texts).report())
        if not args.no_build:
            replacement, _ = make_page(args.seed * 100003 + args.pages + 1)
            times = build_speed(directory, replacement)
            cores = os.cpu_count()
            load = os.getloadavg()[0]
            print(f"\nreader build, {args.pages} PDF pages, {cores} cores (load {load:.1f}):")
            for label, timed in (
                ("from an empty cache directory", times.cold),
                ("dictionary caches only (no page)", times.empty),
            ):
                print(
                    f"  {label:34} {timed.wall:5.1f} s  {args.pages / timed.wall:5.1f} pages/s"
                    f"  ({timed.cpu:5.1f} CPU-s)"
                )
            print(
                f"  {'one page replaced, rebuilt':34} {times.incremental.wall:5.1f} s"
                f"  ({times.incremental.cpu:.1f} CPU-s; {times.reparsed} of {args.pages}"
                " pages parsed again)"
            )
            if "pdftotext" in names and have_pdftotext():
                timed = text_build_speed(texts, "pdftotext")
                print(
                    f"reader build, pdftotext's text of the {args.pages} pages (dictionary caches"
                    f" only): {timed.wall:.1f} s, {args.pages / timed.wall:.1f} pages/s"
                    f" ({timed.cpu:.1f} CPU-s)"
                )


if __name__ == "__main__":
    main()
