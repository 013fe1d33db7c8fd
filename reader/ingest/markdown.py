"""Markdown sources: `#`/`##`/`###` (and setext) headings start articles; inline marks removed.

Offsets in Block and Span are characters in the decoded text.
"""

from __future__ import annotations

import re

from reader.model import Block, RawArticle, Span
from reader.text.chars import HAN

_MD_HEADING = re.compile(r"^(#{1,3})[ \t]+(.*?)[ \t#]*$")
_MD_FENCE = re.compile(r"^(`{3,}|~{3,})\s*(.*)$")
"""A code fence; what follows the marker (the language) is kept only if it holds Chinese."""
_FENCE_STARTS = ("```", "~~~")
"""How a line that `_MD_FENCE` matches starts (a cheap test before the regex: few lines are)."""
_MD_SETEXT = re.compile(r"=+|-{2,}")
_MD_RULE = re.compile(r"[-*_]{3,}")
_BLOCK_LEADS = "`~#=-*_"
"""What a fence, a heading, a setext underline or a rule starts with: other lines are prose."""
_MD_INLINE = re.compile(
    # A backslash escape (`\*`, `\[`) shows the character itself; it is matched first so that the
    # character does not open or close anything.
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|\*\*(?P<bold>.+?)(?<!\\)\*\*|__(?P<under>.+?)(?<!\\)__|`(?P<code>[^`]+)`"
    # A link or image: [label](address "title"), the address possibly in <…> or holding one level
    # of (…); the title in "…", '…' or (…), or (not CommonMark, but seen) bare words. The address
    # is written as runs, possessive: a shorter address would be followed by neither a space nor
    # `)`, so giving characters back never makes a match, and trying costs a step per character.
    r"|!?\[(?P<label>[^\]]*)\]\(\s*"
    r"(?:<(?P<angled>[^<>\n]*)>|(?P<url>[^\s()]*+(?:\([^\s()]*+\)[^\s()]*+)*+))"
    r"(?:\s+(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|\((?P<pq>[^()]*)\)|(?P<bare>[^()]*?)))?\s*\)"
)


def clean_title(text: str) -> str:
    """Collapse whitespace in a title (a two-part headline keeps one space between its parts)."""
    return " ".join(text.split())


_HTML_COMMENT = re.compile(r"<!--.*?-->")


_INLINE_START = re.compile(r"[\\*_`!\[]")
"""The characters a match of `_MD_INLINE` can start with: it is tried only where one stands."""
_INLINE_MARK = re.compile(r"[\\*_`\[<]")
"""A line holding none of these holds no match of `_MD_INLINE` (an image's `![` holds a `[`)
or `_HTML_COMMENT`: it is plain text."""


def _drop_comment(match: re.Match[str]) -> str:
    """An HTML comment is not shown in Markdown; one holding Chinese text is kept, not lost."""
    return match.group(0) if HAN.search(match.group(0)) else ""


def _inline_markdown(line: str) -> str:
    """Strip emphasis, code, escapes and HTML comments; keep a link's label, address and title."""
    if _INLINE_MARK.search(line) is None:
        return line  # most lines hold no mark: one scan instead of two substitutions
    if "<!--" in line:
        line = _HTML_COMMENT.sub(_drop_comment, line)
    return _strip_inline(line)


def _strip_inline(text: str) -> str:
    """Each match of `_MD_INLINE` in `text` replaced by what it shows (`_inline_replace`).

    This is what `_MD_INLINE.sub` does, but the pattern is tried only where a match can start:
    a scan for one character class is several times faster than trying every branch of the
    pattern at every position. The matches are the same (each starts with a character of
    `_INLINE_START`, and none is empty).
    """
    found = _INLINE_START.search(text)
    if found is None:
        return text
    out: list[str] = []
    done = 0
    while found is not None:
        at = found.start()
        match = _MD_INLINE.match(text, at)
        if match is None:
            found = _INLINE_START.search(text, at + 1)
            continue
        out.append(text[done:at])
        out.append(_inline_replace(match, text[at]))
        done = match.end()
        found = _INLINE_START.search(text, done)
    out.append(text[done:])
    return "".join(out)


def _inline_replace(match: re.Match[str], lead: str) -> str:
    """What a match of `_MD_INLINE` shows; `lead`, its first character, names its branch."""
    if lead == "*":
        return _strip_inline(match.group("bold"))
    if lead == "_":
        return _strip_inline(match.group("under"))
    if lead == "\\":
        return match.group("escaped")
    if lead == "`":
        return match.group("code")  # Code is shown as written: escapes do not apply inside it.
    # `[` or `!`: a link or image. Label, address and title are all kept: a title often holds
    # words found nowhere else.
    label, angled, url, dq, sq, pq, bare = match.group(
        "label", "angled", "url", "dq", "sq", "pq", "bare"
    )
    address = angled if angled is not None else url
    title = dq or sq or pq or bare or ""
    parts = (_strip_inline(label).strip(), address.strip(), title.strip())
    return " ".join([part for part in parts if part])


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

    current: list[Block] = []  # the lines of the paragraph being read

    def end_paragraph() -> None:
        if current:
            paragraphs.append(current[0] if len(current) == 1 else _joined(current))
            current.clear()

    fence: str | None = None
    # Every line passes through this loop: blank lines and prose are settled first, and each
    # regex runs only on lines that start the way its matches do.
    for raw_line in text.split("\n"):
        start = position
        end = position = start + len(raw_line)
        position += 1
        line = raw_line.strip()
        if fence is not None:
            # Inside a code block nothing is Markdown: each line is kept as written.
            fence_match = _MD_FENCE.match(line) if line[:3] in _FENCE_STARTS else None
            if fence_match and fence_match.group(1).startswith(fence) and not fence_match.group(2):
                fence = None
            elif line:
                paragraphs.append(Block(raw_line.rstrip(), start, end))
            continue
        if not line:
            if current:  # `end_paragraph()`, inline: a blank line ends most paragraphs
                paragraphs.append(current[0] if len(current) == 1 else _joined(current))
                current.clear()
            continue
        if line[0] not in _BLOCK_LEADS:
            current.append(Block(_inline_markdown(line), start, end))
            continue
        if line[:3] in _FENCE_STARTS:
            fence_match = _MD_FENCE.match(line)
            assert fence_match is not None  # `_FENCE_STARTS` is how its matches start
            end_paragraph()
            fence = fence_match.group(1)
            if HAN.search(fence_match.group(2)):
                paragraphs.append(Block(fence_match.group(2), start, end))
            continue
        heading = _MD_HEADING.match(line) if line[0] == "#" else None
        if heading:
            end_paragraph()
            flush()
            title = clean_title(_inline_markdown(heading.group(2)))
            title_span = Span(source, start, end)
            paragraphs = []
        elif len(current) == 1 and _MD_SETEXT.fullmatch(line):
            # `大标题` underlined by `===`/`---`: a heading. Under a longer paragraph the line is
            # taken as a rule (sources use `---` as a separator without a blank line before it).
            setext = current.pop()
            flush()
            title = clean_title(setext.text)
            title_span = Span(source, setext.start, end)
            paragraphs = []
        elif line[0] in "-*_" and _MD_RULE.fullmatch(line):
            end_paragraph()
        else:
            current.append(Block(_inline_markdown(line), start, end))
    end_paragraph()
    flush()
    if kicker:
        # Trailing headings with nothing under them: keep them as title-only articles.
        for name in kicker:
            articles.append(RawArticle(title=name, source=source, blocks=(), reflow=False))
    return articles


def _joined(lines: list[Block]) -> Block:
    """One paragraph of several soft-wrapped lines."""
    return Block(join_lines([line.text for line in lines]), lines[0].start, lines[-1].end)


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
