"""Plain tables aligned in cells, with an ellipsis where a column is cut."""

from __future__ import annotations

from rich.cells import cell_len

from reader.text.table import format_table, truncate


def test_columns_align_in_cells_not_characters() -> None:
    lines = format_table([("a", "中文标题", "1"), ("bb", "x", "20")], right=(2,))
    assert [cell_len(line) for line in lines] == [cell_len(lines[0])] * 2
    assert lines[1].endswith("20") and lines[0].endswith(" 1")


def test_shrink_cuts_with_an_ellipsis_and_fits() -> None:
    rows = [("id1", "很长的标题" * 10, "作者")]
    (line,) = format_table(rows, shrink=1, width=40)
    assert cell_len(line) <= 40 and "…" in line


def test_truncate_never_splits_a_wide_character_over_the_width() -> None:
    for width in range(1, 12):
        assert cell_len(truncate("中文标题很长", width)) <= max(width, 1)
    assert truncate("短", 5) == "短"
