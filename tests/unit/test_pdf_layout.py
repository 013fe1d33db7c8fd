"""The PDF layout step on glyphs placed by hand: lines, columns, headlines, order, paragraphs.

Whole generated pages are tested in `test_pdf_pages.py`; here each rule is shown on its own.
"""

from __future__ import annotations

import pytest

from reader.ingest.glyphs import Glyph, lines_of
from reader.ingest.page import OffsetText, page_articles

SIZE = 10.0


def run(
    text: str, x: float, y: float, size: float = SIZE, step: float | None = None
) -> list[Glyph]:
    """Glyphs of `text` set from (x, y) (top of the line), one per character."""
    step = size if step is None else step
    return [
        Glyph(ch, x + n * step, x + n * step + size, y, y + size, size) for n, ch in enumerate(text)
    ]


def column(lines: list[str], x: float, y: float, width: int, indents: set[int]) -> list[Glyph]:
    """A column of body lines, 1.5 lines apart; lines in `indents` start two characters in."""
    glyphs: list[Glyph] = []
    for n, line in enumerate(lines):
        indent = 2 * SIZE if n in indents else 0.0
        # Full lines are justified to the column's width; a paragraph's short last line is not.
        full = len(line) * SIZE + indent >= (width - 1) * SIZE
        step = (width * SIZE - indent - SIZE) / max(len(line) - 1, 1) if full else SIZE
        glyphs += run(line, x + indent, y + n * 1.5 * SIZE, step=step)
    return glyphs


def articles_of(glyphs: list[Glyph]) -> list[tuple[str, list[str]]]:
    return [
        (a.title, [b.text.replace(" ", "") for b in a.blocks])
        for a in page_articles(glyphs, 1, "p.pdf", OffsetText())
    ]


def test_a_full_width_mark_hanging_into_a_narrow_gutter_does_not_join_two_columns() -> None:
    left = run("一二三四五六七八九十。", 0, 0)  # the 。 hangs into the gutter
    right = run("甲乙丙丁戊己庚辛壬癸", 11 * SIZE, 0)
    rows = [run("子丑寅卯辰巳午未申酉", x, y) for x in (0, 11 * SIZE) for y in (15, 30, 45)]
    lines = lines_of(left + right + [g for row in rows for g in row])
    assert sorted(line.text for line in lines if line.top == 0) == [
        "一二三四五六七八九十。",
        "甲乙丙丁戊己庚辛壬癸",
    ]


def test_a_letter_spaced_title_is_one_title() -> None:
    glyphs = run("乡村振兴", 0, 0, size=20, step=40) + column(["正文第一行。"], 0, 40, 12, {0})
    assert articles_of(glyphs) == [("乡村振兴", ["正文第一行。"])]


def test_columns_are_read_down_then_across_and_paragraphs_follow_the_indents() -> None:
    first = ["第一段开头的文字一直写到这", "一栏的末尾。", "第二段从这里开始往下", "写个不停"]
    second = ["一直接到第二栏的顶上，", "然后结束。", "第三段。"]
    glyphs = (
        run("标题在这里", 0, 0, size=20)
        + column(first, 0, 40, 14, {0, 2})
        + column(second, 15.5 * SIZE, 40, 14, {2})
    )
    assert articles_of(glyphs) == [
        (
            "标题在这里",
            [
                "第一段开头的文字一直写到这一栏的末尾。",
                "第二段从这里开始往下写个不停一直接到第二栏的顶上，然后结束。",
                "第三段。",
            ],
        )
    ]


def two_columns(x: float, y: float, words: str) -> list[Glyph]:
    """Two columns of ten characters: a paragraph that runs on into the second, then one more."""
    first = [f"{words}的文字写满了第一栏", "一直写到下一栏去"]
    second = ["才结束这一段。", f"{words}第二段。"]
    return column(first, x, y, 10, {0}) + column(second, x + 11.5 * SIZE, y, 10, {1})


def paragraphs(words: str) -> list[str]:
    return [f"{words}的文字写满了第一栏一直写到下一栏去才结束这一段。", f"{words}第二段。"]


def test_two_articles_side_by_side_keep_their_own_columns() -> None:
    glyphs = (
        run("左边的标题", 0, 0, size=20)
        + two_columns(0, 40, "左边")
        + run("右边的标题", 25 * SIZE, 0, size=20)
        + two_columns(25 * SIZE, 40, "右边")
    )
    assert articles_of(glyphs) == [
        ("左边的标题", paragraphs("左边")),
        ("右边的标题", paragraphs("右边")),
    ]


def test_an_article_under_a_lower_headline_is_not_taken_by_the_one_above() -> None:
    glyphs = (
        run("通栏的大标题放在最上面", 0, 0, size=20)
        + two_columns(0, 40, "上面")
        + run("下面的标题", 0, 110, size=18)
        + two_columns(0, 140, "下面")
    )
    assert articles_of(glyphs) == [
        ("通栏的大标题放在最上面", paragraphs("上面")),
        ("下面的标题", paragraphs("下面")),
    ]


def test_lines_under_no_headline_are_kept_in_an_untitled_article() -> None:
    glyphs = column(["接上一版的文字。"], 0, 0, 12, set()) + run("新文章标题", 0, 60, size=20)
    glyphs += column(["新文章的正文。"], 0, 100, 12, {0})
    assert articles_of(glyphs) == [("", ["接上一版的文字。"]), ("新文章标题", ["新文章的正文。"])]


def test_the_page_header_and_footer_are_page_metadata_not_text() -> None:
    header = run("2026年3月9日", 0, 0, size=8) + run("星期一 第5版 乡村振兴", 200, 0, size=8)
    body = ["正文的第一行写得很满", "第二行就结束了。"]
    glyphs = header + run("标题文字", 0, 30, size=20) + column(body, 0, 60, 12, {0})
    glyphs += run("责任编辑：李娜", 0, 300, size=8)
    [article] = page_articles(glyphs, 1, "p.pdf", OffsetText())
    assert article.page is not None
    assert (article.page.date, article.page.edition, article.page.section) == (
        "2026-03-09",
        "第5版",
        "乡村振兴",
    )
    assert len(article.page.lines) == 2
    assert [b.text.replace(" ", "") for b in article.blocks] == ["".join(body)]


def test_the_byline_under_the_headline_is_read_and_taken_out_of_the_body() -> None:
    glyphs = run("标题文字", 0, 0, size=20) + run("□ 平遥县人大常委会主任 王建华", 0, 30)
    glyphs += column(["正文。"], 0, 50, 12, {0})
    [article] = page_articles(glyphs, 1, "p.pdf", OffsetText())
    assert article.byline is not None
    assert (article.byline.region, article.byline.author) == ("平遥县", "王建华")
    assert [b.text for b in article.blocks] == ["正文。"]


@pytest.mark.parametrize(("right_size", "right_x"), [(20.0, 230.0), (24.0, 246.0)])
def test_two_titles_side_by_side_on_one_baseline_are_not_joined(
    right_size: float, right_x: float
) -> None:
    # The first title fills its article's width; the second, on the same baseline, stands a
    # gutter to its right (and, when both are one size, a little more than a word space).
    glyphs = (
        run("左边这篇文章的标题", 0, 0, size=24)
        + two_columns(0, 40, "左边")
        + run("右边的标题", right_x, 24 - right_size, size=right_size)
        + two_columns(right_x, 40, "右边")
    )
    assert articles_of(glyphs) == [
        ("左边这篇文章的标题", paragraphs("左边")),
        ("右边的标题", paragraphs("右边")),
    ]


def test_a_title_set_in_two_spaced_words_is_one_title() -> None:
    glyphs = run("乡村振兴", 0, 0, size=20) + run("人大力量", 100, 0, size=20)
    glyphs += two_columns(0, 40, "正文")
    assert articles_of(glyphs) == [("乡村振兴人大力量", paragraphs("正文"))]


def three_columns(x: float, y: float, words: str) -> list[Glyph]:
    """Three full columns of ten characters holding one paragraph that runs through all three."""
    lines = [f"{words}的文字写满了第一", "栏一直写到下一栏去"]
    lines += ["到了第二栏还在写着呢", "第三栏里还要写一整行"]
    return (
        column(lines[:2], x, y, 10, {0})
        + column(lines[2:3], x + 11.5 * SIZE, y, 10, set())
        + column([*lines[3:], "才结束。"], x + 23 * SIZE, y, 10, set())
    )


THREE = "的文字写满了第一栏一直写到下一栏去到了第二栏还在写着呢第三栏里还要写一整行才结束。"


def test_a_centred_title_heads_the_columns_it_is_centred_on() -> None:
    # Gutters are all alike: only the titles show where one article ends. The right title is
    # short and centred on its two columns, much nearer the left article than half-way.
    right_x = 34.5 * SIZE
    glyphs = (
        run("左边标题", 0, 0, size=20)
        + three_columns(0, 40, "左边")
        + run("右边", right_x + 10.75 * SIZE - 20, 0, size=20)
        + two_columns(right_x, 40, "右边")
    )
    assert articles_of(glyphs) == [
        ("左边标题", ["左边" + THREE]),
        ("右边", paragraphs("右边")),
    ]


def test_a_byline_heads_the_first_column_of_its_article() -> None:
    # Set off-centre, the titles would share the columns two and three; the bylines say where
    # the second article starts.
    right_x = 34.5 * SIZE
    glyphs = (
        run("左边的标题", 57.5, 0, size=20)
        + run("□ 本报记者 李明", 0, 30)
        + three_columns(0, 50, "左边")
        + run("右边的标题", 340, 0, size=20)
        + run("□ 通讯员 孙丽娟", right_x, 30)
        + two_columns(right_x, 50, "右边")
    )
    articles = page_articles(glyphs, 1, "p.pdf", OffsetText())
    assert [(a.title, a.byline.author if a.byline else None) for a in articles] == [
        ("左边的标题", "李明"),
        ("右边的标题", "孙丽娟"),
    ]
    assert [b.text.replace(" ", "") for b in articles[1].blocks] == paragraphs("右边")


def test_a_mark_hanging_over_the_next_column_does_not_indent_that_column() -> None:
    # The gutter is half a character: the 。 hanging past the first column's edge overlaps the
    # glyph that opens the second column's line; the second column's lines are not indented.
    second_x = 10.5 * SIZE
    glyphs = (
        run("标题文字", 0, 0, size=20)
        + column(["第一段写满了这一栏", "整整一行然后结束了"], 0, 40, 10, {0})
        + run("。", 10 * SIZE - 1, 40 + 1.5 * SIZE)
        + column(["第二段开始写这一栏", "一直写到下一栏然"], 0, 40 + 3 * SIZE, 10, {0})
        + column(["后就结束了这一段文", "字。", "第三段。"], second_x, 40, 10, {2})
        + column(["再写一行满满的文字", "再写一行满满的文字"], second_x, 40 + 4.5 * SIZE, 10, set())
    )
    assert articles_of(glyphs) == [
        (
            "标题文字",
            [
                "第一段写满了这一栏整整一行然后结束了。",
                "第二段开始写这一栏一直写到下一栏然后就结束了这一段文字。",
                "第三段。",
                "再写一行满满的文字再写一行满满的文字",
            ],
        )
    ]


def test_lines_running_past_a_column_edge_without_a_gutter_are_not_cut() -> None:
    # A byline wider than its column, and a paragraph's ragged last line whose 、 is followed by
    # a glyph standing at the column's indent: neither is two columns' lines.
    byline = run("□ 汾阳市人大常委会副主任 陈静", 0, 0)
    body = column(["一二三四五六七八九十", "甲乙丙丁戊己庚辛壬癸"], 0, 15, 10, set())
    body += column(["子丑寅卯辰巳午未申", "酉戌亥。"], 0, 45, 10, {0})
    ragged = run("天、地玄黄宇宙洪荒日月盈", 0, 75)
    lines = lines_of(byline + body + ragged)
    assert "□ 汾阳市人大常委会副主任 陈静" in [line.text for line in lines]
    assert "天、地玄黄宇宙洪荒日月盈" in [line.text for line in lines]


def test_an_indented_line_hanging_into_a_gutter_is_cut_from_the_next_column() -> None:
    # Two columns 0.2 characters apart; the indented line's ， hangs past its column's edge and
    # nearly touches the short line that opens the second column: not one line, but two.
    full = ["一二三四五六七八九十", "寅卯辰巳午未申酉戌亥"]
    full += ["天地玄黄宇宙洪荒日月", "金木水火土东南西北中"]
    first = column(["甲乙丙丁戊己庚辛", *full], 0, 0, 10, {0}) + run("，", 100, 0)
    second = column(["子丑。", *full], 112, 0, 10, set())
    lines = lines_of(first + second)
    assert sorted(line.text for line in lines if line.top == 0) == ["子丑。", "甲乙丙丁戊己庚辛，"]


CORNER_TEXT = [
    "转角文章的第一段从这",
    "里开始写，一直写到这",
    "一栏的最底下还没有完",
    "呢，还要再写好几行字",
    "才能把这一栏写满，写",
    "到第二篇文章的旁边去",
    "转到下一栏。",
    "第二段写在这一栏里，",
    "一直写到这一栏的最底",
    "下，和第二篇一样长。",
]


@pytest.mark.parametrize("mirror", [False, True])
def test_an_article_turning_a_corner_reads_down_each_column_then_the_next(mirror: bool) -> None:
    # The lead's title spans three columns. Its text runs down one full column and along the
    # top of the other two (or, mirrored, along the top of two and down the third, beside the
    # second article), and a second article stands under the short columns.
    step = 11.5 * SIZE
    text = CORNER_TEXT
    if mirror:
        # (x, lines, indented line numbers) of each column the lead runs through, in order.
        lead = [(0.0, text[:2], {0}), (step, text[2:4], set()), (2 * step, text[4:], {3})]
        second_x = 0.0
    else:
        lead = [(0.0, text[:6], {0}), (step, text[6:8], {1}), (2 * step, text[8:], set())]
        second_x = step
    glyphs = run("转角文章的大标题横跨三栏", 0, 0, size=20)
    for x, lines, indents in lead:
        glyphs += column(lines, x, 40, 10, indents)
    glyphs += run("第二篇标题", second_x, 40 + 5 * SIZE, size=18)
    glyphs += two_columns(second_x, 40 + 8 * SIZE, "第二篇")
    assert articles_of(glyphs) == [
        ("转角文章的大标题横跨三栏", ["".join(text[:7]), "".join(text[7:])]),
        ("第二篇标题", paragraphs("第二篇")),
    ]


def test_titles_side_by_side_at_different_heights_share_the_page() -> None:
    # The right title is set lower (a kicker-less heading beside a taller one): the two do not
    # overlap, but they are less than a line apart, and side by side.
    right_x = 25 * SIZE
    glyphs = (
        run("左边的标题", 0, 0, size=20)
        + two_columns(0, 50, "左边")
        + run("右边的标题", right_x, 26, size=20)
        + two_columns(right_x, 60, "右边")
    )
    assert articles_of(glyphs) == [
        ("左边的标题", paragraphs("左边")),
        ("右边的标题", paragraphs("右边")),
    ]


def test_an_articles_columns_start_at_one_height() -> None:
    # Gutters are all alike and the right title, centred on the last three columns, stands a
    # character left of the last two: the right article's text starts higher than the left
    # one's (it has no byline), which says where the page is shared.
    step = 11.5 * SIZE
    glyphs = (
        run("左边标题", 0, 0, size=20)
        + run("□ 本报记者 李明", 0, 30)
        + two_columns(0, 45, "左边")
        + run("右边的标题", 2 * step - SIZE, 0, size=20)
        + two_columns(2 * step, 35, "右边")
    )
    articles = page_articles(glyphs, 1, "p.pdf", OffsetText())
    assert [(a.title, [b.text.replace(" ", "") for b in a.blocks]) for a in articles] == [
        ("左边标题", paragraphs("左边")),
        ("右边的标题", paragraphs("右边")),
    ]
