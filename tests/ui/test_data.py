"""The screen's data helpers, without an app: hits in an article (facets: `unit/test_facets.py`)."""

from __future__ import annotations

from reader.layout import Header
from reader.model import Article, Paragraph
from reader.search import find_spans
from reader.tui.data import article_spans


def test_article_spans_cover_title_and_paragraphs_only_where_found() -> None:
    article = Article(
        id="a",
        title="长城脚下",
        source="x.md",
        paragraphs=(Paragraph("没有"), Paragraph("长城很长，长 城也长。")),
    )
    spans = article_spans(article, lambda text: find_spans(text, "长城"))
    assert spans[Header.TITLE] == [(0, 2)]
    assert 0 not in spans
    texts = [article.paragraphs[1].text[a:b] for a, b in spans[1]]
    assert texts == ["长城", "长 城"], "a hit across a space is still found"
    assert article_spans(article, None) == {}
