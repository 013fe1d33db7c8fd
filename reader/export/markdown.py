"""Articles as Markdown (CommonMark, and GitHub's tables and strikethrough): `# title`, the byline
and the source line as paragraphs, `## ` for section headings, `---` between articles.

Escaping: every character that Markdown would read as syntax is backslash-escaped (CommonMark
lets any ASCII punctuation be escaped, and shows the escaped character as itself): emphasis,
code, links and images, HTML and entities, table pipes and strikethrough anywhere; headings,
block quotes, lists and thematic breaks where a line starts. Chinese punctuation has no meaning
in Markdown and is left alone, so the text stays readable as it is.
"""

from __future__ import annotations

import re

from reader.export.document import Document

_ANYWHERE = re.compile(r"([\\`*_\[\]<>&|~#!{}$])")
"""Inline syntax: escaped wherever it is (`#` too, which closes ATX headings at their end)."""
_LINE_START = re.compile(r"^([ \t]*)([-+=>]|\d+(?=[.)]))")
"""A line that would start a list, a quote, a setext underline, or an ordered list."""


def escape_markdown(text: str) -> str:
    """Text that Markdown renders as exactly this text.

    Args:
        text: Plain text (one paragraph, no newlines).

    Returns:
        The text with Markdown's syntax characters escaped.
    """
    text = _ANYWHERE.sub(r"\\\1", text)
    match = _LINE_START.match(text)
    if match is not None:
        indent, mark = match.groups()
        # Leading spaces would make an indented code block: as character references they are
        # plain spaces. An ordered list's number is cut from its `.` or `)` by escaping that.
        spaces = indent.replace(" ", "&#32;").replace("\t", "&#9;")
        if mark[0].isdigit():
            rest = text[match.end() :]
            text = f"{spaces}{mark}\\{rest}"
        else:
            text = f"{spaces}\\{mark}{text[match.end() :]}"
    elif text[:1] in (" ", "\t"):
        stripped = text.lstrip(" \t")
        lead = text[: len(text) - len(stripped)]
        text = lead.replace(" ", "&#32;").replace("\t", "&#9;") + stripped
    return text


def _article(doc: Document) -> str:
    parts: list[str] = []
    if doc.kicker:
        parts.append(escape_markdown(doc.kicker))
    parts.append(f"# {escape_markdown(doc.title)}")
    if doc.byline:
        parts.append(escape_markdown(doc.byline))
    parts.append(f"*{escape_markdown(doc.meta.text)}*")
    for block in doc.blocks:
        text = escape_markdown(block.text)
        parts.append(f"## {text}" if block.kind == "heading" else text)
    return "\n\n".join(parts) + "\n"


def render_markdown(docs: list[Document]) -> str:
    """Articles as one Markdown document.

    Args:
        docs: The articles.

    Returns:
        The Markdown text, articles separated by a thematic break.
    """
    return "\n---\n\n".join(_article(doc) for doc in docs)
