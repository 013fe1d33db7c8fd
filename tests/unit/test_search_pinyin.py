"""Pinyin and 简/繁 search: every answer and every `hits` count against a brute-force scan of
the folded texts, position by position, with the readings and OpenCC forms taken directly."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from search_support import brute_force_ways, pinyin_spans

from reader.search import SearchDoc, create_schema, highlighter, index_articles, run_search
from reader.search import pinyin as pinyin_module
from reader.search.pinyin import MAX_SPLITS, splits
from reader.text.normalize import fold
from reader.text.pinyin import char_readings, toneless

DOCS = [
    SearchDoc(
        "a1", "石楼县人大常委会召开会议", "□ 记者 田文军", "人大代表认真履职。人民代表大会制度。"
    ),
    SearchDoc("a2", "西安先行", "", "西安的银行行长说，先行一步。长大以后，他成长为行家。"),
    SearchDoc("a3", "乡村振兴", "", "推进乡村振兴，发展特色产业。相约乡村。"),
    SearchDoc(
        "a4", "English text", "", "Renda is a name; xian and rmdb are words here. Xi'an too."
    ),
    SearchDoc("a5", "選舉與發展", "", "立法會選舉順利舉行，經濟發展穩定。頭髮"),
    SearchDoc("a6", "选举工作", "", "做好换届选举工作，推动经济发展。头发很长。着力著名。"),
    SearchDoc(
        "a7", "人\n大", "", "人 大 across a space, 人a大 not across a letter. 绿色 女士 略微"
    ),
]


def crude_words(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(0, len(text), 2)]


def build(docs: Sequence[SearchDoc]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    index_articles(conn, docs, [crude_words(d.text) for d in docs])
    conn.commit()
    return conn


@pytest.fixture(scope="module")
def conn() -> Iterator[sqlite3.Connection]:
    connection = build(DOCS)
    yield connection
    connection.close()


def assert_exact(connection: sqlite3.Connection, docs: Sequence[SearchDoc], query: str) -> None:
    expected = brute_force_ways(docs, query)
    results = run_search(connection, query, limit=0)
    assert {h.id: (h.hits, h.matched) for h in results.hits} == expected, query
    assert results.total == len(expected), query
    limited = run_search(connection, query, limit=1)
    assert limited.total == len(expected), query
    assert all(expected[h.id] == (h.hits, h.matched) for h in limited.hits), query


QUERIES = [
    "renda",
    "ren da",
    "rmdb",
    "rmdbdh",
    "xian",
    "xi'an",
    "xi'an xianxing",
    "xiangcun zhenxing",
    "xiangcun 发展",
    "yinhang",
    "yinxing",
    "hangzhang",
    "zhangda",
    "changda",
    "chengzhang",
    "zg",
    "xa",
    "lv",
    "lvse",
    "nvshi",
    "lue",
    "lve",
    "luewei",
    "renda english",
    "选举",
    "選舉",
    "发展",
    "發展",
    "头发",
    "頭髮",
    "着",
    "选举 发展",
    "xuanju",
    "xj",
    "a",
    "an",
    "e",
    "'",
    "r",
    "renda'",
    "'renda",
    "ren''da",
    "x'a",
    "qqqq",
    "zzzz",
]


@pytest.mark.parametrize("query", QUERIES)
def test_matches_hits_and_ways_equal_brute_force(conn: sqlite3.Connection, query: str) -> None:
    assert_exact(conn, DOCS, query)


def test_the_issue_examples(conn: sqlite3.Connection) -> None:
    def ids(query: str) -> dict[str, str]:
        return {h.id: h.matched for h in run_search(conn, query, limit=0).hits}

    assert ids("renda") == {"a1": "pinyin", "a4": "text", "a7": "pinyin"}
    assert ids("rmdb") == {"a1": "pinyin", "a4": "text"}
    assert ids("xiangcun zhenxing") == {"a3": "pinyin"}
    # 县 (xian), 西安 (xi·an) and 先 (xian), and the English word.
    assert ids("xian") == {"a1": "pinyin", "a2": "pinyin", "a4": "text"}
    assert ids("xian 人大") == {"a1": "both"}
    assert set(ids("选举")) == set(ids("選舉")) == {"a5", "a6"}
    assert set(ids("头发")) == {"a5", "a6"}


def test_heteronyms_match_any_reading_in_use(conn: sqlite3.Connection) -> None:
    # 行 is xing in 先行 and hang in 银行; 长 is zhang in 行长 and chang in 成长.
    for query in ("yinhang", "xianxing", "hangzhang", "chengchang", "chengzhang"):
        hits = run_search(conn, query, limit=0).hits
        assert [h.id for h in hits] == ["a2"], query
    assert char_readings()["行"] == ("hang", "heng", "xing")


def test_pinyin_hits_are_highlighted_on_the_characters(conn: sqlite3.Connection) -> None:
    hit = run_search(conn, "renda", limit=0).hits
    a1 = next(h for h in hit if h.id == "a1")
    assert [a1.title[a:b] for a, b in a1.title_spans] == ["人大"]
    for snippet in a1.snippets:
        assert {snippet.text[a:b] for a, b in snippet.spans} == {"人大"}
    find = highlighter(conn, "xian rmdb")
    text = "西安的人民代表和先生"
    assert [text[a:b] for a, b in find(text)] == ["西安", "人民代表", "先"]
    # Across a line break, as the search finds it; never across a letter.
    assert find("人\n民代表") == [(0, 5)]
    assert highlighter(conn, "")("人大") == []
    assert [("選舉與發展")[a:b] for a, b in highlighter(conn, "选举")("選舉與發展")] == ["選舉"]


def test_gaps_keep_characters_apart(conn: sqlite3.Connection) -> None:
    # a7: 人大 across whitespace (folded away) matches; 人a大 does not.
    assert pinyin_spans(fold(DOCS[6].text), "renda", dict(char_readings())) == [(0, 2), (2, 4)]
    assert {h.id: h.hits for h in run_search(conn, "renda", limit=0).hits}["a7"] == 2


def test_terms_with_too_many_cuts_are_not_pinyin() -> None:
    syllables = frozenset({"xi", "an", "xian"})
    assert sorted(splits("xian", syllables)) == [("xi", "an"), ("xian",)]
    assert splits("xi'an", syllables) == [("xi", "an")]
    assert splits("xian" * 6, syllables) != []  # 64 cuts
    assert len(splits("xian" * 6, syllables)) == MAX_SPLITS
    assert splits("xian" * 7, syllables) == []  # 128


def test_toneless_readings() -> None:
    assert [toneless(r) for r in ("lǜ", "zhōng", "m̀", "ê", "lüè", "x1")] == [
        "lv",
        "zhong",
        "m",
        "e",
        "lve",
        "",
    ]
    assert char_readings()["略"] == ("lue", "lve")


def test_past_the_budget_the_filter_is_checked_on_the_text(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One phrase at most: every term of more than one position takes the checked path.
    monkeypatch.setattr(pinyin_module, "PHRASE_BUDGET", 1)
    for query in ("renda", "rmdbdh", "xian", "xiangcun zhenxing", "hangzhang", "zg 发展"):
        assert_exact(conn, DOCS, query)


HAN = "人大代表民西安先行银长成发展乡村振兴选举選舉發展头頭髮绿色女士略的地得和会重还说乐。，a b\n"


def readings_query(text: str, rng: random.Random) -> str:
    """A pinyin query for a stretch of text: random readings (or initials) of its characters."""
    table = char_readings()
    chars = [ch for ch in text if ch in table]
    if not chars:
        return "x"
    if rng.random() < 0.3:
        return "".join(rng.choice(table[ch])[0] for ch in chars)
    return "".join(rng.choice(table[ch]) for ch in chars)


@given(
    st.lists(st.text(st.sampled_from(list(HAN)), max_size=40), min_size=1, max_size=4),
    st.randoms(use_true_random=False),
)
@settings(max_examples=60, deadline=None)
def test_random_texts_and_pinyin_queries_match_brute_force(
    bodies: list[str], rng: random.Random
) -> None:
    docs = [SearchDoc(f"d{i}", body[:3], "", body) for i, body in enumerate(bodies)]
    connection = build(docs)
    try:
        for _ in range(4):
            body = rng.choice(bodies)
            start = rng.randrange(len(body) + 1)
            piece = body[start : start + rng.randint(1, 4)]
            query = readings_query(piece, rng)
            assert_exact(connection, docs, query)
            assert_exact(connection, docs, f"{query} {piece.split()[0] if piece.split() else ''}")
    finally:
        connection.close()


def test_a_search_loads_neither_pypinyin_nor_opencc_for_latin_terms(tmp_path: object) -> None:
    probe = """
import sqlite3, sys, json
from reader.search import SearchDoc, create_schema, index_articles
conn = sqlite3.connect(":memory:")
create_schema(conn)
index_articles(conn, [SearchDoc("x", "人大", "", "人民代表")], [["人大"]])
for name in [m for m in sys.modules if m.startswith(("pypinyin", "opencc"))]:
    del sys.modules[name]
from reader.search import search
found = [h.id for h in search(conn, "renda")] + [h.id for h in search(conn, "rmdb")]
print(json.dumps([found, sorted(m for m in sys.modules if m.startswith(("pypinyin", "opencc")))]))
"""
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '[["x", "x"], []]'


def test_pinyin_tokens_are_no_text_token_and_survive_the_tokenizer() -> None:
    from reader.search.index import TOKENIZER
    from reader.search.pinyin_columns import GAP, codes, columns

    known = codes()
    tokens = set(known.values())
    assert len(tokens) == len(known) and GAP not in tokens
    assert GAP[:2] not in {token[:2] for token in tokens}
    # Folding changes every code (capitals), so no folded character or word is a token.
    assert all(fold(token) != token and len(token) == 4 for token in tokens)
    pinyin, initials = columns(fold("中国人民，abc行长！"))
    assert pinyin.split() == [known[char_readings()[c]] for c in "中国人民"] + [GAP] + [
        known[char_readings()[c]] for c in "行长"
    ] + [GAP]
    assert initials.split() == [token[:2] for token in pinyin.split()]
    conn = sqlite3.connect(":memory:")
    conn.execute(f'CREATE VIRTUAL TABLE f USING fts5(p, tokenize="{TOKENIZER}")')
    conn.execute("INSERT INTO f VALUES (?)", (pinyin + initials,))
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, row)")
    assert {term for (term,) in conn.execute("SELECT term FROM v")} == set(
        (pinyin + initials).split()
    )


def test_readings_cached_are_the_readings_worked_out() -> None:
    from reader.text import pinyin

    pinyin.char_readings.cache_clear()
    try:
        worked_out = pinyin.char_readings()  # from the cache file, or written to it now
        assert pinyin.readings_cached()
        pinyin.char_readings.cache_clear()
        assert pinyin.char_readings() == worked_out == pinyin._from_pypinyin()
    finally:
        pinyin.char_readings.cache_clear()


def test_a_rare_homophone_does_not_outrank_the_word_meant() -> None:
    # 振兴 is in many articles, 阵行 (also zhen·xing) in one: FTS5's BM25 alone would weigh that
    # rare phrase far above the common one and put the article holding it first.
    filler = "当地发展特色产业，群众增收。"
    docs = [
        SearchDoc(f"w{n}", f"报道{n}", "", filler * (n % 3 + 1) + "推进乡村振兴。" * (2 + n % 4))
        for n in range(12)
    ]
    docs.append(SearchDoc("rare", "快讯", "", "乡村振兴。龙舟斗阵行。" + filler * 2))
    connection = build(docs)
    results = run_search(connection, "xiangcun zhenxing", limit=0)
    ranked = [hit.id for hit in results.hits]
    assert set(ranked) == {doc.id for doc in docs}
    assert ranked[-1] == "rare", ranked
    most = max(results.hits, key=lambda hit: hit.hits)
    assert ranked.index(most.id) < len(ranked) // 2
    assert all(hit.score > 0 for hit in results.hits)
