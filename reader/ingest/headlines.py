"""Headlines of a laid-out page: title lines stacked together, with a kicker above or a subtitle.

In a PDF a headline is set larger than the body text; `find_headlines` stacks such lines (a
kicker, the title, a subtitle) and puts back together a title whose letter-spacing cut it into
pieces. Text without sizes (`reader.ingest.grid`) finds its headline lines by shape and says
which of them is the title.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.ingest.glyphs import Line, same_size
from reader.ingest.markdown import join_lines

HEADLINE_RATIO = 1.15
"""A line this much larger than the body size is part of a headline."""
LETTER_GAP = 2.5
"""Pieces of one size on one baseline this many characters apart, one of them a single
character, are one letter-spaced title."""
WORD_GAP = 1.2
"""Pieces of one size on one baseline at most this many characters apart are one title with a
space inside (`监督有力度  服务有温度`); further apart, two titles side by side."""


@dataclass
class Headline:
    """A page's title lines stacked together: kicker above, title, subtitle below."""

    lines: list[Line]
    main: tuple[int, int] | None = None
    """The first and last title lines (indices in `lines` sorted top to bottom); None: the
    largest lines."""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    reach: tuple[float, float] = (float("-inf"), float("inf"))
    """The share of the page's width it heads (set by `reader.ingest.columns.set_reach`)."""

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute the box from the lines."""
        self.x0 = min(line.x0 for line in self.lines)
        self.x1 = max(line.x1 for line in self.lines)
        self.top = min(line.top for line in self.lines)
        self.bottom = max(line.bottom for line in self.lines)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    def ordered(self) -> list[Line]:
        """The lines top to bottom."""
        return sorted(self.lines, key=lambda ln: (ln.top, ln.x0))

    def parts(self) -> tuple[str | None, str]:
        """The kicker (or None) and the title, a subtitle joined to it after a space.

        Without `main`, the largest lines are the title; smaller lines above it are the kicker,
        below it the subtitle.
        """
        lines = self.ordered()
        if self.main is None:
            largest = max(ln.size for ln in lines)
            main = [n for n, ln in enumerate(lines) if ln.size >= largest / 1.12]
            first, last = main[0], main[-1]
        else:
            first, last = self.main
        kicker = " ".join(ln.text for ln in lines[:first]) or None
        title = join_lines([ln.text for ln in lines[first : last + 1]])
        subtitle = " ".join(ln.text for ln in lines[last + 1 :])
        return kicker, f"{title} {subtitle}" if subtitle else title


def _rejoined(big: list[Line]) -> list[Line]:
    """Pieces of one title cut apart at its wide letter- or word-spacing, put back together."""
    merged: list[Line] = []
    piece = 0  # glyphs in the last piece joined, to tell letter-spacing from a word space
    for line in sorted(big, key=lambda ln: (round(ln.bottom), ln.x0)):
        last = merged[-1] if merged else None
        if last is not None:
            gap = line.x0 - last.x1
            limit = LETTER_GAP if min(piece, len(line.glyphs)) == 1 else WORD_GAP
            if (
                abs(last.bottom - line.bottom) <= 0.25 * line.size
                and same_size(last.size, line.size, 1.03)
                and 0 <= gap <= limit * line.size
            ):
                last.glyphs = [*last.glyphs, *line.glyphs]
                last.refresh()
                piece = len(line.glyphs)
                continue
        merged.append(Line(list(line.glyphs)))
        piece = len(line.glyphs)
    return merged


def find_headlines(lines: list[Line], body: float) -> list[Headline]:
    """Stack headline-size lines into headlines (lines of one headline touch or nearly)."""
    big = [ln for ln in lines if ln.size >= HEADLINE_RATIO * body]
    headlines: list[Headline] = []
    for line in sorted(_rejoined(big), key=lambda ln: ln.top):
        for headline in headlines:
            near = line.top - headline.bottom <= 1.2 * max(line.size, body)
            overlap = line.x0 < headline.x1 and line.x1 > headline.x0
            if near and overlap and line.top >= headline.top:
                headline.lines.append(line)
                headline.refresh()
                break
        else:
            headlines.append(Headline([line]))
    return headlines


def is_headline_size(line: Line, body: float) -> bool:
    """Whether a line is set large enough to belong to a headline."""
    return line.size >= HEADLINE_RATIO * body
