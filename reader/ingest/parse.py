"""Structure: split a decoded source into raw articles (title, byline, blocks).

Three text shapes are told apart by content: the text PDF extractors print for a page (one
column line per line; read by `extracted.py`), raw newspaper-page text (several articles a
file, column lines joined with stray spaces) and plain text (one article, first line the title).
Markdown has its own parser (`markdown.py`); `formats.py` says which file is which.
Offsets in Block and Span are characters in the decoded text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.ingest.byline import BYLINE, parse_byline
from reader.ingest.markdown import clean_title, join_lines
from reader.model import Block, Byline, RawArticle, Span
from reader.text.chars import HAN_RANGES, is_han

_BLOCK_SPLIT = re.compile(r"\n[ \t\u3000]*\n\s*")
_EDITOR_NOTE = re.compile(r"^\s*(?P<label>编者按|编者的话|编后语|编后)\s*[:：]\s*")
_NUMERAL = (
    r"(?:[一二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)"
)
"""A Chinese item number from 一 to 九十九 (`一一`, `百` and the like number no section)."""
HEADING_START = re.compile(
    # 首先，/其次， are left out: far more often they open an ordinary sentence than a section.
    rf"^(?:{_NUMERAL}[、是]"
    rf"|[（(]{_NUMERAL}[）)]"
    rf"|第{_NUMERAL}[，,、是]"
    r"|[0-9０-９]{1,2}[、．.](?![0-9]))"
)
"""A section marker opening a line: 一、 二是 （三） 第四， 5."""
_SENTENCE_PUNCT = re.compile(r"[，。；！？：,;!?]")
_HAN_GAP = re.compile(rf"(?<=[{HAN_RANGES}]) (?=[{HAN_RANGES}])")
TITLE_MAX = 40
"""A standalone line longer than this (in characters) is prose, not a title."""


def blocks_of(text: str, start: int = 0, end: int | None = None) -> Iterator[Block]:
    """Yield the blocks (runs of non-blank lines) of `text[start:end]`, stripped, with offsets."""
    stop = len(text) if end is None else end
    position = start
    for match in _BLOCK_SPLIT.finditer(text, start, stop):
        yield from _stripped(text, position, match.start())
        position = match.end()
    yield from _stripped(text, position, stop)


def _stripped(text: str, start: int, end: int) -> Iterator[Block]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Block(text[start:end], start, end)


def _is_title(block: Block) -> bool:
    """A short standalone line with no sentence punctuation and no heading number."""
    return _is_headline(block) and not _SENTENCE_PUNCT.search(block.text)


_HEADLINE_STOP = re.compile(r"[。；;]")
"""A headline may ask, exclaim or pause (？！，：、) but never holds a full stop."""


def _is_headline(block: Block) -> bool:
    """A short one-line block that can be a title when a byline follows it.

    Unlike `_is_title`, commas, colons, question and exclamation marks are allowed (`不忘初心，牢记
    使命`, `代表建议如何落地见效？`): the byline after it is evidence enough.
    """
    text = block.text
    if "\n" in text or len(text) > TITLE_MAX or len(text) < 2:
        return False
    if _HEADLINE_STOP.search(text) or HEADING_START.match(text) or BYLINE.match(text):
        return False
    if text[0] in "（(" and text[-1] in "）)":
        return False  # `（作者系…）` closing the previous article, not a kicker or a title.
    # Column fragments come every 12–18 characters; a two-part headline has one or two gaps.
    return text.count(" ") <= 2 and sum(1 for c in text if is_han(c)) >= 2


_NOT_TITLE_END = set("的地得和与及在了是对把为将从向于等之其而并或且被让使给着过")
"""Characters a headline does not end with, but a line cut mid-sentence often does."""


def _could_stand_alone(block: Block, following: Block) -> bool:
    """A title with no byline after it: not ending mid-phrase, not followed by a continuation."""
    return block.text[-1] not in _NOT_TITLE_END and following.text[0] not in "，。、；：）”’"


def _ends_sentence(block: Block) -> bool:
    return block.text.rstrip("”’」』）)\"' ")[-1:] in "。！？!?…"


def looks_like_page(text: str) -> bool:
    """Whether `text` is raw newspaper-page text (stray spaces between Han characters)."""
    han = sum(1 for c in text[:50000] if is_han(c))
    gaps = len(_HAN_GAP.findall(text[:50000]))
    return han > 0 and gaps * 60 >= han


HEADLINE_LINES = 3
"""At most this many one-line blocks before a byline form a headline (kicker, title, subtitle)."""
_SUBTITLE = re.compile(r"^(?:——|—|--|－－)")


def _headline_run(blocks: list[Block], index: int) -> int:
    """How many headline blocks start at `index` and are followed by a byline (0 if none)."""
    for count in range(1, HEADLINE_LINES + 1):
        if index + count >= len(blocks) or not _is_headline(blocks[index + count - 1]):
            return 0
        if parse_byline(blocks[index + count].text) is not None:
            lines = blocks[index : index + count]
            # Only the main title may ask or pause (？，); a kicker above it is a bare phrase.
            kickers = lines[: _main_line(lines)]
            return count if all(_is_title(line) for line in kickers) else 0
    return 0


def _main_line(lines: list[Block]) -> int:
    """The index of the main title in a headline: the last line that is not a `——` subtitle."""
    return max((i for i, line in enumerate(lines) if not _SUBTITLE.match(line.text)), default=0)


def parse_page(text: str, source: str) -> list[RawArticle]:
    """Split raw page text into articles.

    A title is a short line with no sentence punctuation that stands between the end of a
    sentence and a block of prose, or a short line (which may hold ，：？！、 but no 。) that
    precedes a byline. Up to three such lines before a byline form one headline: a line starting
    with a dash (`——记…`) is a subtitle, joined to the title it follows with a space; lines before
    the main title form the kicker. Blocks before the first title form an article of their own
    with an empty title (nothing is dropped, nothing invented).
    """
    blocks = list(blocks_of(text))
    articles: list[RawArticle] = []
    title: Block | None = None
    title_text = ""
    kicker: str | None = None
    byline: Byline | None = None
    body: list[Block] = []

    def flush() -> None:
        if title is None and not body and byline is None:
            return
        articles.append(
            RawArticle(
                title=title_text,
                source=source,
                blocks=tuple(body),
                byline=byline,
                kicker=kicker,
                title_span=Span(source, title.start, title.end) if title else None,
            )
        )

    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        previous = blocks[index - 1] if index > 0 else None
        index += 1
        note = _EDITOR_NOTE.match(block.text)
        if note:
            flush()
            label_end = block.start + note.end()
            title = Block(note.group("label"), block.start, block.start + len(note.group(0)))
            title_text, kicker = clean_title(title.text), None
            byline, body = None, [Block(block.text[note.end() :], label_end, block.end)]
            continue
        parsed_byline = parse_byline(block.text) if "\n" not in block.text else None
        if parsed_byline is not None and byline is None and not body:
            byline = parsed_byline
            continue
        run = _headline_run(blocks, index - 1)
        # A several-line headline must start fresh: a short unpunctuated line right after a cut
        # sentence is more likely the end of the previous article than a kicker.
        # (The run is then taken up at its next line, down to the title alone.)
        if run > 1 and previous is not None and not _ends_sentence(previous):
            run = 0
        if run:
            flush()
            lines = blocks[index - 1 : index - 1 + run]
            main = _main_line(lines)
            kicker = " ".join(clean_title(line.text) for line in lines[:main]) or None
            title = Block(lines[main].text, lines[main].start, lines[-1].end)
            title_text = " ".join(clean_title(line.text) for line in lines[main:])
            byline, body = None, []
            index += run - 1
            continue
        if _is_title(block) and following is not None:
            standalone = (
                (previous is None or _ends_sentence(previous))
                and not _is_title(following)
                and _could_stand_alone(block, following)
            )
            if standalone:
                flush()
                title, byline, body = block, None, []
                title_text, kicker = clean_title(block.text), None
                continue
        body.append(block)
    flush()
    return articles


def parse_plain(text: str, source: str) -> list[RawArticle]:
    """One article: the first non-empty line is the title, the rest its paragraphs."""
    blocks = list(blocks_of(text))
    if not blocks:
        return []
    first = blocks[0]
    line_end = first.text.find("\n")
    if line_end == -1:
        title_block, rest = first, blocks[1:]
    else:
        title_block = Block(first.text[:line_end], first.start, first.start + line_end)
        rest = [*blocks_of(text, first.start + line_end + 1, first.end), *blocks[1:]]
    # A block of several lines with blank lines between blocks is one hard-wrapped paragraph;
    # a single block of many lines holds one paragraph per line.
    paragraphs: list[Block] = []
    for block in rest:
        if len(rest) == 1 and "\n" in block.text:
            offset = block.start
            for line in block.text.split("\n"):
                if line.strip():
                    paragraphs.append(Block(line.strip(), offset, offset + len(line)))
                offset += len(line) + 1
        else:
            paragraphs.append(Block(join_lines(block.text.split("\n")), block.start, block.end))
    return [
        RawArticle(
            title=clean_title(title_block.text),
            source=source,
            blocks=tuple(paragraphs),
            title_span=Span(source, title_block.start, title_block.end),
        )
    ]


def parse_source(text: str, source: str) -> list[RawArticle]:
    """Parse decoded text that is not Markdown, told by its shape: `pdftotext -layout` text
    (columns side by side on each line), other extractors' page text (one column line per
    line), raw page text (column lines joined by stray spaces) or plain text.

    Args:
        text: The decoded, cleaned text.
        source: The file's path relative to the corpus (used in provenance and ids).
    """
    # Imported here, not at the top: the commands that only read the database (`list`, `cat`)
    # import this module but never parse, and start-up is part of the product.
    from reader.ingest.extracted import looks_extracted, parse_extracted
    from reader.ingest.grid import looks_like_layout, parse_layout

    if looks_like_layout(text):
        return parse_layout(text, source)
    if looks_extracted(text):
        return parse_extracted(text, source)
    if looks_like_page(text):
        return parse_page(text, source)
    return parse_plain(text, source)
