"""Markdown sources: `#`/`##`/`###` (and setext) headings start articles; inline marks removed.

Offsets in Block and Span are characters in the decoded text.
"""

from __future__ import annotations

import re

from reader.model import Block, RawArticle, Span
from reader.text.chars import is_han

_MD_HEADING = re.compile(r"^(#{1,3})[ \t]+(.*?)[ \t#]*$")
_MD_FENCE = re.compile(r"^(`{3,}|~{3,})\s*(.*)$")
"""A code fence; what follows the marker (the language) is kept only if it holds Chinese."""
_MD_SETEXT = re.compile(r"=+|-{2,}")
_MD_INLINE = re.compile(
    # A backslash escape (`\*`, `\[`) shows the character itself; it is matched first so that the
    # character does not open or close anything.
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|\*\*(?P<bold>.+?)(?<!\\)\*\*|__(?P<under>.+?)(?<!\\)__|`(?P<code>[^`]+)`"
    # A link or image: [label](address "title"), the address possibly in <…> or holding one level
    # of (…); the title in "…", '…' or (…), or (not CommonMark, but seen) bare words.
    r"|!?\[(?P<label>[^\]]*)\]\(\s*"
    r"(?:<(?P<angled>[^<>\n]*)>|(?P<url>(?:[^\s()]|\([^\s()]*\))*))"
    r"(?:\s+(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|\((?P<pq>[^()]*)\)|(?P<bare>[^()]*?)))?\s*\)"
)


def clean_title(text: str) -> str:
    """Collapse whitespace in a title (a two-part headline keeps one space between its parts)."""
    return " ".join(text.split())


_HTML_COMMENT = re.compile(r"<!--.*?-->")


def _drop_comment(match: re.Match[str]) -> str:
    """An HTML comment is not shown in Markdown; one holding Chinese text is kept, not lost."""
    return match.group(0) if any(is_han(c) for c in match.group(0)) else ""


def _inline_markdown(line: str) -> str:
    """Strip emphasis, code, escapes and HTML comments; keep a link's label, address and title."""
    return _MD_INLINE.sub(_inline_replace, _HTML_COMMENT.sub(_drop_comment, line))


def _inline_replace(match: re.Match[str]) -> str:
    found = match.groupdict()
    if found["escaped"] is not None:
        return found["escaped"]
    if found["label"] is not None:
        # Label, address and title are all kept: a title often holds words found nowhere else.
        address = found["angled"] if found["angled"] is not None else found["url"]
        title = next((found[k] for k in ("dq", "sq", "pq", "bare") if found[k]), "")
        label = _MD_INLINE.sub(_inline_replace, found["label"])
        return " ".join(part.strip() for part in (label, address, title) if part.strip())
    if found["code"] is not None:
        return found["code"]  # Code is shown as written: escapes do not apply inside it.
    return _MD_INLINE.sub(_inline_replace, found["bold"] or found["under"] or "")


def parse_markdown(text: str, source: str) -> list[RawArticle]:
    """Split Markdown into articles: each `#`/`##`/`###` or setext heading starts one.

    Lines in a fenced code block (```` ``` ```` or `~~~`) are kept verbatim, one paragraph each,
    and never start an article.

    A heading with no text under it (a section heading such as `## 详细新闻`) becomes the kicker
    of the next article, so that its words are kept and shown above that article's title.
    """
    articles: list[RawArticle] = []
    kicker: list[str] = []
    title: str | None = None
    title_span: Span | None = None
    paragraphs: list[Block] = []
    position = 0

    def flush() -> None:
        nonlocal kicker
        if title is None and not paragraphs:
            return
        if title is not None and not paragraphs:
            kicker.append(title)
            return
        articles.append(
            RawArticle(
                title=title or "",
                source=source,
                blocks=tuple(paragraphs),
                kicker=" › ".join(kicker) or None,
                title_span=title_span,
                reflow=False,
            )
        )
        kicker = []

    current: list[tuple[str, int, int]] = []

    def end_paragraph() -> None:
        if current:
            joined = join_lines([line for line, _, _ in current])
            paragraphs.append(Block(joined, current[0][1], current[-1][2]))
            current.clear()

    fence: str | None = None
    for raw_line in text.split("\n"):
        start, end = position, position + len(raw_line)
        position = end + 1
        line = raw_line.strip()
        fence_match = _MD_FENCE.match(line)
        if fence is not None:
            # Inside a code block nothing is Markdown: each line is kept as written.
            if fence_match and fence_match.group(1).startswith(fence) and not fence_match.group(2):
                fence = None
            elif line:
                paragraphs.append(Block(raw_line.rstrip(), start, end))
            continue
        if fence_match:
            end_paragraph()
            fence = fence_match.group(1)
            if any(is_han(c) for c in fence_match.group(2)):
                paragraphs.append(Block(fence_match.group(2), start, end))
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            end_paragraph()
            flush()
            title = clean_title(_inline_markdown(heading.group(2)))
            title_span = Span(source, start, end)
            paragraphs = []
        elif len(current) == 1 and _MD_SETEXT.fullmatch(line):
            # `大标题` underlined by `===`/`---`: a heading. Under a longer paragraph the line is
            # taken as a rule (sources use `---` as a separator without a blank line before it).
            setext, setext_start, _ = current.pop()
            flush()
            title = clean_title(setext)
            title_span = Span(source, setext_start, end)
            paragraphs = []
        elif not line or re.fullmatch(r"[-*_]{3,}", line):
            end_paragraph()
        else:
            current.append((_inline_markdown(line), start, end))
    end_paragraph()
    flush()
    if kicker:
        # Trailing headings with nothing under them: keep them as title-only articles.
        for name in kicker:
            articles.append(RawArticle(title=name, source=source, blocks=(), reflow=False))
    return articles


def join_lines(lines: list[str]) -> str:
    """Join soft-wrapped lines: no space between Chinese, one space between Latin words."""
    out = lines[0]
    for line in lines[1:]:
        left, right = out[-1:], line[:1]
        glue = (
            " " if left.isascii() and right.isascii() and left.isalnum() and right.isalnum() else ""
        )
        out += glue + line
    return out
