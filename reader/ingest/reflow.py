"""Reflow: turn raw blocks of column fragments into clean paragraphs.

Removes the spaces left where PDF column lines were joined, joins blocks cut mid-sentence,
turns ASCII punctuation in Chinese context into full-width forms (keeping `3,000`, `10:30`,
`100%`), pairs straight quotes into curly ones, and splits a leading section heading (一、 …)
off its paragraph. Offsets in spans are characters in the decoded source.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence

from reader.ingest.parse import HEADING_START
from reader.model import Block, Fragment, Paragraph, Span
from reader.text.chars import HAN, is_cjk, is_han

_SPACES = re.compile(r"[ \t\u00a0\u3000\n]+")
_ASCII_PUNCT = re.compile(r"[,:;?!()\"']")
_TO_FULL = re.compile(r"[,:;?!]")
_PARENS = re.compile(r"[()]")
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_PARA_END = "。！？!?…"
_TRAILERS = "”’」』）)\"'"
_NO_OPEN_AFTER = "，。、；：！？,.;:!?）)》〉】〕"
HEADING_MAX = 60
"""A leading heading sentence longer than this (characters) is left inside its paragraph."""
_HEADING_END = re.compile(r"[。！？!?]")


def fragments_of(block: Block) -> tuple[Fragment, ...]:
    """Split a block on runs of whitespace into fragments, with source offsets."""
    return tuple(
        Fragment(m.group(0), block.start + m.start(), block.start + m.end())
        for m in re.finditer(r"\S+", block.text)
    )


def _glue(left: str, right: str) -> str:
    """What goes between two fragments: a space only inside a run of Latin text."""
    a, b = left[-1:], right[:1]
    latin_left = a.isascii() and (a.isalnum() or a in ",.;:!?%)'\"")
    latin_right = b.isascii() and (b.isalnum() or b in "('\"")
    return " " if latin_left and latin_right and not (a in ",;:" and b.isdigit()) else ""


def remove_stray_spaces(text: str) -> str:
    """Drop whitespace next to Chinese text; collapse runs between Latin words to one space."""

    def replace(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        left = text[start - 1] if start > 0 else ""
        right = text[end] if end < len(text) else ""
        if not left or not right or is_cjk(left) or is_cjk(right):
            return ""
        return " "

    return _SPACES.sub(replace, text)


def _neighbours(text: str, index: int) -> tuple[str, str]:
    left = text[index - 1] if index > 0 else ""
    right = text[index + 1] if index + 1 < len(text) else ""
    return left, right


# The conversions below visit only the characters they may change (found by C-level search), not
# every character of the paragraph: most paragraphs hold a few ASCII marks among many Han.


def _convert_parens(chars: list[str]) -> None:
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    text = "".join(chars)
    for match in _PARENS.finditer(text):
        index = match.start()
        if text[index] == "(":
            stack.append(index)
        elif stack:
            pairs.append((stack.pop(), index))
    for open_at, close_at in pairs:
        left = text[open_at - 1] if open_at > 0 else ""
        right = text[close_at + 1] if close_at + 1 < len(text) else ""
        if HAN.search(text, open_at + 1, close_at) or is_han(left) or is_han(right):
            chars[open_at], chars[close_at] = "（", "）"
    for index in stack:  # unmatched openers
        left, right = _neighbours(text, index)
        if is_han(left) or is_han(right):
            chars[index] = "（"


def _convert_quotes(chars: list[str], straight: str, opening: str, closing: str) -> None:
    """Pair straight quotes into curly ones when any of them touches Chinese text.

    Quotes alternate, opening first. A quote right before punctuation or at the end of the text
    can only close, and one at the start or after a space can only open, which keeps an odd
    quote from turning every later pair inside out. An apostrophe between Latin letters stays.
    """
    text = "".join(chars)
    positions = []
    index = text.find(straight)
    while index >= 0:
        left, right = _neighbours(text, index)
        if not (straight == "'" and left.isascii() and left.isalpha() and right.isascii()):
            positions.append(index)  # (not the apostrophe of don't, it's)
        index = text.find(straight, index + 1)
    if not any(is_cjk(c) for i in positions for c in _neighbours(text, i) if c):
        return
    inside = False
    for index in positions:
        left, right = _neighbours(text, index)
        if not inside and (not right or right in _NO_OPEN_AFTER) and left and not left.isspace():
            inside = True  # an unmatched closing quote: close it, keep the pairs after it right
        elif inside and (not left or left.isspace()) and right and not right.isspace():
            inside = False  # an unmatched opening quote
        chars[index] = closing if inside else opening
        inside = not inside


def normalize_punctuation(text: str) -> str:
    """Full-width punctuation and curly quotes in Chinese context; numbers and Latin untouched."""
    if not _ASCII_PUNCT.search(text):
        return text  # most clean text has nothing to convert
    chars: list[str] | None = None  # made on the first change: most `:` are in times and URLs
    for match in _TO_FULL.finditer(text):
        index = match.start()
        ch = text[index]
        left, right = _neighbours(text, index)
        if ch in ",:" and left.isdigit() and right.isdigit():
            continue
        if is_cjk(left) or is_cjk(right) or (ch in ",;" and not right):
            if chars is None:
                chars = list(text)
            chars[index] = _FULL[ch]
    if chars is None:
        if "(" not in text and '"' not in text and "'" not in text:
            return text
        chars = list(text)
    # Each pass sees what the one before it converted; none creates what a later one looks for.
    if "(" in text:
        _convert_parens(chars)
    if '"' in text:
        _convert_quotes(chars, '"', "“", "”")
    if "'" in text:
        _convert_quotes(chars, "'", "‘", "’")
    return "".join(chars)


def clean_text(text: str) -> str:
    """Stray spaces out, then punctuation in: the whole reflow of one run of prose.

    Spaces go before and after the conversion: `指出: "要` has a space between two ASCII marks
    that only become Chinese punctuation in the conversion.
    """
    return remove_stray_spaces(normalize_punctuation(remove_stray_spaces(text)))


def _spans(fragments: Sequence[Fragment], source: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for fragment in fragments:
        if spans and spans[-1].end <= fragment.start and fragment.start - spans[-1].end <= 2:
            spans[-1] = Span(source, spans[-1].start, fragment.end)
        else:
            spans.append(Span(source, fragment.start, fragment.end))
    return tuple(spans)


def _typical_line(blocks: Sequence[Sequence[Fragment]]) -> float:
    lengths = [len(f.text) for block in blocks for f in block[:-1] if not f.orphan]
    return statistics.median(lengths) if len(lengths) >= 3 else 0.0


def _ends_paragraph(block: Sequence[Fragment], line: float) -> bool:
    text = block[-1].text.rstrip(_TRAILERS)
    if text[-1:] in _PARA_END:
        return True
    # A last line clearly shorter than a full column line is where the paragraph stopped.
    return line >= 8 and len(block) >= 2 and len(block[-1].text) < 0.6 * line


def split_heading(text: str) -> tuple[str, str] | None:
    """Split a leading section heading (`一、…。`) from the rest of a paragraph, if there is one."""
    if not HEADING_START.match(text):
        return None
    match = _HEADING_END.search(text, 0, HEADING_MAX)
    if match is None or match.end() >= len(text):
        return (text, "") if len(text) <= HEADING_MAX and match is not None else None
    return text[: match.end()], text[match.end() :]


def _emit(text: str, spans: tuple[Span, ...], out: list[Paragraph]) -> None:
    parts = split_heading(text)
    if parts is None:
        out.append(Paragraph(text, "body", spans))
        return
    heading, rest = parts
    out.append(Paragraph(heading, "heading", spans))
    if rest:
        out.append(Paragraph(rest, "body", spans))


def reflow_blocks(blocks: Sequence[Sequence[Fragment]], source: str) -> list[Paragraph]:
    """Rebuild paragraphs from blocks of fragments (page text).

    A block continues into the next one unless it ends a sentence, ends on a short line, or the
    next block starts a heading. Fragments marked as orphans become paragraphs of their own,
    right after the paragraph they were found in.
    """
    line = _typical_line(blocks)
    paragraphs: list[Paragraph] = []
    pending: list[Fragment] = []
    orphans: list[Fragment] = []

    def flush() -> None:
        if pending:
            joined = pending[0].text
            for previous, fragment in itertools.pairwise(pending):
                joined += _glue(previous.text, fragment.text) + fragment.text
            _emit(clean_text(joined), _spans(pending, source), paragraphs)
            pending.clear()
        for orphan in orphans:
            paragraphs.append(
                Paragraph(clean_text(orphan.text), "orphan", _spans([orphan], source))
            )
        orphans.clear()

    for index, block in enumerate(blocks):
        kept = [f for f in block if not f.orphan]
        orphans.extend(f for f in block if f.orphan)
        following = blocks[index + 1] if index + 1 < len(blocks) else ()
        if kept and pending and HEADING_START.match(kept[0].text):
            flush()
        pending.extend(kept)
        starts_heading = bool(following) and HEADING_START.match(following[0].text) is not None
        if not kept or _ends_paragraph(kept, line) or starts_heading or not following:
            flush()
    flush()
    return paragraphs


def reflow_paragraphs(blocks: Sequence[Block], source: str) -> list[Paragraph]:
    """Clean paragraphs that are already whole (Markdown, plain text): punctuation and headings."""
    paragraphs: list[Paragraph] = []
    for block in blocks:
        text = normalize_punctuation(block.text.strip())
        if not text:
            continue
        spans = (Span(source, block.start, block.end),)
        if HEADING_START.match(text):
            _emit(text, spans, paragraphs)
        else:  # `_emit` without a heading, inline: this runs for every Markdown paragraph
            paragraphs.append(Paragraph(text, "body", spans))
    return paragraphs
