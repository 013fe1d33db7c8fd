"""Character classes for Chinese text: the one definition of a Han ideograph, CJK punctuation.

`is_han` and `is_cjk` take one character (a code point); `all_han` and `han_count` take text
and give no offsets.
"""

from __future__ import annotations

import re

# Han ideographs: URO, Extension A, compatibility ideographs, and the supplementary planes
# (Extensions B–H and the compatibility supplement). 〇 (U+3007) is counted as Han too.
HAN_RANGES = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af"
)
HAN = re.compile(f"[{HAN_RANGES}]")
HAN_RUN = re.compile(f"[{HAN_RANGES}]+")

CJK_PUNCT = "，。、：；！？“”‘’「」『』（）〔〕【】〖〗［］｛｝《》〈〉—…·～"


def is_han(ch: str) -> bool:
    """Whether `ch` is a Han ideograph (any CJK extension)."""
    return HAN.match(ch) is not None


def is_cjk(ch: str) -> bool:
    """Whether `ch` is Han or CJK punctuation, i.e. "Chinese context" (False for "")."""
    if ch < "\u00b7":
        return False  # "" and Latin-1 below `·`, the first character of any range below
    return is_han(ch) or ch in CJK_PUNCT or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def all_han(text: str) -> bool:
    """Whether `text` is not empty and every character of it is a Han ideograph."""
    return HAN_RUN.fullmatch(text) is not None


def han_count(text: str) -> dict[str, int]:
    """The multiset of Han characters in `text` (for integrity checks)."""
    counts: dict[str, int] = {}
    for run in HAN_RUN.findall(text):
        for ch in run:
            counts[ch] = counts.get(ch, 0) + 1
    return counts
