"""Structure: titles, bylines, editor's notes, headings, Markdown and plain text."""

from __future__ import annotations

import random

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from pagegen import article, page

from reader.ingest.byline import parse_byline
from reader.ingest.formats import parse_decoded as parse_source
from reader.ingest.markdown import parse_markdown
from reader.ingest.parse import HEADING_START, looks_like_page, parse_page, parse_plain
from reader.ingest.reflow import fragments_of, normalize_punctuation, reflow_blocks


@pytest.mark.parametrize(
    ("raw", "region", "role", "author"),
    [
        ("□ 石楼县人大常委会主任 田文军", "石楼县", "人大常委会主任", "田文军"),
        ("□ 交口县人大常委会副主任 高丽萍", "交口县", "人大常委会副主任", "高丽萍"),
        ("■ 某自治县政协主席 李四", "某自治县", "政协主席", "李四"),
        ("□ 本报记者 张三", None, "本报记者", "张三"),
        ("□ 本报记者 张三 李四", None, "本报记者", "张三、李四"),
        ("□ 张三 李四", None, None, "张三、李四"),
        ("□ 交口县人大常委会副主任 高丽萍 整理", "交口县", "人大常委会副主任", "高丽萍"),
        ("□ 记者张三", None, "记者", "张三"),
        ("□ 本报记者张三", None, "本报记者", "张三"),
        ("□ 文/张三", None, None, "张三"),
        ("□ 本报通讯员 王五 摄", None, "本报通讯员", "王五"),
        ("□ 新华社 张三", None, "新华社", "张三"),
        ("□ 社区主任 张三", None, "社区主任", "张三"),
        ("□ 城区人大工委主任 王五", None, "城区人大工委主任", "王五"),
        ("□ 市区环保局局长 王五", None, "市区环保局局长", "王五"),
        ("□ 某某社区党支部书记 王五", None, "某某社区党支部书记", "王五"),
        ("□ 东城区人大代表 王五", "东城区", "人大代表", "王五"),
        ("■ 吕梁市人大代表 王五", "吕梁市", "人大代表", "王五"),
        ("□ 记者", None, "记者", None),
    ],
)
def test_byline_analysis(
    raw: str, region: str | None, role: str | None, author: str | None
) -> None:
    byline = parse_byline(raw)
    assert byline is not None
    assert (byline.region, byline.role, byline.author, byline.raw) == (region, role, author, raw)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["本报记者", "记者", "文/", "张三", "李四", "县", "社区", "整理", "摄", " "]
        ),
        max_size=8,
    )
)
def test_byline_keeps_raw_and_takes_names_from_it(pieces: list[str]) -> None:
    raw = "□ " + "".join(pieces) + "王五"
    byline = parse_byline(raw)
    assert byline is not None and byline.raw == raw
    compact = raw.replace(" ", "")
    for part in [*(byline.author or "").split("、"), byline.role or "", byline.region or ""]:
        assert part.replace(" ", "") in compact


def test_prose_is_not_a_byline() -> None:
    assert parse_byline("石楼县人大常委会主任田文军说，要加强监督。") is None


def test_fixture_page_structure() -> None:
    text = (FIXTURES / "county-page.txt").read_text(encoding="utf-8")
    assert looks_like_page(text)
    articles = parse_source(text, "county-page.txt")
    titles = [normalize_punctuation(a.title) for a in articles]
    assert titles == [
        "学习全会精神 建设美丽乡村",
        "代表工作要有新气象",
        "推进基层治理现代化 提升群众获得感",
    ]
    assert [a.byline.author if a.byline else None for a in articles] == ["郝志刚", None, "高丽萍"]
    kinds = [
        [p.kind for p in reflow_blocks([fragments_of(b) for b in a.blocks], a.source)]
        for a in articles
    ]
    assert kinds[0] == ["body", "heading", "body", "heading", "body"]
    assert kinds[1] == ["body", "heading", "body"]


def test_editor_note_is_its_own_article() -> None:
    text = (
        "编者按:本版刊登 几位主任的 体会文章。\n\n基层声音 值得倾听\n\n"
        "□ 兴县人大常委会主任 王五\n\n正文第一段 内容完整。\n"
    )
    articles = parse_page(text, "p.txt")
    assert [a.title for a in articles] == ["编者按", "基层声音 值得倾听"]
    assert articles[0].byline is None
    assert articles[0].blocks[0].text.startswith("本版刊登")


def test_enumerated_heading_line_is_not_a_title() -> None:
    text = (
        "题目在这里\n\n□ 兴县人大常委会主任 王五\n\n第一段 结束了。\n\n"
        "四、加大办理力度是办理代\n\n表建议的关键。后文 继续。\n"
    )
    articles = parse_page(text, "p.txt")
    assert len(articles) == 1
    paragraphs = reflow_blocks([fragments_of(b) for b in articles[0].blocks], "p.txt")
    assert [p.text for p in paragraphs] == [
        "第一段结束了。",
        "四、加大办理力度是办理代表建议的关键。",
        "后文继续。",
    ]


@pytest.mark.parametrize("seed", range(40))
def test_generated_pages_come_back_clean(seed: int) -> None:
    rng = random.Random(seed)
    clean = [article(rng, byline=rng.random() < 0.7) for _ in range(rng.randint(1, 4))]
    raw = page(clean, rng)
    parsed = parse_page(raw, "gen.txt")
    assert [normalize_punctuation(a.title) for a in parsed] == [c.title for c in clean]
    assert [a.byline.raw if a.byline else None for a in parsed] == [c.byline for c in clean]
    for got, want in zip(parsed, clean, strict=True):
        paragraphs = reflow_blocks([fragments_of(b) for b in got.blocks], got.source)
        merged: list[str] = []
        for p in paragraphs:
            # A heading split off its paragraph is glued back for the comparison.
            if merged and merged[-1].endswith("\0"):
                merged[-1] = merged[-1][:-1] + p.text
            else:
                merged.append(p.text + ("\0" if p.kind == "heading" else ""))
        assert [m.rstrip("\0") for m in merged] == want.paragraphs


def test_markdown_headings_start_articles_and_empty_sections_become_kickers() -> None:
    text = (
        "# 《晚间新闻》（20240105）\n\n## 详细新闻\n\n### 第一条 标题\n\n"
        "**本台消息**（晚间新闻）：正文第一段。\n第一段续行。\n\n第二段。\n\n"
        "[查看原文](https://example.org/a)\n\n### 第二条\n\n内容。\n"
    )
    articles = parse_markdown(text, "d.md")
    assert [a.title for a in articles] == ["第一条 标题", "第二条"]
    assert articles[0].kicker == "《晚间新闻》（20240105） › 详细新闻"
    assert [b.text for b in articles[0].blocks] == [
        "本台消息（晚间新闻）：正文第一段。第一段续行。",
        "第二段。",
        "查看原文 https://example.org/a",
    ]


def test_plain_text_first_line_is_the_title() -> None:
    articles = parse_plain("\n标题行\n第一段。\n第二段。\n", "a.txt")
    assert articles[0].title == "标题行"
    assert [b.text for b in articles[0].blocks] == ["第一段。", "第二段。"]


def test_plain_text_is_not_mistaken_for_a_page() -> None:
    assert not looks_like_page("标题\n\n这是一段没有多余空格的正文，句子完整。\n")


def test_one_line_block_cut_mid_phrase_is_not_a_title() -> None:
    text = (
        "真正的题目\n\n□ 兴县人大常委会主任 王五\n\n第一段 结束了。\n\n"
        "要持续推动乡村产业发展的\n\n质量和效益 稳步提升。\n"
    )
    articles = parse_page(text, "p.txt")
    assert [a.title for a in articles] == ["真正的题目"]


def test_markdown_html_comments_are_dropped_unless_they_hold_chinese() -> None:
    text = "# 标题\n\n<!--repaste.body.begin-->正文。<!--注释里的字-->\n"
    (only,) = parse_markdown(text, "c.md")
    assert [b.text for b in only.blocks] == ["正文。<!--注释里的字-->"]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ('见[文字](http://x.com "中文标题")。', "见文字 http://x.com 中文标题。"),
        ("见[点击](http://a.com 说明文字)。", "见点击 http://a.com 说明文字。"),
        ('![图片说明](a.png "图片标题")', "图片说明 a.png 图片标题"),
        ('[点击](<http://a.com/x y> "题目")结束', "点击 http://a.com/x y 题目结束"),
        ("见[点击](http://a.com/(中文))结束。", "见点击 http://a.com/(中文)结束。"),
        ("[单引号](u '题')与[括号](u (题))", "单引号 u 题与括号 u 题"),
    ],
)
def test_markdown_link_keeps_label_address_and_title(line: str, shown: str) -> None:
    (only,) = parse_markdown(f"# 标题\n\n{line}\n", "l.md")
    assert [b.text for b in only.blocks] == [shown]


def _columns(sentence: str, width: int = 14) -> str:
    """Page text: a paragraph cut into column lines joined by stray spaces."""
    return " ".join(sentence[i : i + width] for i in range(0, len(sentence), width))


_FIRST = _columns("今年以来，全县各级人大组织认真学习全会精神，推动各项工作取得新成效。")
_SECOND = _columns("县人大代表是人民群众的代言人。代表们走进田间地头，推动解决了一批问题。")


@pytest.mark.parametrize(
    "headline", ["代表建议如何落地见效？", "不忘初心，牢记使命", "为民履职：尽责！"]
)
def test_punctuated_headline_before_a_byline_starts_an_article(headline: str) -> None:
    text = f"{_FIRST}\n\n{headline}\n\n□ 岚县人大常委会主任 郝志刚\n\n{_SECOND}\n"
    articles = parse_page(text, "p.txt")
    assert [a.title for a in articles] == ["", headline]
    assert articles[1].byline is not None and articles[1].byline.author == "郝志刚"
    assert [len(a.blocks) for a in articles] == [1, 1]


@pytest.mark.parametrize(
    "headline", ["要加强学习。提高能力", "不忘初心，\n牢记使命", "为" * 41 + "？"]
)
def test_headline_with_a_full_stop_or_too_long_is_not_a_title(headline: str) -> None:
    text = (
        f"题目\n\n□ 兴县人大常委会主任 王五\n\n{_FIRST}\n\n{headline}\n\n"
        f"□ 本报记者 李四\n\n{_SECOND}\n"
    )
    assert [a.title for a in parse_page(text, "p.txt")] == ["题目"]


def test_punctuated_line_without_a_byline_stays_prose() -> None:
    text = f"题目\n\n□ 兴县人大常委会主任 王五\n\n{_FIRST}\n\n不忘初心，牢记使命\n\n{_SECOND}\n"
    assert [a.title for a in parse_page(text, "p.txt")] == ["题目"]


def test_subtitle_is_joined_to_the_title() -> None:
    text = f"{_FIRST}\n\n扎根基层的好代表\n\n——记优秀人大代表张三\n\n□ 本报记者 李四\n\n{_SECOND}\n"
    first, second = parse_page(text, "p.txt")
    assert [b.text for b in first.blocks] == [_FIRST]
    assert (second.kicker, second.title) == (None, "扎根基层的好代表 ——记优秀人大代表张三")
    assert second.title_span is not None
    assert text[second.title_span.start : second.title_span.end].endswith("张三")


def test_line_above_the_title_is_the_kicker() -> None:
    text = (
        f"{_FIRST}\n\n学习贯彻中央人大工作会议精神\n\n推进基层治理现代化\n\n"
        f"□ 交口县人大常委会副主任 高丽萍\n\n{_SECOND}\n"
    )
    first, second = parse_page(text, "p.txt")
    assert [b.text for b in first.blocks] == [_FIRST]
    assert (second.kicker, second.title) == ("学习贯彻中央人大工作会议精神", "推进基层治理现代化")
    assert second.byline is not None and second.byline.author == "高丽萍"


@pytest.mark.parametrize("cut", [_FIRST + _FIRST[:-1] + "，要把", _FIRST[:-1] + "，要把"])
def test_short_line_after_a_cut_sentence_is_not_a_kicker(cut: str) -> None:
    text = (
        f"{cut}\n\n工作落到实处\n\n推进基层治理现代化\n\n"
        f"□ 交口县人大常委会副主任 高丽萍\n\n{_SECOND}\n"
    )
    first, second = parse_page(text, "p.txt")
    assert [b.text for b in first.blocks] == [cut, "工作落到实处"]
    assert (second.kicker, second.title) == (None, "推进基层治理现代化")


@pytest.mark.parametrize("fence", ["```", "~~~~"])
def test_hash_line_in_a_code_block_is_not_a_heading(fence: str) -> None:
    text = f"# 标题\n\n{fence}python\n# 代码中的注释\n\n代码 **原样**\n{fence}\n\n正文。\n"
    (only,) = parse_markdown(text, "f.md")
    assert only.title == "标题"
    assert [b.text for b in only.blocks] == ["# 代码中的注释", "代码 **原样**", "正文。"]


def test_unclosed_code_block_runs_to_the_end() -> None:
    text = "# 标题\n\n```\n## 不是标题\n"
    (only,) = parse_markdown(text, "f.md")
    assert [b.text for b in only.blocks] == ["## 不是标题"]


def test_setext_headings_start_articles() -> None:
    text = "大标题\n=====\n\n正文一。\n\n小标题\n-----\n\n正文二。\n第二行\n---\n\n正文三。\n"
    articles = parse_markdown(text, "s.md")
    assert [a.title for a in articles] == ["大标题", "小标题"]
    assert [b.text for b in articles[1].blocks] == ["正文二。第二行", "正文三。"]
    assert articles[0].title_span is not None
    assert text[articles[0].title_span.start : articles[0].title_span.end] == "大标题\n====="


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (r"\*中文\* \[方括号\](x)", "*中文* [方括号](x)"),
        (r"**粗\*体**与\_下划线\_", "粗*体与_下划线_"),
        (r"反斜杠\\本身", "反斜杠\\本身"),
        (r"`代码\*不变`", r"代码\*不变"),
        (r"非标点\中文", r"非标点\中文"),
    ],
)
def test_markdown_backslash_escapes_show_the_character(line: str, shown: str) -> None:
    (only,) = parse_markdown(f"# 标题\\*\n\n{line}\n", "e.md")
    assert only.title == "标题*"
    assert [b.text for b in only.blocks] == [shown]


@pytest.mark.parametrize(
    "line",
    [
        "一、总体要求",
        "三是加强监督。",
        "十是抓好落实。",
        "十二、附则",
        "（二）工作措施",
        "第一，要学习。",
        "3. 办理",
    ],
)
def test_section_markers_start_headings(line: str) -> None:
    assert HEADING_START.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "首先，我们要认真学习领会全会精神，把思想和行动统一到中央的决策部署上来。",
        "其次，要加强监督。",
        "一一是对应的。",
        "百、千、万",
        "3.5亿元已经到位。",
    ],
)
def test_ordinary_sentences_are_not_headings(line: str) -> None:
    assert HEADING_START.match(line) is None


def test_byline_role_is_a_stretch_of_the_raw_text() -> None:
    # Found by the property above: a credit mark in the middle once produced a role that
    # appeared nowhere in the byline.
    byline = parse_byline("□ 本报记者 文/张三 本报记者 王五")
    assert byline is not None and byline.author == "王五"
    assert byline.role is not None and byline.role in byline.raw
