"""What limits the reading of extractors' page text: two measurements behind docs/extracted.md.

Run: `.venv/bin/python benchmarks/pages_analysis.py [--pages 100] [--seed 0]
[--extractor pdftotext]`.

Typesets the pages `benchmarks/bench_pages.py` typesets (same seeds), extracts each page's
text and then, for that extractor,

- **the seams' ceiling**: parses every page twice, as `reader build` would and again with every
  true mid-sentence seam (two lines read one after the other in the truth, the first not ending
  a sentence) given the score of a dictionary word spanning it, and prints the articles split
  exactly both ways. The difference bounds what a better language model at the seams (jieba's
  dictionary finds a word across about 41 % of true mid-sentence seams) could bring; what is
  left is the structure of the extractor's order;
- **the column pieces**: how many pieces the columns step (`extracted_blocks`) makes, and how
  many are impure (not a run of one article's consecutive lines: no reading of them is
  right);
- **the extractor's order**: how often a column's lines come out of its order, and how often
  two lines of one multi-line block are not one column's consecutive lines.

This reaches into `reader.ingest.extracted` (it wraps `_bodies` to see the pieces, and
`SeamScorer.words` for the ceiling): an analysis, not a contract.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from bench_pages import _page_lines, parse_page_text  # noqa: E402
from newspaper import EXTRACTORS, Scores, Truth, make_pages, score_page  # noqa: E402
from newspaper.score import han  # noqa: E402

import reader.ingest.extracted as extracted  # noqa: E402
from reader.ingest import extracted_shape  # noqa: E402
from reader.ingest.decode import clean  # noqa: E402
from reader.ingest.pipeline import SourceFile  # noqa: E402

SENTENCE_END = "。！？"


def _score(path: Path, truth: Truth) -> Scores:
    """The page's text parsed as `reader build` parses a `.txt` file, scored as
    `bench_pages.py` scores it."""
    articles = parse_page_text(SourceFile(path, path.name))
    return score_page(truth, articles, _page_lines(articles))


def _next_lines(truth: Truth) -> dict[str, str]:
    """Each body line's Han characters → the next line's, in the truth's reading order."""
    out: dict[str, str] = {}
    for lines in truth.lines:
        for line, after in itertools.pairwise(lines):
            out[han(line.text)] = han(after.text)
    return out


@contextmanager
def _true_seams_as_words(truth: Truth) -> Iterator[None]:
    """Score every true mid-sentence seam of the page at least as a dictionary word."""
    following = _next_lines(truth)
    original = extracted_shape.SeamScorer.words

    def words(self: extracted_shape.SeamScorer, left: str, right: str) -> float:
        known = original(self, left, right)
        if following.get(han(left)) == han(right) and left.rstrip("”")[-1:] not in SENTENCE_END:
            return max(known, extracted_shape.SPAN_WORD)
        return known

    extracted_shape.SeamScorer.words = words  # type: ignore[method-assign]
    try:
        yield
    finally:
        extracted_shape.SeamScorer.words = original  # type: ignore[method-assign]


@dataclass
class _Seen:
    """What the parse of one page showed of its column lines and pieces."""

    units: list[Any]
    pieces: list[Any]


@contextmanager
def _watching() -> Iterator[list[_Seen]]:
    """While it lasts, keep the column lines and pieces of every extracted text parsed."""
    seen: list[_Seen] = []
    original: Callable[..., Any] = extracted._bodies

    def spy(page: Any, pieces: Any, stream: Any, groups: Any) -> Any:
        seen.append(_Seen(list(stream.units), list(pieces)))
        return original(page, pieces, stream, groups)

    extracted._bodies = spy  # type: ignore[assignment]
    try:
        yield seen
    finally:
        extracted._bodies = original  # type: ignore[assignment]


def _places(truth: Truth) -> dict[str, tuple[int, int, int]]:
    """Each body line's Han characters → (article, column, line number in the article)."""
    out: dict[str, tuple[int, int, int]] = {}
    for article, lines in enumerate(truth.lines):
        for number, line in enumerate(lines):
            out.setdefault(han(line.text), (article, line.column, number))
    return out


def _pure(places: Sequence[tuple[int, int, int] | None]) -> bool:
    """Whether a piece's lines are one article's consecutive lines (down one column, or on
    into the next where the extractor reads a band down its columns)."""
    if any(place is None for place in places):
        return False
    return all(
        b is not None and a is not None and b[0] == a[0] and b[2] == a[2] + 1
        for a, b in itertools.pairwise(places)
    )


@dataclass
class _Order:
    pieces: int = 0
    impure: int = 0
    out_of_order: int = 0
    block_pairs: int = 0
    block_pairs_split: int = 0


def _order(seen: _Seen, truth: Truth, into: _Order) -> None:
    """Count the page's pieces, impure pieces and breaks of the two rules of order."""
    places = _places(truth)
    where = [places.get(han(unit.text)) for unit in seen.units]
    for piece in seen.pieces:
        into.pieces += 1
        into.impure += not _pure([where[n] for n in piece.lines])
    last: dict[tuple[int, int], int] = {}
    for place in where:
        if place is None:
            continue
        into.out_of_order += last.get(place[:2], -1) > place[2]
        last[place[:2]] = place[2]
    for n in range(len(seen.units) - 1):
        unit, after = seen.units[n], seen.units[n + 1]
        if unit.block == after.block and unit.line != after.line:
            into.block_pairs += 1
            a, b = where[n], where[n + 1]
            into.block_pairs_split += not (a and b and a[:2] == b[:2] and b[2] == a[2] + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--extractor", default="pdftotext", choices=sorted(EXTRACTORS))
    args = parser.parse_args()
    extract = EXTRACTORS[args.extractor]
    plain, ceiling, order = Scores(), Scores(), _Order()
    with tempfile.TemporaryDirectory() as tmp:
        for number, (data, truth) in enumerate(make_pages(args.pages, args.seed)):
            pdf = Path(tmp) / f"page-{number:03d}.pdf"
            pdf.write_bytes(data)
            text = Path(tmp) / f"page-{number:03d}.{args.extractor}.txt"
            text.write_text(clean(extract(pdf)), encoding="utf-8")
            with _watching() as seen:
                plain += _score(text, truth)
            with _true_seams_as_words(truth):
                ceiling += _score(text, truth)
            if seen:
                _order(seen[-1], truth, order)
    p, c = plain.ratios(), ceiling.ratios()
    print(f"{args.extractor}, {args.pages} pages of seed {args.seed}")
    print("the seams' ceiling (true mid-sentence seams scored as a dictionary word):")
    for key, label in (
        ("split_exact", "articles split exactly"),
        ("bylines_right", "bylines right"),
        ("breaks_kept", "paragraph breaks kept"),
    ):
        print(f"  {label:24} {p[key]:6.1%} -> {c[key]:6.1%}")
    print(f"column pieces: {order.pieces}, impure {order.impure}")
    print(
        f"order: column lines out of their column's order {order.out_of_order}; "
        f"consecutive lines of one block {order.block_pairs}, "
        f"not one column's consecutive lines {order.block_pairs_split}"
    )


if __name__ == "__main__":
    main()
