"""Reflow: stray spaces, full-width punctuation in Chinese context, quotes, headings, joins."""

from __future__ import annotations

import pytest

from reader.ingest.reflow import (
    fragments_of,
    normalize_punctuation,
    reflow_blocks,
    remove_stray_spaces,
    split_heading,
)
from reader.model import Block


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("制 度", "制度"),
        ("达到 100% 的 目标", "达到100%的目标"),
        ("使用 GDP 指标", "使用GDP指标"),
        ("open source software 很好", "open source software很好"),
        ("，  。", "，。"),
        ("第一行\n第二行", "第一行第二行"),
        ("\u3000\u3000缩进", "缩进"),
    ],
)
def test_stray_spaces(raw: str, clean: str) -> None:
    assert remove_stray_spaces(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("会议,讨论:方案;好吗?好!", "会议，讨论：方案；好吗？好！"),
        ("共3,000亩", "共3,000亩"),
        ("10:30开会", "10:30开会"),
        ("达到100%,超额", "达到100%，超额"),
        ("见 http://example.org 网站", "见 http://example.org 网站"),
        ("Hello, world!", "Hello, world!"),
        ("村(社区)组织", "村（社区）组织"),
        ("f(x) = 1", "f(x) = 1"),
        ('聚焦"好制度""六个必须坚持"', "聚焦“好制度”“六个必须坚持”"),
        ('增强"四个意识",坚定"四个自信"', "增强“四个意识”，坚定“四个自信”"),
        ('"七一"重要讲话', "“七一”重要讲话"),
        ("他说'好'", "他说‘好’"),
        ('他说:"你好。"他走了。', "他说：“你好。”他走了。"),
        ('他说:"真好!"大家笑了', "他说：“真好！”大家笑了"),
        ('"要加强。""要落实。"', "“要加强。”“要落实。”"),
        ('"ABC"公司', "“ABC”公司"),
        ('他说"你好', "他说“你好"),
        ('Hello "world" ok', 'Hello "world" ok'),
        ("don't 改", "don't 改"),
        ("一、二、三", "一、二、三"),
    ],
)
def test_punctuation_in_chinese_context(raw: str, clean: str) -> None:
    assert normalize_punctuation(raw) == clean


def test_no_space_is_left_between_converted_punctuation() -> None:
    from reader.ingest.reflow import clean_text

    assert clean_text('讲话指出: "要加强学习"') == "讲话指出：“要加强学习”"


def test_never_nfkc_full_width_punctuation_survives() -> None:
    text = "，。：；！？（）“”‘’【】《》——……"
    assert normalize_punctuation(text) == text


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("一、抓好学习。要把学习放在首位。", ("一、抓好学习。", "要把学习放在首位。")),
        ("二是坚持党的领导。正文。", ("二是坚持党的领导。", "正文。")),
        ("（三）完善机制。正文。", ("（三）完善机制。", "正文。")),
        ("普通段落，不是标题。", None),
        ("一、" + "很长" * 40 + "。后文。", None),
    ],
)
def test_split_heading(text: str, parts: tuple[str, str] | None) -> None:
    assert split_heading(text) == parts


def _blocks(*texts: str) -> list[tuple[object, ...]]:
    out, position = [], 0
    for text in texts:
        out.append(fragments_of(Block(text, position, position + len(text))))
        position += len(text) + 2
    return out


def test_block_cut_mid_sentence_is_joined() -> None:
    blocks = _blocks("为全方位推动高质 量发展提供有", "力的法治保障。")
    assert [p.text for p in reflow_blocks(blocks, "s")] == [
        "为全方位推动高质量发展提供有力的法治保障。"
    ]  # type: ignore[arg-type]


def test_short_last_line_ends_a_paragraph_without_punctuation() -> None:
    blocks = _blocks(
        "代表全部驻站驻点联系群 众并且形成完整的工作 流程规范和制度的工作 机制",
        "充分发挥人大代表联络站 作用。",
    )
    paragraphs = reflow_blocks(blocks, "s")  # type: ignore[arg-type]
    assert [p.text for p in paragraphs] == [
        "代表全部驻站驻点联系群众并且形成完整的工作流程规范和制度的工作机制",
        "充分发挥人大代表联络站作用。",
    ]


def test_heading_block_always_starts_a_paragraph() -> None:
    blocks = _blocks("做到“两个 维护”", "二、把准工作重心。监督 工作很重要。")
    paragraphs = reflow_blocks(blocks, "s")  # type: ignore[arg-type]
    assert [(p.kind, p.text) for p in paragraphs] == [
        ("body", "做到“两个维护”"),
        ("heading", "二、把准工作重心。"),
        ("body", "监督工作很重要。"),
    ]


def test_spans_point_back_into_the_source() -> None:
    source = "第一 块文字\n\n第二块 结束。"
    blocks = _blocks("第一 块文字", "第二块 结束。")
    (paragraph,) = reflow_blocks(blocks, "s")  # type: ignore[arg-type]
    pieces = "".join(source[s.start : s.end] for s in paragraph.spans)
    assert "".join(pieces.split()) == paragraph.text
