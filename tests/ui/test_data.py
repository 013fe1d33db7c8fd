"""The screen's data helpers, without an app: filters, facet counts, hits in an article."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.layout import Header
from reader.model import Article, Paragraph, Summary
from reader.tui.data import Filter, apply_filter, article_spans

THEMES = ["交通", "农业", "教育"]
REGIONS = [None, "临县", "石楼县"]
AUTHORS = [None, "王五", "李四"]


def summary(
    n: int, themes: tuple[str, ...], region: str | None, author: str | None = None
) -> Summary:
    return Summary(str(n), f"标题{n}", author, None, region, False, themes, 100, "x.md")


ROWS = st.lists(
    st.tuples(
        st.lists(st.sampled_from(THEMES), unique=True).map(tuple),
        st.sampled_from(REGIONS),
        st.sampled_from(AUTHORS),
    ),
    max_size=30,
).map(lambda items: [summary(n, t, r, a) for n, (t, r, a) in enumerate(items)])


@settings(max_examples=100, deadline=None)
@given(
    ROWS,
    st.lists(st.sampled_from(THEMES), unique=True, max_size=2).map(tuple),
    st.sampled_from(REGIONS),
)
def test_filter_admits_exactly_the_articles_in_all_themes_and_the_region(
    rows: list[Summary], themes: tuple[str, ...], region: str | None
) -> None:
    chosen = Filter(themes, region)
    shown, facets = apply_filter(rows, chosen)
    expected = [
        r for r in rows if set(themes) <= set(r.themes) and (region is None or r.region == region)
    ]
    assert shown == expected
    for theme in THEMES:
        # Choosing a theme next would leave exactly its facet count.
        assert facets.themes[theme] == len(apply_filter(rows, Filter((*themes, theme), region))[0])
    assert facets.in_themes == len(apply_filter(rows, Filter(themes))[0])
    assert all(
        facets.regions[r] == len(apply_filter(rows, Filter(themes, r))[0]) for r in REGIONS if r
    )


@settings(max_examples=100, deadline=None)
@given(ROWS, st.sampled_from(REGIONS), st.sampled_from(AUTHORS))
def test_author_facet_counts_what_choosing_it_would_leave(
    rows: list[Summary], region: str | None, author: str | None
) -> None:
    shown, facets = apply_filter(rows, Filter((), region, author))
    assert shown == [
        r
        for r in rows
        if (region is None or r.region == region) and (author is None or r.author == author)
    ]
    for name in AUTHORS[1:]:
        assert facets.authors[name] == len(apply_filter(rows, Filter((), region, name))[0])
    for name in REGIONS[1:]:
        assert facets.regions[name] == len(apply_filter(rows, Filter((), name, author))[0])


def test_filter_label() -> None:
    assert Filter().label == "All articles"
    assert Filter(("交通", "农业"), "临县").label == "交通 + 农业 + 临县"
    assert Filter((), None, "王五").label == "王五"


def test_article_spans_cover_title_and_paragraphs_only_where_found() -> None:
    article = Article(
        id="a",
        title="长城脚下",
        source="x.md",
        paragraphs=(Paragraph("没有"), Paragraph("长城很长，长 城也长。")),
    )
    spans = article_spans(article, "长城")
    assert spans[Header.TITLE] == [(0, 2)]
    assert 0 not in spans
    texts = [article.paragraphs[1].text[a:b] for a, b in spans[1]]
    assert texts == ["长城", "长 城"], "a hit across a space is still found"
    assert article_spans(article, "  ") == {}
