"""Facets: what a selection admits, the counts beside it, the sidebar's order, unknown values."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.facets import FACETS, Selection, check, facet, listing, narrow
from reader.model import Summary

THEMES = ["交通", "农业", "教育"]
VALUES: dict[str, list[str | None]] = {
    "region": [None, "临县", "石楼县"],
    "author": [None, "王五", "李四"],
    "date": [None, "2026-12-05", "2026-12-06"],
    "edition": [None, "第2版", "第10版"],
}


def summary(n: int, themes: tuple[str, ...], **fields: Any) -> Summary:
    return Summary(
        str(n),
        f"标题{n}",
        fields.get("author"),
        None,
        fields.get("region"),
        False,
        themes,
        100,
        "x.md",
        fields.get("date"),
        fields.get("edition"),
    )


ROW = st.tuples(
    st.lists(st.sampled_from(THEMES), unique=True).map(tuple),
    st.fixed_dictionaries({name: st.sampled_from(values) for name, values in VALUES.items()}),
)
ROWS = st.lists(ROW, max_size=30).map(
    lambda items: [summary(n, themes, **fields) for n, (themes, fields) in enumerate(items)]
)
SELECTION = st.fixed_dictionaries(
    {
        "theme": st.lists(st.sampled_from(THEMES), unique=True, max_size=2),
        **{
            name: st.sampled_from(values).map(lambda v: [v] if v else [])
            for name, values in VALUES.items()
        },
    }
).map(Selection.of)


def has(row: Summary, name: str, value: str) -> bool:
    return value in row.themes if name == "theme" else getattr(row, name) == value


@settings(max_examples=150, deadline=None)
@given(ROWS, SELECTION)
def test_a_selection_admits_articles_with_every_value_and_counts_what_a_choice_leaves(
    rows: list[Summary], selection: Selection
) -> None:
    shown, _ = narrow(rows, selection)
    expected = [
        row
        for row in rows
        if all(has(row, name, v) for name, values in selection.chosen for v in values)
    ]
    assert shown == expected
    # Each count is what choosing that value would leave.
    _, counts = narrow(rows, selection)
    for each in FACETS:
        chosen = selection.values(each.name)
        cleared = selection.with_values(each.name, [])
        assert counts[each.name].total == len(narrow(rows, cleared)[0])
        for value in THEMES if each.multiple else [v for v in VALUES[each.name] if v]:
            # Another theme narrows the articles; another region replaces the chosen one.
            after = [*chosen, value] if each.multiple else [value]
            left = narrow(rows, selection.with_values(each.name, after))[0]
            assert counts[each.name].values[value] == len(left)


def test_label_and_order_of_choices() -> None:
    assert Selection().label == "All articles" and not Selection()
    chosen = Selection.of({"region": ["临县"], "theme": ["交通", "农业"]})
    assert chosen.label == "交通 + 农业 + 临县"
    assert chosen.values("theme") == ("交通", "农业") and chosen.values("author") == ()
    assert Selection.of({"author": ["王五"]}).label == "王五"
    assert Selection.of({"region": []}) == Selection()
    with pytest.raises(KeyError):
        Selection.of({"colour": ["red"]})


def test_sidebar_order() -> None:
    rows = [
        summary(1, (), region="临县", date="2026-12-06", edition="第10版"),
        summary(2, (), region="石楼县", date="2026-12-05", edition="第2版"),
        summary(3, (), region="石楼县", date="2025-01-31", edition="第2版"),
    ]
    assert listing(facet("region"), rows) == ["石楼县", "临县"], "most articles first"
    assert listing(facet("date"), rows) == ["2025-01-31", "2026-12-05", "2026-12-06"]
    assert listing(facet("edition"), rows) == ["第2版", "第10版"], "page numbers as numbers"
    assert listing(facet("author"), rows) == []


class _Catalog:
    """A library as far as the theme facet asks: its themes, most prominent first."""

    def themes(self) -> list[Any]:
        return [type("Theme", (), {"name": name})() for name in ("农业", "交通")]


def test_a_value_missing_from_a_catalog_is_an_error() -> None:
    library: Any = _Catalog()
    assert listing(facet("theme"), [], library) == ["农业", "交通"]
    check(Selection.of({"theme": ["交通"], "region": ["无此县"]}), library)
    with pytest.raises(ReaderError, match=r"no theme named '不存在' .*reader themes"):
        check(Selection.of({"theme": ["不存在"]}), library)
