"""The whole ingest: corpus files to clean articles with stable ids."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reader.errors import ReaderError
from reader.ingest import formats
from reader.ingest.reflow import (
    fragments_of,
    normalize_punctuation,
    reflow_blocks,
    reflow_paragraphs,
)
from reader.ingest.regions import region_finder
from reader.model import Article, Fragment, Move, Paragraph, RawArticle

Repairer = Callable[
    [Sequence[Sequence[Fragment]]], tuple[Sequence[Sequence[Fragment]], Sequence[Move]]
]
"""Reorders an article's fragments; returns the new blocks and the moves it made."""


@dataclass(frozen=True)
class SourceFile:
    """One file of a corpus: its path and its name relative to the corpus root."""

    path: Path
    name: str


def corpus_files(corpus: Path) -> list[SourceFile]:
    """The source files of a corpus (a file, or a directory searched recursively), sorted.

    Raises:
        ReaderError: the path does not exist or holds no readable source files.
    """
    if corpus.is_file():
        return [SourceFile(corpus, corpus.name)]
    if not corpus.is_dir():
        raise ReaderError(f"{corpus}: no such file or directory")
    files = [
        SourceFile(path, path.relative_to(corpus).as_posix())
        for path in sorted(corpus.rglob("*"))
        if path.is_file()
        and path.suffix.lower() in formats.SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(corpus).parts)
    ]
    if not files:
        raise ReaderError(f"{corpus}: no {formats.described()} files in this directory")
    return files


def article_id(source: str, title: str, ordinal: int) -> str:
    """A short id that stays the same across rebuilds of the same corpus.

    Args:
        source: The file's name relative to the corpus.
        title: The article's title.
        ordinal: How many earlier articles of the same file have the same title.
    """
    digest = hashlib.sha1(f"{source}\0{title}\0{ordinal}".encode()).digest()
    return base64.b32encode(digest).decode("ascii")[:8].lower()


def _article(raw: RawArticle, ident: str, repairer: Repairer | None) -> Article:
    moves: Sequence[Move] = ()
    original: tuple[Paragraph, ...] = ()
    if raw.paragraphs_known:
        paragraphs = tuple(
            p for block in raw.blocks for p in reflow_blocks([fragments_of(block)], raw.source)
        )
    elif raw.reflow:
        blocks = [fragments_of(block) for block in raw.blocks]
        repaired: Sequence[Sequence[Fragment]] = blocks
        if repairer is not None and blocks:
            repaired, moves = repairer(blocks)
        paragraphs = tuple(reflow_blocks(repaired, raw.source))
        if moves:
            original = tuple(reflow_blocks(blocks, raw.source))
    else:
        paragraphs = tuple(reflow_paragraphs(raw.blocks, raw.source))
    byline = raw.byline
    return Article(
        id=ident,
        title=normalize_punctuation(raw.title),
        source=raw.source,
        paragraphs=paragraphs,
        original=original,
        byline=byline.raw if byline else None,
        author=byline.author if byline else None,
        role=byline.role if byline else None,
        region=byline.region if byline else None,
        kicker=raw.kicker,
        moves=tuple(moves),
        page=raw.page,
    )


def parse_file(
    source: SourceFile,
    repairer: Repairer | None = None,
    raws: Iterable[RawArticle] | None = None,
) -> list[Article]:
    """Read one source file into articles (regions from bylines only; see `infer_regions`).

    Args:
        source: The file.
        repairer: The reading-order repair for page text (None: none).
        raws: The file's raw articles, where they were read already (by `corpus_repairer`,
            training on them): the file is not read again.

    Raises:
        ReaderError: the file is unreadable, or not in its format (`DecodeError`, `PdfError`).
    """
    seen: dict[str, int] = {}
    articles = []
    if raws is None:
        raws = formats.format_of(source.name).read(source.path, source.name)
    for raw in raws:
        ordinal = seen.get(raw.title, 0)
        seen[raw.title] = ordinal + 1
        articles.append(_article(raw, article_id(source.name, raw.title, ordinal), repairer))
    return articles


def inferred_regions(articles: Sequence[Article]) -> dict[int, str]:
    """The regions of articles whose byline names none, from the places their text names.

    Returns:
        Article index → region, for those where one place stands out.
    """
    find = region_finder({a.region for a in articles if a.region})
    found = {}
    for n, article in enumerate(articles):
        if article.region is None:
            region = find(article.title + "\n" + article.body)
            if region is not None:
                found[n] = region
    return found


def infer_regions(articles: Iterable[Article]) -> list[Article]:
    """Fill in a region, marked as inferred, for articles whose byline names none."""
    articles = list(articles)
    for n, region in inferred_regions(articles).items():
        articles[n] = replace(articles[n], region=region, region_inferred=True)
    return articles
