"""The fast segmenter against jieba itself: its HMM for unknown words and its accurate mode."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.segment import _Hmm, segmenter, tokenizer


def _finalseg() -> Any:
    from jieba import finalseg

    return finalseg


@cache
def _hmm() -> _Hmm:
    return _Hmm()


@cache
def _partly_seen() -> list[str]:
    """Characters with emission probabilities for some of the four states only, a few of each
    kind: their missing states score MIN_FLOAT, where sums come out equal and ties decide."""
    emit = _finalseg().emit_P
    kinds: dict[frozenset[str], list[str]] = {}
    for c in sorted(set().union(*emit.values())):
        kind = frozenset(state for state in "BMES" if c in emit[state])
        kinds.setdefault(kind, []).append(c)
    return [c for chars in kinds.values() for c in chars[:3]]


# Characters outside finalseg's emission tables: CJK Extension A (㐀), 〇, Latin, digits.
_UNSEEN = list("㐀㐁〇abZ19")
# Common characters, and rare ones that make up unknown names.
_COMMON = list("的了是在我有他这中大来上国个到说们为子和你地出道也时年")
_RARE = list("彧韪犇燚鑫昶翀珺骉淼焱垚晗琰玥璟瑄")


def _obs() -> st.SearchStrategy[str]:
    alphabet = st.sampled_from(_partly_seen() + _UNSEEN + _COMMON + _RARE)
    return st.lists(alphabet, min_size=1, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_obs())
def test_viterbi_matches_finalseg_to_the_bit(obs: str) -> None:
    finalseg = _finalseg()
    prob, path = finalseg.viterbi(obs, "BMES", finalseg.start_P, finalseg.trans_P, finalseg.emit_P)
    ours, states = _hmm().viterbi(obs)
    assert ours == prob
    assert "".join("BMES"[s] for s in states) == "".join(path)


@pytest.mark.parametrize(
    "obs",
    # The first five each come out differently if one tie (into B, M, S, E; the last state) went
    # the other way.
    ["苠佴小", "丕嬿婨", "苠〇", "苠揶", "円", "佴佴佴", "∶〇㐀", "1王王円㐀", "㐀", "a"],
)
def test_viterbi_breaks_ties_like_max_over_tuples(obs: str) -> None:
    finalseg = _finalseg()
    expected = finalseg.viterbi(obs, "BMES", finalseg.start_P, finalseg.trans_P, finalseg.emit_P)
    prob, states = _hmm().viterbi(obs)
    assert (prob, ["BMES"[s] for s in states]) == expected


# What jieba hands its HMM: runs of its `han` characters (Han, Latin, digits, +#&._%-).
_BUFFER = st.lists(
    st.sampled_from(_partly_seen() + _COMMON + _RARE + list("aZ09+#&._%-") + ["㐀", "〇"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_BUFFER)
def test_hmm_cuts_like_finalseg(text: str) -> None:
    assert _hmm()(text) == list(_finalseg().cut(text))


def test_hmm_splits_forced_words_into_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    finalseg = _finalseg()
    text = "王小明来了"
    word = next(w for w in finalseg.cut(text) if len(w) > 1)
    monkeypatch.setattr(finalseg, "Force_Split_Words", {word})
    expected = list(finalseg.cut(text))
    assert word not in expected
    assert _Hmm()(text) == expected


def test_hmm_gives_a_repeated_text_the_same_cut() -> None:
    hmm = _Hmm()
    text = "王彧韪说"
    assert hmm(text) == hmm(text) == list(_finalseg().cut(text))


# Pieces that reach the HMM in whole texts: names of rare characters, Latin and digits glued to
# Han, numbers with % and decimals, jieba's run characters, characters its Han range misses.
_PIECES = st.sampled_from(
    [
        "iPhone14手机",
        "3.5%",
        "增长3.5%的",
        "C++",
        "R&D部门",
        "5G基站",
        "No.1",
        "A股",
        "㐀",
        "〇",
        "二〇二四年",
        "王彧韪",
        "李犇燚",
        "张翀珺说",
        "哈哈哈哈",
        "，",
        "。",
        " ",
        "\n",
        "\r\n",
        "——",
        "……",
        "“",
        "”",
    ]
)
_CHARS = st.sampled_from(_COMMON + _RARE + _UNSEEN + list("+-._%#&"))
_TEXT = st.lists(_PIECES | _CHARS | _CHARS, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_segmenter_cuts_unknown_words_exactly_like_jieba(text: str) -> None:
    assert segmenter()(text) == list(tokenizer().cut(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_RARE + _COMMON + _partly_seen()), min_size=50, max_size=300))
def test_segmenter_cuts_long_runs_exactly_like_jieba(chars: list[str]) -> None:
    text = "".join(chars)
    assert segmenter()(text) == list(tokenizer().cut(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\r\n",
        "iPhone14手机发布",
        "同比增长3.5%，环比下降0.2%",
        "C++和C#程序员",
        "㐀㐁〇是扩展A区的字",
        "记者王彧韪、李犇燚报道",
        "二〇二四年十月",
        # Two routes with equal scores: jieba takes the longer first word.
        "谢谢谢",
        "看看看看看",
        "他说：“好……”——完",
    ],
)
def test_segmenter_cuts_awkward_texts_like_jieba(text: str) -> None:
    assert segmenter()(text) == list(tokenizer().cut(text))


def test_segmenter_answers_empty_text_with_no_words() -> None:
    assert segmenter()("") == []
    assert _hmm()("") == []


def _same_weights(a: dict[str, float], b: dict[str, float]) -> bool:
    # NaN (a prefix that is no word) equals nothing, not even itself.
    return a.keys() == b.keys() and all(
        x == b[w] or (x != x and b[w] != b[w]) for w, x in a.items()
    )


def test_dictionary_weights_are_jiebas_cached_and_survive_a_damaged_cache(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import math

    from reader.text import segment

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built, unknown = segment.dictionary_weights()  # from jieba's tokenizer, then written
    freq, total = tokenizer().FREQ, tokenizer().total
    assert unknown == -math.log(total)
    for word in ("人民", "中华人民共和国", "的", "石楼县"):
        assert built[word] == math.log(freq[word]) - math.log(total)
    assert math.isnan(built["中华人"])  # a prefix that is no word
    (cached,) = tmp_path.glob("**/segmenter-*.marshal")

    def no_jieba() -> None:
        raise AssertionError("the cached table should have been read")

    with monkeypatch.context() as patched:
        patched.setattr(segment, "tokenizer", no_jieba)
        loaded, loaded_unknown = segment.dictionary_weights()
    assert loaded_unknown == unknown
    assert _same_weights(loaded, built)
    cached.write_bytes(b"\x00not marshal")
    again, _ = segment.dictionary_weights()
    assert _same_weights(again, built)
