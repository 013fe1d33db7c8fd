"""Fitting text into cells: never wider than asked, clipped text marked with an ellipsis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.tui.widgets.article_list import reading_time
from reader.tui.widgets.cells import fit, right

TEXT = st.text(
    alphabet=st.sampled_from(list("人大工作abc 12，。“”…——㐀😀")), min_size=0, max_size=40
)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=50))
def test_fit_is_exactly_the_width(text: str, width: int) -> None:
    fitted = fit(text, width)
    assert cell_len(fitted) == width
    flat = " ".join(text.split())
    if width == 0:
        assert fitted == ""
    elif cell_len(flat) > width:
        assert fitted.rstrip().endswith("…")
        assert flat.startswith(fitted.rstrip()[:-1].rstrip())
    else:
        assert fitted.rstrip() == flat.rstrip()


@settings(max_examples=100, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=50))
def test_right_is_exactly_the_width(text: str, width: int) -> None:
    assert cell_len(right(text, width)) == width


def test_wide_character_at_the_edge_is_not_split() -> None:
    assert fit("人大工作", 4) == "人… "
    assert fit("人大工作", 8) == "人大工作"
    assert fit("人大工作", 7) == "人大工…"


def test_reading_time_is_at_least_a_minute() -> None:
    assert reading_time(10) == "1分钟"
    assert reading_time(4000) == "10分钟"


def test_squeeze_keeps_the_hits_on_their_characters() -> None:
    from reader.tui.widgets.search import squeeze

    text = "\u3000对于  人大\n代表\u3000大会和 人大 "
    spans = [(text.index("人大"), text.index("代表") + 2), (text.rindex("人大"), len(text) - 1)]
    squeezed, moved = squeeze(text, spans)
    assert squeezed == "对于 人大 代表 大会和 人大"
    assert [squeezed[a:b] for a, b in moved] == ["人大 代表", "人大"]
    assert squeeze("no spaces", []) == ("no spaces", [])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("人大a \n\u3000")), max_size=30), st.data())
def test_squeeze_is_whitespace_folding_with_spans(text: str, data: st.DataObject) -> None:
    from reader.tui.widgets.search import squeeze

    solid = [i for i, c in enumerate(text) if not c.isspace()]
    cuts = sorted(data.draw(st.lists(st.sampled_from(solid), max_size=4)) if solid else [])
    spans = [(a, b + 1) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a <= b]
    squeezed, moved = squeeze(text, spans)
    assert squeezed == " ".join(text.split())
    for (start, end), (a, b) in zip(spans, moved, strict=True):
        assert squeezed[a:b] == " ".join(text[start:end].split())


def test_lead_to_hit_keeps_the_hit_near_the_start() -> None:
    from reader.tui.widgets.search import lead_to_hit

    text = "一二三四五六七八九十人大代表大会"
    cut, spans = lead_to_hit(text, [(10, 14)], before=3)
    assert cut == "…八九十人大代表大会"
    assert [cut[a:b] for a, b in spans] == ["人大代表"]
    assert lead_to_hit("人大代表", [(0, 4)]) == ("人大代表", [(0, 4)])


def test_the_list_marks_a_region_inferred_from_the_text_not_given_by_a_byline() -> None:
    from reader.model import Summary
    from reader.tui.widgets.article_list import _who

    def summary(author: str | None, inferred: bool) -> Summary:
        return Summary("a1", "标题", author, None, "临县", inferred, (), 100, "p.txt", "2026-12-05")

    assert _who(summary("田文军", inferred=False)) == "田文军 · 临县 · 12月5日"
    assert _who(summary(None, inferred=True)) == "≈临县 · 12月5日"
