"""简/繁 conversion: phrase-level OpenCC both ways, lengths kept, and offsets mapped when not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.model import Article, Paragraph
from reader.text.chars import is_han
from reader.text.script import (
    Converted,
    OffsetMap,
    Script,
    convert,
    convert_article,
    convert_mapped,
    convert_pieces,
    parse_script,
    to_simplified,
    to_traditional,
)

ROOT = Path(__file__).resolve().parents[2]


def test_phrases_not_characters_decide_the_traditional_form() -> None:
    # 发 is 髮 in 头发 and 發 in 发展; 干 is 幹 in 干部, 乾 in 干净: a character map gets one wrong.
    assert to_traditional("头发") == "頭髮"
    assert to_traditional("发展") == "發展"
    assert to_traditional("干部和干净的衣服") == "幹部和乾淨的衣服"
    assert to_traditional("后来的皇后") == "後來的皇后"
    assert to_traditional("人大代表联络站") == "人大代表聯絡站"
    # Taiwan-standard forms, and no vocabulary changes (软件 is not rewritten as 軟體).
    assert to_traditional("为了这里") == "為了這裡"
    assert to_traditional("计算机软件") == "計算機軟件"


def test_simplified_both_ways_and_simplified_text_kept() -> None:
    assert to_simplified("頭髮發展，乾隆皇帝，臺灣") == "头发发展，乾隆皇帝，台湾"
    assert to_simplified("為了這裡") == "为了这里"
    # Simplified input stays as it is (the reason for t2s over tw2s, which makes 显著 显着).
    assert to_simplified("显著的著作，土著") == "显著的著作，土著"


def test_everything_but_chinese_is_left_alone() -> None:
    text = "GDP增长12.5%，3,000人；“引号”——《书名》……😀👨‍👩‍👧 [bold]x[/bold] \x1b[31m"
    for converted in (to_traditional(text), to_simplified(text)):
        assert len(converted) == len(text)
        for source, shown in zip(text, converted, strict=True):
            assert source == shown or (is_han(source) and is_han(shown))
    assert to_traditional("") == "" and to_simplified("") == ""


def test_a_nul_does_not_cut_the_text() -> None:
    # OpenCC's multi-step chains stop at a NUL; the text after it must survive.
    assert to_traditional("中\x00国，发展") == "中\x00國，發展"
    assert to_simplified("中\x00國") == "中\x00国"


def test_source_script_is_the_identity_and_names_parse() -> None:
    assert convert("头发", Script.SOURCE) == "头发"
    assert convert("头发", Script.TRADITIONAL) == "頭髮"
    assert parse_script("traditional") is Script.TRADITIONAL
    with pytest.raises(ValueError, match="source, simplified, traditional"):
        parse_script("klingon")
    assert Script.TRADITIONAL.label == "繁體" and Script.SOURCE.label == ""


def _corpus_articles() -> list[Article]:
    from reader.store import Library

    articles = []
    for corpus in (ROOT / "corpus", ROOT / "tests" / "ui" / "fixtures" / "news"):
        library = Library.open(corpus)
        articles += [library.article(row.id) for row in library.summaries()]
    return articles


def test_conversion_keeps_every_length_and_every_non_han_character_of_the_corpora() -> None:
    """What makes the identity offset map right: on real text a Han character becomes one Han
    character and nothing else changes."""
    texts = [
        text
        for article in _corpus_articles()
        for text in (article.title, *(p.text for p in article.paragraphs))
    ]
    assert sum(map(len, texts)) > 8_000
    changed = 0
    for text in texts:
        for script in (Script.TRADITIONAL, Script.SIMPLIFIED):
            converted = convert_mapped(text, script)
            assert converted.offsets is None
            assert len(converted.text) == len(text)
            for source, shown in zip(text, converted.text, strict=True):
                assert source == shown or (is_han(source) and is_han(shown))
            changed += converted.text != text
    assert changed > 0, "the traditional view changed nothing: the test proves nothing"


def test_convert_article_converts_every_shown_field_and_keeps_the_rest() -> None:
    article = Article(
        id="abcdefgh",
        title="发展",
        source="x.md",
        paragraphs=(Paragraph("头发", "body"), Paragraph("一、干部", "heading")),
        original=(Paragraph("头发原文"),),
        byline="记者 张华",
        author="张华",
        kicker="详细新闻",
    )
    shown = convert_article(article, Script.TRADITIONAL)
    assert (shown.title, shown.byline, shown.author, shown.kicker) == (
        "發展",
        "記者 張華",
        "張華",
        "詳細新聞",
    )
    assert [(p.text, p.kind) for p in shown.paragraphs] == [
        ("頭髮", "body"),
        ("一、幹部", "heading"),
    ]
    assert shown.original[0].text == "頭髮原文"
    assert (shown.id, shown.source) == (article.id, article.source)
    assert convert_article(article, Script.SOURCE) is article


# A real conversion that changes lengths: OpenCC's Taiwan-phrase table rewrites vocabulary.
TAIWAN_PHRASES = opencc.OpenCC("s2twp")
CHANGING = "我用计算机软件上网，鼠标和内存。扩展A区的字，还有计算机。"


def test_a_length_changing_conversion_maps_offsets_at_every_boundary() -> None:
    converted = convert_pieces(CHANGING, Script.TRADITIONAL, TAIWAN_PHRASES)
    assert converted.text == TAIWAN_PHRASES.convert(CHANGING)
    assert len(converted.text) != len(CHANGING)
    assert converted.offsets is not None
    # The map records just the words the table replaced, not whole clauses.
    assert [
        (CHANGING[low:high], converted.text[view_low:view_high])
        for low, high, view_low, view_high in converted.offsets.pieces
    ] == [("内存", "記憶體"), ("扩展", "擴充套件")]
    for index, char in enumerate(CHANGING):
        if char in "，。":
            # Punctuation is shown where the map says, and maps back to itself.
            assert converted.text[converted.to_view(index)] == char
            assert converted.to_source(converted.to_view(index)) == index
    # A hit on a rewritten word covers its replacement.
    start = CHANGING.index("内存")
    view_start = converted.to_view(start)
    view_end = converted.to_view(start + 2, end=True)
    assert converted.text[view_start:view_end] == "記憶體"
    # Part of a changed word still highlights something of it.
    assert converted.to_view(start + 1, end=True) > converted.to_view(start)
    assert converted.to_view(len(CHANGING)) == len(converted.text)
    assert converted.to_source(len(converted.text)) == len(CHANGING)


class _Stretch:
    """A converter that changes lengths in known ways: X doubles, Y vanishes, Z becomes 正."""

    def convert(self, text: str) -> str:
        return text.replace("X", "XX").replace("Y", "").replace("Z", "正")


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("中文XYZ，。 a1“”"), max_size=60))
def test_offset_maps_are_monotone_and_exact_at_boundaries(text: str) -> None:
    converted = convert_pieces(text, Script.TRADITIONAL, _Stretch())
    assert converted.text == _Stretch().convert(text)
    views = [converted.to_view(i) for i in range(len(text) + 1)]
    assert views == sorted(views)
    assert views[0] == 0 and views[-1] == len(converted.text)
    sources = [converted.to_source(i) for i in range(len(converted.text) + 1)]
    assert sources == sorted(sources)
    for index, char in enumerate(text):
        if char in "，。 “”":
            assert converted.text[views[index]] == char
            assert converted.to_source(views[index]) == index
        ends = converted.to_view(index + 1, end=True)
        if _Stretch().convert(char):
            assert ends > views[index], "a span over a shown character shows something"


def test_offset_map_clamps_out_of_range_offsets() -> None:
    offsets = OffsetMap(((0, 3, 0, 2),), source_length=5, view_length=4)
    assert offsets.to_view(-4) == 0
    assert offsets.to_view(99) == 4
    assert offsets.to_source(99) == 5
    assert offsets.to_view(4) == 3  # after the piece, shifted by its change
    assert Converted("abc").to_view(2) == 2


def test_no_conversion_loads_nothing() -> None:
    code = (
        "import sys, reader.text.script, reader.layout\n"
        "print('opencc' in sys.modules)\n"
        "reader.text.script.to_traditional('发')\n"
        "print('opencc' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["False", "True"]


def test_traditional_is_what_opencc_s2tw_gives() -> None:
    """s2t then t2tw, for 28 MB instead of s2tw's 45: the same text."""
    s2tw = opencc.OpenCC("s2tw.json")
    texts = [
        text
        for article in _corpus_articles()
        for text in (article.title, *(p.text for p in article.paragraphs))
    ]
    texts += ["头发发展，干部干净，后来皇后，为了这里，显著著作，穿着看着，台湾。"]
    for text in texts:
        assert to_traditional(text) == s2tw.convert(text)
