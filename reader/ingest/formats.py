"""The corpus formats: each one's suffixes, how it is read, and whether its text is repaired.

Every question about a source's format (which files a corpus directory holds, how a file is
parsed, whether the reading-order repair runs on it and so whether its cached result depends on
the rest of the corpus) is asked here. Adding a format is one parser module and one entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath

from reader.ingest.decode import read_source
from reader.ingest.markdown import parse_markdown
from reader.ingest.parse import parse_source
from reader.ingest.pdf import parse_pdf
from reader.model import RawArticle


@dataclass(frozen=True)
class Format:
    """One corpus format."""

    name: str
    suffixes: tuple[str, ...]
    """File name endings, lower case, with the dot."""
    read: Callable[[Path, str], list[RawArticle]]
    """Read a file (its path, and its name in the corpus) into raw articles."""
    repaired: bool
    """Whether the reading-order repair, trained on all such text of the corpus, runs on it:
    if so a file's parsed articles depend on the whole corpus (its cache key includes it)."""
    parse_text: Callable[[str, str], list[RawArticle]] | None = None
    """Parse already decoded text (text formats only)."""
    cost: float = 1.0
    """Work per byte relative to text, for deciding whether a build is worth other processes."""


def _text_reader(
    parse: Callable[[str, str], list[RawArticle]],
) -> Callable[[Path, str], list[RawArticle]]:
    def read(path: Path, name: str) -> list[RawArticle]:
        return parse(read_source(path), name)

    return read


TEXT = Format("page or plain text", (".txt",), _text_reader(parse_source), True, parse_source)
"""Raw page text (several articles, column lines), or one plain-text article: told by content."""
MARKDOWN = Format(
    "Markdown", (".md", ".markdown"), _text_reader(parse_markdown), False, parse_markdown
)
PDF = Format("PDF", (".pdf",), parse_pdf, False, cost=20.0)
"""Read with its layout (`reader.ingest.pdf`): the reading order comes from positions."""

FORMATS = (TEXT, MARKDOWN, PDF)
SUFFIXES = tuple(suffix for f in FORMATS for suffix in f.suffixes)
"""File types read from a corpus directory."""


def format_of(name: str) -> Format:
    """The format of a source file by its name (text for an unknown suffix)."""
    suffix = PurePath(name).suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), TEXT)


def parse_decoded(text: str, name: str) -> list[RawArticle]:
    """Parse decoded text as the format its name says (text formats only)."""
    parse = format_of(name).parse_text
    return parse(text, name) if parse is not None else parse_source(text, name)


def described() -> str:
    """The suffixes read, for messages: `.txt, .md, .markdown or .pdf`."""
    return ", ".join(SUFFIXES[:-1]) + " or " + SUFFIXES[-1]
