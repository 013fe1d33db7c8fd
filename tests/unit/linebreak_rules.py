"""The clreq rules as the tests restate them: character sets, a paragraph generator, `check`.

Shared by the line breaker's tests and the tests of converted (简/繁) text, which must obey the
same rules. The checks restate the rules from DESIGN.md independently of the implementation
(character sets and "atomic" tokens the generator knows it put in), and use the breaker's own
`break_opportunities` only to decide whether a line could have been fuller.

"As full as the rules allow", precisely: for every line but the last, either
- it ends at a break opportunity and the text from its start to the *next* opportunity (the next
  unbreakable unit, with the spaces before it) is wider than the width; or
- no opportunity lies within the width from its start (a unit wider than a line), and the line
  was cut so that one more grapheme cluster would not fit.
"""

from __future__ import annotations

import string
from bisect import bisect_right
from dataclasses import dataclass

from hypothesis import strategies as st

from reader.text.linebreak import break_opportunities
from reader.text.width import cell_len, clusters

# The rule sets as DESIGN.md states them.
NO_START = set("、，。．：；！？”’」』）〕】〗］｝》〉—～·%")
NO_END = set("“‘「『（〔【〖［｛《〈")

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处理府研质"
)
EXT_A = "㐀㐁㐂㐃㑀㒀䶵"
EXT_B = "𠀀𠀁𪚥"
EMOJI = ["😀", "👍🏽", "👨‍👩‍👧", "❤️", "🇨🇳"]
NUMBERS = ["100%", "3,000", "10:30", "2021", "3.14", "12.5%", "1,234,567", "0"]
CLOSERS = "、，。．：；！？”’」』）〕】〗］｝》〉"
OPENERS = "“‘「『（〔【〖［｛《〈"
CONNECTORS = "—～·"


@dataclass(frozen=True)
class Sample:
    """A generated paragraph and the spans that must never be split."""

    text: str
    atoms: tuple[tuple[int, int], ...]


def _atomic(values: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, bool]]:
    return values.map(lambda token: (token, True))


def _plain(values: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, bool]]:
    return values.map(lambda token: (token, False))


_HAN_RUN = _plain(st.text(st.sampled_from(HAN), min_size=1, max_size=6))
_QUOTED = st.tuples(
    st.sampled_from(["“", "‘", "「", "《"]),
    st.text(st.sampled_from(HAN), min_size=1, max_size=8),
    st.sampled_from(["”", "’", "」", "》"]),
).map(lambda parts: ("".join(parts), False))
_TOKEN = st.one_of(
    _HAN_RUN,
    _HAN_RUN,
    _HAN_RUN,
    _HAN_RUN,
    _plain(st.sampled_from(CLOSERS)),
    _plain(st.sampled_from(CLOSERS)),
    _plain(st.sampled_from(OPENERS)),
    _plain(st.sampled_from(CONNECTORS)),
    _plain(st.sampled_from(list(EXT_A + EXT_B))),
    _plain(st.just(" ")),
    _QUOTED,
    _atomic(st.sampled_from(["——", "……"])),
    _atomic(st.sampled_from(NUMBERS)),
    _atomic(st.text(st.sampled_from(string.ascii_letters), min_size=1, max_size=10)),
    _atomic(st.sampled_from(EMOJI)),
)


@st.composite
def paragraphs(draw: st.DrawFn) -> Sample:
    """Random mixes of Han, punctuation, quotes, numbers, Latin, dashes, emoji, rare Han."""
    # Hypothesis favours short lists; draw the length so long paragraphs are common too.
    size = draw(st.integers(min_value=0, max_value=80))
    tokens = draw(st.lists(_TOKEN, min_size=size, max_size=size))
    text = ""
    atoms: list[tuple[int, int]] = []
    for token, atomic in tokens:
        if atomic:
            atoms.append((len(text), len(text) + len(token)))
        text += token
    return Sample(text, tuple(atoms))


def check(
    text: str,
    width: int,
    lines: list[tuple[int, int]],
    *,
    strict: bool = False,
    ambiguous_wide: bool = False,
    atoms: tuple[tuple[int, int], ...] = (),
) -> None:
    """Assert every rule, the width, losslessness and fullness for one wrapped paragraph."""
    assert lines, "at least one line"
    # Nothing lost or added: lines plus the dropped whitespace give back the text.
    assert lines[0][0] == 0
    rebuilt = ""
    for index, (start, end) in enumerate(lines):
        assert start <= end
        following = lines[index + 1][0] if index + 1 < len(lines) else len(text)
        gap = text[end:following]
        assert gap.strip() == "", f"dropped more than whitespace: {gap!r}"
        rebuilt += text[start:end] + gap
    assert rebuilt == text

    opportunities = break_opportunities(text, strict=strict)

    def cells(start: int, end: int) -> int:
        return cell_len(text[start:end], ambiguous_wide=ambiguous_wide)

    def next_opportunity(position: int) -> int | None:
        index = bisect_right(opportunities, position)
        return opportunities[index] if index < len(opportunities) else None

    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        size = cells(start, end)
        assert size <= width or len(clusters(line)) == 1, f"line too wide: {line!r}"
        if index + 1 == len(lines):
            continue
        upcoming = next_opportunity(start)
        forced = upcoming is None or cells(start, upcoming) > width
        if end in opportunities:
            # Full: the next unit (with the spaces before it) would not have fitted.
            after = next_opportunity(end)
            assert after is not None
            assert cells(start, after) > width, f"line could take more: {line!r}"
        else:
            # A hard cut, only when no opportunity fits, and as late as the width allows.
            assert forced, f"broke at {end} without need: {line!r}"
            cluster_end = end + clusters(text[end:])[0][1]
            assert cells(start, cluster_end) > width
        next_start = lines[index + 1][0]
        if not forced:
            head, tail = text[next_start], text[end - 1]
            starts_dash = text.startswith("——", next_start) or text.startswith("……", next_start)
            if head in NO_START:
                assert head == "—" and not strict and starts_dash, f"line starts with {head}"
            if strict:
                assert not starts_dash, "strict: a line starts with —— or ……"
            assert tail not in NO_END, f"line ends with {tail}"
            for low, high in atoms:
                assert not (low < end < high or low < next_start < high), "atom split"


# Awkward inputs (STYLE.md): each goes through the wrapper at many widths.
AWKWARD = {
    "mixed Han and Latin": "我们使用Python和Textual开发了一个terminal阅读器，支持SSH远程使用。",
    "numbers with units": (
        "今年1—9月，全市GDP增长12.5%，完成投资3,000亿元，10:30召开会议，2021年目标100%完成。"
    ),
    "dash": "这就是我们的目标——建设美丽幸福吕梁——全方位推动高质量发展。",
    "ellipsis": "他说：“我们……我们一定能行……”然后沉默了……",
    "nested quotes": "他说：“‘四个意识’、‘四个自信’、‘两个维护’必须牢记。”《人民日报》报道。",
    "corner brackets": "「『重要讲话』精神」要落实到【具体工作】中去〔2021〕。",
    "emoji": "今天天气很好😀，大家都很开心👍🏽，一家人👨‍👩‍👧出去玩❤️，看国旗🇨🇳。",
    "extension A": "㐀㐁㐂㐃，㑀㒀䶵是扩展A区的字，𠀀𠀁是扩展B区的字。",
    "ASCII punctuation from PDF": '他们聚焦"好制度""六个必须坚持",以及新时期"四个机关"建设(试行)。',
    "connectors": "北京—上海高铁，时间为8:00～10:00，马克思·韦伯说。",
    "spaces": "□ 石楼县人大常委会主任 田文军  and some English words here",
    "long Latin": "请访问https://example.com/a/very/long/path/that/does/not/fit/anywhere获取信息。",
    "punctuation pile-up": "真的吗？！……“”」』）】》。，",
    "leading closer": "，这段文字以逗号开头。",
    "empty": "",
    "blank": "   ",
    "newlines": "第一行\n第二行，很长很长很长很长很长很长\n\n第四行",
}
