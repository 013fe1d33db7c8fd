"""Page headers and footers are recognised by shape and read into the page's metadata."""

from __future__ import annotations

import random

import pytest
from conftest import BUNDLED

from reader.ingest.masthead import page_info, page_line


@pytest.mark.parametrize(
    ("text", "date", "edition", "section", "paper"),
    [
        ("2026年12月5日 星期六 第2版 人大之窗", "2026-12-05", "第2版", "人大之窗", None),
        ("第12版  综合    2026年3月12日   星期四", "2026-03-12", "第12版", "综合", None),
        ("A3版 要闻 汾河晚报 2025年1月1日", "2025-01-01", "A3版", "要闻", "汾河晚报"),
        ("２０２６年１２月５日　第３版　民生", "2026-12-05", "第3版", "民生", None),
        ("晋中日报｜2024年10月8日 星期二｜第 五 版", "2024-10-08", "第五版", None, "晋中日报"),
    ],
)
def test_headers_are_read_into_fields(
    text: str, date: str, edition: str, section: str | None, paper: str | None
) -> None:
    line = page_line(text)
    assert line is not None
    assert (line.date, line.edition, line.section, line.paper) == (date, edition, section, paper)


def test_footer_credits_are_page_lines_without_fields() -> None:
    line = page_line("责任编辑：李娜  版式：王强  校对：赵敏")
    assert line is not None and line.date is None and line.edition is None


@pytest.mark.parametrize(
    "text",
    [
        "2026年12月5日，县人大常委会召开第2次会议。",  # a sentence that has a date
        "2026年12月5日 星期六",  # a date alone: could open a dateline
        "第2版",  # a page number alone
        "以总书记重要讲话统揽新时期人大工作",  # a title
        "□ 平遥县人大常委会主任 王建华",  # a byline
        "编辑部收到读者来信后，第一时间转交有关部门办理并回复",
        "编辑 李娜认为这项工作很有意义",
        "",
    ],
)
def test_prose_titles_and_bylines_are_not_page_lines(text: str) -> None:
    assert page_line(text) is None


def test_no_line_of_the_bundled_page_is_a_page_line() -> None:
    for path in BUNDLED.iterdir():
        lines = path.read_text(encoding="utf-8").splitlines()
        assert [line for line in lines if page_line(line)] == []


def test_generated_headers_in_any_order_give_the_same_fields() -> None:
    rng = random.Random(7)
    for _ in range(200):
        year, month, day = rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28)
        number = rng.randint(1, 24)
        parts = [f"{year}年{month}月{day}日", f"第{number}版", rng.choice(["要闻", "县域经济"])]
        if rng.random() < 0.5:
            parts.insert(1, "星期三")
        rng.shuffle(parts)
        line = page_line(rng.choice([" ", "  ", "\u3000"]).join(parts))
        assert line is not None
        assert line.date == f"{year}-{month:02d}-{day:02d}"
        assert line.edition == f"第{number}版"
        assert line.section in {"要闻", "县域经济"}


def test_page_info_keeps_every_line_verbatim_and_the_first_value_of_each_field() -> None:
    header = page_line("2026年12月5日 星期六 第2版 人大之窗")
    footer = page_line("责任编辑：李娜")
    assert header is not None and footer is not None
    info = page_info(2, [header, footer])
    assert info.lines == ("2026年12月5日 星期六 第2版 人大之窗", "责任编辑：李娜")
    assert (info.number, info.date, info.edition, info.section) == (
        2,
        "2026-12-05",
        "第2版",
        "人大之窗",
    )
