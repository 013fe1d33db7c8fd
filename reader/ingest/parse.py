"""Structure: split a decoded source into raw articles (title, byline, blocks).

Three formats are recognised: raw newspaper-page text (several articles a file, column lines
joined with stray spaces), Markdown (`#`/`##`/`###` headings start articles) and plain text (one
article, first line the title). Offsets in Block and Span are characters in the decoded text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath

from reader.model import Block, Byline, RawArticle, Span
from reader.text.chars import HAN_RANGES, is_han

_BLOCK_SPLIT = re.compile(r"\n[ \t\u3000]*\n\s*")
_BYLINE = re.compile(r"^[□■◇◆○●☐▢]\s*(?P<rest>\S.*)$")
_EDITOR_NOTE = re.compile(r"^\s*(?P<label>编者按|编者的话|编后语|编后)\s*[:：]\s*")
_NUMERAL = (
    r"(?:[一二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)"
)
"""A Chinese item number from 一 to 九十九 (`一一`, `百` and the like number no section)."""
HEADING_START = re.compile(
    # 首先，/其次， are left out: far more often they open an ordinary sentence than a section.
    rf"^(?:{_NUMERAL}[、是]"
    rf"|[（(]{_NUMERAL}[）)]"
    rf"|第{_NUMERAL}[，,、是]"
    r"|[0-9０-９]{1,2}[、．.](?![0-9]))"
)
"""A section marker opening a line: 一、 二是 （三） 第四， 5."""
_SENTENCE_PUNCT = re.compile(r"[，。；！？：,;!?]")
_REGION = re.compile(
    rf"^(?P<region>[{HAN_RANGES}]{{1,8}}?(?:自治县|自治州|自治旗|地区|新区|县|市|区|旗|盟))"
)
_HAN_GAP = re.compile(rf"(?<=[{HAN_RANGES}]) (?=[{HAN_RANGES}])")
_MD_HEADING = re.compile(r"^(#{1,3})[ \t]+(.*?)[ \t#]*$")
_MD_FENCE = re.compile(r"^(`{3,}|~{3,})\s*(.*)$")
"""A code fence; what follows the marker (the language) is kept only if it holds Chinese."""
_MD_SETEXT = re.compile(r"=+|-{2,}")
_MD_INLINE = re.compile(
    # A backslash escape (`\*`, `\[`) shows the character itself; it is matched first so that the
    # character does not open or close anything.
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|\*\*(?P<bold>.+?)(?<!\\)\*\*|__(?P<under>.+?)(?<!\\)__|`(?P<code>[^`]+)`"
    # A link or image: [label](address "title"), the address possibly in <…> or holding one level
    # of (…); the title in "…", '…' or (…), or (not CommonMark, but seen) bare words.
    r"|!?\[(?P<label>[^\]]*)\]\(\s*"
    r"(?:<(?P<angled>[^<>\n]*)>|(?P<url>(?:[^\s()]|\([^\s()]*\))*))"
    r"(?:\s+(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|\((?P<pq>[^()]*)\)|(?P<bare>[^()]*?)))?\s*\)"
)

TITLE_MAX = 40
"""A standalone line longer than this (in characters) is prose, not a title."""


def blocks_of(text: str, start: int = 0, end: int | None = None) -> Iterator[Block]:
    """Yield the blocks (runs of non-blank lines) of `text[start:end]`, stripped, with offsets."""
    stop = len(text) if end is None else end
    position = start
    for match in _BLOCK_SPLIT.finditer(text, start, stop):
        yield from _stripped(text, position, match.start())
        position = match.end()
    yield from _stripped(text, position, stop)


def _stripped(text: str, start: int, end: int) -> Iterator[Block]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Block(text[start:end], start, end)


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
    match = _BYLINE.match(raw.strip())
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


def _is_title(block: Block) -> bool:
    """A short standalone line with no sentence punctuation and no heading number."""
    return _is_headline(block) and not _SENTENCE_PUNCT.search(block.text)


_HEADLINE_STOP = re.compile(r"[。；;]")
"""A headline may ask, exclaim or pause (？！，：、) but never holds a full stop."""


def _is_headline(block: Block) -> bool:
    """A short one-line block that can be a title when a byline follows it.

    Unlike `_is_title`, commas, colons, question and exclamation marks are allowed (`不忘初心，牢记
    使命`, `代表建议如何落地见效？`): the byline after it is evidence enough.
    """
    text = block.text
    if "\n" in text or len(text) > TITLE_MAX or len(text) < 2:
        return False
    if _HEADLINE_STOP.search(text) or HEADING_START.match(text) or _BYLINE.match(text):
        return False
    if text[0] in "（(" and text[-1] in "）)":
        return False  # `（作者系…）` closing the previous article, not a kicker or a title.
    # Column fragments come every 12–18 characters; a two-part headline has one or two gaps.
    return text.count(" ") <= 2 and sum(1 for c in text if is_han(c)) >= 2


_NOT_TITLE_END = set("的地得和与及在了是对把为将从向于等之其而并或且被让使给着过")
"""Characters a headline does not end with, but a line cut mid-sentence often does."""


def _could_stand_alone(block: Block, following: Block) -> bool:
    """A title with no byline after it: not ending mid-phrase, not followed by a continuation."""
    return block.text[-1] not in _NOT_TITLE_END and following.text[0] not in "，。、；：）”’"


def _ends_sentence(block: Block) -> bool:
    return block.text.rstrip("”’」』）)\"' ")[-1:] in "。！？!?…"


def looks_like_page(text: str) -> bool:
    """Whether `text` is raw newspaper-page text (stray spaces between Han characters)."""
    han = sum(1 for c in text[:50000] if is_han(c))
    gaps = len(_HAN_GAP.findall(text[:50000]))
    return han > 0 and gaps * 60 >= han


HEADLINE_LINES = 3
"""At most this many one-line blocks before a byline form a headline (kicker, title, subtitle)."""
_SUBTITLE = re.compile(r"^(?:——|—|--|－－)")


def _headline_run(blocks: list[Block], index: int) -> int:
    """How many headline blocks start at `index` and are followed by a byline (0 if none)."""
    for count in range(1, HEADLINE_LINES + 1):
        if index + count >= len(blocks) or not _is_headline(blocks[index + count - 1]):
            return 0
        if parse_byline(blocks[index + count].text) is not None:
            lines = blocks[index : index + count]
            # Only the main title may ask or pause (？，); a kicker above it is a bare phrase.
            kickers = lines[: _main_line(lines)]
            return count if all(_is_title(line) for line in kickers) else 0
    return 0


def _main_line(lines: list[Block]) -> int:
    """The index of the main title in a headline: the last line that is not a `——` subtitle."""
    return max((i for i, line in enumerate(lines) if not _SUBTITLE.match(line.text)), default=0)


def parse_page(text: str, source: str) -> list[RawArticle]:
    """Split raw page text into articles.

    A title is a short line with no sentence punctuation that stands between the end of a
    sentence and a block of prose, or a short line (which may hold ，：？！、 but no 。) that
    precedes a byline. Up to three such lines before a byline form one headline: a line starting
    with a dash (`——记…`) is a subtitle, joined to the title it follows with a space; lines before
    the main title form the kicker. Blocks before the first title form an article of their own
    with an empty title (nothing is dropped, nothing invented).
    """
    blocks = list(blocks_of(text))
    articles: list[RawArticle] = []
    title: Block | None = None
    title_text = ""
    kicker: str | None = None
    byline: Byline | None = None
    body: list[Block] = []

    def flush() -> None:
        if title is None and not body and byline is None:
            return
        articles.append(
            RawArticle(
                title=title_text,
                source=source,
                blocks=tuple(body),
                byline=byline,
                kicker=kicker,
                title_span=Span(source, title.start, title.end) if title else None,
            )
        )

    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        previous = blocks[index - 1] if index > 0 else None
        index += 1
        note = _EDITOR_NOTE.match(block.text)
        if note:
            flush()
            label_end = block.start + note.end()
            title = Block(note.group("label"), block.start, block.start + len(note.group(0)))
            title_text, kicker = _clean_title(title.text), None
            byline, body = None, [Block(block.text[note.end() :], label_end, block.end)]
            continue
        parsed_byline = parse_byline(block.text) if "\n" not in block.text else None
        if parsed_byline is not None and byline is None and not body:
            byline = parsed_byline
            continue
        run = _headline_run(blocks, index - 1)
        # A several-line headline must start fresh: a short unpunctuated line right after a cut
        # sentence is more likely the end of the previous article than a kicker.
        # (The run is then taken up at its next line, down to the title alone.)
        if run > 1 and previous is not None and not _ends_sentence(previous):
            run = 0
        if run:
            flush()
            lines = blocks[index - 1 : index - 1 + run]
            main = _main_line(lines)
            kicker = " ".join(_clean_title(line.text) for line in lines[:main]) or None
            title = Block(lines[main].text, lines[main].start, lines[-1].end)
            title_text = " ".join(_clean_title(line.text) for line in lines[main:])
            byline, body = None, []
            index += run - 1
            continue
        if _is_title(block) and following is not None:
            standalone = (
                (previous is None or _ends_sentence(previous))
                and not _is_title(following)
                and _could_stand_alone(block, following)
            )
            if standalone:
                flush()
                title, byline, body = block, None, []
                title_text, kicker = _clean_title(block.text), None
                continue
        body.append(block)
    flush()
    return articles


def _clean_title(text: str) -> str:
    """Collapse whitespace in a title (a two-part headline keeps one space between its parts)."""
    return " ".join(text.split())


_HTML_COMMENT = re.compile(r"<!--.*?-->")


def _drop_comment(match: re.Match[str]) -> str:
    """An HTML comment is not shown in Markdown; one holding Chinese text is kept, not lost."""
    return match.group(0) if any(is_han(c) for c in match.group(0)) else ""


def _inline_markdown(line: str) -> str:
    """Strip emphasis, code, escapes and HTML comments; keep a link's label, address and title."""
    return _MD_INLINE.sub(_inline_replace, _HTML_COMMENT.sub(_drop_comment, line))


def _inline_replace(match: re.Match[str]) -> str:
    found = match.groupdict()
    if found["escaped"] is not None:
        return found["escaped"]
    if found["label"] is not None:
        # Label, address and title are all kept: a title often holds words found nowhere else.
        address = found["angled"] if found["angled"] is not None else found["url"]
        title = next((found[k] for k in ("dq", "sq", "pq", "bare") if found[k]), "")
        label = _MD_INLINE.sub(_inline_replace, found["label"])
        return " ".join(part.strip() for part in (label, address, title) if part.strip())
    if found["code"] is not None:
        return found["code"]  # Code is shown as written: escapes do not apply inside it.
    return _MD_INLINE.sub(_inline_replace, found["bold"] or found["under"] or "")


def parse_markdown(text: str, source: str) -> list[RawArticle]:
    """Split Markdown into articles: each `#`/`##`/`###` or setext heading starts one.

    Lines in a fenced code block (```` ``` ```` or `~~~`) are kept verbatim, one paragraph each,
    and never start an article.

    A heading with no text under it (a section heading such as `## 详细新闻`) becomes the kicker
    of the next article, so that its words are kept and shown above that article's title.
    """
    articles: list[RawArticle] = []
    kicker: list[str] = []
    title: str | None = None
    title_span: Span | None = None
    paragraphs: list[Block] = []
    position = 0

    def flush() -> None:
        nonlocal kicker
        if title is None and not paragraphs:
            return
        if title is not None and not paragraphs:
            kicker.append(title)
            return
        articles.append(
            RawArticle(
                title=title or "",
                source=source,
                blocks=tuple(paragraphs),
                kicker=" › ".join(kicker) or None,
                title_span=title_span,
                reflow=False,
            )
        )
        kicker = []

    current: list[tuple[str, int, int]] = []

    def end_paragraph() -> None:
        if current:
            joined = _join_lines([line for line, _, _ in current])
            paragraphs.append(Block(joined, current[0][1], current[-1][2]))
            current.clear()

    fence: str | None = None
    for raw_line in text.split("\n"):
        start, end = position, position + len(raw_line)
        position = end + 1
        line = raw_line.strip()
        fence_match = _MD_FENCE.match(line)
        if fence is not None:
            # Inside a code block nothing is Markdown: each line is kept as written.
            if fence_match and fence_match.group(1).startswith(fence) and not fence_match.group(2):
                fence = None
            elif line:
                paragraphs.append(Block(raw_line.rstrip(), start, end))
            continue
        if fence_match:
            end_paragraph()
            fence = fence_match.group(1)
            if any(is_han(c) for c in fence_match.group(2)):
                paragraphs.append(Block(fence_match.group(2), start, end))
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            end_paragraph()
            flush()
            title = _clean_title(_inline_markdown(heading.group(2)))
            title_span = Span(source, start, end)
            paragraphs = []
        elif len(current) == 1 and _MD_SETEXT.fullmatch(line):
            # `大标题` underlined by `===`/`---`: a heading. Under a longer paragraph the line is
            # taken as a rule (sources use `---` as a separator without a blank line before it).
            setext, setext_start, _ = current.pop()
            flush()
            title = _clean_title(setext)
            title_span = Span(source, setext_start, end)
            paragraphs = []
        elif not line or re.fullmatch(r"[-*_]{3,}", line):
            end_paragraph()
        else:
            current.append((_inline_markdown(line), start, end))
    end_paragraph()
    flush()
    if kicker:
        # Trailing headings with nothing under them: keep them as title-only articles.
        for name in kicker:
            articles.append(RawArticle(title=name, source=source, blocks=(), reflow=False))
    return articles


def _join_lines(lines: list[str]) -> str:
    """Join soft-wrapped lines: no space between Chinese, one space between Latin words."""
    out = lines[0]
    for line in lines[1:]:
        left, right = out[-1:], line[:1]
        glue = (
            " " if left.isascii() and right.isascii() and left.isalnum() and right.isalnum() else ""
        )
        out += glue + line
    return out


def parse_plain(text: str, source: str) -> list[RawArticle]:
    """One article: the first non-empty line is the title, the rest its paragraphs."""
    blocks = list(blocks_of(text))
    if not blocks:
        return []
    first = blocks[0]
    line_end = first.text.find("\n")
    if line_end == -1:
        title_block, rest = first, blocks[1:]
    else:
        title_block = Block(first.text[:line_end], first.start, first.start + line_end)
        rest = [*blocks_of(text, first.start + line_end + 1, first.end), *blocks[1:]]
    # A block of several lines with blank lines between blocks is one hard-wrapped paragraph;
    # a single block of many lines holds one paragraph per line.
    paragraphs: list[Block] = []
    for block in rest:
        if len(rest) == 1 and "\n" in block.text:
            offset = block.start
            for line in block.text.split("\n"):
                if line.strip():
                    paragraphs.append(Block(line.strip(), offset, offset + len(line)))
                offset += len(line) + 1
        else:
            paragraphs.append(Block(_join_lines(block.text.split("\n")), block.start, block.end))
    return [
        RawArticle(
            title=_clean_title(title_block.text),
            source=source,
            blocks=tuple(paragraphs),
            title_span=Span(source, title_block.start, title_block.end),
        )
    ]


def parse_source(text: str, source: str) -> list[RawArticle]:
    """Parse one decoded source file, choosing the format from its name and content.

    Args:
        text: The decoded, cleaned text.
        source: The file's path relative to the corpus (used in provenance and ids).
    """
    suffix = PurePath(source).suffix.lower()
    if suffix in {".md", ".markdown"}:
        return parse_markdown(text, source)
    if looks_like_page(text):
        return parse_page(text, source)
    return parse_plain(text, source)
