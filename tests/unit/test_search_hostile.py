"""Query text is data: FTS5 and SQL syntax, huge and odd queries never raise and answer exactly."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from search_support import brute_force, brute_force_ways

from reader.search import (
    SearchDoc,
    count,
    create_schema,
    find_spans,
    index_articles,
    run_search,
    suggest,
)
from reader.text.normalize import fold

DOCS = [
    SearchDoc("q1", 'He said "AND" OR NOT', "", 'a "quoted" *star* (paren) NEAR(x y) col:term'),
    SearchDoc("q2", "路径 C:\\temp\\x", "", "100% of_rows_ LIKE '%_' [bold]markup[/bold] {t b}"),
    SearchDoc("q3", "emoji", "", "🎉🎉 party 👍🏽 ok; '; DROP TABLE x;-- is text ^caret"),
    SearchDoc("q4", "长文", "", "中" * 12_000),
]

HOSTILE = [
    '"',
    '""',
    'a"b',
    "*",
    "star*",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR(x y)",
    'NEAR("a" "b", 2)',
    ")",
    "(",
    "\\",
    "C:\\temp",
    "%",
    "_",
    "'%_'",
    "'; DROP TABLE x;--",
    "'; DROP TABLE search_docs;--",
    "[bold]",
    "{t b}",
    "{t b} : x",
    "col:term",
    "t:emoji",
    "^",
    "^caret",
    "-",
    "+",
    ":",
    "🎉",
    "👍🏽",
    "🎉🎉 party",
    "x" * 10_000,
    "中" * 10_000,
    "中" * 12_001,
    "\x00",
    "\ud800",
    "a\ud800b",
    "\u200b",
    " \t\n　",
    "",
    " ".join(chr(0x4E00 + i) for i in range(200)),
    " ".join("中" * (i + 1) for i in range(40)),
]


@pytest.fixture(scope="module")
def conn() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    create_schema(connection)
    index_articles(connection, DOCS, [d.text.split() for d in DOCS])
    connection.commit()
    yield connection
    connection.close()


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_hostile_query_answers_exactly(conn: sqlite3.Connection, query: str) -> None:
    expected = brute_force(DOCS, query)
    results = run_search(conn, query, limit=0)
    assert {h.id: h.hits for h in results.hits} == expected
    assert results.total == len(expected)
    top = run_search(conn, query)
    assert top.total == len(expected)
    assert count(conn, query) == len(expected)


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_hostile_suggest_and_spans_do_not_raise(conn: sqlite3.Connection, query: str) -> None:
    assert isinstance(suggest(conn, query), list)
    for doc in DOCS[:3]:
        for start, end in find_spans(doc.text, query):
            assert fold(doc.text[start:end])


def test_quotes_and_operators_are_found_as_text(conn: sqlite3.Connection) -> None:
    assert {h.id for h in run_search(conn, '"quoted"', limit=0).hits} == {"q1"}
    assert {h.id for h in run_search(conn, "NEAR(x", limit=0).hits} == {"q1"}
    assert {h.id for h in run_search(conn, "'%_'", limit=0).hits} == {"q2"}
    assert {h.id for h in run_search(conn, "DROP TABLE", limit=0).hits} == {"q3"}


def test_sql_in_a_query_leaves_the_tables(conn: sqlite3.Connection) -> None:
    run_search(conn, "'; DROP TABLE search_docs;--")
    assert conn.execute("SELECT count(*) FROM search_docs").fetchone()[0] == len(DOCS)


def test_a_long_phrase_in_a_long_text(conn: sqlite3.Connection) -> None:
    hits = run_search(conn, "中" * 10_000, limit=0).hits
    assert [(h.id, h.hits) for h in hits] == [("q4", 1)]


@given(st.text(max_size=30))
@example("WZ")  # pinyin initials: 文 ending the title, 中 opening the body (once drawn)
@settings(max_examples=200, deadline=None)
def test_any_query_answers_exactly(query: str) -> None:
    results = run_search(_SHARED, query, limit=0)
    # Letters are matched as pinyin too (`ZZ` finds 中中): the scan reads them both ways.
    expected = {doc: hits for doc, (hits, _) in brute_force_ways(DOCS, query).items()}
    assert {h.id: h.hits for h in results.hits} == expected
    suggest(_SHARED, query)


_SHARED = sqlite3.connect(":memory:")
create_schema(_SHARED)
index_articles(_SHARED, DOCS, [d.text.split() for d in DOCS])
