"""Article layout: structure, indents, centring, quotes, widths, offset mapping, plain format."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.layout import (
    INDENT,
    NO_PARA,
    Header,
    Layout,
    LayoutOptions,
    corner_quotes,
    format_plain,
    layout_article,
)
from reader.model import Article, Paragraph
from reader.text.width import cell_len, clusters

BODY = (
    "认真学习贯彻习近平总书记在中央人大工作会议上的重要讲话精神，坚持以“重要讲话”为统揽，"
    "奋力开创新时代人大工作新局面，重点要在以下三方面下功夫——今年完成3,000项任务，完成率100%。"
)
HEADING = "一、抓好学习宣传，在增强制度自信上下功夫"
ORPHAN = "被放在一边的片段"


def make_article(**changes: object) -> Article:
    fields: dict[str, object] = {
        "id": "a1",
        "title": "以总书记重要讲话统揽新时期人大工作",
        "source": "page.txt",
        "byline": "□ 石楼县人大常委会主任 田文军",
        "kicker": "学习贯彻中央人大工作会议精神",
        "paragraphs": (
            Paragraph(BODY),
            Paragraph(HEADING, "heading"),
            Paragraph(BODY),
            Paragraph(ORPHAN, "orphan"),
        ),
    }
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def para_lines(layout: Layout, para: int) -> list[str]:
    return [layout.lines[i].text for i in layout.lines_of(para)]


def test_structure_and_kinds() -> None:
    layout = layout_article(make_article(), LayoutOptions(width=100))
    kinds = [line.kind for line in layout.lines]
    # Collapse runs of the same kind to read the rhythm of the page.
    rhythm = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    assert rhythm == [
        "kicker",
        "title",
        "byline",
        "blank",
        "body",
        "blank",
        "heading",
        "blank",
        "body",
        "blank",
        "orphan",
    ]
    assert all(
        line.para == NO_PARA and line.text == "" for line in layout.lines if line.kind == "blank"
    )
    assert {line.para for line in layout.lines if line.kind == "kicker"} == {Header.KICKER}
    assert {line.para for line in layout.lines if line.kind == "title"} == {Header.TITLE}
    assert {line.para for line in layout.lines if line.kind == "byline"} == {Header.BYLINE}
    assert {line.para for line in layout.lines if line.kind == "heading"} == {1}
    # Header parts sort before paragraphs in the order they are shown (hits rely on it).
    shown = [line.para for line in layout.lines if line.para != NO_PARA]
    assert shown == sorted(shown)


def test_no_kicker_no_byline() -> None:
    layout = layout_article(make_article(kicker=None, byline=None), LayoutOptions(width=100))
    assert layout.lines[0].kind == "title"
    assert not any(line.kind in ("kicker", "byline") for line in layout.lines)


def test_body_indent_heading_orphan() -> None:
    layout = layout_article(make_article(), LayoutOptions(width=40))
    body = para_lines(layout, 0)
    assert len(body) > 2
    assert body[0].startswith(INDENT)
    assert not any(line.startswith("\u3000") for line in body[1:])
    first = layout.lines[layout.lines_of(0)[0]]
    assert (first.lead, first.start) == (2, 0)
    assert "".join(body) == INDENT + BODY

    heading = para_lines(layout, 1)
    assert not heading[0].startswith("\u3000")
    assert "".join(heading) == HEADING

    orphan = para_lines(layout, 3)
    assert "".join(orphan) == "〔" + ORPHAN + "〕"
    orphan_line = layout.lines[layout.lines_of(3)[0]]
    assert (orphan_line.kind, orphan_line.lead, orphan_line.end) == ("orphan", 1, len(ORPHAN))

    flat = layout_article(make_article(), LayoutOptions(width=40, indent=False))
    assert "".join(para_lines(flat, 0)) == BODY


def test_text_column_is_centred_when_pane_is_wider() -> None:
    wide = layout_article(make_article(), LayoutOptions(width=120, measure=80))
    body = [wide.lines[i] for i in wide.lines_of(0)]
    assert {line.margin for line in body} == {20}
    assert max(cell_len(line.text) for line in body) <= 80
    assert max(cell_len(line.text) for line in body) > 70  # the column is used, not shrunk
    for line in wide.lines:
        if line.kind == "title":
            # Title lines are centred within the column.
            assert line.margin - 20 == (80 - cell_len(line.text)) // 2

    narrow = layout_article(make_article(), LayoutOptions(width=50, measure=80))
    assert {narrow.lines[i].margin for i in narrow.lines_of(0)} == {0}
    assert all(cell_len(line.text) <= 50 for line in narrow.lines)


def test_strict_option_reaches_the_breaker() -> None:
    text = "一二三——四五六七八九十"
    article = make_article(paragraphs=(Paragraph(text, "heading"),), kicker=None, byline=None)
    basic = layout_article(article, LayoutOptions(width=7))
    strict = layout_article(article, LayoutOptions(width=7, strict=True))
    assert para_lines(basic, 0)[1].startswith("——")
    assert not any(line.startswith("—") for line in para_lines(strict, 0))


def test_corner_quotes_substitute_one_for_one() -> None:
    assert corner_quotes("他说“‘好’”，don’t") == "他说「『好』」，don’t"
    text = "他说：“要牢记‘四个意识’。”他又说：“好。”"
    article = make_article(paragraphs=(Paragraph(text),))
    layout = layout_article(article, LayoutOptions(width=16, corner_quotes=True))
    shown = corner_quotes(text)
    assert len(shown) == len(text)
    for index in layout.lines_of(0):
        line = layout.lines[index]
        assert not set(line.text) & set("“”‘’")
        assert (
            line.text[line.lead : line.lead + line.end - line.start] == shown[line.start : line.end]
        )
        assert cell_len(line.text) <= 16
    assert "「" in "".join(para_lines(layout, 0))


def test_ambiguous_wide_measures_quotes_as_two_cells() -> None:
    text = "“一”“二”“三”“四”“五”“六”“七”“八”"
    article = make_article(paragraphs=(Paragraph(text),), kicker=None, byline=None)
    narrow = layout_article(article, LayoutOptions(width=20))
    wide = layout_article(article, LayoutOptions(width=20, ambiguous_wide=True))
    assert len(wide.lines_of(0)) > len(narrow.lines_of(0))
    for index in wide.lines_of(0):
        assert cell_len(wide.lines[index].text, ambiguous_wide=True) <= 20
    # Columns are measured the same way: “ before 一 takes two cells when wide.
    assert wide.locate(0, 1)[1] == narrow.locate(0, 1)[1] + 1


def test_locate_title_and_spans() -> None:
    layout = layout_article(make_article(), LayoutOptions(width=120, measure=80))
    title = make_article().title
    row, column = layout.locate(Header.TITLE, title.index("重要"))
    line = layout.lines[row]
    assert line.kind == "title"
    assert column == line.margin + cell_len(title[: title.index("重要")])
    spans = {Header.TITLE: [(title.index("重要"), title.index("重要") + 4)]}
    ((low, high),) = layout.spans_on_line(row, spans)
    assert line.text[low:high] == "重要讲话"
    with pytest.raises(KeyError):
        layout.locate(99, 0)


def test_span_across_a_line_break_is_split() -> None:
    layout = layout_article(make_article(), LayoutOptions(width=30))
    rows = layout.lines_of(0)
    boundary = layout.lines[rows[1]].start
    spans = {0: [(boundary - 3, boundary + 2)]}
    first = layout.spans_on_line(rows[0], spans)
    second = layout.spans_on_line(rows[1], spans)
    text = "".join(
        layout.lines[row].text[low:high]
        for row, ranges in ((rows[0], first), (rows[1], second))
        for low, high in ranges
    )
    assert text == BODY[boundary - 3 : boundary + 2]
    assert layout.spans_on_line(rows[2], spans) == []
    assert layout.spans_on_line(0, spans) == []  # the kicker line has no spans of paragraph 0


_TOKENS = [
    *"中文字词句段落新闻报道会议精神㐀㐁𠀀",
    *"，。、：；！？”’」》）",
    *"“‘「《（",
    "——",
    "……",
    "100%",
    "3,000",
    "10:30",
    "Python",
    "word",
    " ",
    "😀",
    "👨‍👩‍👧",
]
_TEXT = st.lists(st.sampled_from(_TOKENS), min_size=0, max_size=60).map("".join)
_KIND = st.sampled_from(["body", "body", "heading", "orphan"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_TEXT, _KIND), min_size=1, max_size=4),
    _TEXT.filter(bool),
    st.integers(min_value=10, max_value=160),
    st.booleans(),
    st.booleans(),
)
def test_offsets_round_trip(
    paragraphs: list[tuple[str, str]],
    title: str,
    width: int,
    wide: bool,
    corner: bool,
) -> None:
    article = make_article(
        title=title,
        paragraphs=tuple(Paragraph(text, kind) for text, kind in paragraphs),  # type: ignore[arg-type]
    )
    options = LayoutOptions(width=width, measure=60, ambiguous_wide=wide, corner_quotes=corner)
    layout = layout_article(article, options)
    texts = {Header.TITLE: title, **{i: text for i, (text, _kind) in enumerate(paragraphs)}}
    for para, text in texts.items():
        rows = layout.lines_of(para)
        assert rows
        shown = {o for r in rows for o in range(layout.lines[r].start, layout.lines[r].end)}
        for start, _end, _cells in clusters(text):
            if start not in shown:
                continue  # a space dropped at a line break has no place on screen
            row, column = layout.locate(para, start)
            assert row in rows
            assert layout.offset_at(row, column) == (para, start)
        # Just past the last drawn character (trailing spaces are dropped, not drawn).
        end = layout.lines[rows[-1]].end
        assert len(text.rstrip()) <= end <= len(text)
        row, column = layout.locate(para, end)
        assert layout.offset_at(row, column) == (para, end)
    for row, line in enumerate(layout.lines):
        assert line.margin + cell_len(line.text, ambiguous_wide=wide) <= width or (
            len(clusters(line.text)) == 1
        )
        # Every cell past the decoration maps to a character drawn at or before it on its line.
        lead = line.margin + cell_len(line.text[: line.lead], ambiguous_wide=wide)
        for cell in range(lead, line.margin + cell_len(line.text, ambiguous_wide=wide)):
            para, offset = layout.offset_at(row, cell)
            if para == NO_PARA:
                continue
            found_row, found_column = layout.locate(para, offset)
            if line.start <= offset < line.end:
                assert found_row == row
                assert found_column <= cell


def test_format_plain_without_width_is_one_paragraph_per_line() -> None:
    article = make_article()
    assert format_plain(article, None).endswith("〕\n")
    assert format_plain(article, None).splitlines() == [
        article.title,
        article.byline,
        "",
        BODY,
        HEADING,
        BODY,
        "〔" + ORPHAN + "〕",
    ]
    no_byline = format_plain(make_article(byline=None), None).splitlines()
    assert no_byline[:2] == [article.title, ""]


def test_format_plain_original() -> None:
    original = (Paragraph("修复前的段落"),)
    article = make_article(original=original)
    assert format_plain(article, None, original=True).splitlines()[3:] == ["修复前的段落"]
    assert format_plain(make_article(), None, original=True) == format_plain(make_article(), None)


@pytest.mark.parametrize("width", [8, 16, 23, 40, 80])
def test_format_plain_with_width(width: int) -> None:
    article = make_article()
    lines = format_plain(article, width).splitlines()
    assert all(cell_len(line) <= width for line in lines)
    assert "" in lines
    body = lines[lines.index("") + 1 :]
    assert "" not in body  # no blank line between paragraphs
    starts = [line for line in body if line.startswith(INDENT)]
    assert len(starts) == 3  # two body paragraphs and the heading
    assert body[-1].endswith("〕")
    rebuilt = "".join(body)
    assert rebuilt == INDENT + BODY + INDENT + HEADING + INDENT + BODY + "〔" + ORPHAN + "〕"


def test_invalid_widths() -> None:
    with pytest.raises(ValueError, match="positive"):
        LayoutOptions(width=0)
    with pytest.raises(ValueError, match="width"):
        format_plain(make_article(), 0)
