"""Plain data classes shared by every layer: articles, paragraphs, search hits, themes, repairs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MatchedBy = Literal["text", "pinyin", "both"]
"""How a search result's hits were found (see `Hit.matched`)."""
ParagraphKind = Literal["body", "heading", "orphan"]
"""`body` is prose, `heading` a section heading (一、 二是 …), `orphan` a displaced
fragment that the repair step could not place and set aside (shown inside 〔 〕)."""


@dataclass(frozen=True)
class Span:
    """Where a piece of text came from: a source file and a character span in its decoded text."""

    source: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article, after reflow."""

    text: str
    kind: ParagraphKind = "body"
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Block:
    """A raw block of page text (between blank lines), before reflow.

    `text` keeps the stray spaces of the PDF extraction: they mark where column lines ended,
    which the repair step uses. Offsets are characters in the decoded source.
    """

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Fragment:
    """A piece of a block between two stray spaces: usually one column line of the PDF page.

    `start`/`end` are character offsets in the decoded source. `orphan` marks a fragment that the
    repair step took out of a sentence it did not belong to and could not place elsewhere.
    """

    text: str
    start: int
    end: int
    orphan: bool = False


@dataclass(frozen=True)
class Byline:
    """A byline such as `□ 石楼县人大常委会主任 田文军`, kept verbatim and analysed."""

    raw: str
    author: str | None = None
    role: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class PageInfo:
    """The printed page an article came from: its header and footer lines, kept out of the article.

    `lines` keeps those lines verbatim (so no character of the source is lost); the fields are
    what could be read from them by shape. `number` counts pages from 1 within the source file.
    """

    number: int
    lines: tuple[str, ...] = ()
    date: str | None = None
    """The page's date as `YYYY-MM-DD`."""
    edition: str | None = None
    """The page (版次) as printed, such as `第2版` or `A3版`."""
    section: str | None = None
    """The page's name (版名) such as `人大之窗`."""
    paper: str | None = None
    """The newspaper's name such as `吕梁日报`."""


@dataclass(frozen=True)
class RawArticle:
    """An article as the parser found it: title, byline and raw blocks, not yet reflowed."""

    title: str
    source: str
    blocks: tuple[Block, ...]
    byline: Byline | None = None
    kicker: str | None = None
    title_span: Span | None = None
    reflow: bool = True
    """False for sources whose line breaks are already paragraphs (Markdown, plain text)."""
    page: PageInfo | None = None
    paragraphs_known: bool = False
    """True when each block is one whole paragraph in reading order (read from a PDF's layout):
    blocks are then reflowed one by one, never joined, and not sent to the text repair."""


@dataclass(frozen=True)
class Move:
    """One reading-order repair: a fragment moved from one place to another (or set aside)."""

    fragment: str
    source_index: int
    target_index: int | None
    score: float
    """How much better the text reads after the move (the gain in the seam score)."""


@dataclass(frozen=True)
class Article:
    """A clean article, ready to be shown, listed, searched."""

    id: str
    title: str
    source: str
    paragraphs: tuple[Paragraph, ...]
    original: tuple[Paragraph, ...] = ()
    """The paragraphs before reading-order repair (empty when repair changed nothing)."""
    byline: str | None = None
    author: str | None = None
    role: str | None = None
    region: str | None = None
    region_inferred: bool = False
    kicker: str | None = None
    moves: tuple[Move, ...] = ()
    themes: tuple[str, ...] = ()
    page: PageInfo | None = None
    """The printed page (date, 版次) for articles read from newspaper pages, when known."""

    @property
    def body(self) -> str:
        """The paragraphs joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def chars(self) -> int:
        """Length of the body in characters (whitespace excluded)."""
        return sum(len("".join(p.text.split())) for p in self.paragraphs)


@dataclass(frozen=True)
class Summary:
    """What the article list needs, without paragraphs."""

    id: str
    title: str
    author: str | None
    role: str | None
    region: str | None
    region_inferred: bool
    themes: tuple[str, ...]
    chars: int
    source: str
    date: str | None = None
    """The printed page's date (`YYYY-MM-DD`), for articles read from newspaper pages."""
    edition: str | None = None
    """The printed page's number (版次) such as `第2版`."""


@dataclass(frozen=True)
class Snippet:
    """A short window of an article's text around search hits (offsets are characters).

    `spans` are `(start, end)` offsets of the hits in `text`, ascending and not overlapping;
    `start` is where the window begins in the article's searchable text (title, byline, body
    joined by newlines). A window cut inside a line begins or ends with `…`.
    """

    text: str
    spans: tuple[tuple[int, int], ...]
    start: int


@dataclass(frozen=True)
class Hit:
    """One search result."""

    id: str
    title: str
    hits: int
    """Occurrences of the query's terms in the title, byline and body."""
    score: float
    snippets: tuple[Snippet, ...] = ()
    title_spans: tuple[tuple[int, int], ...] = ()
    """Where the terms occur in `title` (`(start, end)` characters), for highlighting it."""
    matched: MatchedBy = "text"
    """How the hits were found: as written (in either script, 简 or 繁), by pinyin, or both."""


@dataclass(frozen=True)
class Theme:
    """A topic found in the corpus (or curated), with the articles it covers."""

    name: str
    keywords: tuple[str, ...]
    ids: tuple[str, ...]
    weights: tuple[float, ...] = field(default=())
    curated: bool = False
