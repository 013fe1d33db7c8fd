"""Theme extraction: curated themes counted, then automatic ones found in four steps (below).

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

Each step has its module (`discover`, `rank`, `merge`, `corpus` for counting), with its constants.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from reader.model import Theme
from reader.themes.corpus import Corpus, ThemeDoc, minimal_keywords
from reader.themes.curated import CuratedThemes
from reader.themes.discover import Candidate, Gram, find_candidates, sample_articles
from reader.themes.lexicon import Lexicon, load_lexicon
from reader.themes.merge import choose_keywords, duplicate, merge
from reader.themes.rank import prominence, specificity

_MIN_SHARE = 0.002
"""An automatic theme must cover at least this share of the articles (and at least two)."""

_POOL = 2
"""Groups counted exactly, per theme wanted: counting is the costly step at archive scale."""


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
    corpus = Corpus(docs)
    result: list[Theme] = []
    taken: set[str] = set()
    chosen_themes = curated.themes if curated else ()
    corpus.locate(k for chosen in chosen_themes for k in minimal_keywords(chosen.keywords)[1])
    for chosen in chosen_themes:
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


def _automatic(corpus: Corpus, words: Sequence[list[str]], max_themes: int) -> list[Theme]:
    """The automatic themes, most prominent first (steps 1–4 of the module docstring)."""
    n_docs = len(corpus.docs)
    min_docs = max(2, math.ceil(_MIN_SHARE * n_docs))
    if n_docs <= min_docs or max_themes < 1:
        return []
    lexicon = load_lexicon()
    sample = sample_articles(corpus.lengths)
    share = len(sample) / n_docs
    candidates = find_candidates(
        words, sample, corpus.needs, lexicon, max(1, int(min_docs * share / 2))
    )
    ranked: list[tuple[float, str, Candidate]] = []
    for c in candidates:
        specific = specificity(c.gram, lexicon)
        score = prominence(specific, c.gram, c.salience, len(c.docs), len(c.docs), len(sample))
        if score > 0:
            ranked.append((score, c.text, c))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    pool = max_themes * _POOL
    groups = merge([c for _, _, c in ranked[: pool * 4]], pool)
    grams = {c.text: c.gram for group in groups for c in group}
    # Every group is counted in one pass over the corpus (the union of two, later, is too).
    corpus.locate(k for group in groups for k in minimal_keywords(c.text for c in group)[1])
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
            if duplicate(theme, better):
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
    corpus: Corpus,
    variants: list[str],
    grams: dict[str, Gram],
    lexicon: Lexicon,
    min_docs: int,
) -> tuple[float, list[str], Theme] | None:
    """Count a group of variants exactly; its score and theme, or None if it filters nothing."""
    found = corpus.count(variants)
    covered = {i: c for i, c in found.per_doc.items() if c >= corpus.needs[i]}
    if not min_docs <= len(covered) < len(corpus.docs):
        return None
    keywords = choose_keywords(found.totals)
    # Ranking weighs what the bodies develop: a headline formula repeated in titles
    # (举行仪式欢迎 …) covers articles without being their subject.
    salience = sum(1 + math.log(max(found.body.get(i, 0), 1) / corpus.needs[i]) for i in covered)
    specific = max(specificity(grams[v], lexicon) for v in variants)
    mentioned = len(found.per_doc)
    score = prominence(
        specific, grams[keywords[0]], salience, len(covered), mentioned, len(corpus.docs)
    )
    return score, variants, corpus.theme(keywords[0], keywords, covered, curated=False)
