"""What each unit of extracted page text is: page line, byline, headline or column line.

Told apart by shape, never by name:

* **page lines** (header, footer) are what `reader.ingest.masthead` reads as one; a header
  printed in two pieces (`2026年9月16日 星期三` … `第2版 民生视点`) is found by reading two
  short unpunctuated pieces together;
* **bylines** are what `reader.ingest.byline` reads as one (`□ 交城县人大常委会办公室 郭志强`);
* **headlines** (kicker, title, subtitle): a line no column line can be — wider than the
  measure, or short without ending a sentence, or opening with a dash (`——记…`) — or a
  title-like line (no full stop, not too long) standing next to a byline or another headline;
* everything else is a column line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reader.ingest.byline import parse_byline
from reader.ingest.extracted_lines import HANG, SHORTEST, Unit
from reader.ingest.masthead import PAGE_LINE_MAX, PageLine, page_line
from reader.model import Byline

Kind = Literal["page", "byline", "head", "body"]

TITLE_MAX = 40
"""A headline is at most this many characters."""
_STOP = re.compile(r"[。；;]")
"""A headline may ask, exclaim or pause (？！，：、) but holds no full stop."""
_DASH = re.compile(r"^(?:——|—|--|－－)")
_SENTENCE_PUNCT = re.compile(r"[，。；！？：,;!?]")


@dataclass(frozen=True)
class Classified:
    """The kinds of a source's units, and what was read from its page lines and bylines."""

    kinds: tuple[Kind, ...]
    page_lines: tuple[PageLine, ...]
    bylines: dict[int, Byline]
    """Unit index → its byline."""


_PAUSE = re.compile(r"[，、,]")


def may_be_headline(unit: Unit) -> bool:
    """A title-like line with no pause (`，`、): one next to a byline or headline is taken as a
    headline outright (see `classify`)."""
    return title_like(unit) and not _PAUSE.search(unit.text)


def title_like(unit: Unit) -> bool:
    """A line that may be a headline: not too long, no full stop (left for the columns and the
    page's ledes to decide)."""
    text = unit.text.strip()
    return 2 <= len(text) <= TITLE_MAX and not _STOP.search(text)


def _certain_head(unit: Unit, measure: int) -> bool:
    """A headline by its shape alone: no column line has it."""
    if not title_like(unit):
        return False
    if _DASH.match(unit.text):
        return True
    short = unit.width - measure
    return short > HANG or (short < -SHORTEST and not unit.ends_sentence)


def _page_lines(units: Sequence[Unit]) -> tuple[dict[int, PageLine], set[int]]:
    """Units that are page lines, alone or two pieces read together."""
    found: dict[int, PageLine] = {}
    for index, unit in enumerate(units):
        read = page_line(unit.text)
        if read is not None:
            found[index] = read
    pieces = [
        i
        for i, u in enumerate(units)
        if i not in found
        and len(u.text) <= PAGE_LINE_MAX
        and not _SENTENCE_PUNCT.search(u.text)
        and (any(c.isdigit() for c in u.text) or "版" in u.text)
    ]
    joined: set[int] = set()
    pairs = sorted(
        ((b - a, a, b) for n, a in enumerate(pieces) for b in pieces[n + 1 :]),
    )
    for _, a, b in pairs:
        if a in joined or b in joined:
            continue
        read = page_line(units[a].text + " " + units[b].text)
        if read is not None and read.date is not None and read.edition is not None:
            found[a] = read
            joined.update((a, b))
    return found, joined


def classify(units: Sequence[Unit], measure: int) -> Classified:
    """Tell page lines, bylines, headlines and column lines apart (see the module docstring)."""
    page, second_pieces = _page_lines(units)
    kinds: list[Kind] = ["body"] * len(units)
    bylines: dict[int, Byline] = {}
    for index, unit in enumerate(units):
        if index in page or index in second_pieces:
            kinds[index] = "page"
            continue
        byline = parse_byline(unit.text)
        if byline is not None:
            kinds[index] = "byline"
            bylines[index] = byline
        elif _certain_head(unit, measure):
            kinds[index] = "head"
    # A title-like line with no pause next to a byline or a headline is a headline too: it
    # stands before its byline, or among the titles and bylines of a band printed together.
    # (A line with a pause there is more often a column line printed beside them.)
    changed = True
    while changed:
        changed = False
        for index, unit in enumerate(units):
            if kinds[index] != "body" or not may_be_headline(unit):
                continue
            before = _neighbour(kinds, index, -1)
            after = _neighbour(kinds, index, 1)
            between = before in ("head", "byline") and after in ("head", "byline")
            if after == "byline" or (between and "head" in (before, after)):
                kinds[index] = "head"
                changed = True
    ordered = sorted(page)
    return Classified(tuple(kinds), tuple(page[i] for i in ordered), bylines)


def _neighbour(kinds: Sequence[Kind], index: int, step: int) -> Kind | None:
    """The kind of the nearest unit before (`step` -1) or after (1) that is not a page line."""
    index += step
    while 0 <= index < len(kinds):
        if kinds[index] != "page":
            return kinds[index]
        index += step
    return None
