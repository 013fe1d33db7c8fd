"""Reading a built database: summaries, articles, errors; opening one is not building it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PAGE

from reader.build import build, open_library
from reader.errors import ReaderError
from reader.facets import Selection
from reader.paths import database_path
from reader.store import Library, NotBuilt, UnknownArticle, Unreadable


def test_opening_an_unbuilt_corpus_says_so_and_builds_nothing(corpus: Path) -> None:
    with pytest.raises(NotBuilt, match="reader build"):
        Library.open(corpus)
    assert not database_path(corpus).exists()
    library = open_library(corpus)
    assert Library.open(corpus).ids() == library.ids()


def test_gb18030_and_utf16_sources(tmp_path: Path) -> None:
    (tmp_path / "gb.txt").write_bytes("国标编码标题\n正文第一段。\n".encode("gb18030"))
    (tmp_path / "u16.txt").write_bytes("双字节标题\n正文第二篇。\n".encode("utf-16"))
    build(tmp_path)
    library = Library(database_path(tmp_path), tmp_path)
    assert sorted(s.title for s in library.summaries()) == ["双字节标题", "国标编码标题"]


def test_unknown_article_and_theme(corpus: Path) -> None:
    library = open_library(corpus)
    with pytest.raises(UnknownArticle):
        library.article("zzzzzzzz")
    with pytest.raises(ReaderError):
        library.summaries(Selection.of({"theme": ["不存在的主题"]}))
    with pytest.raises(ReaderError):
        library.search("人大", selection=Selection.of({"theme": ["不存在的主题"]}))


def test_article_round_trip_keeps_paragraph_kinds_and_spans(corpus: Path) -> None:
    library = open_library(corpus)
    summary = next(s for s in library.summaries() if s.author == "郝志刚")
    article = library.article(summary.id)
    assert article.region == "岚县" and not article.region_inferred
    assert [p.kind for p in article.paragraphs][:2] == ["body", "heading"]
    text = PAGE
    for paragraph in article.paragraphs:
        assert paragraph.spans
        for span in paragraph.spans:
            assert span.source == "page.txt" and 0 <= span.start < span.end <= len(text)


def test_a_damaged_database_raises_the_projects_own_error(corpus: Path) -> None:
    open_library(corpus).close()
    db = database_path(corpus)
    db.write_bytes(b"this is not a database " * 200)
    library = Library(db, corpus)
    for read in (library.summaries, library.ids, lambda: library.search("人大")):
        with pytest.raises(Unreadable, match=r"cannot be read .*reader build --force"):
            read()
