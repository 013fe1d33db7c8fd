"""Articles as one HTML page: UTF-8, `lang="zh-CN"` (`zh-Hant` for a traditional export), every
text HTML-escaped, and CSS that lets the browser break Chinese lines itself.

The CSS asks for what a Chinese reader expects and what Yuedu does in the terminal: clreq's
line-breaking rules (`line-break: strict`, `word-break: normal`, which break between Han
characters but never before `，` or after `“`), paragraphs indented by two characters
(`text-indent: 2em`) and justified, a measure of about 40 characters (`max-width: 40em`), a
CJK font stack (Song/Ming serifs, the right regional forms by language), and long Latin words
or URLs wrapped rather than overflowing.
"""

from __future__ import annotations

from html import escape

from reader.export.document import Document
from reader.text.script import Script

CSS = """\
:root { color-scheme: light dark; }
body {
  max-width: 40em;
  margin: 2em auto;
  padding: 0 1em;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", serif;
  line-height: 1.8;
}
:lang(zh-Hant) body, body:lang(zh-Hant) {
  font-family: "Noto Serif CJK TC", "Source Han Serif TC", "Songti TC", "PMingLiU", serif;
}
h1, h2, p {
  line-break: strict;
  word-break: normal;
  overflow-wrap: break-word;
}
h1 { font-size: 1.6em; text-align: center; margin: 0.4em 0; }
h2 { font-size: 1.15em; margin: 1.2em 0 0.4em; }
p { margin: 0 0 0.6em; text-indent: 2em; text-align: justify; text-justify: inter-character; }
p.kicker, p.byline, p.meta { text-indent: 0; text-align: center; }
p.kicker { font-weight: bold; margin: 0; }
p.meta { font-size: 0.85em; opacity: 0.7; margin-bottom: 1.6em; }
p.orphan { text-indent: 0; opacity: 0.7; }
hr { margin: 3em 0; border: none; border-top: 1px solid currentColor; opacity: 0.3; }
"""


def _meta(doc: Document) -> str:
    parts = [escape(part) for part in doc.meta.parts]
    if doc.meta.date and doc.meta.shown_date:
        parts[0] = f'<time datetime="{escape(doc.meta.date)}">{parts[0]}</time>'
    return " · ".join(parts)


def _article(doc: Document) -> str:
    lines = [f'<article id="{escape(doc.id)}">']
    if doc.kicker:
        lines.append(f'<p class="kicker">{escape(doc.kicker)}</p>')
    lines.append(f"<h1>{escape(doc.title)}</h1>")
    if doc.byline:
        lines.append(f'<p class="byline">{escape(doc.byline)}</p>')
    lines.append(f'<p class="meta">{_meta(doc)}</p>')
    for block in doc.blocks:
        text = escape(block.text)
        if block.kind == "heading":
            lines.append(f"<h2>{text}</h2>")
        elif block.kind == "orphan":
            lines.append(f'<p class="orphan">{text}</p>')
        else:
            lines.append(f"<p>{text}</p>")
    lines.append("</article>")
    return "\n".join(lines)


def language(docs: list[Document]) -> str:
    """The page's `lang`: `zh-Hant` when every article is shown in traditional characters."""
    if docs and all(doc.script is Script.TRADITIONAL for doc in docs):
        return "zh-Hant"
    return "zh-CN"


def render_html(docs: list[Document]) -> str:
    """Articles as one HTML page.

    Args:
        docs: The articles (at least one).

    Returns:
        The page.
    """
    title = docs[0].title if len(docs) == 1 else f"{docs[0].title} 等 {len(docs)} 篇"
    body = "\n<hr>\n".join(_article(doc) for doc in docs)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language(docs)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{CSS}</style>\n"
        "</head>\n"
        "<body>\n"
        f"{body}\n"
        "</body>\n"
        "</html>\n"
    )
