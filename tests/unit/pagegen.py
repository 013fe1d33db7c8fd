"""Generate raw newspaper-page text from clean articles, the way PDF extraction damages it.

Column lines of 12–18 characters are joined with stray spaces, paragraphs are sometimes cut
across blocks mid-sentence, full-width punctuation turns into ASCII and curly quotes straight.
Tests feed the result to the parser and check that the clean articles come back.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

DEGRADE = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "“": '"', "”": '"'})
_UNSPLITTABLE = re.compile(r"[A-Za-z0-9,.%:]+")

HAN_WORDS = [
    "乡村振兴",
    "垃圾分类",
    "河长制",
    "基层治理",
    "公共服务",
    "营商环境",
    "数字经济",
    "生态保护",
    "文化传承",
    "社区建设",
    "教育资源",
    "医疗保障",
    "交通网络",
    "产业升级",
    "科技创新",
    "人才培养",
    "农业发展",
    "水利工程",
    "养老服务",
    "就业创业",
    "城市更新",
    "旅游开发",
    "林业资源",
    "能源转型",
    "粮食安全",
    "法治建设",
    "民生实事",
]
PLACES = ("平遥县", "孝义市", "交口县", "岚县", "方山县", "兴县", "文水县", "交城县", "尧都区")
NAMES = ("王建华", "李明", "张晓燕", "赵国庆", "陈思远", "刘芳")


@dataclass
class CleanArticle:
    """An article as it should come out of the reader."""

    title: str
    byline: str | None
    paragraphs: list[str] = field(default_factory=list)


def sentence(rng: random.Random) -> str:
    """A plausible Chinese sentence with full-width punctuation, quotes and numbers."""
    parts = []
    for _ in range(rng.randint(2, 4)):
        words = rng.sample(HAN_WORDS, rng.randint(2, 3))
        piece = "和".join(words[:2]) + ("的" + words[2] if len(words) > 2 else "")
        roll = rng.random()
        if roll < 0.2:
            piece = f"推进“{piece}”工作"
        elif roll < 0.3:
            piece += f"达到{rng.randint(10, 99)}%"
        elif roll < 0.4:
            piece += f"（{rng.choice(HAN_WORDS)}）"
        elif roll < 0.45:
            piece += f"共{rng.randint(1, 9)},{rng.randint(100, 999)}户"
        parts.append("加快" + piece)
    return "，".join(parts) + rng.choice(["。", "。", "！"])


def article(rng: random.Random, *, byline: bool = True, headings: bool = True) -> CleanArticle:
    """A random clean article: title, optional byline, paragraphs (some led by 一、 二、 …)."""
    title_words = rng.sample(HAN_WORDS, 3)
    title = "以" + title_words[0] + "推动" + title_words[1]
    if rng.random() < 0.5:
        title += " 助力" + title_words[2]
    by = None
    if byline:
        by = f"□ {rng.choice(PLACES)}人大常委会主任 {rng.choice(NAMES)}"
    paragraphs = []
    for index in range(rng.randint(2, 5)):
        text = "".join(sentence(rng) for _ in range(rng.randint(1, 4)))
        if headings and index > 0 and rng.random() < 0.5:
            text = "一二三四五"[index - 1] + "、" + rng.choice(HAN_WORDS) + "见实效。" + text
        paragraphs.append(text)
    return CleanArticle(title, by, paragraphs)


def _cut_lines(text: str, width: int) -> list[str]:
    """Cut a paragraph into column lines of `width` characters, never inside a Latin run."""
    lines = []
    start = 0
    while len(text) - start > width:
        end = start + width
        for match in _UNSPLITTABLE.finditer(text, max(0, start), min(len(text), end + 12)):
            if match.start() < end < match.end():
                end = match.start() if match.start() > start + 4 else match.end()
                break
        lines.append(text[start:end])
        start = end
    lines.append(text[start:])
    return lines


def page(articles: list[CleanArticle], rng: random.Random, *, cut: float = 0.3) -> str:
    """Render clean articles as damaged page text.

    Args:
        articles: The articles, in page order.
        rng: The random source.
        cut: Probability that a paragraph is split across two blocks mid-sentence.
    """
    blocks = []
    for item in articles:
        width = rng.randint(12, 18)
        blocks.append(item.title)
        if item.byline:
            blocks.append(item.byline)
        for paragraph in item.paragraphs:
            lines = _cut_lines(paragraph.translate(DEGRADE), width)
            if len(lines) >= 4 and rng.random() < cut:
                # The first part keeps at least two lines: a single unpunctuated line standing
                # between blocks is indistinguishable from a headline (see the parser's notes).
                at = rng.randint(2, len(lines) - 2)
                blocks.append(" ".join(lines[:at]))
                blocks.append(" ".join(lines[at:]))
            else:
                blocks.append(" ".join(lines))
    return "\n\n".join(blocks) + "\n"
