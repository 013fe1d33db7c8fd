"""Search: exact recall against brute force, hit counts, ranking, snippets, spans, suggestions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from search_support import brute_force

from reader.model import Snippet
from reader.search import (
    SearchDoc,
    count,
    create_schema,
    find_spans,
    index_articles,
    parse_query,
    run_search,
    search,
    suggest,
)
from reader.text.normalize import fold

DOCS = [
    SearchDoc(
        "a1",
        "人民日报评论：坚持高质量发展",
        "□ 本报记者 张三",
        "高质量发展是全面建设社会主义现代化国家的首要任务。\n发展是党执政兴国的第一要务。",
    ),
    SearchDoc(
        "a2",
        "石楼县人大常委会召开会议",
        "□ 石楼县人大常委会主任 田文军",
        "会议听取了关于发展乡村产业的报告。\n与会人员认为，人民\n日报的报道很及时。",
    ),
    SearchDoc(
        "a3",
        "ＡＢＣ公司发布新款iPhone配件",
        "",
        "这家ａｂｃ公司说，新产品比 IPHONE 原装配件便宜 30％。价格：１００元。",
    ),
    SearchDoc(
        "a4",
        "笑声",
        "",
        "哈哈哈哈哈，他笑了。aaa 是三个 a。",
    ),
    SearchDoc(
        "a5",
        "古籍整理",
        "□ 李四",
        "㐀字属于中日韩统一表意文字扩展A区，🎉庆祝🎉完成。“引号”与——破折号……省略号。",
    ),
    SearchDoc(
        "a6",
        "乡村振兴",
        "",
        "发展特色产业，推动乡村振兴。产业发展离不开人才。发展、发展、再发展。",
    ),
]


def crude_words(text: str) -> list[str]:
    """Two-character chunks: stands in for jieba where the words do not matter."""
    return [text[i : i + 2] for i in range(0, len(text), 2)]


def build(
    docs: Sequence[SearchDoc], words: Sequence[list[str]] | None = None
) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    index_articles(conn, docs, words or [crude_words(d.text) for d in docs])
    conn.commit()
    return conn


@pytest.fixture(scope="module")
def conn() -> Iterator[sqlite3.Connection]:
    from reader.text.segment import words

    connection = build(DOCS, [words(d.text) for d in DOCS])
    yield connection
    connection.close()


def assert_exact(connection: sqlite3.Connection, docs: Sequence[SearchDoc], query: str) -> None:
    expected = brute_force(docs, query)
    results = run_search(connection, query, limit=0)
    assert {h.id: h.hits for h in results.hits} == expected, query
    assert results.total == len(expected)
    limited = run_search(connection, query, limit=2)
    assert limited.total == len(expected)
    assert len(limited.hits) == min(2, len(expected))
    assert all(expected[h.id] == h.hits for h in limited.hits)


QUERIES = [
    "发展",
    "的",
    "人",
    "人民日报",  # crosses a line break in a2
    "报评",  # crosses no word boundary jieba would keep
    "abc",
    "ＡＢＣ",
    "ABC公司",
    "iphone",
    "iPhone 配件",
    "30%",
    "１００",
    "㐀",
    "🎉",
    "🎉庆祝🎉",
    "哈哈",
    "aa",
    "a",
    "发展 产业",
    "发展 人民 乡村",
    "“引号”",
    "——",
    "……",
    "石楼县 田文军",
    "不存在的词",
    "发展 不存在",
    "：",
    ":",
    "□",
]


@pytest.mark.parametrize("query", QUERIES)
def test_matches_and_hits_equal_brute_force(conn: sqlite3.Connection, query: str) -> None:
    assert_exact(conn, DOCS, query)


def _substrings(draw: st.DrawFn) -> str:
    doc = draw(st.sampled_from(DOCS))
    text = doc.text
    start = draw(st.integers(0, len(text) - 1))
    length = draw(st.integers(1, 8))
    return text[start : start + length]


@st.composite
def substring_queries(draw: st.DrawFn) -> str:
    parts = [_substrings(draw) for _ in range(draw(st.integers(1, 3)))]
    return " ".join(parts)


@given(substring_queries())
@settings(max_examples=150, deadline=None)
def test_random_substrings_are_found_exactly(query: str) -> None:
    assert_exact(_SHARED, DOCS, query)


_SHARED = build(DOCS)

alphabet = st.sampled_from(list('中国人民的发展哈aAＡbB1１ \n　，,“”"*()㐀🎉ß:-'))


@st.composite
def corpora(draw: st.DrawFn) -> list[SearchDoc]:
    n = draw(st.integers(1, 5))
    return [
        SearchDoc(
            f"d{i}",
            draw(st.text(alphabet, max_size=8)),
            draw(st.text(alphabet, max_size=4)),
            draw(st.text(alphabet, max_size=60)),
        )
        for i in range(n)
    ]


@given(corpora(), st.lists(st.text(alphabet, min_size=1, max_size=4), min_size=1, max_size=3))
@settings(max_examples=80, deadline=None)
def test_random_corpora_and_queries_match_brute_force(
    docs: list[SearchDoc], parts: list[str]
) -> None:
    connection = build(docs)
    try:
        assert_exact(connection, docs, " ".join(parts))
        # Queries cut from the texts themselves, spaces and line breaks included.
        for doc in docs:
            text = doc.text
            for start in range(0, len(text), 7):
                assert_exact(connection, docs, text[start : start + 3])
    finally:
        connection.close()


def test_overlapping_occurrences_count_like_str_count(conn: sqlite3.Connection) -> None:
    # "哈哈哈哈哈" holds "哈哈" twice without overlap (four times with), "aaa" holds "aa" once.
    hit = {h.id: h for h in search(conn, "哈哈", limit=0)}["a4"]
    assert hit.hits == 2
    hit = {h.id: h for h in search(conn, "aa", limit=0)}["a4"]
    assert hit.hits == 1


def test_hits_count_title_byline_and_body(conn: sqlite3.Connection) -> None:
    hit = {h.id: h for h in search(conn, "石楼县", limit=0)}["a2"]
    assert hit.hits == 2  # once in the title, once in the byline


def test_all_terms_must_occur(conn: sqlite3.Connection) -> None:
    assert {h.id for h in search(conn, "发展 乡村", limit=0)} == {"a2", "a6"}
    assert search(conn, "发展 不存在", limit=0) == []


def test_limit_and_total(conn: sqlite3.Connection) -> None:
    results = run_search(conn, "发展", limit=1)
    assert len(results.hits) == 1
    assert results.total == len(brute_force(DOCS, "发展"))
    assert count(conn, "发展") == results.total
    assert len(search(conn, "发展")) == results.total


def test_ids_restrict_the_search(conn: sqlite3.Connection) -> None:
    assert {h.id for h in search(conn, "发展", ids={"a2", "a6", "zz"}, limit=0)} == {"a2", "a6"}
    assert search(conn, "发展", ids=set()) == []
    assert count(conn, "发展", ids=["a1"]) == 1


def test_title_hits_rank_first() -> None:
    docs = [
        SearchDoc("body", "无关标题", "", "正文里提到一次改革。" + "其他内容。" * 5),
        SearchDoc("title", "改革新篇章", "", "正文没有再提。" + "其他内容。" * 5),
    ]
    connection = build(docs)
    assert [h.id for h in search(connection, "改革")] == ["title", "body"]


def test_more_hits_rank_higher() -> None:
    docs = [
        SearchDoc("one", "甲", "", "改革一次。" + "其他内容。" * 10),
        SearchDoc("three", "乙", "", "改革，改革，再改革。" + "其他内容。" * 10),
    ]
    connection = build(docs)
    assert [h.id for h in search(connection, "改革")] == ["three", "one"]


def test_scores_are_descending(conn: sqlite3.Connection) -> None:
    scores = [h.score for h in search(conn, "发展", limit=0)]
    assert scores == sorted(scores, reverse=True)


def hit_texts(snippet: Snippet) -> list[str]:
    return [snippet.text[start:end] for start, end in snippet.spans]


def test_snippets_give_hits_in_original_text(conn: sqlite3.Connection) -> None:
    hit = {h.id: h for h in search(conn, "abc", limit=0)}["a3"]
    assert hit.snippets
    assert "ａｂｃ" in hit_texts(hit.snippets[0])
    for snippet in hit.snippets:
        assert len(snippet.text) <= 40 + 2
        assert snippet.spans == tuple(sorted(snippet.spans))


def test_snippet_of_a_match_across_a_line_break(conn: sqlite3.Connection) -> None:
    hit = {h.id: h for h in search(conn, "人民日报", limit=0)}["a2"]
    assert "人民 日报" in hit_texts(hit.snippets[0])


def test_title_spans_are_the_hits_in_the_title(conn: sqlite3.Connection) -> None:
    for hit in search(conn, "发展 人民", limit=0):
        assert list(hit.title_spans) == find_spans(hit.title, "发展 人民")
    titled = [h for h in search(conn, "发展", limit=0) if "发展" in h.title]
    assert titled and all(h.title_spans for h in titled)


def test_snippets_prefer_the_body(conn: sqlite3.Connection) -> None:
    hit = {h.id: h for h in search(conn, "发展", limit=0)}["a1"]
    assert all("首要任务" in s.text or "第一要务" in s.text for s in hit.snippets)


def test_find_spans_in_original_text() -> None:
    text = "这家ＡＢＣ公司在人民\n日报上登了广告，abc 很高兴。"
    spans = find_spans(text, "abc 人民日报")
    assert [text[s:e] for s, e in spans] == ["ＡＢＣ", "人民\n日报", "abc"]
    assert find_spans(text, "") == []
    assert find_spans("", "abc") == []


def test_find_spans_merges_overlaps() -> None:
    text = "中华人民共和国"
    assert find_spans(text, "人民 民共") == [(2, 5)]


def test_parse_query() -> None:
    assert parse_query("  中国　发展 ") == ["中国", "发展"]
    assert parse_query("ＡＢＣ abc") == ["abc"]
    assert parse_query("") == []
    assert parse_query(" \n\t　") == []


def test_suggest_prefix_first_then_contains(conn: sqlite3.Connection) -> None:
    found = suggest(conn, "发")
    words = [w for w, _ in found]
    assert words
    starts = [w.startswith("发") for w in words]
    assert starts == sorted(starts, reverse=True)
    assert all("发" in fold(w) for w in words)
    assert dict(found).get("发展", 0) >= 2


def test_suggest_contains(conn: sqlite3.Connection) -> None:
    words = [w for w, _ in suggest(conn, "展")]
    assert "发展" in words


def test_suggest_empty_and_limit(conn: sqlite3.Connection) -> None:
    assert suggest(conn, "") == []
    assert suggest(conn, "  ") == []
    assert len(suggest(conn, "发", limit=1)) == 1
    assert suggest(conn, "发", limit=0) == []


def test_index_articles_twice_appends() -> None:
    connection = build(DOCS[:3])
    index_articles(connection, DOCS[3:], [crude_words(d.text) for d in DOCS[3:]])
    for query in ["发展", "哈哈", "㐀", "abc"]:
        assert_exact(connection, DOCS, query)


def test_mismatched_words_raise() -> None:
    connection = sqlite3.connect(":memory:")
    create_schema(connection)
    with pytest.raises(ValueError):
        index_articles(connection, DOCS, [])


def test_empty_index() -> None:
    connection = sqlite3.connect(":memory:")
    create_schema(connection)
    assert search(connection, "发展") == []
    assert suggest(connection, "发") == []


def test_schema_is_idempotent(conn: sqlite3.Connection) -> None:
    create_schema(conn)
    assert search(conn, "发展")


def test_snippet_windows_do_not_overlap() -> None:
    from reader.search import make_snippets

    text = "甲" * 30 + "改革" + "乙" * 10 + "改革" + "丙" * 10 + "改革" + "丁" * 30
    spans = find_spans(text, "改革")
    snippets = make_snippets(text, spans, width=20, limit=3)
    starts = [s.start for s in snippets]
    ends = [s.start + len(s.text.strip("…")) for s in snippets]
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))
    assert sum(len(s.spans) for s in snippets) == 3
    for snippet in snippets:
        for start, end in snippet.spans:
            assert snippet.text[start:end] == "改革"


def test_total_is_skipped_only_when_not_asked_for() -> None:
    docs = [SearchDoc(f"n{i}", f"第{i}篇", "", "推动发展。" * (i % 3 + 1)) for i in range(50)]
    connection = build(docs)
    assert run_search(connection, "发展", limit=5).total == 50
    assert run_search(connection, "发展", limit=5, with_total=False).total is None
    assert run_search(connection, "发展", limit=0, with_total=False).total == 50
    assert count(connection, "发展") == 50
    assert count(connection, "第1") == 11


def test_tokenizer_keeps_every_folded_character_as_its_own_token() -> None:
    # The recall guarantee rests on this: FTS5 must see each folded character as one token,
    # unchanged, for every character folding can leave in a text.
    import sys

    from reader.search.index import TOKENIZER

    chars = [
        chr(cp)
        for cp in range(sys.maxunicode + 1)
        if not 0xD800 <= cp < 0xE000 and fold(chr(cp)) == chr(cp)
    ]
    connection = sqlite3.connect(":memory:")
    connection.execute(f'CREATE VIRTUAL TABLE t USING fts5(x, tokenize="{TOKENIZER}")')
    chunk = 4096
    connection.executemany(
        "INSERT INTO t(rowid, x) VALUES (?, ?)",
        ((n, " ".join(chars[i : i + chunk])) for n, i in enumerate(range(0, len(chars), chunk))),
    )
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    tokens = [row[0] for row in connection.execute("SELECT term FROM v ORDER BY doc, offset")]
    assert tokens == chars


@given(
    st.text(st.sampled_from(list("中国人民发展改革 \n，ＡＢab")), max_size=120),
    st.text(st.sampled_from(list("中国人民发展改革ab")), min_size=1, max_size=3),
)
@settings(max_examples=150, deadline=None)
def test_snippets_hold_only_real_hits(text: str, term: str) -> None:
    from reader.search import make_snippets

    spans = find_spans(text, term)
    snippets = make_snippets(text, spans, width=12, limit=3)
    assert len(snippets) <= 3
    assert bool(snippets) == bool(spans)
    for snippet in snippets:
        assert all(start < end for start, end in snippet.spans)
        assert all(b <= c for (_, b), (c, _) in zip(snippet.spans, snippet.spans[1:], strict=False))
        for start, end in snippet.spans:
            piece = snippet.text[start:end]
            # A window may cut a hit at its edge; what a span holds is always part of a hit.
            assert piece.strip() and fold(piece) in fold(term) * 2
