"""Search folding: what it folds, that it is per character, and that offsets map back exactly."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.normalize import FoldMap, fold, fold_char, fold_with_diff, unfold

# Awkward inputs shared in spirit with the wrapper's table: mixed Han/Latin, full-width forms,
# numbers with %, dashes and ellipses, nested quotes, emoji, CJK Extension A.
AWKWARD = [
    "ＡＢＣ公司的iPhone　１００％",
    "“他说：‘好。’”——真的……",
    "㐀㐁 extension A 🎉👍🏽 emoji",
    "2021年10月 3,000 元 / 100%",
    "第一段\n第二段\r\n第三段\u3000末尾",
    "Straße İstanbul ǅ ﬁ",
    "soft\u00adhyphen zero\u200bwidth bom\ufeff",
]

text_alphabet = st.sampled_from(
    list("中国人的了ＡＢＣａｂｃABCabc123１２３，,。.！!　 \n\t㐀🎉ßİǅ\u200b\u00adﾊﾟ")
)
texts = st.text(alphabet=text_alphabet, max_size=40) | st.text(max_size=40)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＡＢＣ", "abc"),
        ("ABC", "abc"),
        ("iPhone", "iphone"),
        ("中 国\n人", "中国人"),
        ("中\u3000国", "中国"),
        ("１００％", "100%"),
        ("，", ","),
        ("Straße", "strasse"),
        ("㐀", "㐀"),
        ("🎉", "🎉"),
        ("zero\u200bwidth", "zerowidth"),
        # Per character: the half-width sound mark becomes the combining one, not composed.
        ("ﾊﾟ", "ハ\u309a"),
    ],
)
def test_fold_examples(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_inputs_fold_without_whitespace(text: str) -> None:
    folded = fold(text)
    assert not any(ch.isspace() for ch in folded)
    assert fold(folded) == folded


@given(texts, texts)
@settings(max_examples=200, deadline=None)
def test_fold_is_per_character(a: str, b: str) -> None:
    assert fold(a + b) == fold(a) + fold(b)
    assert fold(a) == "".join(fold_char(ch) for ch in a)


@given(texts)
@settings(max_examples=200, deadline=None)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_table_agrees_with_fold_char_over_all_unicode() -> None:
    # The translation table only covers the blocks where folding can change a character; this
    # checks that nothing outside them needed folding.
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        assert fold(ch) == fold_char(ch), hex(cp)


def test_fold_with_diff_agrees_with_fold_over_all_unicode() -> None:
    # Every character in one text, and each between two Han characters: the split-based fold
    # must give `fold`'s answer for all of them, and a diff that restores the text.
    every = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp < 0xE000)
    for text in (every, "中".join(every[::7])):
        folded, gaps, chars = fold_with_diff(text)
        assert folded == fold(text)
        assert unfold(folded, gaps, chars) == text


@given(texts)
@settings(max_examples=300, deadline=None)
def test_fold_with_diff_restores_the_original(text: str) -> None:
    folded, gaps, chars = fold_with_diff(text)
    assert folded == fold(text)
    assert unfold(folded, gaps, chars) == text


def _reference_map(text: str) -> tuple[str, list[int]]:
    folded = []
    origin = []
    for i, ch in enumerate(text):
        out = fold_char(ch)
        folded.append(out)
        origin += [i] * len(out)
    return "".join(folded), origin


@given(texts)
@settings(max_examples=300, deadline=None)
def test_fold_map_points_back_to_the_original_character(text: str) -> None:
    folded, origin = _reference_map(text)
    fmap = FoldMap.of(text)
    assert fmap.folded == folded
    assert fmap.original == text
    assert [fmap.to_original(i) for i in range(len(folded))] == origin


@pytest.mark.parametrize("text", AWKWARD)
def test_fold_map_on_awkward_inputs(text: str) -> None:
    folded, origin = _reference_map(text)
    fmap = FoldMap.of(text)
    assert [fmap.to_original(i) for i in range(len(folded))] == origin


def test_span_of_a_match_across_a_line_break() -> None:
    text = "在人民\n日报上"
    fmap = FoldMap.of(text)
    at = fmap.folded.index("人民日报")
    start, end = fmap.span(at, at + 4)
    assert text[start:end] == "人民\n日报"


def test_span_of_full_width_match_keeps_original_characters() -> None:
    text = "这家ＡＢＣ公司"
    fmap = FoldMap.of(text)
    at = fmap.folded.index("abc")
    start, end = fmap.span(at, at + 3)
    assert text[start:end] == "ＡＢＣ"


def test_span_of_a_character_that_folds_to_two() -> None:
    text = "die Straße hier"
    fmap = FoldMap.of(text)
    at = fmap.folded.index("ss")
    assert fmap.span(at, at + 1) == (8, 9)
    assert fmap.span(at, at + 2) == (8, 9)


def test_given_folded_text_is_used_as_is() -> None:
    text = "ＡＢ c"
    assert FoldMap.of(text, fold(text)).folded == "abc"


@pytest.mark.parametrize("text", AWKWARD)
def test_unfold_restores_awkward_inputs(text: str) -> None:
    folded, gaps, chars = fold_with_diff(text)
    assert folded == fold(text)
    assert unfold(folded, gaps, chars) == text
