"""Converted (简/繁) text in the layout: the clreq rules hold for it, and stored offsets (search
hits, reading positions) still land on the right characters, also when a conversion changes a
length."""

from __future__ import annotations

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linebreak_rules import AWKWARD, Sample, check, paragraphs

import reader.layout
from reader.layout import Header, LayoutOptions, format_plain, layout_article
from reader.model import Article, Paragraph
from reader.text.linebreak import wrap
from reader.text.script import (
    Converted,
    Script,
    convert_article,
    convert_mapped,
    convert_pieces,
    to_simplified,
    to_traditional,
)
from reader.text.width import cell_len

CONVERTED = [Script.TRADITIONAL, Script.SIMPLIFIED]


def _shown(sample: Sample, script: Script) -> Sample:
    """A generated paragraph converted, its unbreakable spans carried through the offset map."""
    converted = convert_mapped(sample.text, script)
    atoms = tuple(
        (converted.to_view(low), converted.to_view(high, end=True)) for low, high in sample.atoms
    )
    return Sample(converted.text, atoms)


@settings(max_examples=300, deadline=None)
@given(
    paragraphs(),
    st.sampled_from(CONVERTED),
    st.integers(min_value=10, max_value=200),
    st.booleans(),
    st.booleans(),
)
def test_rules_hold_for_converted_paragraphs(
    sample: Sample, script: Script, width: int, strict: bool, ambiguous_wide: bool
) -> None:
    shown = _shown(sample, script)
    for low, high in sample.atoms:
        # Numbers, Latin words, dashes and emoji are not Chinese: conversion leaves them whole.
        assert sample.text[low:high] in shown.text
    lines = wrap(shown.text, width, strict=strict, ambiguous_wide=ambiguous_wide)
    check(shown.text, width, lines, strict=strict, ambiguous_wide=ambiguous_wide, atoms=shown.atoms)


@settings(max_examples=100, deadline=None)
@given(paragraphs(), st.sampled_from(CONVERTED), st.integers(min_value=1, max_value=9))
def test_tiny_widths_never_overflow_converted_text(
    sample: Sample, script: Script, width: int
) -> None:
    shown = _shown(sample, script)
    check(shown.text, width, wrap(shown.text, width), atoms=shown.atoms)


@pytest.mark.parametrize("name", sorted(name for name in AWKWARD if "\n" not in AWKWARD[name]))
@pytest.mark.parametrize("script", CONVERTED)
def test_awkward_inputs_converted(name: str, script: Script) -> None:
    text = convert_mapped(AWKWARD[name], script).text
    for width in range(1, 61):
        for strict in (False, True):
            check(text, width, wrap(text, width, strict=strict), strict=strict)


BODY = (
    "认真学习贯彻习近平总书记在中央人大工作会议上的重要讲话精神，坚持以“重要讲话”为统揽，"
    "奋力开创新时代人大工作新局面，头发和发展都要抓好——今年完成3,000项任务，完成率100%。"
)


def _article(*texts: str) -> Article:
    return Article(
        id="a1",
        title="人大代表联络站里的头发",
        source="page.txt",
        byline="□ 石楼县人大常委会主任 田文军",
        kicker="学习贯彻会议精神",
        paragraphs=tuple(Paragraph(text) for text in texts),
    )


def _shown_paragraph(layout: reader.layout.Layout, para: int) -> str:
    text = ""
    for index in layout.lines_of(para):
        line = layout.lines[index]
        text += line.text[line.lead : line.lead + line.end - line.start]
    return text


@pytest.mark.parametrize("width", [12, 30, 57, 100])
def test_the_layout_shows_the_converted_text_and_maps_hits(width: int) -> None:
    article = _article(BODY, BODY)
    options = LayoutOptions(width=width, script=Script.TRADITIONAL)
    layout = layout_article(article, options)
    assert layout.offsets == {}, "s2tw keeps lengths: nothing to map"
    assert _shown_paragraph(layout, 1) == to_traditional(BODY).replace(" ", "")
    assert "".join(layout.lines[i].text for i in layout.lines_of(Header.TITLE)) == (
        "人大代表聯絡站裡的頭髮"
    )
    start = BODY.index("头发")
    spans = {1: [(start, start + 2)], Header.TITLE: [(9, 11)]}
    highlighted = [
        layout.lines[index].text[low:high]
        for index in range(len(layout.lines))
        for low, high in layout.spans_on_line(index, spans)
    ]
    assert "".join(highlighted) == "頭髮頭髮"
    # Every line still fits and no line starts with a closing mark.
    for line in layout.lines:
        assert line.margin + cell_len(line.text) <= width
        assert not line.text.startswith(("，", "。", "”"))


def test_simplified_view_of_a_traditional_source() -> None:
    article = _article(to_traditional(BODY))
    layout = layout_article(article, LayoutOptions(width=40, script=Script.SIMPLIFIED))
    assert _shown_paragraph(layout, 0) == to_simplified(to_traditional(BODY))


TAIWAN_PHRASES = opencc.OpenCC("s2twp")
"""OpenCC's vocabulary-changing table: 内存 → 記憶體, 鼠标 → 滑鼠: real length changes."""

CHANGING = (
    "县里的图书馆添置了新的内存条和鼠标，读者可以在网上查资料。扩展阅读的服务也开通了，"
    "内存不够的电脑都换了新的，鼠标也换了，大家都说好。"
)


@pytest.fixture
def changing_lengths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lay out with OpenCC's Taiwan-phrase table, which changes lengths."""

    def convert(text: str, script: Script) -> Converted:
        return convert_pieces(text, script, TAIWAN_PHRASES)

    monkeypatch.setattr(reader.layout, "convert_mapped", convert)


@pytest.mark.usefixtures("changing_lengths")
@pytest.mark.parametrize("width", [14, 23, 40, 80])
def test_offsets_land_on_the_right_characters_when_lengths_change(width: int) -> None:
    layout = layout_article(
        _article(CHANGING), LayoutOptions(width=width, script=Script.TRADITIONAL)
    )
    assert 0 in layout.offsets
    shown = _shown_paragraph(layout, 0)
    assert shown == TAIWAN_PHRASES.convert(CHANGING)
    assert len(shown) != len(CHANGING)
    # A search hit (stored offsets) on each changed word highlights its replacement.
    second = CHANGING.index("内存不够")
    for start, word, replacement in (
        (CHANGING.index("内存条"), "内存条", "記憶體模組"),
        (CHANGING.index("扩展"), "扩展", "擴充套件"),
        (second, "内存", "記憶體"),
        (CHANGING.index("鼠标"), "鼠标", "滑鼠"),
        (CHANGING.index("读者"), "读者", "讀者"),
    ):
        spans = {0: [(start, start + len(word))]}
        highlighted = "".join(
            layout.lines[index].text[low:high]
            for index in layout.lines_of(0)
            for low, high in layout.spans_on_line(index, spans)
        )
        assert highlighted == replacement
    # Punctuation: located where it is drawn, and read back to the same stored offset.
    for offset, char in enumerate(CHANGING):
        if char not in "，。":
            continue
        line_index, cell = layout.locate(0, offset)
        line = layout.lines[line_index]
        drawn = line.text[_index_at_cell(line.text, cell - line.margin)]
        assert drawn == char
        assert layout.offset_at(line_index, cell) == (0, offset)


@pytest.mark.usefixtures("changing_lengths")
def test_a_remembered_position_reopens_on_its_line_when_lengths_change() -> None:
    layout = layout_article(_article(CHANGING), LayoutOptions(width=16, script=Script.TRADITIONAL))
    for index in layout.lines_of(0):
        stored = layout.stored_offset(0, layout.lines[index].start)
        line_index, _ = layout.locate(0, stored)
        # Exact unless the line starts inside a changed word (then at most one line away).
        assert abs(line_index - index) <= 1
        inside = any(low < stored < high for low, high, _, _ in layout.offsets[0].pieces)
        if not inside:
            assert line_index == index


def _index_at_cell(text: str, cell: int) -> int:
    for index in range(len(text)):
        if cell_len(text[: index + 1]) > cell:
            return index
    return len(text)


def test_cat_script_converts_title_byline_and_paragraphs() -> None:
    article = _article(BODY)
    plain = format_plain(convert_article(article, Script.TRADITIONAL), 30)
    assert plain.splitlines()[0] == "人大代表聯絡站裡的頭髮"
    assert "石樓縣人大常委會主任" in plain
    assert to_traditional(BODY) == "".join(plain.splitlines()[3:]).replace("\u3000", "")
