"""Themes: known phrases found, generic words never, near-duplicates merged, curated files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.build.workers import segment_many
from reader.errors import ReaderError
from reader.model import Theme
from reader.themes import (
    CuratedTheme,
    CuratedThemes,
    ThemeDoc,
    ThemesFileError,
    extract_themes,
    load_curated,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "themes"
GENERIC = ("工作", "推动", "发展", "坚持", "要求", "重要", "进一步", "全面", "推进", "落实")


def read_articles(name: str) -> list[ThemeDoc]:
    """The articles of a fixture file: `### id | title` starts one, `{filler}` is shared text."""
    filler = (FIXTURES / "filler.txt").read_text(encoding="utf-8").strip()
    docs: list[ThemeDoc] = []
    ident = title = ""
    body: list[str] = []
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            if ident:
                docs.append(ThemeDoc(ident, title, "\n".join(body)))
            ident, _, title = (part.strip() for part in line[4:].partition("|"))
            body = []
        elif ident and line.strip():
            body.append(line.strip().replace("{filler}", filler))
    docs.append(ThemeDoc(ident, title, "\n".join(body)))
    return docs


def words_of(docs: list[ThemeDoc]) -> list[list[str]]:
    """What the store hands over: jieba words of title, byline (none here) and body."""
    return segment_many([f"{d.title}\n\n{d.text}" for d in docs])


def themes_of(docs: list[ThemeDoc], **options: object) -> list[Theme]:
    return extract_themes(docs, words_of(docs), **options)  # type: ignore[arg-type]


def covering(themes: list[Theme], keyword: str) -> list[Theme]:
    return [t for t in themes if any(keyword in k for k in (t.name, *t.keywords))]


@pytest.fixture(scope="module")
def synthetic() -> list[ThemeDoc]:
    return read_articles("synthetic.txt")


@pytest.fixture(scope="module")
def synthetic_themes(synthetic: list[ThemeDoc]) -> list[Theme]:
    return themes_of(synthetic)


@pytest.mark.parametrize(
    ("phrase", "ids"),
    [("垃圾分类", {"a1", "a2", "a3"}), ("乡村振兴", {"b1", "b2"}), ("河长制", {"c1", "c2"})],
)
def test_known_themes_cover_exactly_their_articles(
    synthetic_themes: list[Theme], phrase: str, ids: set[str]
) -> None:
    found = [t for t in synthetic_themes if t.name == phrase or phrase in t.keywords]
    assert found, [t.name for t in synthetic_themes]
    assert set(found[0].ids) == ids


def test_at_least_the_three_known_themes_lead(synthetic_themes: list[Theme]) -> None:
    names = [t.name for t in synthetic_themes]
    assert len(synthetic_themes) >= 3
    for phrase in ("垃圾分类", "乡村振兴", "河长制"):
        assert any(phrase in name for name in names[:6]), names


def test_every_theme_filters_something(
    synthetic: list[ThemeDoc], synthetic_themes: list[Theme]
) -> None:
    everyone = {d.id for d in synthetic}
    for theme in synthetic_themes:
        assert 0 < len(theme.ids) < len(everyone)
        assert set(theme.ids) <= everyone


def test_a_phrase_in_every_article_is_dropped(synthetic_themes: list[Theme]) -> None:
    # 高质量发展 is said twice in every article (the shared filler): it filters nothing.
    assert not covering(synthetic_themes, "高质量发展")
    assert not covering(synthetic_themes, "以人民为中心")


def test_generic_words_never_become_themes(synthetic: list[ThemeDoc]) -> None:
    # Two articles hammer generic words; they are developed there and nowhere else.
    noisy = (
        "要坚持推动工作，推动发展，推进工作，全面推动工作发展，进一步落实要求，重要工作重要要求。"
    )
    docs = [
        *synthetic,
        ThemeDoc("g1", "推动工作发展", noisy * 4),
        ThemeDoc("g2", "重要要求", noisy * 3),
    ]
    themes = themes_of(docs)
    assert themes
    for theme in themes:
        assert theme.name not in GENERIC
        assert not all(k in GENERIC for k in theme.keywords)
        assert len(theme.name) >= 2


def test_near_duplicates_merge_into_one_theme() -> None:
    docs = read_articles("variants.txt")
    themes = themes_of(docs)
    station = covering(themes, "联络站")
    assert len(station) == 1, [(t.name, t.keywords) for t in themes]
    assert set(station[0].ids) == {"d1", "d2", "d3"}
    assert len(station[0].keywords) >= 2
    business = covering(themes, "营商环境")
    assert [set(t.ids) for t in business] == [{"e1", "e2", "e3"}]


def test_one_mention_in_a_long_article_is_not_development(synthetic: list[ThemeDoc]) -> None:
    filler = (FIXTURES / "filler.txt").read_text(encoding="utf-8").strip()
    long_text = "据悉，本市将在明年推广垃圾分类。" + filler * 20
    docs = [*synthetic, ThemeDoc("x1", "一篇很长的会议报道", long_text)]
    theme = next(t for t in themes_of(docs) if t.name == "垃圾分类" or "垃圾分类" in t.keywords)
    assert "x1" not in theme.ids
    assert set(theme.ids) == {"a1", "a2", "a3"}


def test_ids_are_sorted_by_weight(synthetic_themes: list[Theme]) -> None:
    for theme in synthetic_themes:
        assert len(theme.weights) == len(theme.ids) == len(set(theme.ids))
        assert list(theme.weights) == sorted(theme.weights, reverse=True)
        assert all(w >= 1.0 for w in theme.weights)


def test_max_themes_is_respected(synthetic: list[ThemeDoc]) -> None:
    assert len(themes_of(synthetic, max_themes=2)) <= 2
    assert themes_of(synthetic, max_themes=0) == []


def test_tiny_and_mismatched_inputs() -> None:
    assert extract_themes([], []) == []
    one = [ThemeDoc("a", "垃圾分类", "垃圾分类垃圾分类")]
    assert extract_themes(one, words_of(one)) == []
    with pytest.raises(ValueError, match="word lists"):
        extract_themes(one, [])


def test_deterministic_within_a_process(synthetic: list[ThemeDoc]) -> None:
    words = words_of(synthetic)
    assert extract_themes(synthetic, words) == extract_themes(synthetic, words)


def test_deterministic_across_hash_seeds(synthetic: list[ThemeDoc], tmp_path: Path) -> None:
    # Words are computed here once, so the children only extract (no jieba to load).
    data = tmp_path / "input.json"
    rows = [[d.id, d.title, d.text] for d in synthetic]
    data.write_text(json.dumps([rows, words_of(synthetic)], ensure_ascii=False), encoding="utf-8")
    script = (
        "import json, sys\n"
        "from reader.themes import ThemeDoc, extract_themes\n"
        "rows, words = json.loads(open(sys.argv[1], encoding='utf-8').read())\n"
        "themes = extract_themes([ThemeDoc(*r) for r in rows], words)\n"
        "print(json.dumps([[t.name, t.keywords, t.ids, t.weights] for t in themes]))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(data)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[0]


# Property: whatever mix of paragraphs, the output keeps its contract. -------------------------

PARAGRAPHS = [
    "本市推行垃圾分类已满一年，垃圾分类投放点遍布小区，厨余垃圾单独收运。",
    "乡村振兴离不开产业，乡村振兴更离不开人才，返乡青年办起了合作社。",
    "全面推行河长制，河长定期巡河，河长制让河水变清。",
    "会议强调，要推动高质量发展，进一步提高工作水平。",
    "代表联络站每月接待选民，人大代表联络站收集意见。",
    "“四个机关”建设要求政治机关、权力机关、工作机关、代表机关一体推进。",
    "Mixed 文本 with 100% numbers, ——破折号…… and 㐀 CJK Extension A.",
]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=5), min_size=0, max_size=9)
)
def test_contract_holds_for_any_mix(articles: list[list[str]]) -> None:
    docs = [ThemeDoc(f"n{i}", p[0][:8], "\n".join(p)) for i, p in enumerate(articles)]
    words = words_of(docs)
    themes = extract_themes(docs, words, max_themes=5)
    assert themes == extract_themes(docs, words, max_themes=5)
    assert len(themes) <= 5
    names = [t.name for t in themes]
    assert len(names) == len(set(names))
    everyone = {d.id for d in docs}
    for theme in themes:
        assert 0 < len(theme.ids) < len(docs)
        assert set(theme.ids) <= everyone
        assert len(theme.ids) == len(theme.weights)
        assert theme.name in theme.keywords[:1]
        assert len(theme.name) >= 2 and not theme.curated


# Curated themes -------------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "themes.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_curated_reads_the_documented_format(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'mode = "add"\n'
        "min_count = 2\n"
        "[[theme]]\n"
        'name = "代表建议办理"\n'
        'keywords = ["建议办理", "代表建议", "办理"]\n'
        "[[theme]]\n"
        'name = "治水"\n'
        "min_count = 1\n",
    )
    curated = load_curated(path)
    assert curated == CuratedThemes(
        "add",
        (
            CuratedTheme("代表建议办理", ("建议办理", "代表建议", "办理"), 2),
            CuratedTheme("治水", ("治水",), 1),
        ),
    )


def test_curated_add_mode_puts_curated_first(synthetic: list[ThemeDoc]) -> None:
    curated = CuratedThemes("add", (CuratedTheme("治水", ("河长", "河道")),))
    themes = themes_of(synthetic, curated=curated)
    assert themes[0].name == "治水" and themes[0].curated
    assert set(themes[0].ids) == {"c1", "c2"}
    assert any(not t.curated and t.name == "垃圾分类" for t in themes[1:])
    # The automatic theme about the same phrase gives way to the curated one.
    assert not any(not t.curated and "河长" in t.keywords for t in themes)


def test_curated_replace_mode_keeps_only_curated(synthetic: list[ThemeDoc]) -> None:
    curated = CuratedThemes(
        "replace",
        (
            CuratedTheme("分类", ("垃圾分类",)),
            CuratedTheme("全部", ("高质量发展",)),
            CuratedTheme("没有", ("不存在的词",)),
        ),
    )
    themes = themes_of(synthetic, curated=curated)
    # A curated theme covering every article, or none, filters nothing and is left out too.
    assert [t.name for t in themes] == ["分类"]
    assert set(themes[0].ids) == {"a1", "a2", "a3"}


def test_curated_min_count(synthetic: list[ThemeDoc]) -> None:
    # c1 says 河长制 twice (title + once more counts 3 + 1); c2 says it twice in the body.
    loose = themes_of(
        synthetic, curated=CuratedThemes("replace", (CuratedTheme("河", ("河长制",)),))
    )
    strict = CuratedThemes("replace", (CuratedTheme("河", ("河长制",), min_count=4),))
    assert set(loose[0].ids) == {"c1", "c2"}
    assert themes_of(synthetic, curated=strict)[0].ids == ("c1",)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('mode = "add"\n[[theme]\nname = "x"\n', 2, "themes.toml"),
        ('mode = "merge"\n', 1, "mode"),
        ('mode = "add"\ncolour = 3\n', 2, "unknown key 'colour'"),
        ('[[theme]]\nname = "a"\n\n[[theme]]\nkeywords = ["b"]\n', 4, "non-empty name"),
        ('[[theme]]\nname = "a"\n[[theme]]\nname = "a"\n', 3, "defined twice"),
        ('[[theme]]\nname = "a"\nkeywords = "b"\n', 1, "list of non-empty strings"),
        ('[[theme]]\nname = "a"\nmin_count = 0\n', 1, "positive integer"),
        ('[[theme]]\nname = "a"\nweight = 2\n', 1, "unknown key 'weight'"),
        ("theme = 3\n", 1, "array of tables"),
    ],
)
def test_bad_theme_files_raise_one_clear_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ThemesFileError) as raised:
        load_curated(path)
    message = str(raised.value)
    # A ValueError as promised, and a ReaderError, which the CLI prints as one line (exit 1).
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, ReaderError)
    assert "\n" not in message
    assert message.startswith(f"{path}: line {line}:")
    assert words in message or words == "themes.toml"


def test_unreadable_theme_file(tmp_path: Path) -> None:
    path = tmp_path / "themes.toml"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ThemesFileError, match="cannot read"):
        load_curated(path)
    with pytest.raises(ThemesFileError, match="cannot read"):
        load_curated(tmp_path / "missing.toml")


def test_a_name_cut_from_its_word_is_widened() -> None:
    from reader.themes.corpus import Corpus

    docs = [
        ThemeDoc("p1", "春运", "今年跨区域人员流动量超过预期，跨区域人员流动量持续攀升。"),
        ThemeDoc("p2", "假期", "假期跨区域人员流动量创新高。"),
        ThemeDoc("p3", "会议", "会议强调，要坚持以人民为中心。中国特色社会主义民主政治好。"),
        ThemeDoc("p4", "制度", "发展中国特色社会主义民主政治，坚持中国特色社会主义民主政治。"),
    ]
    corpus = Corpus(docs)
    assert corpus.widen("区域人员流动量", ["p1", "p2"]) == "跨区域人员流动量"
    # Neighbours that vary (以人民, 为中心 …) leave the name alone.
    assert corpus.widen("人民", ["p3"]) == "人民"
    # Whole, the phrase would be too long for the sidebar: the shorter name stays.
    assert corpus.widen("社会主义民主政治", ["p3", "p4"]) == "社会主义民主政治"
    # A name absent from the articles given (or found once) is returned as it is.
    assert corpus.widen("河长制", ["p1", "p2"]) == "河长制"
    assert corpus.widen("跨区域", ["p2"]) == "跨区域"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.text("垃圾分类河长，", max_size=6), st.text("垃圾分类河长，。", max_size=40)),
        min_size=1,
        max_size=8,
    ),
    st.text("垃圾分类河长", min_size=1, max_size=3),
    st.integers(1, 4),
)
def test_curated_coverage_is_the_documented_rule(
    articles: list[tuple[str, str]], keyword: str, minimum: int
) -> None:
    docs = [ThemeDoc(f"d{i}", title, text) for i, (title, text) in enumerate(articles)]
    curated = CuratedThemes("replace", (CuratedTheme("主题", (keyword,), minimum),))
    themes = extract_themes(docs, [[] for _ in docs], curated=curated)
    # Documented rule: title mentions count 3, body mentions 1, at least min_count in all.
    expected = {d.id for d in docs if 3 * d.title.count(keyword) + d.text.count(keyword) >= minimum}
    if 0 < len(expected) < len(docs):
        assert [t.name for t in themes] == ["主题"]
        assert set(themes[0].ids) == expected and themes[0].curated
    else:
        assert themes == []


TOKENS = ["垃圾", "分类", "河长制", "的", "党", "领导", "\n", "，", "。", "㐀", "AI", "100%", " "]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text("垃圾分类河长制的党领导\n，。㐀A1 ", max_size=30),
            st.lists(st.sampled_from(TOKENS), max_size=40),
        ),
        max_size=10,
    )
)
def test_any_text_and_words_keep_the_contract(rows: list[tuple[str, list[str]]]) -> None:
    # Words need not match the text (the store could hand over anything): never a crash.
    docs = [ThemeDoc(f"r{i}", text[:4], text) for i, (text, _) in enumerate(rows)]
    themes = extract_themes(docs, [words for _, words in rows], max_themes=4)
    assert len(themes) <= 4
    assert len({t.name for t in themes}) == len(themes)
    for theme in themes:
        assert 0 < len(theme.ids) < len(docs)
        assert theme.keywords[0] == theme.name


def _count_alone(
    docs: list[ThemeDoc], keywords: list[str]
) -> tuple[dict[int, int], dict[str, int], dict[int, int]]:
    """Weighted mentions per article, plain mentions per keyword and body mentions per article,
    the slow and obvious way: each keyword that contains no other searched for alone, over all
    the articles, overlapping mentions counted once."""
    import re

    text = "".join(f"{d.title}\x00{d.text}\x00" for d in docs)
    starts = [0]
    for d in docs:
        starts.append(starts[-1] + len(d.title) + len(d.text) + 2)
    ordered = sorted(set(keywords), key=lambda k: (len(k), k))
    minimal = [k for n, k in enumerate(ordered) if not any(m in k for m in ordered[:n])]
    spans = sorted((m.start(), -m.end()) for k in minimal for m in re.finditer(re.escape(k), text))
    per_doc: dict[int, int] = {}
    body: dict[int, int] = {}
    reached = -1
    for start, negative_end in spans:
        if start >= reached:
            reached = -negative_end
            i = max(n for n, s in enumerate(starts) if s <= start)
            weight = 3 if start < starts[i] + len(docs[i].title) else 1
            per_doc[i] = per_doc.get(i, 0) + weight
            if weight == 1:
                body[i] = body.get(i, 0) + 1
    totals = {k: sum(d.title.count(k) + d.text.count(k) for d in docs) for k in ordered}
    return per_doc, totals, body


# Pieces of text and keywords that often overlap themselves (哈哈, 哈大哈), each other (哈大 /
# 大哈) or hold each other (大 / 哈大哈), and rarer ones (二十) that do not.
COUNTED_TEXT = st.lists(st.sampled_from(["哈", "大", "哈大哈", "大哈", "湾", "二十", "，"]))
COUNTED_KEYWORD = st.text("哈大湾", min_size=1, max_size=4) | st.sampled_from(["大哈大", "二十"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(COUNTED_TEXT.map(lambda pieces: "".join(pieces[:3])), COUNTED_TEXT.map("".join)),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.lists(COUNTED_KEYWORD, min_size=1, max_size=4)),
)
def test_counting_many_groups_at_once_matches_counting_each_alone(
    articles: list[tuple[str, str]], groups: list[list[str]]
) -> None:
    # Found in one pass for all the groups, keywords are counted as if searched for one by one.
    from reader.themes.corpus import Corpus, minimal_keywords

    docs = [ThemeDoc(f"d{i}", title, text) for i, (title, text) in enumerate(articles)]
    corpus = Corpus(docs)
    corpus.locate(k for group in groups for k in minimal_keywords(group)[1])
    for group in groups:
        found = corpus.count(group)
        assert (found.per_doc, found.totals, found.body) == _count_alone(docs, group)


def test_counting_hidden_mentions() -> None:
    from reader.themes.corpus import Corpus

    docs = [
        ThemeDoc("a", "二十大湾区", "二十大湾区，大湾区。"),
        ThemeDoc("b", "", "哈哈哈哈哈。"),
        ThemeDoc("c", "大湾区", "二十大"),
        ThemeDoc("d", "", "哈哈哈大"),
    ]
    corpus = Corpus(docs)
    corpus.locate(["二十大", "大湾区", "哈哈", "湾区二"])
    groups = [["大湾区"], ["二十大"], ["哈哈"], ["湾区二", "大湾区"], ["二十大", "大湾区"]]
    # 哈哈哈 is said once (str.count's way), around either mention of 哈哈 that it holds.
    groups += [["哈哈", "哈哈哈"], ["哈", "哈哈哈"], ["哈哈", "哈哈哈哈哈"]]
    # The search for 哈哈 skips the second in 哈哈哈大, where 哈哈大 is said.
    groups += [["哈哈", "哈哈大"]]
    for group in groups:
        found = corpus.count(group)
        assert (found.per_doc, found.totals, found.body) == _count_alone(docs, group), group
    # 大湾区 is said three times in a (once in the title), though 二十大 hides the first.
    assert corpus.count(["大湾区"]).per_doc == {0: 5, 2: 3}


def test_jieba_tables_are_kept_in_the_cache(caplog: pytest.LogCaptureFixture) -> None:
    from reader.paths import cache_dir
    from reader.themes import lexicon

    lexicon.load_lexicon.cache_clear()
    first = lexicon.load_lexicon()
    kept = list((cache_dir() / "themes").glob("lexicon-*.pickle"))
    assert len(kept) == 1
    assert first.idf["联络站"] > 8 and first.tags["打击"] == "v"
    lexicon.load_lexicon.cache_clear()
    assert lexicon.load_lexicon() == first
    # A damaged copy is read again from jieba's files, and replaced.
    kept[0].write_bytes(b"not a pickle")
    lexicon.load_lexicon.cache_clear()
    assert lexicon.load_lexicon() == first
    assert lexicon._read_cached(kept[0]) == first
    lexicon.load_lexicon.cache_clear()


def _candidates_plainly(
    words: list[list[str]], needs: list[float], lexicon: object, min_docs: int
) -> list[tuple[tuple[str, ...], list[int], float]]:
    """Discovery as docs/themes.md describes it, without the shortcuts of `find_candidates`:
    every n-gram of every article counted, phrase-breaking words included."""
    import math
    from collections import Counter, defaultdict

    from reader.themes import discover as d

    sample = list(range(len(words)))
    vocabulary: Counter[str] = Counter(w for doc in words for w in set(doc))
    kept = {w: w if d.all_han(w) and w not in d.FUNCTION_WORDS else None for w in vocabulary}
    tags = lexicon.tags  # type: ignore[attr-defined]
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    salience: dict[tuple[str, ...], float] = defaultdict(float)
    for index in sample:
        need = max(2.0, needs[index])
        cut = words[index].index("\n") if "\n" in words[index] else 0
        seq = [kept[w] for w in words[index]]
        seq = [*seq[:cut], None] * 2 + seq
        for n in range(1, d.MAX_NGRAM + 1):
            grams = Counter(zip(*(seq[k:] for k in range(n)), strict=False))
            found = [(g, c) for g, c in grams.items() if c >= need and None not in g]
            for gram, count in found:
                if n == 1:
                    share = vocabulary[gram[0]] / len(sample)
                    if not d._single_word(gram[0], share, lexicon):  # type: ignore[arg-type]
                        continue
                elif (
                    gram[0] in d.GENERIC_WORDS
                    or gram[0] in d.JOINERS
                    or tags.get(gram[0]) in d.NOT_FIRST
                    or (len(gram[0]) == 1 and gram[1] not in d.JOINERS)
                    or gram[-1] in d.JOINERS
                    or (gram[-1] in d.GENERIC_WORDS and tags.get(gram[-1]) in d.NOT_FIRST)
                ):
                    continue
                postings[gram].append(index)
                salience[gram] += 1 + math.log(count / need)
            if not found:
                break
    kept_grams = {g: p for g, p in postings.items() if min_docs <= len(p) < len(sample)}
    longest: dict[tuple[str, ...], float] = defaultdict(float)
    for gram in kept_grams:
        for part in (gram[:-1], gram[1:]) if len(gram) > 1 else ():
            longest[part] = max(longest[part], salience[gram])
    return [(g, p, salience[g]) for g, p in kept_grams.items() if longest[g] < 0.9 * salience[g]]


DISCOVERY_CHUNKS = [
    ["垃圾", "分类"],
    ["河长", "联络站"],
    ["党", "的", "领导"],
    ["推进", "垃圾", "分类", "河长"],
    ["联络站"],
    ["打击"],
    ["，"],
    ["的"],
    ["\n"],
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(DISCOVERY_CHUNKS), max_size=16).map(
            lambda chunks: [w for chunk in chunks for w in chunk]
        ),
        min_size=2,
        max_size=8,
    ),
    st.integers(1, 3),
)
def test_discovery_takes_no_shortcut_that_changes_it(
    articles: list[list[str]], min_docs: int
) -> None:
    from reader.themes.discover import find_candidates
    from reader.themes.lexicon import Lexicon

    # 联络站 is rare enough to stand alone, 垃圾 is not; 打击 is a verb, 领导 a noun.
    lexicon = Lexicon({"联络站": 11.3, "垃圾": 7.0, "河长": 9.0}, 9.5, {"打击": "v", "推进": "v"})
    needs = [1.0 + (i % 3) / 2 for i in range(len(articles))]
    found = find_candidates(articles, range(len(articles)), needs, lexicon, min_docs)
    expected = _candidates_plainly(articles, needs, lexicon, min_docs)
    assert [(c.gram, c.docs, c.salience) for c in found] == expected


def test_theme_words_are_han_by_the_one_definition() -> None:
    # 〇 and the supplementary planes (Extension B: 𠀀) are Han for themes as for integrity checks.
    from reader.text.chars import all_han, han_count
    from reader.themes.discover import _phrase_word

    for word in ("二〇二一", "𠀀𠀁", "人大"):
        assert all_han(word) and sum(han_count(word).values()) == len(word)
        assert _phrase_word(word) == word
    assert _phrase_word("人a") is None and _phrase_word("了") is None and not all_han("")
