"""Export clean articles as Markdown, plain text or an HTML page (`reader export`, the app's key).

`render` makes one document of any number of articles; `write` puts it on disk, as one file or as
one file per article in a directory. The parts every format shows, and how hostile text is kept
harmless, are in `document.py`; each format is a module of its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.export.document import Document, document
from reader.export.markdown import render_markdown
from reader.export.page import render_html
from reader.export.plain import render_text
from reader.model import Article
from reader.text.script import Script

FORMATS = ("md", "txt", "html")
"""Format names, as `--format` takes them."""
MEDIA_TYPES = {"md": "text/markdown", "txt": "text/plain", "html": "text/html"}

_RENDER: dict[str, Callable[[list[Document]], str]] = {
    "md": render_markdown,
    "txt": render_text,
    "html": render_html,
}


def render(articles: Sequence[Article], fmt: str, script: Script = Script.SOURCE) -> str:
    """Articles as one document of a format.

    Args:
        articles: The articles, in the order to show them (at least one).
        fmt: `md`, `txt` or `html`.
        script: Their own characters, or converted to simplified or traditional.

    Returns:
        The document's text.

    Raises:
        ValueError: For an unknown format or no articles.
    """
    if fmt not in _RENDER:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if not articles:
        raise ValueError("nothing to export")
    return _RENDER[fmt]([document(article, script) for article in articles])


def file_name(article: Article, fmt: str) -> str:
    """The name of an article's file in an export directory: its id and the format's suffix."""
    return f"{article.id}.{fmt}"


def is_directory(output: str) -> bool:
    """Whether `--output` names a directory: one that exists, or a path ending with a slash.

    Args:
        output: The path as the user wrote it (a `Path` would drop the slash).

    Returns:
        True for a directory.
    """
    return output.endswith((os.sep, "/")) or Path(output).expanduser().is_dir()


def write(
    articles: Sequence[Article], fmt: str, output: str, script: Script = Script.SOURCE
) -> list[Path]:
    """Write articles to a file (all of them in one document) or a directory (one file each).

    Args:
        articles: The articles.
        fmt: `md`, `txt` or `html`.
        output: A file, or a directory (see `is_directory`; created when missing), as the user
            wrote it (`~` is expanded).
        script: Their own characters, or converted.

    Returns:
        The files written.

    Raises:
        OSError: When a file cannot be written.
    """
    path = Path(output).expanduser()
    if not is_directory(output):
        path.write_text(render(articles, fmt, script), encoding="utf-8")
        return [path]
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for article in articles:
        target = path / file_name(article, fmt)
        target.write_text(render([article], fmt, script), encoding="utf-8")
        written.append(target)
    return written
