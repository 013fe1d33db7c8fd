"""Articles as plain text: the way Chinese plain text is laid out, one paragraph a line.

The kicker, title, byline and source line head the article, then a blank line; each body
paragraph is one line starting with two ideographic spaces (U+3000); headings and set-aside
fragments (in 〔 〕) are not indented, so they stand apart. Articles are separated by a line of
three asterisks between blank lines.
"""

from __future__ import annotations

from reader.export.document import Document
from reader.layout import INDENT


def _article(doc: Document) -> str:
    lines = [doc.kicker] if doc.kicker else []
    lines.append(doc.title)
    if doc.byline:
        lines.append(doc.byline)
    lines += [doc.meta.text, ""]
    lines += [INDENT + block.text if block.kind == "body" else block.text for block in doc.blocks]
    return "\n".join(lines) + "\n"


def render_text(docs: list[Document]) -> str:
    """Articles as one plain-text document.

    Args:
        docs: The articles.

    Returns:
        The text, every line ended by a newline.
    """
    return "\n* * *\n\n".join(_article(doc) for doc in docs)
