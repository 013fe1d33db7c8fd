"""The clreq line breaker: rules hold for all inputs, lines are full, nothing is lost.

The rules, the paragraph generator and `check` are in `linebreak_rules.py` (the tests of
converted text use them too).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linebreak_rules import AWKWARD, HAN, NO_END, NO_START, Sample, check, paragraphs
from rich.console import Console
from rich.text import Text

from reader.text.linebreak import break_opportunities, wrap, wrap_lines


@settings(max_examples=300, deadline=None)
@given(paragraphs(), st.integers(min_value=10, max_value=200), st.booleans(), st.booleans())
def test_rules_hold_for_random_paragraphs(
    sample: Sample, width: int, strict: bool, ambiguous_wide: bool
) -> None:
    lines = wrap(sample.text, width, strict=strict, ambiguous_wide=ambiguous_wide)
    check(
        sample.text,
        width,
        lines,
        strict=strict,
        ambiguous_wide=ambiguous_wide,
        atoms=sample.atoms,
    )


@settings(max_examples=200, deadline=None)
@given(paragraphs(), st.integers(min_value=1, max_value=9))
def test_tiny_widths_never_overflow_or_lose_text(sample: Sample, width: int) -> None:
    check(sample.text, width, wrap(sample.text, width), atoms=sample.atoms)


@settings(max_examples=200, deadline=None)
@given(paragraphs(), st.booleans())
def test_break_opportunities_are_exactly_allowed(sample: Sample, strict: bool) -> None:
    """Every opportunity obeys the rules, and plain Han text is never glued together."""
    text = sample.text
    opportunities = break_opportunities(text, strict=strict)
    assert opportunities == sorted(set(opportunities))
    content_end = len(text.rstrip())
    for position in opportunities:
        assert 0 < position <= content_end
        if position == content_end:
            continue
        following = len(text) - len(text[position:].lstrip())
        head = text[following]
        dash = text.startswith(("——", "……"), following)
        assert text[position - 1] not in NO_END
        assert head not in NO_START or (head == "—" and dash and not strict)
        assert not (strict and dash)
        for low, high in sample.atoms:
            assert not low < position < high
    allowed = set(opportunities)
    for index in range(1, len(text)):
        if text[index - 1] in HAN and text[index] in HAN:
            assert index in allowed


@pytest.mark.parametrize("name", sorted(AWKWARD))
@pytest.mark.parametrize("strict", [False, True])
def test_awkward_inputs(name: str, strict: bool) -> None:
    text = AWKWARD[name]
    for width in range(1, 61):
        for wide in (False, True):
            lines = wrap(text, width, strict=strict, ambiguous_wide=wide)
            if "\n" in text:
                assert len(lines) >= text.count("\n") + 1
                continue
            check(text, width, lines, strict=strict, ambiguous_wide=wide)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # A closing mark that does not fit carries the character before it down.
        ("我们要坚持，", 10, ["我们要坚", "持，"]),
        # It is pushed in when it fits.
        ("我们要坚，持", 10, ["我们要坚，", "持"]),
        # An opening quote is carried down with what it opens.
        ("他说“你好”", 6, ["他说", "“你好”"]),
        ("一二三——四", 7, ["一二三", "——四"]),
        ("共计3,000人", 8, ["共计", "3,000人"]),
        ("增长了100%。", 10, ["增长了", "100%。"]),
        ("在10:30召开", 8, ["在10:30", "召开"]),
        ("在10:30召开", 6, ["在", "10:30", "召开"]),
        ("hello world", 5, ["hello", "world"]),
        ("㐀㐁㐂", 4, ["㐀㐁", "㐂"]),
        ("中", 1, ["中"]),
        ("a👨‍👩‍👧b", 2, ["a", "👨‍👩‍👧", "b"]),
    ],
)
def test_exact_breaks(text: str, width: int, expected: list[str]) -> None:
    assert wrap_lines(text, width) == expected


def test_strict_keeps_dash_and_ellipsis_off_line_start() -> None:
    assert wrap_lines("一二三——四", 7, strict=True) == ["一二", "三——四"]
    assert wrap_lines("一二三……四", 7, strict=True) == ["一二", "三……四"]
    assert wrap_lines("一二三……四", 7) == ["一二三", "……四"]


def test_space_at_break_is_dropped_not_a_character() -> None:
    assert wrap("hello world", 5) == [(0, 5), (6, 11)]
    assert wrap("中文 中文", 4) == [(0, 2), (3, 5)]
    assert wrap("中文  ", 4) == [(0, 2)]


def test_ambiguous_wide_changes_widths() -> None:
    text = "“一”“二”“三”"
    assert wrap_lines(text, 12) == [text]
    assert wrap_lines(text, 12, ambiguous_wide=True) == ["“一”“二”", "“三”"]


def test_width_must_be_positive() -> None:
    with pytest.raises(ValueError, match="width"):
        wrap("中文", 0)


# Why this module exists: Rich breaks Chinese by cells and starts lines with closing marks.
NEWSPAPER = (
    "认真学习贯彻习近平总书记在中央人大工作会议上的重要讲话精神，坚持以重要讲话为统揽，"
    "奋力开创新时代人大工作新局面，重点要在以下三方面下功夫——抓好学习宣传、抓好贯彻落实、"
    "抓好自身建设。“四个意识”、“四个自信”、“两个维护”，今年1—9月共完成3,000项任务，完成率100%。"
)


def _rule_broken(lines: list[str]) -> bool:
    for previous, line in itertools.pairwise(lines):
        if not line or not previous:
            continue
        if line[0] in NO_START and not line.startswith("——"):
            return True
        if previous[-1] in NO_END or (previous[-1] == "—" and line[0] == "—"):
            return True
    return False


def test_rich_breaks_rules_where_we_do_not() -> None:
    bad_widths = []
    for width in range(10, 81):
        console = Console(width=width, file=None, color_system=None)
        rich_lines = [line.plain for line in Text(NEWSPAPER).wrap(console, width)]
        ours = wrap_lines(NEWSPAPER, width)
        assert "".join(ours) == NEWSPAPER
        assert not _rule_broken(ours)
        if _rule_broken(rich_lines):
            bad_widths.append(width)
    assert bad_widths, "Rich no longer breaks the rules: this module may be unnecessary"


# The bundled raw page, crudely cleaned (the real reflow lives elsewhere).
SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "lvliang-renda-2021-10-page.txt"
_HAN_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")


def _sample_paragraphs() -> list[str]:
    raw = SAMPLE.read_text(encoding="utf-8")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", raw)]
    return [_HAN_SPACE.sub("", " ".join(block.split())) for block in blocks if block]


def test_sample_page_paragraphs_pass_the_rules() -> None:
    paragraphs = _sample_paragraphs()
    assert len(paragraphs) > 10
    for text in paragraphs:
        for width in range(16, 121):
            lines = wrap_lines(text, width)
            check(text, width, wrap(text, width))
            check(text, width, wrap(text, width, strict=True), strict=True)
            # The raw page still has ASCII punctuation: those rules hold too.
            assert not any(line[0] in ",.:;!?)]}%" for line in lines[1:])
            assert not any(line[-1] in "([{" for line in lines[:-1])
