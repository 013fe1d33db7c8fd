"""Infer an article's region (县/市/区) from its text when it has no byline that names one."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

from reader.text.jieba_files import jieba_file

_SUFFIXES = ("自治县", "自治州", "县", "市", "区", "旗", "盟")
_NOT_ADMINISTRATIVE = tuple(
    [
        "地区",
        "社区",
        "小区",
        "景区",
        "园区",
        "山区",
        "牧区",
        "库区",
        "校区",
        "城区",
        "市区",
        "灾区",
        "林区",
        "矿区",
        "军区",
        "战区",
        "辖区",
        "街区",
        "片区",
        "都市",
        "城市",
        "超市",
        "股市",
        "楼市",
        "集市",
        "夜市",
        # Flags, alliances, zones and areas that jieba also tags as places (ns): a banner (旗)
        # or league (盟) is never a flag or an alliance, a district never a currency zone.
        "半旗",
        "环旗",
        "色旗",
        "角旗",
        "极旗",
        "阳旗",
        "联盟",
        "角区",
        "半区",
        "欧元区",
        "欧洲区",
        "亚洲区",
        "亚太区",
        "东亚区",
        "太平洋区",
        "北极区",
        "南极区",
        "无人区",
        "冬麦区",
        "包干区",
        "山丘区",
        "中心区",
        "中立区",
        "两省区",
        "县区",
        "大县",
    ]
)
"""Place-like words with an administrative suffix that name no county, city or district."""
_SUFFIX_CHAR = re.compile("[县市区旗盟州]")
_LONGEST = 8
MIN_MENTIONS = 2
"""A place must be named at least this often before it is taken as the article's region."""


@cache
def dictionary_places() -> frozenset[str]:
    """County-level place names from jieba's dictionary (words tagged `ns` with an admin suffix)."""
    path = jieba_file("dict.txt")
    places: set[str] = set()
    if path is None:
        return frozenset()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if (
                len(parts) == 3
                and parts[2] == "ns"
                and parts[0].endswith(_SUFFIXES)
                and not parts[0].endswith(_NOT_ADMINISTRATIVE)
                # Two-character names are real counties (临县, 岚县) when they end in 县; with
                # 市/区/盟/旗 they are mostly ordinary words (上市, 东区, 加盟, 锦旗).
                and (len(parts[0]) > 2 or parts[0].endswith("县"))
            ):
                places.add(parts[0])
    return frozenset(places)


def infer_region(text: str, known: Iterable[str] = ()) -> str | None:
    """The place the text is most about, if one stands out.

    Args:
        text: The article's title and body.
        known: Regions named in the corpus's bylines, tried before the dictionary's places.

    Returns:
        A name ending in 县/市/区/…, mentioned at least twice and more than any other, or None.
    """
    return region_finder(known)(text)


def region_finder(known: Iterable[str] = ()) -> Callable[[str], str | None]:
    """`infer_region` with `known` fixed: the place names are gathered once, not per article.

    Args:
        known: Regions named in the corpus's bylines.

    Returns:
        A function from an article's title and body to its region, or None.
    """
    places = dictionary_places() | set(known)

    def find(text: str) -> str | None:
        counts: Counter[str] = Counter()
        for match in _SUFFIX_CHAR.finditer(text):
            end = match.end()
            # The longest place name ending here wins (离石区 rather than 石区).
            for length in range(min(_LONGEST, end), 1, -1):
                if text[end - length : end] in places:
                    counts[text[end - length : end]] += 1
                    break
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < MIN_MENTIONS:
            return None
        if len(ranked) == 2 and ranked[1][1] == ranked[0][1]:
            return None
        return ranked[0][0]

    return find
