"""Extracted page text (one column line per line) read back into articles: each rule on its own.

The texts are written by hand in the shapes the extractors print (`pdftotext`: blocks between
blank lines, neighbouring columns sometimes on one line; pdfminer.six: a blank line after every
line, columns read row by row; pypdf: no blank lines, columns read down, some lines
letter-spaced). Whole generated pages are tested in `test_extracted_pages.py`.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.extracted import looks_extracted, parse_extracted
from reader.ingest.extracted_blocks import columns_of_block
from reader.ingest.extracted_headlines import group_headlines, kicker_candidates, merge_kicker
from reader.ingest.extracted_heads import classify
from reader.ingest.extracted_ledes import coverages
from reader.ingest.extracted_lines import (
    Unit,
    boxed,
    measure_of,
    raw_lines,
    split_line,
    units_of,
)
from reader.ingest.extracted_shape import SeamScorer, quote_state
from reader.ingest.formats import parse_decoded
from reader.ingest.pipeline import _article
from reader.model import Article, RawArticle
from reader.text.chars import han_count


def typeset(paragraphs: list[str], measure: int = 12) -> list[str]:
    """Column lines of `measure` characters: first lines two characters in (the indent), a
    closing mark that would start a line hanging at the end of the line before."""
    lines: list[str] = []
    for paragraph in paragraphs:
        rest, room = paragraph, measure - 2
        while rest:
            line, rest = rest[:room], rest[room:]
            while rest[:1] and rest[0] in "，。、；：？！）”":
                line, rest = line + rest[0], rest[1:]
            lines.append(line)
            room = measure
    return lines


# Two short articles, each typeset in one column of 12 characters: first lines indented by two
# characters, full lines justified, a paragraph's last line short and ending a sentence.
FIRST_TEXT = [
    "会议听取了县政府关于乡村振兴工作情况的报告，常委会组成人员提出了许多中肯的意见。",
    "调研组先后走访了十二个乡镇和四十六个行政村，要把群众最关心的事办好。",
]
SECOND_TEXT = [
    "清晨六点，养殖大户刘建军已经在牛棚里忙开了，他说去年出栏肉牛一百多头。",
    "合作社采取统一供种、统一防疫、统一收购的模式，入社农户不再愁销路。",
]
FIRST = typeset(FIRST_TEXT)
SECOND = typeset(SECOND_TEXT)
HEADER = "2026年9月16日 星期三 第2版 民生视点"


def block_of(lines: list[str]) -> tuple[list[Unit], SeamScorer]:
    """One block of pdftotext's text (`lines` in printed order) as units, and a seam scorer
    trained on them."""
    raw = raw_lines("\n".join(lines))
    measure = measure_of(raw)
    units = list(units_of(raw, measure, gutters=True))
    scorer = SeamScorer(measure)
    scorer.learn([u.bare for u in units])
    return units, scorer


def articles(text: str) -> list[Article]:
    return [_article(raw, str(n), None) for n, raw in enumerate(parse_extracted(text, "p.txt"))]


def body(article: Article) -> str:
    return "".join(p.text for p in article.paragraphs)


def han(text: str) -> Counter[str]:
    return Counter(han_count(text))


def test_flowing_text_title_before_byline_and_paragraphs() -> None:
    text = "\n".join(
        [
            HEADER,
            "县人大常委会召开第十二次会议",
            "□ 交城县人大常委会办公室 郭志强",
            *FIRST,
            "养殖大户的致富经",
            "□ 本报记者 李明",
            *SECOND,
        ]
    )
    assert looks_extracted(text)
    first, second = articles(text)
    assert (first.title, first.author, first.role, first.region) == (
        "县人大常委会召开第十二次会议",
        "郭志强",
        "人大常委会办公室",
        "交城县",
    )
    assert [p.text for p in first.paragraphs] == FIRST_TEXT
    assert (second.title, second.author) == ("养殖大户的致富经", "李明")
    assert body(second).startswith("清晨六点")
    assert first.page is not None and first.page.date == "2026-09-16"
    assert first.page.edition == "第2版"


def test_header_printed_in_two_pieces_is_one_page_line_kept_out_of_the_articles() -> None:
    text = "\n\n".join(
        [
            "2026年9月16日 星期三",
            "县人大常委会召开第十二次会议",
            "第2版 民生视点",
            "□ 交城县人大常委会办公室 郭志强",
            *FIRST,
            *SECOND,
        ]
    )
    (article,) = articles(text)
    assert article.page is not None
    assert (article.page.date, article.page.edition, article.page.section) == (
        "2026-09-16",
        "第2版",
        "民生视点",
    )
    shown = article.title + (article.byline or "") + body(article)
    assert "星期三" not in shown and "第2版" not in shown


def test_titles_side_by_side_then_bylines_then_rows_across_both_columns() -> None:
    # pdfminer.six: both titles, both bylines, then the two columns row by row.
    rows = [line for pair in zip(FIRST, SECOND, strict=False) for line in pair]
    rows.append(FIRST[-1])
    lines = [
        HEADER,
        "县人大常委会召开第十二次会议",
        "养殖大户的致富经",
        "□ 交城县人大常委会办公室 郭志强",
        "□ 本报记者 李明",
        *rows,
    ]
    text = "\n\n".join(lines) + "\n\n"
    assert boxed(text)
    first, second = articles(text)
    assert (first.title, first.author) == ("县人大常委会召开第十二次会议", "郭志强")
    assert (second.title, second.author) == ("养殖大户的致富经", "李明")
    assert han(body(first)) == han("".join(FIRST))
    assert han(body(second)) == han("".join(SECOND))


def test_a_line_holding_two_columns_lines_is_cut_in_two() -> None:
    joined = "乡村振兴工作情况的报告， 牛一百二十头，纯收入超"
    assert split_line(joined, 24) == [(0, 12), (13, len(joined))]


def test_two_columns_lines_printed_with_no_gap_are_cut_after_the_sentence_end() -> None:
    # pdftotext: a paragraph's short last line and the next column's line, no space between.
    joined = "能查询农技知识和市场行情。围绕议题进行了认真讨论，"
    assert split_line(joined, 26) == [(0, 13), (13, len(joined))]
    # Two sentence ends that each leave a column line on both sides: where to cut is not known.
    both = "社区养老服务中心建成了。老人们都很满意。群众的事有人管了"
    assert split_line(both, 26) == [(0, len(both))]
    # A line as wide as a column's, or a title with no sentence end inside, is one line.
    assert split_line("全县上下要进一步统一思想、提", 26) == [(0, 14)]
    assert split_line("红色文化传承——从一座老院子说起", 26) == [(0, 16)]


def test_a_letter_spaced_line_stays_one_line() -> None:
    assert split_line("种 粮 大 户 李 二 虎 流 转 土 地", 24) == [(0, 21)]
    # …also when a neighbouring column's line is printed after it.
    spaced = "种 粮 大 户 李 二 虎 流 转 土 地 生王德厚背着药箱走遍了周边"
    assert split_line(spaced, 24) == [(0, 21), (22, len(spaced))]


def test_a_two_part_title_or_a_byline_is_not_cut() -> None:
    assert split_line("聚焦营商环境 助力民营经济发展", 24) == [(0, 15)]
    assert split_line("□ 交城县人大常委会办公室 郭志强", 24) == [(0, 17)]


def test_letter_spaced_line_is_read_whole_in_its_paragraph() -> None:
    spaced = " ".join(FIRST[2])
    text = "\n".join([HEADER, "县人大常委会召开第十二次会议", "□ 本报记者 李明", *FIRST[:2]])
    text += "\n" + spaced + "\n" + "\n".join(FIRST[3:])
    (article,) = articles(text)
    assert FIRST[2] in body(article).replace(" ", "")
    assert han(body(article)) == han("".join(FIRST))


def test_a_blank_line_at_a_column_break_mid_sentence_is_not_a_paragraph_break() -> None:
    # pdftotext: a blank line where the column ends, here in the middle of a sentence.
    text = "\n".join([HEADER, "", "县人大常委会召开第十二次会议", "□ 本报记者 李明", *FIRST[:2]])
    text += "\n\n" + "\n".join(FIRST[2:]) + "\n"
    (article,) = articles(text)
    assert [p.text for p in article.paragraphs] == FIRST_TEXT


def test_a_short_last_line_ends_a_paragraph_and_a_full_one_does_not() -> None:
    lines = ["", "县人大常委会召开第十二次会议", "□ 本报记者 李明"]
    # A full line that ends a sentence, followed by another full line: the paragraph goes on.
    full_end = [
        "会议听取了县政府关于",
        "乡村振兴工作情况的报告。",
        "常委会组成人员提出了许多",
        "中肯的意见。",
    ]
    (article,) = articles("\n".join([HEADER, *lines, *full_end]))
    assert len(article.paragraphs) == 1
    (article,) = articles("\n".join([HEADER, *lines, *FIRST]))
    assert len(article.paragraphs) == 2


def test_columns_printed_in_blocks_row_by_row_are_read_down() -> None:
    # pdftotext: one block holds two columns of an article, their lines in turn.
    left, right = FIRST[:4], FIRST[4:]
    rows = [line for pair in zip(left, right, strict=False) for line in pair]
    rows.append(left[-1])
    text = "\n".join([HEADER, "", "县人大常委会召开第十二次会议", "□ 本报记者 李明", ""])
    text += "\n".join(rows) + "\n"
    (article,) = articles(text)
    assert body(article) == "".join(FIRST)


def test_new_columns_beginning_beside_a_column_that_goes_on_are_read_apart() -> None:
    # pdftotext: an article set in the corner of another is printed in one block with the
    # taller column beside it: two columns, then one alone, then it and the corner article's.
    tall = typeset(["".join(FIRST_TEXT)])
    beside, corner = (
        SECOND[:3],
        typeset(["村里的老年食堂开张了，七十岁以上的老人每餐只要交三元钱。"]),
    )
    rows = [[tall[0], beside[0]], [tall[1], beside[1]], [tall[2], beside[2]], [tall[3]]]
    rows += [[tall[4], corner[0]], [tall[5], corner[1]], [tall[6], corner[2]]]
    units, scorer = block_of([line for row in rows for line in row])
    columns, runs = columns_of_block(units, scorer, 0, len(units), beside=True)
    read = [[units[i].bare for i in column] for column in columns]
    assert read == [tall, beside, corner]
    assert runs == [0, 0, 1]
    # Where columns begin only all at once, the tall column is cut where the others begin.
    columns, _ = columns_of_block(units, scorer, 0, len(units))
    assert [units[i].bare for i in columns[0]] != tall


def test_a_column_does_not_end_a_row_early_mid_sentence_to_give_its_line_to_another() -> None:
    # pdftotext: two columns, row by row, both running to the block's last row. Ended a row
    # early (mid-sentence), the right column's last line would go under the left one's.
    left = [
        "清晨六点，养殖大户刘建军已经在",
        "牛棚里忙开了。讲解员张红梅在这",
        "里工作了八年，她说：“每讲一次，",
        "自己都受一次教育。”",
    ]
    right = [
        "县人大常委会把优化营商环境",
        "作为监督重点，连续三年开展专题",
        "询问。路通了，山里的核桃、花椒",
        "再也不用人背驴驮运出去了。",
    ]
    units, scorer = block_of([line for pair in zip(left, right, strict=True) for line in pair])
    columns, _ = columns_of_block(units, scorer, 0, len(units), beside=True)
    assert [[units[i].bare for i in column] for column in columns] == [left, right]


def test_a_column_whose_sentence_reads_on_elsewhere_may_end_mid_sentence() -> None:
    # pdftotext: two articles' columns side by side in one block, the left one cut off by the
    # block mid-sentence (its sentence goes on at the top of a column printed in a later
    # block), the right one running on alone. Ending mid-sentence costs, so the left column
    # was read as going on with the right one's lines; told that the left column's last
    # line reads on elsewhere, the programme ends it there.
    left = [
        "县人大常委会坚持监督有力度、",
        "服务有温度。古村落保护与乡村旅游",
        "结合起来，村民在家门口吃上了“旅",
        "游饭”。“孩子们的每一点进步，都",
    ]
    right = [
        "座谈会上，基层干部和群众代表",
        "畅所欲言，提出了意见建议31条。他",
        "告诉记者，去年出栏肉牛120头，纯",
        "收入超过40万元。为了把这项工作做",
        "实做细，调研组先后走访了12个乡镇、",
        "46个行政村。会议听取和审议了县人",
        "民政府关于乡村振兴工作情况的报告。",
    ]
    rows = [line for pair in zip(left, right, strict=False) for line in pair]
    units, scorer = block_of(rows + right[len(left) :])
    last = rows.index(left[-1])
    columns, _ = columns_of_block(units, scorer, 0, len(units), beside=True)
    assert [[units[i].bare for i in column] for column in columns] != [left, right]
    columns, _ = columns_of_block(
        units, scorer, 0, len(units), beside=True, onward=frozenset({last})
    )
    assert [[units[i].bare for i in column] for column in columns] == [left, right]


def test_new_columns_begin_where_a_line_opens_with_a_title() -> None:
    # pdfminer.six: one article printed row by row across its four columns (the last one a
    # row shorter), then the next article's four columns, with no headline between. Read as
    # four columns going on, each of the second article's columns lands under the first
    # article's column to its left, at the cost of four seams that say little; where a line
    # opens with a title's words (a lede) new columns begin there.
    left = [
        "一场场技能培训，让农民工端稳了",
        "积分超市里，村民用参加公益劳动",
        "计划。停车难、垃圾分类、加装电梯，",
        "的格局。直播带货成了农民的新农活，",
        "“饭碗”。全县建成益农信息社326个，",
        "攒下的积分就能换来米面油。改造后的",
        "这些“烦心事”都在议事厅里找到了解",
        "一部手机就能把山货卖到全国。座谈会",
        "农民在手机上就能查询农技知识和市场",
        "小区新增停车位420个，安装了充电桩",
        "决办法。",
        "上，基层干部和群众代表畅所欲言，提",
        "行情。村里的电商服务站每天发出包裹",
        "和健身器材。各级人大代表共提出民生",
        "基层治理离不开群众参与，只有把",
        "出了意见建议31条。",
        "300多件，带动30多户群众增收。",
        "实事项目建议48件，全部纳入政府工作",
        "群众组织起来，才能形成共建共治共享",
    ]
    right = [
        "经过保护修缮，这座古村落焕发出",
        "代表联络站成了群众身边的“民意",
        "良天数达到301天，比上年增加17天。",
        "学校只有一排平房和三名老师；如今，",
        "了新生机。今年以来，各代表联络站共",
        "窗口”和“连心桥”。县里投入资金",
        "合作社采取“公司+农户”的模式，",
        "教学楼、操场、食堂一应俱全。必须坚",
    ]
    units, scorer = block_of(left + right)
    lede = len(left)

    def opening(position: int, below: int) -> float:
        return 3.0 if position == lede else 0.0

    wanted = [[n for n in range(len(left)) if n % 4 == j] for j in range(4)] + [
        [lede + n for n in range(len(right)) if n % 4 == j] for j in range(4)
    ]
    assert columns_of_block(units, scorer, 0, len(units), [4])[0] != wanted
    assert columns_of_block(units, scorer, 0, len(units), [4], opening=opening)[0] == wanted


def test_page_lines_bylines_and_headlines_are_told_apart() -> None:
    text = "\n".join(
        [
            "2026年9月16日 星期三",
            "县人大常委会召开第十二次会议",
            "——县人大常委会开展专题调研侧记",
            "第2版 民生视点",
            "□ 交城县人大常委会办公室 郭志强",
            *FIRST,
            "责任编辑：李娜 版式：王强",
        ]
    )
    lines = raw_lines(text)
    measure = measure_of(lines)
    assert measure == 24
    units = list(units_of(lines, measure, gutters=True))
    kinds = classify(units, measure).kinds
    assert kinds[:5] == ("page", "head", "head", "page", "byline")
    assert set(kinds[5:-1]) == {"body"}
    assert kinds[-1] == "page"


def test_hard_wrapped_plain_text_and_the_bundled_shape_are_not_extracted_text() -> None:
    wrapped = "县人大常委会召开第十二次会议\n" + "\n".join(FIRST + SECOND + FIRST + SECOND)
    assert not looks_extracted(wrapped)
    (only,) = parse_decoded(wrapped, "plain.txt")
    assert only.title == "县人大常委会召开第十二次会议"
    page = "\n\n".join(" ".join(FIRST[n : n + 3]) for n in range(0, 7, 3))
    assert not looks_extracted("□ 本报记者 李明\n\n" + page * 6)


_LINES = st.sampled_from(
    [
        *FIRST,
        *SECOND,
        "",
        "",
        HEADER,
        "2026年9月16日 星期三",
        "第2版 民生视点",
        "责任编辑：李娜 版式：王强",
        "县人大常委会召开第十二次会议",
        "——县人大常委会开展专题调研侧记",
        "□ 交城县人大常委会办公室 郭志强",
        "□ 本报记者 李明",
        "种 粮 大 户 李 二 虎 流 转 土 地",
        "乡村振兴工作情况的报告， 牛一百二十头，纯收入超",
        "代表建议如何落地见效？",
        "100%。",
        "㐀㐁，",
        "  ",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINES, min_size=12, max_size=60))
def test_every_han_character_is_kept_for_any_extracted_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    raws: list[RawArticle] = parse_extracted(text, "p.txt")
    shown: Counter[str] = Counter()
    pages = {raw.page.lines for raw in raws if raw.page is not None}
    for page_lines in pages:
        shown.update(han_count("".join(page_lines)))
    for n, raw in enumerate(raws):
        a = _article(raw, str(n), None)
        shown.update(han_count((a.kicker or "") + a.title + (a.byline or "") + body(a)))
    assert shown == han(text)


def test_quotation_marks_say_whether_a_line_leaves_one_open() -> None:
    assert quote_state("他说：“我们要把", end=True) == "in"
    assert quote_state("做好。”大家都说", end=False) == "in"
    assert quote_state("“下一步”还要怎么做", end=False) == "out"
    assert quote_state("“一起干”，群众说", end=True) == "out"
    assert quote_state("没有引号的一行", end=True) is None


def test_a_seam_closing_an_open_quotation_reads_better_than_one_opening_another() -> None:
    # The same words either way: only the quotation mark differs.
    lines = ["他在会上说：“我们要把这", "件事办好。”会后大家纷纷", "件事办好。“会后大家纷纷"]
    units = list(units_of(raw_lines("\n".join(lines)), 12, gutters=True))
    scorer = SeamScorer(12)
    assert scorer.seam(units[0], units[1]) > scorer.seam(units[0], units[2])


def test_a_quotation_over_three_lines_is_read_down_one_column() -> None:
    # pdftotext prints one column as a block; read as two columns in turn, the line opening the
    # quotation would go straight on with the one closing it, skipping the unmarked line between.
    lines = [
        "  修好的渡口重新通了船，对岸的",
        "菜农清早就能把菜运进城里。船工",
        "老周笑着说：“过去一到汛期就停",
        "航，菜烂在地里也没有办法，如今",
        "好了。”说完又解开了缆绳。",
        "  县里还将新建三座便民码头，年底",
        "前全部投入使用。",
    ]
    text = "\n".join([HEADER, "", "渡口通了船", "□ 本报记者 张晓燕", "", *lines, ""])
    (article,) = articles(text)
    assert body(article) == "".join(line.strip() for line in lines)


def test_of_a_title_and_a_lede_line_repeating_each_other_the_first_printed_is_the_title() -> None:
    # Each repeats the other, and both are covered by two lines near each other; the line
    # printed first is the headline, so the lede line does not count it as cover.
    text = "\n".join(["小杂粮做成大产业", "当地把小杂粮做成大产业", "当地把小杂粮做", "成大产业。"])
    units = list(units_of(raw_lines(text), 12, gutters=True))
    covered = coverages(units, [0, 1], [0, 1, 2, 3])
    assert covered[0] > covered[1]


def test_a_title_printed_after_the_lede_line_opening_with_its_words_is_the_title() -> None:
    # pdftotext may print a corner article's title after its body: the lede line, printed
    # first, opens with the title's words and has a pause where the title has none.
    text = "\n".join(["小杂粮做成了大产业，让", "农民增收致富。", "小杂粮做成大产业"])
    units = list(units_of(raw_lines(text), 12, gutters=True))
    covered = coverages(units, [0, 2], [0, 1, 2])
    assert covered[2] > covered[0]
    # A column line with no pause repeating words from the middle of an earlier line is no
    # title: the earlier line keeps it from counting as cover.
    text = "\n".join(["现场，常委会组成人员直奔主", "题，一问接着一问。", "常委会组成人员分组审议"])
    units = list(units_of(raw_lines(text), 12, gutters=True))
    covered = coverages(units, [0, 2], [0, 1, 2])
    assert covered[2] <= covered[0]


def test_a_byline_boxed_with_the_title_above_it_is_that_titles() -> None:
    # Two titles side by side in pdfminer.six's boxes: the first boxed with its byline, the
    # second with none. Paired in printed order, the byline would go to the second title (a
    # lone first title is read as a kicker); boxed with the first, it is the first's.
    text = "小杂粮做成大产业\n□ 柳林县人民政府副县长 贺文斌\n\n用心用情办好民生实事\n\n"
    units = list(units_of(raw_lines(text), 16, gutters=False))
    kinds = ["head", "byline", "head"]
    boxed_groups = group_headlines(units, kinds, boxes=True)
    assert [(g.titles, g.byline) for g in boxed_groups] == [([0], 1), ([2], None)]
    # Without boxes (pdftotext's blocks may join a title with the byline of the article
    # beside it) the printed order decides, as before.
    plain = group_headlines(units, kinds)
    assert [(g.titles, g.byline) for g in plain] == [([0], None), ([2], 1)]


def test_one_byline_printed_before_the_titles_is_the_first_titles() -> None:
    # pdfminer.six printed a byline, then the left article's title and subtitle, then the
    # right article's kicker and title. Taken for kickers, the first titles left the byline
    # to the last one, and the kicker, now last but one, was never tried as a kicker.
    lines = [
        "□ 文/赵国庆",
        "技能培训让农民工端稳“饭碗”",
        "——县人大常委会开展专题调研侧记",
        "践行全过程人民民主",
        "古村落焕发新生机",
    ]
    units = list(units_of(raw_lines("\n\n".join(lines) + "\n"), 16, gutters=False))
    kinds = ["byline", "head", "head", "head", "head"]
    groups = group_headlines(units, kinds, boxes=True)
    assert [(g.titles, g.subtitles, g.byline) for g in groups] == [
        ([1], [2], 0),
        ([3], [], None),
        ([4], [], None),
    ]
    assert kicker_candidates(groups, kinds) == [1]


def test_a_subtitle_printed_apart_after_two_titles_is_the_first_ones() -> None:
    # pdftotext printed two headings side by side row by row, each title a block of its own:
    # the left one's kicker beside the right one's title, then the left one's title beside the
    # right one's subtitle. Given to the title printed right before it, the subtitle went to
    # the left heading, and the right one's title came out without it.
    lines = ["践行全过程人民民主", "技能培训让农民工端稳“饭碗”", "古村落焕发新生机"]
    text = "\n\n".join(lines) + "\n\n——县人大常委会开展专题调研侧记\n□ 文/赵国庆\n"
    units = list(units_of(raw_lines(text), 16, gutters=True))
    groups = group_headlines(units, ["head", "head", "head", "head", "byline"])
    assert [g.subtitles for g in groups if g.titles == [1]] == [[3]]
    # Two titles side by side, then the left one's subtitle alone (the right one has none).
    text = "社区里的“议事厅”热闹起来了\n\n守护好一方碧水蓝天\n\n——岚县推进乡村振兴纪实\n"
    units = list(units_of(raw_lines(text), 16, gutters=True))
    groups = group_headlines(units, ["head", "head", "head"])
    assert [(g.titles, g.subtitles) for g in groups] == [([0], [2]), ([1], [])]
    # A heading printed as one block keeps its subtitle with the title right above it.
    text = "社区里的“议事厅”热闹起来了\n\n守护好一方碧水蓝天\n——岚县推进乡村振兴纪实\n"
    units = list(units_of(raw_lines(text), 16, gutters=True))
    groups = group_headlines(units, ["head", "head", "head"])
    assert [(g.titles, g.subtitles) for g in groups] == [([0], []), ([1], [2])]


def test_bylines_printed_apart_from_their_titles_are_paired_with_them_in_order() -> None:
    # pdftotext printed two articles' bylines together in one place and their titles, side by
    # side, in another, each in the band's order. Left unpaired, each byline went to the first
    # body printed after it, which need not be its article's.
    bylines = ["□ 本报记者 李明", "□ 孝义市人大代表 韩卫东"]
    titles = ["聚焦民生关切", "小小快递架起城乡新通道", "用心用情办好民生实事"]
    text = "\n".join([*bylines, "", "正文一行", "", *titles, ""])
    units = list(units_of(raw_lines(text), 16, gutters=True))
    kinds = ["byline", "byline", "body", "head", "head", "head"]
    groups = group_headlines(units, kinds)
    # With more titles than bylines, the first is a kicker's line (as when printed together);
    # groups come in the order of their first lines.
    assert [(g.titles, g.byline) for g in groups] == [([4], 0), ([5], 1), ([3], None)]
    # Bylines alone in two clusters: which titles each belongs to is not known; unpaired.
    text = "\n".join([bylines[0], "正文一行", bylines[1], "正文二行", *titles[1:], ""])
    units = list(units_of(raw_lines(text), 16, gutters=True))
    groups = group_headlines(units, ["byline", "body", "byline", "body", "head", "head"])
    assert [(g.titles, g.byline) for g in groups] == [([], 0), ([], 2), ([4], None), ([5], None)]


def band_read(boxes: list[list[str]], count: int) -> list[list[str]]:
    """The columns read from a band pdfminer.six printed as these boxes (lines of 12
    characters, a blank line after each box), as `count` columns."""
    printed = "".join("\n".join(box) + "\n\n" for box in boxes)
    units = list(units_of(raw_lines(printed), 24, gutters=False))
    scorer = SeamScorer(24)
    scorer.learn([u.bare for u in units])
    found, _ = columns_of_block(units, scorer, 0, len(units), [count], boxes=True)
    return [[units[i].bare for i in column] for column in found]


def test_rows_printed_in_two_parts_one_down_its_boxed_column_are_read_as_one_stretch() -> None:
    # pdfminer.six boxed the first column's lines of two rows together: it printed that box,
    # then the same two rows of the other columns row by row. Read as rows, the box's second
    # line would start the second column and every column after it would be shifted.
    text = "".join(
        [
            "县人大常委会把优化营商环境作为监督重点，连续三年开展专题询问。",
            "路通了，山里的核桃、花椒再也不用人背驴驮运出去了，",
            "讲解员张红梅在这里工作了八年，她说每讲一次自己都受一次教育。",
            "清晨六点，养殖大户刘建军已经在牛棚里忙开了。他算了一笔账，",
            "今年出栏的肉牛比去年多了三十头，收入增加了二十多万元，日子越过越红火。",
        ]
    )
    assert len(text) >= 144
    column_lines = [text[n * 12 : n * 12 + 12] for n in range(12)]
    columns = [column_lines[0:4], column_lines[4:8], column_lines[8:12]]
    boxes = [
        [columns[0][0]],
        [columns[1][0]],
        [columns[2][0]],
        columns[0][1:3],
        [columns[1][1]],
        [columns[2][1]],
        [columns[1][2]],
        [columns[2][2]],
        *([column[3]] for column in columns),
    ]
    assert band_read(boxes, 3) == columns


def test_rows_printed_in_two_parts_the_row_by_row_part_first_are_read_as_one_stretch() -> None:
    # pdfminer.six, two articles side by side in one band: the right one's lines stand a
    # little higher, so each row prints its columns first. Where it boxed two rows of each of
    # the left article's columns, a box sorts by its top: the right article's first row, the
    # left's boxes, then the right's second row. Read as rows, or as the two parts the other
    # way round, lines of the one article went down the other's columns.
    right = "".join(
        [
            "县人大常委会把优化营商环境作为监督重点，连续三年开展专题询问。",
            "路通了，山里的核桃、花椒再也不用人背驴驮运出去了，",
            "讲解员张红梅在这里工作了八年，她说每讲一次自己都受一次教育。",
            "社区养老服务中心为老人提供助餐、助浴、助医等服务。",
            "一年来，县里用心用情办好了一批群众期盼的民生实事，受到群众的好评。",
        ]
    )
    left = "".join(
        [
            "清晨六点，养殖大户刘建军已经在牛棚里忙开了。他算了一笔账，",
            "今年出栏的肉牛比去年多了三十头，收入增加了二十多万元，日子越过越红火。",
            "调研组先后走访了十二个乡镇和四十六个行政村，召开座谈会九次。",
            "普法志愿者走进社区、学校和集市，为群众送去法律知识。",
            "数字乡村建设让村民足不出户就能办理社保、医保等事项。",
        ]
    )
    assert min(len(right), len(left)) >= 144
    columns = [
        [text[n * 12 : n * 12 + 12] for n in range(c * 4, c * 4 + 4)]
        for text in (right, left)
        for c in range(3)
    ]
    right_columns, left_columns = columns[:3], columns[3:]
    boxes = [
        *([column[0]] for column in columns),
        *([column[1]] for column in right_columns),
        *(column[1:3] for column in left_columns),
        *([column[2]] for column in right_columns),
        *([column[3]] for column in columns),
    ]
    assert band_read(boxes, 6) == columns


LEAD_TEXT = [
    "县人大常委会日前召开第十二次会议，会议听取和审议了县人民政府关于乡村振兴工作情况的报告，"
    "常委会组成人员分组审议了有关报告并进行了联组审议。",
    "调研组先后走访了十二个乡镇和四十六个行政村，召开座谈会九次，收集意见建议一百三十多条，"
    "形成了调研报告。",
    "常委会将持续跟踪督办，确保审议意见落到实处。对检查中发现的问题，检查组当场反馈，"
    "督促有关部门限期整改，群众反映的问题能当场解答的当场解答，不能当场解答的限期答复。",
    "全县已实现5G网络乡镇全覆盖，行政村光纤通达率达到百分之百。",
]
BESIDE_TEXT = [
    "清晨六点，养殖大户刘建军已经在牛棚里忙开了。他算了一笔账，今年出栏的肉牛比去年多了三十头，"
    "纯收入增加了二十多万元。",
    "合作社采取统一供种、统一防疫、统一收购的模式，入社农户不再愁销路，日子越过越红火，"
    "村里外出打工的年轻人也陆续回来了，他们带回了新技术、新想法和新的经营模式。",
]


def boxed_page(rows: list[list[str]]) -> str:
    """pdfminer.six's text of a page: its lines in the order given, a blank line after each."""
    return "".join(line + "\n\n" for row in rows for line in row)


def test_a_lead_column_printed_after_a_corner_articles_rows_goes_on_the_lead() -> None:
    # pdfminer.six, a corner layout: the lead's first three columns stop above the corner
    # article, its fourth runs down beside it, and the rows of that column beside the corner
    # article are printed after the corner article's rows. Read as rows, the band under the
    # corner article's headline had its first column run on down the lead's.
    lead, beside = typeset(LEAD_TEXT), typeset(BESIDE_TEXT)
    assert (len(lead), len(beside)) == (21, 12)
    top = [lead[0:3], lead[3:6], lead[6:9], lead[9:]]
    corner = [beside[0:4], beside[4:8], beside[8:12]]
    text = boxed_page(
        [
            [HEADER, "县人大常委会召开第十二次会议", "□ 本报记者 李明"],
            *([column[row] for column in top] for row in range(3)),
            ["小牛棚里的大产业", "□ 通讯员 王芳"],
            *([column[row] for column in corner] for row in range(4)),
            top[3][3:],
        ]
    )
    assert [body(a) for a in articles(text)] == ["".join(lead), "".join(beside)]


def test_columns_running_on_beside_a_shorter_article_are_read_on_down() -> None:
    # The same rows with the longer article on the left: its columns run on for many rows
    # after the other's end, are cut there and read on from their tops.
    left = typeset(
        [*LEAD_TEXT, "社区养老服务中心为老人提供助餐、助浴、助医等服务，每天接待两百多人次。"]
    )
    right = typeset(
        [
            "清晨六点，养殖大户刘建军已经在牛棚里忙开了。他算了一笔账，今年出栏的肉牛比去年多了三十头。",
            "合作社采取统一供种、统一防疫的模式，入社农户不再愁销路，收入一年比一年高。",
        ]
    )
    assert (len(left), len(right)) == (24, 8)
    columns = [left[:12], left[12:], right[:4], right[4:]]
    text = boxed_page(
        [
            [HEADER, "县人大常委会召开第十二次会议", "小牛棚里的大产业"],
            ["□ 本报记者 李明", "□ 通讯员 王芳"],
            *([column[row] for column in columns if row < len(column)] for row in range(12)),
        ]
    )
    assert [body(a) for a in articles(text)] == ["".join(left), "".join(right)]


def test_a_kicker_alone_before_two_titles_each_alone_stands_over_the_second() -> None:
    # pdftotext prints headlines side by side from the top down: the kicker, the other title
    # (level with the kicker), the kicker's own title (below it), then the bylines in the
    # same order: the other's first.
    lines = ["我为群众办实事", "冬季供暖准备工作全面就绪", "小小快递架起城乡新通道"]
    bylines = ["□ 汾阳市人大常委会副主任 陈静", "□ 兴县人大常委会研究室 刘海燕"]
    kinds = ["head", "head", "head", "byline", "byline"]
    units = list(units_of(raw_lines("\n\n".join([*lines, *bylines])), 16, gutters=True))
    groups = group_headlines(units, kinds)
    merge_kicker(groups, 0, units, kinds)
    assert [(g.titles, g.byline) for g in groups] == [([1], 3), ([0, 2], 4)]
    # Boxed with its title (pdfminer.six), or printed in one block with it, the kicker is the
    # next title's, which then has the later byline.
    text = "\n".join(lines[:2]) + "\n\n" + "\n\n".join([lines[2], *bylines])
    units = list(units_of(raw_lines(text), 16, gutters=True))
    groups = group_headlines(units, kinds)
    merge_kicker(groups, 0, units, kinds)
    assert [(g.titles, g.byline) for g in groups] == [([0, 1], 4), ([2], 3)]


STRIPPED_TEXT = [
    "县人大常委会把优化营商环境作为监督重点，连续三年开展专题询问，推动解决了一批企业反映强烈的问题。",
    "调研组先后走访了十二个乡镇和四十六个行政村，召开座谈会九次，收集意见建议一百二十多条。",
    "清晨六点，养殖大户刘建军已经在牛棚里忙开了。他告诉记者，去年出栏肉牛一百二十头，纯收入超过四十万元。",
    "路通了，山里的核桃、花椒再也不用人背驴驮运出去了，村民们的日子越过越红火。",
]


def test_columns_printed_in_strips_are_read_down_each_column() -> None:
    # pdftotext: an article's three columns cut into strips of three rows, each strip a block
    # of its own: the first rows of each column in turn, then the next rows of each. Read in
    # printed order, each column would run into the next one's top.
    lines = typeset(STRIPPED_TEXT)
    height = -(-len(lines) // 3)
    columns = [lines[n * height : (n + 1) * height] for n in range(3)]
    strips = [
        column[row : row + 3] for row in range(0, height, 3) for column in columns if column[row:]
    ]
    text = "\n".join([HEADER, "", "县人大常委会召开第十二次会议", "□ 本报记者 李明", ""])
    text += "\n\n".join("\n".join(strip) for strip in strips) + "\n"
    (article,) = articles(text)
    assert body(article) == "".join(lines)
