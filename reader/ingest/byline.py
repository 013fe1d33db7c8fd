"""Bylines such as `□ 石楼县人大常委会主任 田文军`: recognised, split into region, role, author."""

from __future__ import annotations

import re

from reader.model import Byline
from reader.text.chars import HAN_RANGES, is_han

BYLINE = re.compile(r"^[□■◇◆○●☐▢]\s*(?P<rest>\S.*)$")
_REGION = re.compile(
    rf"^(?P<region>[{HAN_RANGES}]{{1,8}}?(?:自治县|自治州|自治旗|地区|新区|县|市|区|旗|盟))"
)

_CREDITS = frozenset(["整理", "摄", "摄影", "报道", "文", "供稿", "撰文", "执笔"])
"""Words after the names saying what the people did (`高丽萍 整理`), not names themselves."""
_CREDIT_PREFIX = re.compile(r"^(?P<prefix>文[/／]|(?:本报)?(?:特约)?(?:记者|通讯员))(?P<name>\S+)$")
"""A role or credit written onto the name (`记者张三`, `文/张三`)."""
_ROLE_WORD = re.compile(
    r"记者|通讯员|编辑|主任|主席|书记|委员|代表|局长|常委|人大|政协|本报|新华社|[县市区旗报台网局部委院办厅处所队组]$"
)
"""A token holding one of these is a role or an organisation, not a person's name."""
_NOT_REGION_END = ("社区", "小区", "景区", "园区", "校区", "街区", "片区", "辖区", "超市", "城市")
"""Place words with an administrative suffix that never name a county or city (`某某社区`)."""
_NOT_REGION = frozenset(["城区", "市区", "地区", "山区", "矿区", "林区", "牧区", "库区", "灾区"])
"""Words that name no particular place on their own (`东城区`, `神农架林区` are real ones)."""


def _is_name(token: str) -> bool:
    return 2 <= len(token) <= 4 and all(is_han(c) for c in token) and not _ROLE_WORD.search(token)


def parse_byline(raw: str) -> Byline | None:
    """Analyse a byline such as `□ 石楼县人大常委会主任 田文军` (region, role, author).

    Trailing credit words (`整理`, `摄`) are not names; a role written onto the name (`记者张三`,
    `文/张三`) is split off it; several names at the end (`本报记者 张三 李四`) are all authors,
    joined with `、`. `raw` stays verbatim, so nothing is lost from what is shown.

    Returns:
        The byline, or None when `raw` is not one.
    """
    match = BYLINE.match(raw.strip())
    if match is None:
        return None
    rest = match.group("rest")
    # Tokens with their offsets in `rest`, so that the role is always a stretch of the raw text.
    tokens = [(m.group(0), m.start()) for m in re.finditer(r"\S+", rest)]
    while len(tokens) > 1 and tokens[-1][0] in _CREDITS:
        tokens.pop()
    end = tokens[-1][1] + len(tokens[-1][0]) if tokens else 0
    split: list[tuple[str, int]] = []
    for token, start in tokens:
        prefix = _CREDIT_PREFIX.match(token)
        if prefix and _is_name(prefix.group("name")):
            split.append((prefix.group("prefix"), start))
            split.append((prefix.group("name"), start + prefix.start("name")))
        else:
            split.append((token, start))
    names: list[str] = []
    names_start = end
    while split and _is_name(split[-1][0]):
        name, names_start = split.pop()
        names.insert(0, name)
    if (
        not names
        and len(split) == 1
        and 2 <= len(split[0][0]) <= 4
        and not _ROLE_WORD.search(split[0][0])
    ):
        # A lone short word is a name even when it is not all Han (a pen name, `小Q`).
        name, names_start = split.pop()
        names.append(name)
    # `文/` is a credit mark, not a role: `本报记者 文/张三` has the role 本报记者.
    position = re.sub(r"\s*(?:文)?[/／]$", "", rest[:names_start].strip()).strip()
    region_match = _REGION.match(position)
    region = region_match.group("region") if region_match else None
    if region in _NOT_REGION or (region and region.endswith(_NOT_REGION_END)):
        region = None
    role = position[len(region) :].strip() if region else position
    return Byline(
        raw=raw.strip(), author="、".join(names) or None, role=role or None, region=region
    )
