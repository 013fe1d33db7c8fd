"""Real newspaper pages in: generated PDF pages read through the PDF path and each extractor's text.

Run: `.venv/bin/python benchmarks/bench_pages.py [--pages 100] [--seed 0]`.

Typesets `--pages` newspaper pages as PDFs (`tests/unit/newspaper`: several layouts, 3–5
columns, headers, bylines), then reads every page back

- through the PDF path (`reader.ingest.pdf`, positions and sizes of the characters), and
- through the text that `pdftotext`, `pdftotext -layout`, pdfminer.six and pypdf print for it,
  parsed as page text the way `reader build` parses a `.txt` file (reading-order repair included,
  trained on that extractor's pages),

and scores each against the clean articles the pages were made from: articles split exactly,
titles exact, bylines right (author, role and region), paragraphs whole, paragraph breaks kept,
column order, Han characters lost or added, header lines inside an article. Last, it times
`reader build` on the PDF pages from an empty cache, on both cores: pages per second.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from newspaper import EXTRACTORS, Scores, have_pdftotext, make_pages, score_page  # noqa: E402

from reader.build.repairer import corpus_repairer  # noqa: E402
from reader.ingest.decode import clean  # noqa: E402
from reader.ingest.pipeline import SourceFile, parse_file  # noqa: E402
from reader.model import Article  # noqa: E402


def _page_lines(articles: list[Article]) -> list[str]:
    """Each page's header and footer lines once (the articles of a page share them)."""
    seen: dict[int, tuple[str, ...]] = {}
    for article in articles:
        if article.page is not None:
            seen.setdefault(article.page.number, article.page.lines)
    return [line for lines in seen.values() for line in lines]


def pdf_path(pages: list[tuple[Path, object]]) -> tuple[Scores, float]:
    total: Scores | None = None
    start = time.perf_counter()
    for path, truth in pages:
        articles = parse_file(SourceFile(path, path.name))
        scores = score_page(truth, articles, _page_lines(articles))
        total = scores if total is None else total + scores
    assert total is not None
    return total, time.perf_counter() - start


def text_path(pages: list[tuple[Path, object]], name: str, directory: Path) -> Scores:
    extract = EXTRACTORS[name]
    files = []
    for path, _ in pages:
        text = path.with_name(f"{path.stem}.{name}.txt")
        text.write_text(clean(extract(path)), encoding="utf-8")
        files.append(SourceFile(text, text.name))
    repairer = corpus_repairer(files)
    total: Scores | None = None
    for source, (_, truth) in zip(files, pages, strict=True):
        articles = parse_file(source, repairer)
        scores = score_page(truth, articles, _page_lines(articles))
        total = scores if total is None else total + scores
    assert total is not None
    return total


def build_speed(directory: Path, count: int) -> float:
    """Seconds for `reader build` of the PDF pages from an empty cache (both cores)."""
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as cache:
        env["XDG_CACHE_HOME"] = cache
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader", "--corpus", str(directory), "build"],
            check=True,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-build", action="store_true", help="skip the build timing")
    args = parser.parse_args()
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
        print(
            f"{args.pages} pages, {articles} articles, typeset in {made:.1f} s (seed {args.seed})"
        )
        scores, seconds = pdf_path(pages)
        print(f"\nPDF path ({args.pages / seconds:.1f} pages/s on one core, in-process)")
        print(scores.report())
        texts = Path(tmp) / "text"
        texts.mkdir()
        for name in EXTRACTORS:
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
            seconds = build_speed(directory, args.pages)
            print(
                f"\nreader build, {args.pages} PDF pages from an empty cache, {os.cpu_count()} "
                f"cores: {seconds:.1f} s, {args.pages / seconds:.1f} pages/s"
            )


if __name__ == "__main__":
    main()
