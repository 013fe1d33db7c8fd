"""Topic themes: key phrases that some articles develop and others do not, plus curated themes.

Offsets and lengths here are characters (never cells): themes never reach the screen as layout.
The method is described in docs/themes.md; in short:

1. Discovery. Candidates are runs of one to four adjacent jieba words inside a clause
   (punctuation, digits, Latin and function words break runs) that an article repeats (a title
   mention counts `TITLE_BONUS` times). A run may not start with a generic word (推动, 加强 …), a
   verb or adverb (jieba's dictionary tags), nor start or end with a joiner (的, 之); a single word
   must be a rare noun. Large corpora are sampled (every k-th article, `DISCOVERY_CHARS` chars).
2. Ranking. A candidate's score combines its specificity in general Chinese (jieba's IDF table),
   its length (compounds read better), how strongly the articles that develop it develop it, and
   the corpus's own document frequency (a phrase in every article filters nothing).
3. Merging. A candidate that contains, or is contained in, a better one, shares most of its
   characters and most of its articles joins it as a variant (联络站 / 人大代表联络站点).
4. Counting. Each group is counted again as plain substrings of every article (title and body;
   overlapping mentions count once), so variants that jieba split differently still count, and
   groups that still repeat a better one are folded into it. An article of L characters is
   covered when its weighted mentions reach max(1, √(L / DEVELOPED_SCALE)); that ratio is its
   weight.
"""

from __future__ import annotations

import bisect
import importlib.util
import math
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Literal

from reader.errors import ReaderError
from reader.model import Theme

TITLE_BONUS = 3
"""A mention in the title counts as this many body mentions: titles name what is developed."""

DEVELOPED_SCALE = 500
"""An article of L characters develops a theme with at least max(1, √(L / DEVELOPED_SCALE))
weighted mentions: one in a short news item, two in 1,000 characters, four in 8,000."""

MAX_NGRAM = 4
"""Longest run of jieba words considered as one phrase (中央/人大/工作/会议)."""

DISCOVERY_CHARS = 1_500_000
"""Above this many characters, candidates are discovered on an evenly spaced sample of articles
(the final counts are always exact, over every article)."""

_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")

_JOINERS = frozenset("的之")
"""Function words allowed inside a phrase (党的领导, 国之大者) but never at its ends."""

_FUNCTION_TEXT = """
    了 着 过 地 得 和 与 及 或 而 并 且 在 是 为 以 对 于 把 将 被 从 向 由 等 也 都 就 又 还 更 最
    很 其 这 那 此 该 各 每 有 无 不 没 所 让 使 给 到 上 下 中 里 内 外 后 前 时 个 们 我 你 他 她
    它 要 会 能 可 来 去 说 做 看 好 多 大 小 新 已 再 才 只 但 如 若 则 即 因 跟 同 比 像 一 二
    我们 你们 他们 她们 它们 咱们 大家 自己 什么 如何 怎么 怎样 这个 那个 这些 那些 这里 那里 这样
    那样 以及 通过 进行 作为 对于 关于 根据 按照 为了 由于 因此 因为 所以 但是 而且 同时 并且 或者
    还是 还有 其他 其中 之一 以上 以下 已经 正在 一些 一个 一种 一是 二是 三是 四是 五是 一方面
    另一方面 可以 能够 应该 应当 需要 必须 就是 不是 没有 一定 一直 一起 一批 一系列 不仅 而是
    以来 以后 之后 之前 期间 当前 目前 今年 去年 明年 今天 昨天 日前 近日 近年来 此外 另外 同样
    从而 进而 以便 并不 不断 不少 许多 很多 所有 全部 部分 这次 此次 本次 其它 如此 尤其 特别
    主要 相关 有关 各种 各类 各项 各级 各地 各个 每个 每年 多年 方面 方式 方法 过程 情况 问题
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
"""Words that carry no topic and break a phrase (a run of words never crosses one)."""

_GENERIC_TEXT = """
    工作 推动 发展 坚持 要求 重要 进一步 全面 加强 推进 提高 提升 深入 建设 实施 开展 落实 贯彻
    做好 抓好 管好 用好 建好 积极 切实 努力 持续 扎实 认真 充分 有效 强化 完善 健全 实现 促进 保障
    确保 围绕 聚焦 着力 更加 更好 深化 加快 加大 坚定 全力 大力 高度 重视 注重 突出 统筹 服务
    增强 发挥 结合 实际 任务 目标 意见 重点 具体 全国 全省 全市 全县 全区 我国 国家 社会 经济 时代
    时期 领域 水平 能力 作用 机制 体系 措施 举措 政策 精神 思想 理论 实践 意义 成效 成果 基础
    关键 核心 根本 重大 主题 内容 活动 部署 安排 进展 形势 方向 原则 特色 优势 保证 前提 统揽
    新时代 新时期 新征程 新局面 新阶段 高质量 现代化 地方 基层 群众 人民 干部 同志 领导 组织
    学习 宣传 研究 讨论 召开 举行 出席 指出 强调 表示 认为 提出 讲话 会议 报告 讲 谈 话 说明
    贯彻落实 重要讲话 讲话精神 充分发挥 担当 作为 使命 初心 责任 奋斗 自信 担当作为 总书记
    会见 会谈 访问 致电 回信 贺信 考察 调研 主持 发表 发布 举办 开幕 闭幕 召开会议 通报 介绍
"""
_GENERIC_WORDS = frozenset(_GENERIC_TEXT.split())
"""Words common to every kind of article: never a theme alone, never the first word of one."""

_MIN_SHARE = 0.002
"""An automatic theme must cover at least this share of the articles (and at least two)."""

_MAX_SHARE = 0.8
"""A single word found in more than this share of the articles is generic in this corpus."""

_MIN_WORD_IDF = 8.0
"""A single word is a theme only if it is this rare in general Chinese (联络站 11.3, 监督 6.6)."""

_NEW_WORD_CHARS = 3
"""A single word jieba's IDF table lacks (found by its HMM) needs this many characters: shorter
ones are mostly mis-cuts such as 日称 or 愿同."""

_IDF_CAP = 12.0
"""IDF values above this (the rarest words of jieba's table) all count as fully specific."""

_UNKNOWN_IDF = 10.0
"""IDF of a word missing from jieba's table if the table itself cannot be read."""

_FRAGMENT = 0.9
"""A phrase whose salience is at least this share of a longer phrase's is a fragment of it."""

_MERGE_OVERLAP = 0.5
"""Two variants merge when at least this share of the smaller one's articles is shared."""

_HEAD_SHARE = 0.6
"""…and when they share this share of the shorter one's characters with the group's head."""

_POOL = 2
"""Groups counted exactly, per theme wanted: counting is the costly step at archive scale."""

_SINGLE_WORD = 0.8
"""Score factor for a theme that is one jieba word: compounds (人大代表联络站) read better."""

_WIDEN = 0.9
"""A character found beside this share of a name's mentions belongs to the name."""

_LONGEST_NAME = 10
"""Names longer than this many characters read badly in the sidebar: prefer a shorter variant."""

_NOT_FIRST = frozenset(
    {"v", "vd", "vi", "vg", "vq", "d", "ad", "dg", "df", "p", "c", "r", "rr", "rz", "rg"}
    | {"u", "ud", "ug", "uj", "ul", "uv", "uz", "e", "y", "o", "q", "mq", "k", "h"}
)
"""jieba parts of speech that cannot start a phrase: verbs (not verbal nouns), adverbs,
prepositions, conjunctions, pronouns, particles (打击乌军, 举行仪式, 引发热烈反响)."""

_NOT_ALONE = _NOT_FIRST | frozenset({"a", "ag", "an", "b", "i", "l", "m", "z"})
"""…nor be a theme alone: also adjectives, idioms and set phrases (与时俱进), numerals."""

_PERSON = frozenset({"nr", "nrfg"})
"""jieba's tags for personal names: a person is not a topic, so a name counts half its IDF
(the tags are noisy: 从严治党 is tagged nr, so names are demoted rather than banned)."""

_IDF_LINE = re.compile(r"^(\S+) ([0-9.]+)$", re.MULTILINE)
_TAG_LINE = re.compile(
    rf"^(\S+) \d+ ({'|'.join(sorted(_NOT_ALONE | _PERSON, key=lambda t: (-len(t), t)))})$",
    re.MULTILINE,
)

_THEME_KEYS = frozenset({"name", "keywords", "min_count"})
_TOP_KEYS = frozenset({"mode", "min_count", "theme"})

Gram = tuple[str, ...]


@dataclass(frozen=True)
class ThemeDoc:
    """What theme extraction needs of an article: its id, title and full body text."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class CuratedTheme:
    """A theme written by hand: it covers an article with `min_count` weighted keyword mentions."""

    name: str
    keywords: tuple[str, ...]
    min_count: int = 1


@dataclass(frozen=True)
class CuratedThemes:
    """A `themes.toml`: curated themes added to, or replacing, the automatic ones."""

    mode: Literal["add", "replace"] = "add"
    themes: tuple[CuratedTheme, ...] = field(default=())


class ThemesFileError(ReaderError, ValueError):
    """A `themes.toml` that cannot be used; the message names the file and the line."""


# Curated themes ------------------------------------------------------------------------------


def load_curated(path: Path) -> CuratedThemes:
    """Read a `themes.toml` file.

    Args:
        path: The file (conventionally `themes.toml` beside the corpus).

    Returns:
        The curated themes, in file order.

    Raises:
        ThemesFileError: the file is unreadable, not TOML, or not in the documented format.
    """
    try:
        source = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ThemesFileError(f"{path}: cannot read theme file: {error}") from error
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise ThemesFileError(f"{path}: {_toml_message(error)}") from error
    return _parse_curated(data, source, path)


def _toml_message(error: tomllib.TOMLDecodeError) -> str:
    # tomllib ends its message with the position ("… (at line 3, column 8)"): lead with it.
    text = str(error)
    found = re.search(r"\(at line (\d+), column (\d+)\)$", text)
    if not found:
        return text
    return f"line {found[1]}: {text[: found.start()].strip()} (column {found[2]})"


def _line_of(source: str, pattern: str, nth: int = 0) -> int:
    matches = list(re.finditer(pattern, source, flags=re.MULTILINE))
    if not matches:
        return 1
    return source.count("\n", 0, matches[min(nth, len(matches) - 1)].start()) + 1


def _parse_curated(data: dict[str, object], source: str, path: Path) -> CuratedThemes:
    def fail(message: str, line: int) -> ThemesFileError:
        return ThemesFileError(f"{path}: line {line}: {message}")

    for key in sorted(set(data) - _TOP_KEYS):
        line = _line_of(source, rf"^[ \t]*{re.escape(key)}\s*=")
        raise fail(f"unknown key {key!r} (expected mode, min_count, [[theme]])", line)
    mode = data.get("mode", "add")
    if mode not in ("add", "replace"):
        raise fail(
            f'mode must be "add" or "replace", not {mode!r}', _line_of(source, r"^[ \t]*mode")
        )
    default_min = _min_count(data.get("min_count", 1))
    if default_min is None:
        raise fail("min_count must be a positive integer", _line_of(source, r"^[ \t]*min_count"))
    entries = data.get("theme", [])
    if not isinstance(entries, list):
        raise fail("theme must be an array of tables: [[theme]]", _line_of(source, r"theme"))
    themes: list[CuratedTheme] = []
    for n, entry in enumerate(entries):
        line = _line_of(source, r"^[ \t]*\[\[\s*theme\s*\]\]", n)
        if not isinstance(entry, dict):
            raise fail("each theme must be a table with a name", line)
        for key in sorted(set(entry) - _THEME_KEYS):
            raise fail(f"unknown key {key!r} in theme (expected name, keywords, min_count)", line)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise fail("theme needs a non-empty name", line)
        name = name.strip()
        if any(t.name == name for t in themes):
            raise fail(f"theme {name!r} is defined twice", line)
        keywords = entry.get("keywords", [name])
        if not isinstance(keywords, list) or not all(
            isinstance(k, str) and k.strip() for k in keywords
        ):
            raise fail(f"keywords of {name!r} must be a list of non-empty strings", line)
        minimum = _min_count(entry.get("min_count", default_min))
        if minimum is None:
            raise fail(f"min_count of {name!r} must be a positive integer", line)
        unique = tuple(dict.fromkeys(str(k).strip() for k in keywords)) or (name,)
        themes.append(CuratedTheme(name, unique, minimum))
    return CuratedThemes("replace" if mode == "replace" else "add", tuple(themes))


def _min_count(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value


# Extraction ----------------------------------------------------------------------------------


def extract_themes(
    docs: Sequence[ThemeDoc],
    words: Sequence[list[str]],
    *,
    curated: CuratedThemes | None = None,
    max_themes: int = 30,
) -> list[Theme]:
    """Find the corpus's themes.

    Args:
        docs: The articles.
        words: For each article, jieba's accurate-mode words of its title, a newline, its byline,
            a newline and its body (the title is the words before the first newline).
        curated: Themes from a `themes.toml`, added to the automatic ones or replacing them.
        max_themes: How many automatic themes to keep at most.

    Returns:
        Curated themes first (file order), then automatic themes, most prominent first. Each has
        its article ids sorted by weight (descending, then id). A theme that covers no article,
        or every article, is left out, since it filters nothing.
    """
    if len(docs) != len(words):
        raise ValueError(f"{len(docs)} documents but {len(words)} word lists")
    corpus = _Corpus(docs)
    result: list[Theme] = []
    taken: set[str] = set()
    for chosen in curated.themes if curated else ():
        found = corpus.count(chosen.keywords)
        covered = {i: c for i, c in found.per_doc.items() if c >= chosen.min_count}
        if 0 < len(covered) < len(docs):
            result.append(corpus.theme(chosen.name, chosen.keywords, covered, curated=True))
            taken.update((chosen.name, *chosen.keywords))
    if curated and curated.mode == "replace":
        return result
    for theme in _automatic(corpus, words, max_themes):
        # A curated theme wins over an automatic one about the same phrase.
        if not taken.intersection(theme.keywords):
            result.append(theme)
    return result


@dataclass(frozen=True)
class _Count:
    """The mentions of a group of keywords in the corpus."""

    per_doc: dict[int, int]
    """Article index → weighted mentions (title mentions count TITLE_BONUS)."""
    totals: dict[str, int]
    """Keyword → plain mentions, including those inside a longer keyword."""
    body: dict[int, int]
    """Article index → mentions in the body alone."""


class _Corpus:
    """The articles as one string, for fast substring counting of a theme's keywords."""

    def __init__(self, docs: Sequence[ThemeDoc]) -> None:
        self.docs = docs
        parts: list[str] = []
        self.starts: list[int] = []
        self.title_ends: list[int] = []
        offset = 0
        for doc in docs:
            self.starts.append(offset)
            self.title_ends.append(offset + len(doc.title))
            # NUL never occurs in text, so no keyword match can straddle two articles.
            part = f"{doc.title}\x00{doc.text}\x00"
            parts.append(part)
            offset += len(part)
        self.text = "".join(parts)
        self.lengths = [len(d.title) + len(d.text) for d in docs]
        self.needs = [max(1.0, math.sqrt(n / DEVELOPED_SCALE)) for n in self.lengths]

    def count(self, keywords: Iterable[str]) -> _Count:
        """Mentions of any of `keywords` (overlapping mentions count once)."""
        # Only keywords that contain no other keyword can start a mention: search for those.
        ordered = sorted(set(keywords), key=lambda k: (len(k), k))
        minimal: list[str] = []
        for keyword in ordered:
            if not any(m in keyword for m in minimal):
                minimal.append(keyword)
        spans = sorted(
            (m.start(), -m.end()) for k in minimal for m in re.finditer(re.escape(k), self.text)
        )
        per_doc: dict[int, int] = defaultdict(int)
        body: dict[int, int] = defaultdict(int)
        starts, title_ends = self.starts, self.title_ends
        reached = -1
        for start, negative_end in spans:
            if start < reached:
                continue
            reached = -negative_end
            i = bisect.bisect_right(starts, start) - 1
            if start < title_ends[i]:
                per_doc[i] += TITLE_BONUS
            else:
                per_doc[i] += 1
                body[i] += 1
        totals = dict.fromkeys(ordered, 0)
        for i in per_doc:
            doc = self.docs[i]
            for keyword in ordered:
                totals[keyword] += doc.title.count(keyword) + doc.text.count(keyword)
        return _Count(dict(per_doc), totals, dict(body))

    def widen(self, name: str, ids: Sequence[str]) -> str:
        """`name` grown by the characters that (nearly) always surround it in these articles.

        Discovery stops at four words, and jieba sometimes cuts a word's head off, so a name can
        be a fragment (区域人员流动量 of 跨区域人员流动量): a neighbour found at 90 % of the
        mentions belongs to it.
        """
        wanted = set(ids)
        texts = [t for d in self.docs if d.id in wanted for t in (d.title, d.text)]
        grown = name
        while len(grown) <= _LONGEST_NAME:
            before: Counter[str] = Counter()
            after: Counter[str] = Counter()
            for text in texts:
                at = text.find(grown)
                while at != -1:
                    before[text[at - 1 : at]] += 1
                    after[text[at + len(grown) : at + len(grown) + 1]] += 1
                    at = text.find(grown, at + len(grown))
            total = sum(before.values())
            if total < 2:
                return grown
            wider = grown
            for neighbours, side in ((before, -1), (after, 1)):
                char, n = max(neighbours.items(), key=lambda item: (item[1], item[0]))
                if n >= _WIDEN * total and _HAN.match(char):
                    wider = char + wider if side < 0 else wider + char
            if wider == grown:
                return grown
            grown = wider
        # Too long to read in the sidebar once whole (中国特色社会主义民主政治): keep the fragment.
        return name

    def theme(
        self, name: str, keywords: Sequence[str], covered: dict[int, int], *, curated: bool
    ) -> Theme:
        """A Theme over the `covered` articles (index → mentions), sorted by weight, then id."""
        weighted = sorted(
            ((round(c / self.needs[i], 3), self.docs[i].id) for i, c in covered.items()),
            key=lambda pair: (-pair[0], pair[1]),
        )
        return Theme(
            name=name,
            keywords=tuple(keywords),
            ids=tuple(ident for _, ident in weighted),
            weights=tuple(weight for weight, _ in weighted),
            curated=curated,
        )


@dataclass(frozen=True)
class _Candidate:
    """A phrase (as jieba words) and the sampled articles that repeat it."""

    gram: Gram
    text: str
    docs: list[int]
    salience: float


def _automatic(corpus: _Corpus, words: Sequence[list[str]], max_themes: int) -> list[Theme]:
    """The automatic themes, most prominent first (steps 1–4 of the module docstring)."""
    n_docs = len(corpus.docs)
    min_docs = max(2, math.ceil(_MIN_SHARE * n_docs))
    if n_docs <= min_docs or max_themes < 1:
        return []
    lexicon = _lexicon()
    sample = _sample(corpus.lengths)
    share = len(sample) / n_docs
    candidates = _candidates(
        words, sample, corpus.needs, lexicon, max(1, int(min_docs * share / 2))
    )
    ranked: list[tuple[float, str, _Candidate]] = []
    for c in candidates:
        specific = _specificity(c.gram, lexicon)
        score = _score(specific, c.gram, c.salience, len(c.docs), len(c.docs), len(sample))
        if score > 0:
            ranked.append((score, c.text, c))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    pool = max_themes * _POOL
    groups = _merge([c for _, _, c in ranked[: pool * 4]], pool)
    grams = {c.text: c.gram for group in groups for c in group}
    assessed = []
    for group in groups:
        found = _assess(corpus, [c.text for c in group], grams, lexicon, min_docs)
        if found:
            assessed.append(found)
    assessed.sort(key=lambda item: (-item[0], item[2].name))
    # Themes that still repeat a better one after exact counting (联络站 / 代表联络站 found in
    # different sampled articles) are folded into it, and the union is counted again.
    kept: list[tuple[list[str], Theme]] = []
    for _, variants, theme in assessed:
        for k, (better_variants, better) in enumerate(kept):
            if _duplicate(theme, better):
                union = better_variants + [v for v in variants if v not in better_variants]
                again = _assess(corpus, union, grams, lexicon, min_docs)
                if again:
                    kept[k] = (union, again[2])
                break
        else:
            kept.append((variants, theme))
    final: list[Theme] = []
    for _, theme in kept[:max_themes]:
        name = corpus.widen(theme.name, theme.ids)
        if name != theme.name:
            theme = replace(theme, name=name, keywords=(name, *theme.keywords))
        # Names are keys (the store's themes table): a widened name met again is a repeat.
        if all(theme.name not in t.keywords and t.name not in theme.keywords for t in final):
            final.append(theme)
    return final


def _assess(
    corpus: _Corpus,
    variants: list[str],
    grams: dict[str, Gram],
    lexicon: _Lexicon,
    min_docs: int,
) -> tuple[float, list[str], Theme] | None:
    """Count a group of variants exactly; its score and theme, or None if it filters nothing."""
    found = corpus.count(variants)
    covered = {i: c for i, c in found.per_doc.items() if c >= corpus.needs[i]}
    if not min_docs <= len(covered) < len(corpus.docs):
        return None
    keywords = _keywords(found.totals)
    # Ranking weighs what the bodies develop: a headline formula repeated in titles
    # (举行仪式欢迎 …) covers articles without being their subject.
    salience = sum(1 + math.log(max(found.body.get(i, 0), 1) / corpus.needs[i]) for i in covered)
    specific = max(_specificity(grams[v], lexicon) for v in variants)
    mentioned = len(found.per_doc)
    score = _score(
        specific, grams[keywords[0]], salience, len(covered), mentioned, len(corpus.docs)
    )
    return score, variants, corpus.theme(keywords[0], keywords, covered, curated=False)


def _duplicate(theme: Theme, better: Theme) -> bool:
    """Whether `theme` repeats `better`: names sharing most characters, mostly the same articles."""
    a, b = theme.name, better.name
    if a in better.keywords or b in theme.keywords:
        return True
    if _common(a, b) < _HEAD_SHARE * min(len(a), len(b)):
        return False
    shared = len(set(theme.ids) & set(better.ids))
    return shared >= _MERGE_OVERLAP * min(len(theme.ids), len(better.ids))


def _sample(lengths: Sequence[int]) -> list[int]:
    """Every k-th article, k chosen so that about DISCOVERY_CHARS characters are read."""
    step = max(1, math.ceil(sum(lengths) / DISCOVERY_CHARS))
    return list(range(0, len(lengths), step))


def _candidates(
    words: Sequence[list[str]],
    sample: Sequence[int],
    needs: Sequence[float],
    lexicon: _Lexicon,
    min_docs: int,
) -> list[_Candidate]:
    """Phrases that at least `min_docs` sampled articles (not all) repeat, fragments left out.

    Args:
        words: jieba words per article; the title is the words before the first newline.
        sample: The articles to read.
        needs: Per article, the weighted mentions a phrase needs to count as developed there.
        lexicon: jieba's IDF table and tags (single words need a high IDF, a noun's tag).
        min_docs: The fewest sampled articles a candidate must be repeated in.

    Returns:
        The candidates, in no particular order.
    """
    vocabulary: Counter[str] = Counter()
    for index in sample:
        vocabulary.update(set(words[index]))
    # Classify each distinct word once: None breaks phrases, anything else may be in one.
    kept = {w: (w if _HAN.match(w) and w not in _FUNCTION_WORDS else None) for w in vocabulary}
    single = {w for w, df in vocabulary.items() if _single_word(w, df / len(sample), lexicon)}
    # Words that may begin a phrase: not generic, not a verb, adverb, preposition …
    tags = lexicon.tags
    starts = {
        w
        for w in vocabulary
        if w not in _GENERIC_WORDS and w not in _JOINERS and tags.get(w) not in _NOT_FIRST
    }
    # A single character starts a phrase only before a joiner (党/的/领导, not 委/通报/最新/疫情,
    # a word's tail); generic verbs (全方位/推进) and joiners never end one.
    generic_verbs = {w for w in _GENERIC_WORDS if tags.get(w) in _NOT_FIRST}
    postings: dict[Gram, list[int]] = defaultdict(list)
    salience: dict[Gram, float] = defaultdict(float)
    log = math.log
    for index in sample:
        doc_words = words[index]
        # Discovery needs a repeated phrase, even where one mention would cover a short article:
        # it keeps the token stream sparse, and the exact count later finds the short articles.
        need = max(2.0, needs[index])
        seq = [kept[w] for w in doc_words]
        cut = doc_words.index("\n") if "\n" in doc_words else 0
        seq = [*seq[:cut], None] * (TITLE_BONUS - 1) + seq
        # A phrase said k times is made of words said k times: blank the others out first.
        often = {w for w, c in Counter(seq).items() if c >= need and w is not None}
        if not often:
            continue
        seq = [w if w in often else None for w in seq]
        for n in range(1, MAX_NGRAM + 1):
            found = False
            for gram, count in Counter(zip(*(seq[k:] for k in range(n)), strict=False)).items():
                if count < need or None in gram:
                    continue
                found = True
                if n == 1:
                    if gram[0] not in single:
                        continue
                elif (
                    gram[0] not in starts
                    or (len(gram[0]) == 1 and gram[1] not in _JOINERS)
                    or gram[-1] in _JOINERS
                    or gram[-1] in generic_verbs
                ):
                    continue
                postings[gram].append(index)
                salience[gram] += 1 + log(count / need)
            if not found:
                break
    candidates = {
        gram: _Candidate(gram, "".join(gram), docs, salience[gram])
        for gram, docs in postings.items()
        if min_docs <= len(docs) < len(sample)
    }
    # Drop fragments: 全过程/人民 when it is (almost) always part of 全过程/人民/民主.
    longest: dict[Gram, float] = defaultdict(float)
    for gram, cand in candidates.items():
        if len(gram) > 1:
            for part in (gram[:-1], gram[1:]):
                longest[part] = max(longest[part], cand.salience)
    return [c for g, c in candidates.items() if longest.get(g, 0.0) < _FRAGMENT * c.salience]


def _single_word(word: str, share: float, lexicon: _Lexicon) -> bool:
    """Whether one jieba word may be a theme on its own."""
    if len(word) < 2 or word in _GENERIC_WORDS or share > _MAX_SHARE:
        return False
    if lexicon.tags.get(word) in _NOT_ALONE:
        return False
    value = lexicon.idf.get(word)
    return len(word) >= _NEW_WORD_CHARS if value is None else value >= _MIN_WORD_IDF


@dataclass(frozen=True)
class _Lexicon:
    """What jieba knows of words in general Chinese: IDF and part of speech."""

    idf: dict[str, float]
    median: float
    """The IDF given to a word the table lacks (jieba's own choice)."""
    tags: dict[str, str]
    """Part of speech, kept only for words that cannot start a phrase or stand alone, and for
    personal names."""


@cache
def _lexicon() -> _Lexicon:
    """jieba's IDF table and the part-of-speech tags of its dictionary, read once (build time).

    Both files ship inside the jieba package (`analyse/idf.txt`, `dict.txt`); they are located
    without importing jieba, whose only loader is `reader.text.segment`.
    """
    spec = importlib.util.find_spec("jieba")
    idf: dict[str, float] = {}
    tags: dict[str, str] = {}
    if spec is not None and spec.origin is not None:
        package = Path(spec.origin).parent
        text = (package / "analyse" / "idf.txt").read_text(encoding="utf-8")
        idf = {word: float(value) for word, value in _IDF_LINE.findall(text)}
        text = (package / "dict.txt").read_text(encoding="utf-8")
        tags = dict(_TAG_LINE.findall(text))
    values = sorted(idf.values())
    # jieba gives unknown words the median IDF; so do we.
    return _Lexicon(idf, values[len(values) // 2] if values else _UNKNOWN_IDF, tags)


def _specificity(gram: Gram, lexicon: _Lexicon) -> float:
    """How specific a phrase is in general Chinese, 0 (generic) to 1.

    A compound is rarer than its rarest word: half the IDF of the next rarest is added.
    """
    values = sorted(
        (
            lexicon.idf.get(w, lexicon.median) * (0.5 if lexicon.tags.get(w) in _PERSON else 1.0)
            for w in gram
            if w not in _GENERIC_WORDS and w not in _JOINERS and w not in _FUNCTION_WORDS
        ),
        reverse=True,
    )
    if not values:
        return 0.0
    value = values[0] + (values[1] / 2 if len(values) > 1 else 0.0)
    return (min(value, _IDF_CAP) / _IDF_CAP) ** 2


def _score(
    specific: float, gram: Gram, salience: float, covered: int, mentioned: int, n_docs: int
) -> float:
    """A theme's prominence.

    Args:
        specific: Its specificity in general Chinese (0–1).
        gram: Its words (compounds and longer names read better than single short words).
        salience: How strongly the covered articles develop it (summed over them).
        covered: How many articles develop it.
        mentioned: How many articles mention it at all.
        n_docs: How many articles there are.

    Returns:
        The score: higher is more prominent.
    """
    chars = sum(map(len, gram))
    shape = (1.0 + 0.15 * min(max(chars - 2, 0), 3)) * (_SINGLE_WORD if len(gram) == 1 else 1.0)
    focus = covered / mentioned
    rarity = math.log((n_docs + 1) / (mentioned + 0.5))
    return specific * shape * focus * (salience / math.sqrt(covered)) * rarity


def _merge(ranked: list[_Candidate], limit: int) -> list[list[_Candidate]]:
    """Group near-duplicates under the best-ranked one, making at most `limit` groups.

    A candidate joins a group when it contains, or is contained in, one of the group's phrases,
    shares most of its articles, and shares most of its characters with the group's head (so
    统揽 does not join 习近平总书记 through 总书记重要讲话统揽).
    """
    groups: list[list[_Candidate]] = []
    for cand in ranked:
        text = cand.text
        mine = set(cand.docs)
        for group in groups:
            head = group[0].text
            if _common(text, head) < _HEAD_SHARE * min(len(text), len(head)):
                continue
            if any(
                (text in other.text or other.text in text)
                and len(mine & set(other.docs)) >= _MERGE_OVERLAP * min(len(mine), len(other.docs))
                for other in group
            ):
                group.append(cand)
                break
        else:
            if len(groups) < limit:
                groups.append([cand])
    return groups


def _common(a: str, b: str) -> int:
    """Length of the longest common substring (the strings are short phrases)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best


def _keywords(totals: dict[str, int]) -> tuple[str, ...]:
    """A group's keywords: its name first, then its variants, most frequent first.

    The name is the longest variant said at least half as often as the most frequent one. Every
    minimal variant (containing no other) is listed, since those are what find mentions; the
    others only when said at least twice and a tenth as often as the most frequent.
    """
    top = max(totals.values())
    name = max(
        (v for v, n in totals.items() if n * 2 >= top),
        key=lambda v: (len(v) <= _LONGEST_NAME, len(v), totals[v], v),
    )
    listed = [
        v
        for v, n in totals.items()
        if v != name and (not any(u != v and u in v for u in totals) or n >= max(2, top / 10))
    ]
    return (name, *sorted(listed, key=lambda v: (-totals[v], v)))
