"""Page text laid out in positions (`pdftotext -layout`): the shape test and the reading, by hand.

Whole generated pages go through this path in `test_pdf_pages.py`; here each rule is shown on
text written out row by row.
"""

from __future__ import annotations

from collections import Counter

from rich.cells import cell_len

from reader.ingest.grid import looks_like_layout, parse_layout
from reader.ingest.parse import parse_source
from tests.conftest import BUNDLED

Row = list[tuple[int, str]]


def layout(rows: list[Row], cells: bool = False) -> str:
    """Text with each piece at its position (in characters, or in terminal cells)."""
    out = []
    for row in rows:
        line = ""
        for at, text in row:
            width = cell_len(line) if cells else len(line)
            line += " " * max(at - width, 1 if line else 0) + text
        out.append(line)
    return "\n".join(out) + "\n"


HEADER: Row = [(0, "2026年3月9日 星期一"), (60, "第5版 乡村振兴")]
FIRST = ["  第一段的文字写满", "了第一栏，一直写到", "第二栏去才结束。", "  第二段从第一栏"]
SECOND = ["的底下开始写起，", "在第二栏写完了。", "  第三段就这一行。"]


def two_columns(first: list[str], second: list[str], at: int = 20, row: int = 0) -> list[Row]:
    """Two columns side by side, `at` positions apart."""
    rows: list[Row] = []
    for n in range(max(len(first), len(second))):
        pieces: Row = []
        if n < len(first):
            pieces.append((0, first[n]))
        if n < len(second):
            pieces.append((at, second[n]))
        rows.append(pieces)
    return rows


def page(cells: bool = False) -> str:
    step = 2 if cells else 1
    rows: list[Row] = [
        HEADER,
        [],
        [(10 * step, "乡村振兴路上的人大力量")],
        [(0, "□ 本报记者 李明")],
        [],
    ]
    rows += two_columns(FIRST, SECOND, 20 * step)
    rows += [[], [(0, "责任编辑：李娜 版式：王强")]]
    return layout(rows, cells)


def read(text: str) -> list[tuple[str, str | None, list[str]]]:
    return [
        (
            a.title,
            a.byline.author if a.byline else None,
            [b.text.replace(" ", "") for b in a.blocks],
        )
        for a in parse_layout(text, "page.txt")
    ]


PARAGRAPHS = [
    "第一段的文字写满了第一栏，一直写到第二栏去才结束。",
    "第二段从第一栏的底下开始写起，在第二栏写完了。",
    "第三段就这一行。",
]


def test_side_by_side_columns_are_recognised_by_shape() -> None:
    assert looks_like_layout(page())
    assert looks_like_layout(page(cells=True))


def test_page_text_and_plain_text_are_not_laid_out() -> None:
    assert not looks_like_layout((BUNDLED / "lvliang-renda-2021-10-page.txt").read_text())
    prose = [f"第{n}段话说了{'很多' * n}事情。" for n in range(1, 20)]
    prose[3] += "  两个空格之后还有话。"
    assert not looks_like_layout("\n\n".join(prose))
    # Wide gaps that do not recur at the same positions are not columns.
    rows = [[(0, "甲乙丙丁"), (8 + 7 * n, "戊己庚辛")] for n in range(10)]
    assert not looks_like_layout(layout(rows))


def test_a_laid_out_page_is_read_down_each_column() -> None:
    assert read(page()) == [("乡村振兴路上的人大力量", "李明", PARAGRAPHS)]


def test_the_header_split_across_a_row_and_the_footer_are_page_metadata() -> None:
    [article] = parse_layout(page(), "page.txt")
    assert article.page is not None
    assert (article.page.date, article.page.edition, article.page.section) == (
        "2026-03-09",
        "第5版",
        "乡村振兴",
    )
    assert article.page.lines[-1] == "责任编辑：李娜 版式：王强"


def test_positions_counted_in_terminal_cells_are_read_alike() -> None:
    assert read(page(cells=True)) == read(page())


def test_offsets_point_into_the_text() -> None:
    text = page()
    [article] = parse_layout(text, "page.txt")
    assert article.title_span is not None
    assert text[article.title_span.start : article.title_span.end] == "乡村振兴路上的人大力量"
    for block in article.blocks:
        # A block's span holds all its characters (with the other columns' text on its rows).
        assert Counter(block.text.replace(" ", "")) <= Counter(text[block.start : block.end])


def test_rows_of_two_articles_on_different_baselines_interleave() -> None:
    # The right article's lines fall between the left article's rows.
    left = two_columns(FIRST, SECOND, 20)
    right = two_columns(
        ["  右边文章的正文从", "这里开始一直写下", "去写到底。"], ["  另起一段。"], 20
    )
    rows: list[Row] = [HEADER, []]
    rows += [[(5, "左边的标题")], [(0, "□ 本报记者 李明"), (50, "右边的标题")]]
    rows += [[(45, "□ 通讯员 孙丽娟")]]
    for n in range(max(len(left), len(right))):
        rows.append(left[n] if n < len(left) else [])
        rows.append([(45 + at, text) for at, text in right[n]] if n < len(right) else [])
    assert read(layout(rows)) == [
        ("左边的标题", "李明", PARAGRAPHS),
        ("右边的标题", "孙丽娟", ["右边文章的正文从这里开始一直写下去写到底。", "另起一段。"]),
    ]


TEXT = (
    "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水"
    "玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇始制文字乃服衣裳"
)


def test_column_lines_pushed_together_are_cut_at_the_column_edge() -> None:
    # Columns fourteen positions apart, full lines twelve wide, a paragraph running from the
    # first column into the second. A line with marks hanging past its column's edge is
    # pushed against the next column's line: one space apart, or none at all.
    lines = [(TEXT * 2)[n : n + 12] for n in range(0, 144, 12)]
    lines[2] += "，"
    lines[3] += "，”"
    lines[-1] = lines[-1][:-1] + "。"
    first, second = ["  " + lines[0][2:], *lines[1:6]], lines[6:]
    rows: list[Row] = [HEADER, [], [(10, "乡村振兴路上的人大力量")], [(0, "□ 本报记者 李明")], []]
    columns = two_columns(first, second, 14)
    columns[2] = [(0, first[2] + " " + second[2])]
    columns[3] = [(0, first[3] + second[3])]
    columns.append([(14, "  第二段。")])
    [(title, author, blocks)] = read(layout(rows + columns))
    assert (title, author) == ("乡村振兴路上的人大力量", "李明")
    assert blocks == ["".join(first + second).replace(" ", ""), "第二段。"]


def test_a_headline_with_no_byline_is_found_by_what_surrounds_it() -> None:
    rows: list[Row] = [HEADER, [], [(12, "不带署名的标题")], []]
    rows += two_columns(FIRST, SECOND, 20)
    assert read(layout(rows)) == [("不带署名的标题", None, PARAGRAPHS)]


def test_a_column_line_under_a_byline_is_not_a_headline() -> None:
    # No punctuation in the columns' first lines, nothing above them but the byline: still
    # column lines, since column lines continue right under them.
    first = ["  第一段的文字写满", "了第一栏一直写到", "第二栏去才结束。"]
    second = ["第二栏的文字也很多", "写完了。"]
    rows: list[Row] = [HEADER, [], [(10, "标题在这里")], [(0, "□ 本报记者 李明")], []]
    rows += two_columns(first, second, 20)
    [(title, author, blocks)] = read(layout(rows))
    assert (title, author) == ("标题在这里", "李明")
    assert "".join(blocks) == "".join(first + second).replace(" ", "")


def test_pages_whose_form_feeds_became_blank_lines_are_parted_at_their_headers() -> None:
    one, two = page(), page().replace("第5版", "第6版").replace("乡村振兴路上", "古村落里")
    articles = parse_source(one + "\n\n" + two, "pages.txt")
    assert [(a.page.number, a.page.edition) for a in articles if a.page] == [
        (1, "第5版"),
        (2, "第6版"),
    ]
    assert [a.title for a in articles] == ["乡村振兴路上的人大力量", "古村落里的人大力量"]


def test_a_byline_takes_the_headline_over_it_not_a_column_line_beside_it() -> None:
    # The right article, set higher, starts its text on the row just above the left byline
    # (and goes on in the rows between the left article's): that line, with no punctuation,
    # is nearer the byline than the left title is.
    right = two_columns(["右边文章的正文从这", "里开始一直写下去", "写到下一栏"], ["才写完。"], 12)
    rows: list[Row] = [HEADER, []]
    rows += [[(5, "左边的标题"), (50, "右边的标题")], [(5, "——左边的副题")]]
    rows += [[(45 + at, text) for at, text in right[0]], [(0, "□ 本报记者 李明")]]
    for n, row in enumerate(two_columns(FIRST, SECOND, 20)):
        rows.append([(45 + at, text) for at, text in right[n + 1]] if n + 1 < len(right) else [])
        rows.append(row)
    assert read(layout(rows)) == [
        ("左边的标题 ——左边的副题", "李明", PARAGRAPHS),
        ("右边的标题", None, ["右边文章的正文从这里开始一直写下去写到下一栏才写完。"]),
    ]


def test_a_line_with_digits_is_one_line_though_wider_in_characters() -> None:
    # Digits take one position each but half a character's room on the page: this line, five
    # positions wider than a full line, with a hanging 。 that ends where the next column
    # starts, is still one line.
    lines = [(TEXT * 2)[n : n + 12] for n in range(0, 144, 12)]
    lines[1] = lines[1][:5] + "，" + lines[1][6:]
    lines[2] = "天地2026年有5600人次。再往"
    lines[-1] = lines[-1][:-1] + "。"
    first, second = ["  " + lines[0][2:], *lines[1:6]], lines[6:]
    rows: list[Row] = [HEADER, [], [(10, "乡村振兴路上的人大力量")], [(0, "□ 本报记者 李明")], []]
    [(_, _, blocks)] = read(layout(rows + two_columns(first, second, 17)))
    assert blocks == ["".join(first + second).replace(" ", "")]


def test_one_space_after_a_full_line_parts_two_columns_set_off_their_edge() -> None:
    # The second column's line was set four positions left of that column's edge, one space
    # after the first column's full line.
    lines = [(TEXT * 2)[n : n + 12] for n in range(0, 144, 12)]
    lines[1] = lines[1][:5] + "，" + lines[1][6:]
    lines[-1] = lines[-1][:-1] + "。"
    first, second = ["  " + lines[0][2:], *lines[1:6]], lines[6:]
    rows: list[Row] = [HEADER, [], [(10, "乡村振兴路上的人大力量")], [(0, "□ 本报记者 李明")], []]
    columns = two_columns(first, second, 17)
    columns[2] = [(0, first[2] + " " + second[2])]
    [(_, _, blocks)] = read(layout(rows + columns))
    assert blocks == ["".join(first + second).replace(" ", "")]
