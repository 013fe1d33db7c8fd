"""The PDF layout step on glyphs placed by hand: lines, columns, headlines, order, paragraphs.

Whole generated pages are tested in `test_pdf_pages.py`; here each rule is shown on its own.
"""

from __future__ import annotations

from reader.ingest.pdf import Glyph, _Text, lines_of, page_articles

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
        for a in page_articles(glyphs, 1, "p.pdf", _Text())
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
    [article] = page_articles(glyphs, 1, "p.pdf", _Text())
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
    [article] = page_articles(glyphs, 1, "p.pdf", _Text())
    assert article.byline is not None
    assert (article.byline.region, article.byline.author) == ("平遥县", "王建华")
    assert [b.text for b in article.blocks] == ["正文。"]
