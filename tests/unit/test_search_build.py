"""Build-side pieces of search: the remembering segmenter and the split index build."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.build.workers import segment_many
from reader.search import Indexer, SearchDoc, create_schema, index_articles, prepare
from reader.text.segment import segmenter, tokenizer

# Han text, Latin words, digits, jieba's run characters (+#&._%-), punctuation, whitespace.
_PIECES = st.sampled_from(
    [
        "人民日报",
        "石楼县人大常委会",
        "高质量发展",
        "的",
        "了",
        "会议",
        "记者",
        "abc",
        "iPhone",
        "2021",
        "3.5%",
        "C++",
        "a-b",
        "R&D",
        "，",
        "。",
        "：",
        "（",
        "）",
        "“",
        " ",
        "\n",
        "\r\n",
        "\u3000",
        "\t",
        "🙂",
        "ＡＢＣ",
    ]
)
_TEXT = st.lists(_PIECES | st.text(max_size=4), max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_segmenter_cuts_exactly_like_jieba(text: str) -> None:
    assert segmenter()(text) == list(tokenizer().cut(text))


def test_segmenter_reuses_a_remembered_run_without_changing_the_answer() -> None:
    text = "石楼县人大常委会召开会议，石楼县人大常委会召开会议。"
    first = segmenter()(text)
    assert segmenter()(text) == first == list(tokenizer().cut(text))
    # The remembered cut is copied into each answer, never shared with the caller.
    first.clear()
    assert segmenter()(text) == list(tokenizer().cut(text))


def test_segment_many_matches_jieba() -> None:
    texts = [f"第{i}次会议：人民日报记者报道，石楼县人大常委会召开会议。" for i in range(40)]
    expected = [list(tokenizer().cut(t)) for t in texts]
    assert segment_many(texts, processes=1) == expected


_DOCS = [
    SearchDoc("a", "人民日报评论", "□ 本报记者 张三", "高质量发展是首要任务。\nCCTV 新闻"),
    SearchDoc("b", "会议召开", "", "cctv 报道，人民\n日报的报道很及时。"),
    SearchDoc("c", "ＡＢＣ", "记者", "abc 与 Abc。"),
]


def _dump(conn: sqlite3.Connection) -> list[list[tuple[object, ...]]]:
    tables = ["search_docs", "search_text", "search_vocab", "search_chars"]
    dumped = [conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables]
    dumped.append(
        conn.execute("SELECT * FROM search_info WHERE key != 'token' ORDER BY 1").fetchall()
    )
    conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 'search_fts', 'instance')")
    dumped.append(conn.execute("SELECT * FROM temp.v ORDER BY 1, 2, 3, 4").fetchall())
    return dumped


def test_indexer_in_batches_writes_what_index_articles_writes() -> None:
    words = [segmenter()(d.text) for d in _DOCS]
    whole = sqlite3.connect(":memory:")
    create_schema(whole)
    index_articles(whole, _DOCS, words)
    split = sqlite3.connect(":memory:")
    create_schema(split)
    indexer = Indexer(split)
    indexer.add([prepare(_DOCS[0], words[0])])
    indexer.add([prepare(d, w) for d, w in zip(_DOCS[1:], words[1:], strict=True)])
    indexer.finish()
    assert _dump(split) == _dump(whole)
    # Display forms: the spelling in most articles wins; on a tie, the one that sorts first.
    display = split.execute("SELECT display FROM search_vocab WHERE word = 'cctv'").fetchone()
    assert display == ("CCTV",)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_spaced_is_join_with_spaces(text: str) -> None:
    from reader.search.index import _spaced

    assert _spaced(text) == " ".join(text)


def test_vocabulary_counts_documents_per_folded_word_and_shows_the_usual_spelling() -> None:
    from collections import Counter

    from reader.search.index import MAX_WORD
    from reader.text.normalize import fold

    docs = [*_DOCS, SearchDoc("d", "报道", "", "cctv 与人民日报"), SearchDoc("e", "", "", "Cctv")]
    words = [segmenter()(d.text) for d in docs]
    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    index_articles(conn, docs, words)
    expected = Counter(
        key for ws in words for key in {fold(w) for w in ws} if 2 <= len(key) <= MAX_WORD
    )
    rows = conn.execute("SELECT rank, word, display, df FROM search_vocab ORDER BY rank").fetchall()
    assert {word: df for _, word, _, df in rows} == dict(expected)
    assert [rank for rank, *_ in rows] == list(range(len(rows)))
    assert [(-df, word) for _, word, _, df in rows] == sorted((-df, w) for _, w, _, df in rows)
    # cctv is written so in two articles, CCTV and Cctv in one each.
    assert {word: display for _, word, display, _ in rows}["cctv"] == "cctv"
    # ＡＢＣ, abc and Abc once each: the tie goes to the spelling that sorts first.
    assert {word: display for _, word, display, _ in rows}["abc"] == "Abc"
