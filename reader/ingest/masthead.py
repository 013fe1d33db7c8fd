"""Page headers and footers of newspaper pages (date, 版次, page name, paper, editors), by shape.

A header line such as `2026年12月5日 星期六 第2版 人大之窗` or a footer such as
`责任编辑：李娜 版式：王强` belongs to the page, not to any article: PDF layout and extracted page
text both ask this module whether a line is one, and keep such lines as `PageInfo`. Recognition
is by shape only (a date and a page number together; editors' credits), never by a paper's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.model import PageInfo

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")
_CHINESE_NUMBER = "一二三四五六七八九十"
_EDITION = re.compile(
    rf"(?P<edition>第\s*(?:\d{{1,3}}|[{_CHINESE_NUMBER}]{{1,3}})\s*版|[A-Z]\s*\d{{1,2}}\s*版)"
)
_PAPER = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:日报|晚报|时报|晨报|周报|商报|导报|报)$")
_CREDIT = r"(?:责任编辑|编辑|责编|版式设计|版式|美编|校对|组版|审读|制图|统筹)\s*[:：]?\s*"
_NAMES = r"[\u4e00-\u9fff]{2,4}(?:[、，,][\u4e00-\u9fff]{2,4})*"
_CREDIT_LINE = re.compile(rf"^{_CREDIT}{_NAMES}(?:\s+{_CREDIT}{_NAMES})*$")
"""Editors' credits and nothing else: `责任编辑：李娜  版式：王强`."""
_SENTENCE = re.compile(r"[。；！？!?;]")
PAGE_LINE_MAX = 60
"""A header or footer is one short line; anything longer is prose."""


@dataclass(frozen=True)
class PageLine:
    """What one header or footer line says (each field None when the line does not say it)."""

    text: str
    date: str | None = None
    edition: str | None = None
    section: str | None = None
    paper: str | None = None


def page_line(text: str) -> PageLine | None:
    """Read a page header or footer line, or return None when `text` is not one.

    A header holds a date (`2026年12月5日`) and a page number (`第2版`, `A3版`) and no sentence
    punctuation; the short Han runs left over are the page's name (`人大之窗`) and the paper's
    (a run ending in 报, such as `吕梁日报`). A footer starts with editors' credits (`责任编辑：`).
    """
    stripped = text.strip()
    if not stripped or len(stripped) > PAGE_LINE_MAX or _SENTENCE.search(stripped):
        return None
    folded = stripped.translate(_DIGITS)
    if _CREDIT_LINE.match(folded):
        return PageLine(stripped)
    date = _DATE.search(folded)
    edition = _EDITION.search(folded)
    if date is None or edition is None:
        return None
    rest = folded
    for match in sorted((date, edition), key=lambda m: m.start(), reverse=True):
        rest = rest[: match.start()] + " " + rest[match.end() :]
    rest = _WEEKDAY.sub(" ", rest)
    words = [w for w in re.split(r"[\s|｜·•/／]+", rest) if w]
    papers = [w for w in words if _PAPER.match(w)]
    names = [w for w in words if w not in papers and 2 <= len(w) <= 8]
    return PageLine(
        text=stripped,
        date=f"{date['y']}-{int(date['m']):02d}-{int(date['d']):02d}",
        edition=re.sub(r"\s+", "", edition["edition"]),
        section=names[0] if names else None,
        paper=papers[0] if papers else None,
    )


def page_info(number: int, lines: Iterable[PageLine]) -> PageInfo:
    """The page's metadata from its header and footer lines (the first value of each field)."""
    lines = list(lines)

    def first(field: str) -> str | None:
        return next((v for line in lines if (v := getattr(line, field)) is not None), None)

    return PageInfo(
        number=number,
        lines=tuple(line.text for line in lines),
        date=first("date"),
        edition=first("edition"),
        section=first("section"),
        paper=first("paper"),
    )
