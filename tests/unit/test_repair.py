"""Reading-order repair: displaced lines put back, clean text untouched, orphans kept."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.repair_generator import column_lines, make_case, neighbours
from reader.ingest.ngram import Dictionary, NgramModel, SeamModel
from reader.ingest.repair import (
    RepairResult,
    cut_candidates,
    is_final,
    line_width,
    looks_like_heading,
    repair_blocks,
    training_text,
)
from reader.model import Fragment

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "repair"
HAN = re.compile(r"[\u3400-\u9fff]")


def paragraphs() -> list[str]:
    text = (FIXTURES / "clean.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def lines(width: int = 14) -> list[list[str]]:
    """The fixture laid out in column lines, one block per paragraph."""
    return [column_lines(p, width) for p in paragraphs()]


def as_blocks(texts: list[list[str]]) -> tuple[tuple[Fragment, ...], ...]:
    """Fragments with offsets as in raw text: spaces between lines, blank lines between blocks."""
    out = []
    offset = 0
    for block in texts:
        fragments = []
        for text in block:
            fragments.append(Fragment(text, offset, offset + len(text)))
            offset += len(text) + 1
        offset += 1
        out.append(tuple(fragments))
    return tuple(out)


def texts_of(result: RepairResult) -> list[list[str]]:
    return [[f.text for f in block] for block in result.blocks]


def split_at_word(clean: list[list[str]]) -> list[list[str]]:
    """The fixture with its fourth paragraph over two blocks (a column break inside 执|法)."""
    blocks = [list(b) for b in clean]
    at = next(i for i, t in enumerate(blocks[3]) if t.endswith("执")) + 1
    blocks[3:4] = [blocks[3][:at], blocks[3][at:]]
    return blocks


def test_first_line_moved_to_the_start_of_a_later_block_is_put_back() -> None:
    clean = split_at_word(lines())
    broken = [list(b) for b in clean]
    first = broken[0].pop(0)
    broken[4].insert(0, first)
    result = repair_blocks(as_blocks(broken))
    assert texts_of(result) == clean
    (move,) = result.moves
    assert move.fragment == first
    assert move.source_index == sum(len(b) for b in broken[:4])
    assert move.target_index == 0
    assert move.score > 0


def test_line_moved_into_another_block_is_put_back() -> None:
    clean = lines()
    broken = [list(b) for b in clean]
    line = broken[0].pop(1)
    at = next(i for i, t in enumerate(broken[3]) if t.endswith("执")) + 1
    broken[3].insert(at, line)
    result = repair_blocks(as_blocks(broken))
    assert texts_of(result) == clean
    assert [m.fragment for m in result.moves] == [line]


def test_target_index_points_at_the_fragment_in_the_result() -> None:
    broken = [list(b) for b in lines()]
    at = next(i for i, t in enumerate(broken[3]) if t.endswith("执")) + 1
    broken[3].insert(at, broken[0].pop(1))
    result = repair_blocks(as_blocks(broken))
    flat = [f for block in result.blocks for f in block]
    assert result.moves
    for move in result.moves:
        assert move.target_index is not None
        assert flat[move.target_index].text == move.fragment


@pytest.mark.parametrize("width", range(12, 19))
def test_clean_text_is_left_untouched(width: int) -> None:
    blocks = as_blocks(lines(width))
    result = repair_blocks(blocks)
    assert result.moves == ()
    assert result.blocks == blocks


def test_fragment_that_fits_nowhere_is_set_aside_at_its_block_end() -> None:
    clean = lines()
    broken = [list(b) for b in clean]
    foreign = "气象台预计周末将有小到中雨"
    # Between 常|委会: a word the corpus knows well, cut in two by the foreign line.
    at = next(i for i, t in enumerate(broken[1]) if t.endswith("常"))
    broken[1].insert(at + 1, foreign)
    result = repair_blocks(as_blocks(broken))
    (move,) = result.moves
    assert move.fragment == foreign
    assert move.target_index is None
    assert move.source_index == len(broken[0]) + at + 1
    block = result.blocks[1]
    assert block[-1].text == foreign and block[-1].orphan
    assert [f.text for f in block[:-1]] == clean[1]
    assert not any(f.orphan for b in result.blocks for f in b if f.text != foreign)


def test_two_lines_glued_together_are_cut_and_the_stray_one_put_back() -> None:
    clean = lines()
    broken = [list(b) for b in clean]
    stray = broken[0].pop(1)
    broken[2][0] = stray + broken[2][0]
    result = repair_blocks(as_blocks(broken))
    assert texts_of(result) == clean
    (move,) = result.moves
    assert move.fragment == stray
    # The pieces keep exact offsets into the source.
    glued = as_blocks(broken)[2][0]
    pieces = [f for b in result.blocks for f in b if glued.start <= f.start < glued.end]
    assert sorted((f.start, f.end) for f in pieces) == [
        (glued.start, glued.start + len(stray)),
        (glued.start + len(stray), glued.end),
    ]


def test_a_wide_block_is_not_cut() -> None:
    # Lines of a wider box (an editor's note) in an article of narrow columns.
    blocks = [[line for line in column_lines(p, 14)] for p in paragraphs()]
    blocks.insert(0, column_lines(paragraphs()[3], 40))
    assert cut_candidates(as_blocks(blocks), line_width(blocks)) == {}


@given(
    seed=st.integers(0, 10_000),
    k=st.integers(0, 3),
    width=st.integers(12, 18),
    glue=st.booleans(),
)
@settings(max_examples=30, deadline=None)
def test_nothing_is_lost_or_duplicated(seed: int, k: int, width: int, glue: bool) -> None:
    rng = random.Random(seed)
    case = make_case(paragraphs(), rng, k=k, width=width, inline_split=0.2)
    blocks = [list(b) for b in case.blocks]
    if glue and len(blocks[-1]) > 1:
        # A lost space: two lines of the last block become one fragment.
        a, b = blocks[-1][0], blocks[-1][1]
        blocks[-1][:2] = [Fragment(a.text + b.text, a.start, a.start + len(a.text + b.text))]
    result = repair_blocks(blocks)
    source = [f for b in blocks for f in b]
    out = [f for b in result.blocks for f in b]

    def han(fragments: list[Fragment]) -> Counter[str]:
        return Counter(c for f in fragments for c in HAN.findall(f.text))

    assert han(out) == han(source)
    # Every input fragment is there once: whole, or as pieces that tile its offsets.
    spans = sorted((f.start, f.end) for f in out)
    covered = sorted((f.start, f.end) for f in source)
    assert _merge(spans) == _merge(covered)
    assert len(spans) == len(set(spans))
    for f in out:
        owner = next(s for s in source if s.start <= f.start and f.end <= s.end)
        assert owner.text[f.start - owner.start : f.end - owner.start] == f.text
    # Orphans sit at the end of their block; moves point at real places.
    for block in result.blocks:
        flags = [f.orphan for f in block]
        assert flags == sorted(flags)
    for move in result.moves:
        assert 0 <= move.source_index < len(source)
        if move.target_index is not None:
            assert out[move.target_index].text == move.fragment


def test_degenerate_inputs() -> None:
    assert repair_blocks([]) == RepairResult((), ())
    one = Fragment("甲乙", 0, 2)
    assert repair_blocks([[], [one], []]) == RepairResult(((one,),), ())


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent spans joined (pieces of one fragment tile it)."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def test_generated_cases_are_scored_against_their_truth() -> None:
    rng = random.Random(3)
    case = make_case(paragraphs(), rng, k=2, width=14)
    assert len(case.displaced) == 2
    flat = [f.text for b in case.blocks for f in b]
    truth_text = "".join(flat[i] for block in case.truth for i in block)
    assert truth_text == "".join("".join(p.split()) for p in paragraphs())
    # A displaced line has other neighbours than in the truth.
    now = neighbours(
        [
            list(range(sum(map(len, case.blocks[:n])), sum(map(len, case.blocks[: n + 1]))))
            for n in range(len(case.blocks))
        ]
    )
    want = neighbours(case.truth)
    assert all(now[i] != want[i] for i in case.displaced)


def test_ngram_counts_stop_at_spaces() -> None:
    model = NgramModel.train(["甲乙 丙丁"], order=3)
    assert model.counts.get("乙丙", 0) == 0
    assert model.counts["丙丁"] == 1
    assert model.counts["\n甲"] == 1


def test_a_word_across_the_seam_scores_and_a_random_join_does_not() -> None:
    dictionary = Dictionary.load()
    assert dictionary.spanning("在中央人大工", "作会议上发表") > 3
    assert dictionary.spanning("渠道反映", "习近平总书记") == pytest.approx(0.0, abs=1e-9)
    model = SeamModel.train(["人大工作会议 人大工作会议"], dictionary=dictionary)
    assert model.seam("中央人大工", "作会议上") > model.seam("中央人大工", "给党委政府")


def test_held_out_join_does_not_vouch_for_itself() -> None:
    model = SeamModel.train(["必修课弄要求"], dictionary=Dictionary.load())
    assert model.continuation("必修课弄", "要求", seen=True) < model.continuation(
        "必修课弄", "要求"
    )


@pytest.mark.parametrize(
    ("text", "final"),
    [
        ("问题。", True),
        ("他说:“好。”", True),
        ("真的吗?", True),
        ("渠道反映", False),
        ("要求,", False),
    ],
)
def test_sentence_final(text: str, final: bool) -> None:
    assert is_final(text) is final


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("一、抓好学习", True),
        ("二是坚持", True),
        ("(三)加强", True),
        ("1.总则", True),
        ("一方面,要", False),
        ("十分重要", False),
    ],
)
def test_heading_starts(text: str, heading: bool) -> None:
    assert looks_like_heading(text) is heading


def test_bundled_page_moves_read_right() -> None:
    """The bundled raw page: the displaced lines found by reading go back, nothing else moves.

    The expected joins were read by a person (see `docs/repair.md`); the article split is the
    crude one of the benchmark script, since the real parser lives elsewhere.
    """
    from benchmarks.repair_curve import PAGE, page_articles

    articles = page_articles(PAGE.read_text(encoding="utf-8"))
    model = SeamModel.train(training_text(a) for a in articles)
    placed: set[tuple[str, str, str]] = set()
    orphans: set[str] = set()
    for article in articles:
        result = repair_blocks(article, model=model)
        flat = [f.text for block in result.blocks for f in block]
        for move in result.moves:
            if move.target_index is None:
                orphans.add(move.fragment)
                continue
            t = move.target_index
            before = flat[t - 1][-2:] if t > 0 else "^"
            after = flat[t + 1][:2] if t + 1 < len(flat) else "$"
            placed.add((before, move.fragment, after))
    assert placed == {
        ("好人", "民代表大会制度作为实现我国全过程人", "民民"),
        ("的重", "要思想、习近平法治思想作为必修课,弄", "明白"),
        ("^", "习近平总书记在中央人大工", "作会"),
        ("意见", "的质量明显提高。", "$"),
    }
    assert orphans == {"践行在工作实践中。", "办结率达100%。一是加大督办"}
