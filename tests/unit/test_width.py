"""Cell widths: agreement with Rich, the ambiguous-wide option, clusters and column mapping."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len as rich_cell_len

from reader.text.width import (
    cell_len,
    cell_widths,
    char_width,
    clusters,
    column_of,
    is_ambiguous,
    offset_at_column,
)

SAMPLES = "中文，。“”‘’…—·～㐀𠀀😀👍🏽❤️👨‍👩‍👧é abc123　Ａ①×"
TEXT = st.text(alphabet=st.sampled_from([*SAMPLES, "\u200d", "\ufe0f", "\u0301"]))


@pytest.mark.parametrize(
    ("char", "narrow", "wide"),
    [
        ("中", 2, 2),
        ("a", 1, 1),
        ("“", 1, 2),
        ("”", 1, 2),
        ("‘", 1, 2),
        ("’", 1, 2),
        ("…", 1, 2),
        ("—", 1, 2),
        ("·", 1, 2),
        ("～", 2, 2),
        ("，", 2, 2),
        ("㐀", 2, 2),  # CJK Extension A: jieba's Han regex misses it, cells must not
        ("😀", 2, 2),
        ("\u3000", 2, 2),
    ],
)
def test_char_width(char: str, narrow: int, wide: int) -> None:
    assert char_width(char) == narrow
    assert char_width(char, ambiguous_wide=True) == wide


def test_ambiguous_set_is_east_asian_width_a() -> None:
    assert all(is_ambiguous(c) for c in "“”‘’…—·")
    assert not any(is_ambiguous(c) for c in "中a，㐀")


def test_cell_len_examples() -> None:
    assert cell_len("“中文”") == 6
    assert cell_len("“中文”", ambiguous_wide=True) == 8
    assert cell_len("👨‍👩‍👧") == 2
    assert cell_len("e\u0301") == 1


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_cell_len_agrees_with_rich_and_cell_widths(text: str) -> None:
    if not text.startswith("\u200d"):  # Rich's cell_len and split_graphemes disagree there
        assert cell_len(text) == rich_cell_len(text)
    assert sum(cell_widths(text)) == cell_len(text)
    assert sum(cell_widths(text, ambiguous_wide=True)) == cell_len(text, ambiguous_wide=True)
    assert cell_len(text, ambiguous_wide=True) >= cell_len(text)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.booleans())
def test_clusters_cover_the_text(text: str, wide: bool) -> None:
    spans = clusters(text, ambiguous_wide=wide)
    position = 0
    for start, end, _cells in spans:
        assert start == position
        assert end > start
        position = end
    assert position == len(text)
    assert sum(cells for _s, _e, cells in spans) == cell_len(text, ambiguous_wide=wide)


def test_zwj_sequence_is_one_cluster() -> None:
    assert clusters("a👨‍👩‍👧b") == [(0, 1, 1), (1, 6, 2), (6, 7, 1)]


@settings(max_examples=200, deadline=None)
@given(TEXT, st.booleans())
def test_column_and_offset_round_trip(text: str, wide: bool) -> None:
    for start, _end, cells in clusters(text, ambiguous_wide=wide):
        column = column_of(text, start, ambiguous_wide=wide)
        assert column == cell_len(text[:start], ambiguous_wide=wide)
        if cells:
            assert offset_at_column(text, column, ambiguous_wide=wide) == start
            # Every cell of a wide cluster maps back to its first character.
            assert offset_at_column(text, column + cells - 1, ambiguous_wide=wide) == start
    width = cell_len(text, ambiguous_wide=wide)
    assert offset_at_column(text, width, ambiguous_wide=wide) == len(text)
    assert offset_at_column(text, -3, ambiguous_wide=wide) == 0
