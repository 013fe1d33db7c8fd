"""Chinese line breaking for the terminal, after W3C clreq (Requirements for Chinese Text Layout).

Why: Rich and Textual break lines only at spaces. A run of Chinese has none, so they chop it by
cell count and start lines with `，` or `。`, end them with `“`, split `——` and `……`, and cut
`3,000` or `10:30` in two. This module breaks a paragraph the way a Chinese typesetter would, in
terminal cells, fast enough to re-lay a long article on every resize.

Rules (clreq "basic" level, the default):

- no line starts with a closing or pausing mark `、，。．：；！？”’」』）〕】〗］｝》〉` (and their
  half-width or ASCII counterparts `,.;:!?)]}`, unit marks such as `%` `℃`), nor with a connector
  or interpunct `—～·` (a single dash is a connector: `北京—上海`);
- no line ends with an opening mark `“‘「『（〔【〖［｛《〈` (nor `([{`, nor a currency sign);
- `——` and `……` are never split; a run of Latin letters and digits with its inner `.,:'-/`
  (`3,000`, `10:30`, `e-mail`, the digits of `2021年`) is never split;
- `strict=True` also keeps `——` and `……` off the start of a line.

A space is a break opportunity; a space at a break is dropped (not drawn, not counted), as is
whitespace at the end of the text. Newlines are forced breaks. A terminal cannot squeeze or hang
punctuation, so a line is never wider than `width`: the greedy fill takes the longest prefix that
ends at an allowed break and fits, which carries the minimal unit down ("push in" happens when
it fits, since the unit is then simply taken). A unit that is wider than a whole line (a long URL,
a pile-up of punctuation in a very narrow pane) starts a new line and is cut at cluster
boundaries; a single cluster wider than the line stands alone on its line.

Offsets are characters (`str` indices); widths are terminal cells (see `reader.text.width`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from reader.text.width import cell_widths, clusters

LINE_START_FORBIDDEN = frozenset("、，。．：；！？”’」』）〕】〗］｝》〉—～·")
"""The clreq basic line-start prohibitions this module guarantees (plus more, see `_classes`)."""

LINE_END_FORBIDDEN = frozenset("“‘「『（〔【〖［｛《〈")
"""The clreq basic line-end prohibitions this module guarantees (plus more, see `_classes`)."""

# Classes, one ASCII capital each, so a paragraph becomes a "class string" with one C-speed
# str.translate and the rules become regular expressions over it:
#   S space (a break opportunity, dropped at a break)
#   O opening: no break after it            C closing: no break before it
#   P closing that also joins a word (,.:’)  H joins a word only ('-_/@&+)
#   N connector or interpunct: no break before it
#   D dash (a run of two or more is a 破折号 ——, one alone a connector)
#   E ellipsis                               W letter or digit of a Latin word or number
#   Q ASCII double quote (opening or closing decided by its rank in the paragraph)
#   R regional indicator: Rich measures each alone, but a pair is one flag and stays whole
# Any other character (Han, kana, emoji, symbols) is left as it is and may break on both sides.
_SPACE = " \t\r\u3000\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f"
_OPENING = "“‘「『（〔【〖［｛《〈〘〚｟«‹〝([{$£¥￥€₩＄￡"
_CLOSING = "、，。．：；！？”」』）〕】〗］｝》〉〙〛｠»›〞〟｡､｣!?;)]}%‰‱℃℉°′″％"
_CLOSING_JOINER = ",.:’"
_JOINER = "'-_/@&+"
_CONNECTOR = "～~·・‧･–－‐‑‒⁓〜゠"
_DASH = "—―⸺⸻"
_ELLIPSIS = "…⋯"


@cache
def _classes() -> dict[int, str]:
    """The translate table from characters to class letters (built on first use)."""
    table: dict[int, str] = {}
    for chars, letter in (
        (_SPACE, "S"),
        (_OPENING, "O"),
        (_CLOSING, "C"),
        (_CLOSING_JOINER, "P"),
        (_JOINER, "H"),
        (_CONNECTOR, "N"),
        (_DASH, "D"),
        (_ELLIPSIS, "E"),
        ('"', "Q"),
    ):
        table.update((ord(c), letter) for c in chars)
    table.update((code, "R") for code in range(0x1F1E6, 0x1F200))
    word_ranges = [
        (0x30, 0x39),
        (0x41, 0x5A),
        (0x61, 0x7A),
        (0xC0, 0x24F),  # Latin-1 letters and Latin Extended A/B
        (0x370, 0x52F),  # Greek and Cyrillic
        (0xFF10, 0xFF19),  # full-width digits: ２０２１年 keeps its digits together too
        (0xFF21, 0xFF3A),
        (0xFF41, 0xFF5A),
    ]
    for low, high in word_ranges:
        for code in range(low, high + 1):
            if chr(code).isalnum():
                table[code] = "W"
    return table


@dataclass(frozen=True)
class _Rules:
    no_start: re.Pattern[str]
    no_end: re.Pattern[str]
    words: re.Pattern[str]
    runs: re.Pattern[str]
    spaces: re.Pattern[str]


@cache
def _rules(strict: bool) -> _Rules:
    """The rule patterns over class strings (compiled on first use)."""
    # A no-start mark forbids the break before it, also across spaces ("word ，").
    no_start = r"S*[CPNDE]" if strict else r"S*(?:[CPN]|(?<!D)D(?!D))"
    return _Rules(
        no_start=re.compile(no_start),
        no_end=re.compile(r"OS*"),
        words=re.compile(r"W+(?:[PH]+W+)*"),
        runs=re.compile(r"D{2,}|E{2,}|RR"),
        spaces=re.compile(r"S+"),
    )


@dataclass(frozen=True)
class _Analysis:
    """One newline-free piece of text, reduced to grapheme clusters.

    `cells[k]` is the width of clusters `0..k-1`; `allowed[k]` says whether a line may end before
    cluster `k` (spaces after it are then dropped); `classes` has one class letter per cluster;
    `starts` maps cluster indices to character offsets (None when every cluster is one character).
    """

    cells: list[int]
    allowed: bytearray
    classes: str
    content_end: int
    starts: list[int] | None


def _analyse(text: str, strict: bool, ambiguous_wide: bool) -> _Analysis:
    widths = cell_widths(text, ambiguous_wide=ambiguous_wide)
    starts: list[int] | None = None
    skeleton = text
    if 0 in widths:
        # Zero-width characters (combining marks, ZWJ, variation selectors) belong to the cluster
        # before them: work on one base character per cluster so no cluster is ever split.
        spans = clusters(text, ambiguous_wide=ambiguous_wide)
        starts = [s for s, _e, _w in spans]
        starts.append(len(text))
        skeleton = "".join(text[s] for s in starts[:-1])
        widths = [w for _s, _e, w in spans]
    classes = skeleton.translate(_classes())
    if "Q" in classes:
        # PDF text uses one ASCII quote for both sides: alternate, opening first.
        chars = list(classes)
        opening = True
        for index, letter in enumerate(chars):
            if letter == "Q":
                chars[index] = "O" if opening else "C"
                opening = not opening
        classes = "".join(chars)
    count = len(classes)
    content_end = len(classes.rstrip("S"))
    allowed = bytearray(b"\x01") * (count + 1)
    allowed[0] = 0
    rules = _rules(strict)
    for match in rules.no_start.finditer(classes):
        allowed[match.start()] = 0
    for match in rules.no_end.finditer(classes):
        start, end = match.start() + 1, match.end() + 1
        allowed[start:end] = bytes(end - start)
    for pattern in (rules.words, rules.runs):
        for match in pattern.finditer(classes):
            start, end = match.start() + 1, match.end()
            allowed[start:end] = bytes(end - start)
    for match in rules.spaces.finditer(classes):
        # The break sits where the spaces begin; nowhere inside them or just after them.
        start, end = match.start() + 1, match.end() + 1
        allowed[start:end] = bytes(end - start)
    allowed[content_end] = 1
    cells = [0, *accumulate(widths)]
    return _Analysis(cells, allowed, classes, content_end, starts)


def _wrap_piece(text: str, width: int, strict: bool, ambiguous_wide: bool) -> list[tuple[int, int]]:
    """Wrap newline-free text; offsets are characters of `text`."""
    info = _analyse(text, strict, ambiguous_wide)
    cells, allowed, classes, content_end = info.cells, info.allowed, info.classes, info.content_end
    if content_end == 0:
        return [(0, 0)]
    lines: list[tuple[int, int]] = []
    start = 0
    while True:
        limit = cells[start] + width
        if cells[content_end] <= limit:
            lines.append((start, content_end))
            break
        # The furthest position whose prefix fits; then back to the nearest allowed break.
        fits = bisect_right(cells, limit, start, content_end + 1) - 1
        end = fits
        while end > start and not allowed[end]:
            end -= 1
        if end > start:
            lines.append((start, end))
            start = end
            while classes[start] == "S":
                start += 1
        else:
            # No allowed break fits: the unit is wider than a line, cut it where it fills it.
            end = fits if fits > start else start + 1
            lines.append((start, end))
            if end == content_end:
                break
            start = end
    if info.starts is not None:
        starts = info.starts
        return [(starts[s], starts[e]) for s, e in lines]
    return lines


def _check_width(width: int) -> None:
    if width < 1:
        raise ValueError(f"width must be at least 1 cell, not {width}")


def wrap(
    text: str, width: int, *, strict: bool = False, ambiguous_wide: bool = False
) -> list[tuple[int, int]]:
    """Break text into lines of at most `width` cells, following the clreq rules.

    Args:
        text: A paragraph; newlines in it are forced breaks.
        width: The line width in cells (at least 1).
        strict: Also keep `——` and `……` off the start of a line.
        ambiguous_wide: Measure East Asian ambiguous characters (“ ” … —) as two cells.

    Returns:
        `(start, end)` character offsets of every line, in order; `text[start:end]` is the line.
        What lies between one line's end and the next line's start is only whitespace dropped at
        the break (spaces, a newline). Empty or blank text gives one empty line.

    Raises:
        ValueError: When `width` is less than 1.
    """
    _check_width(width)
    if "\n" not in text:
        return _wrap_piece(text, width, strict, ambiguous_wide)
    lines: list[tuple[int, int]] = []
    offset = 0
    for piece in text.split("\n"):
        lines.extend(
            (offset + s, offset + e) for s, e in _wrap_piece(piece, width, strict, ambiguous_wide)
        )
        offset += len(piece) + 1
    return lines


def wrap_lines(
    text: str, width: int, *, strict: bool = False, ambiguous_wide: bool = False
) -> list[str]:
    """Break text into lines of at most `width` cells; see `wrap`.

    Args:
        text: A paragraph; newlines in it are forced breaks.
        width: The line width in cells (at least 1).
        strict: Also keep `——` and `……` off the start of a line.
        ambiguous_wide: Measure East Asian ambiguous characters as two cells.

    Returns:
        The text of every line.
    """
    return [text[s:e] for s, e in wrap(text, width, strict=strict, ambiguous_wide=ambiguous_wide)]


def break_opportunities(text: str, *, strict: bool = False) -> list[int]:
    """Every character offset at which a line may end under the rules.

    A line that ends at one of these offsets drops the spaces that follow it. The end of the text
    (before trailing whitespace) is included; 0 is not. Useful for tests and for cursor motion.

    Args:
        text: A paragraph; newlines in it are forced breaks.
        strict: Also keep `——` and `……` off the start of a line.

    Returns:
        The offsets, ascending.
    """
    result: list[int] = []
    offset = 0
    for piece in text.split("\n"):
        info = _analyse(piece, strict, False)
        starts = info.starts
        for index in range(1, info.content_end + 1):
            if info.allowed[index]:
                result.append(offset + (starts[index] if starts is not None else index))
        offset += len(piece) + 1
    return result
