"""Answering queries: exact matching set and counts, BM25 ranking, snippets, suggestions.

Each term is compiled for the corpus (`reader.search.matching`): its forms in both scripts and
its pinyin. The FTS5 phrase match on character tokens gives exactly the articles whose folded
text contains every term in some form, and on pinyin tokens those whose characters read as the
term (see `reader.search.index`); the total is an exact `count(*)` of the same match. A term
the index finds only roughly is checked on the text of every candidate.
Ranking has two stages. FTS5 orders all matches by a cheap BM25 (no length normalisation: title
hits weigh 3, whole-word hits 1, body hits 1) and keeps a shortlist; the shortlist is then
opened and scored exactly in Python: that cheap score plus BM25 over the exact occurrence counts
of each term with length normalisation (k1 1.2, b 0.75). Only the results returned are cut into
snippets. Query text is never spliced into SQL, and into the FTS5 expression only as
double-quoted phrases of its own characters.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from sqlite3 import Connection

from reader.model import Hit, MatchedBy, Snippet
from reader.search.index import info, unpack_folded, unpack_original
from reader.search.matching import Highlighter, Term, compile_terms, original_spans
from reader.search.snippets import make_snippets
from reader.search.terms import parse_query
from reader.text.normalize import FoldMap, fold

TITLE_WEIGHT = 3.0
"""Weight of a title hit in the index's cheap score (a body hit weighs 1)."""
WORD_WEIGHT = 1.0
"""Weight of the term as a whole jieba word in the index's cheap score."""
K1 = 1.2
B = 0.75
SHORTLIST = 40
PINYIN_SHORTLIST = 4
"""How many times longer the shortlist of a query with pinyin terms is (ranked exactly)."""
"""At least this many of the index's best are scored exactly (more when `limit` is higher)."""
MAX_FTS_TERMS = 16
"""Terms beyond this many (the shortest) are checked on the text rather than by FTS5."""
SUGGEST_SCAN = 30_000
"""Words containing (not starting with) the prefix are looked for among this many top words."""

# bm25() can be NaN (NULL to Python) on degenerate tiny corpora; such a row scores 0.
_RANK = f"coalesce(bm25(search_fts, {TITLE_WEIGHT}, 1.0, {WORD_WEIGHT}), 0.0)"


@dataclass(frozen=True)
class SearchResults:
    """The results shown (best first), how many articles match in all, and the folded terms.

    `total` is exact; it is None only when not asked for (`with_total=False`) and not known
    without counting.
    """

    hits: tuple[Hit, ...]
    total: int | None
    terms: tuple[str, ...]


@dataclass(frozen=True)
class _Candidate:
    docno: int
    score: float
    counts: tuple[tuple[int, int], ...]
    """Per term, its hits as text and by pinyin."""
    folded: str


def _storable(text: str) -> bool:
    """Whether `text` can be in the index at all (lone surrogates cannot be stored)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json(values: Sequence[object]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _known_words(conn: Connection, terms: Sequence[Term]) -> set[str]:
    """The terms' forms that are jieba words somewhere in the corpus."""
    rows = conn.execute(
        "SELECT word FROM search_vocab WHERE word IN (SELECT value FROM json_each(?))",
        (_json([form for term in terms for form in term.forms]),),
    )
    return {row[0] for row in rows}


def _docnos(conn: Connection, ids: Collection[str]) -> set[int]:
    rows = conn.execute(
        "SELECT docno FROM search_docs WHERE id IN (SELECT value FROM json_each(?))",
        (_json([str(i) for i in ids]),),
    )
    return {row[0] for row in rows}


def highlighter(conn: Connection, query: str) -> Highlighter:
    """Where a query's terms occur in any text, found the way `search` finds them.

    Args:
        conn: The corpus database (its readings, for pinyin).
        query: The query as typed.

    Returns:
        The highlighter (it finds nothing when the query cannot match).

    Raises:
        reader.text.script.ScriptError: OpenCC, for a term in Chinese, cannot be loaded.
    """
    texts = parse_query(query)
    if not texts or not all(map(_storable, texts)):
        return Highlighter()
    return Highlighter(tuple(compile_terms(conn, texts, info(conn).get("token", ""))))


def run_search(
    conn: Connection,
    query: str,
    *,
    limit: int = 20,
    ids: Collection[str] | None = None,
    snippets: int = 3,
    with_total: bool = True,
) -> SearchResults:
    """Search, returning the exact total number of matching articles too.

    Args:
        conn: The corpus database.
        query: Terms separated by spaces; an article matches when it contains all of them.
        limit: The most results to return; 0 returns all.
        ids: Only consider these article ids (a theme filter), or None for all.
        snippets: The most snippets per result (0 for none, which is faster).
        with_total: Count all matches (an extra pass over the index for common terms).

    Returns:
        The results, best first, and the exact total.
    """
    texts = parse_query(query)
    figures = info(conn)
    if not texts or not all(map(_storable, texts)) or (ids is not None and not ids):
        return SearchResults((), 0, tuple(texts))
    terms = compile_terms(conn, texts, figures.get("token", ""))
    if max(term.min_length for term in terms) > int(figures.get("longest", 0)):
        return SearchResults((), 0, tuple(texts))
    # Terms beyond MAX_FTS_TERMS (the shortest) and terms the index finds only roughly (long
    # ones, looked up by a prefix; pinyin with too many combinations) are checked on the text
    # of every candidate: FTS5 phrase matching slows down with thousands of tokens.
    ordered = sorted(terms, key=lambda term: len(term.text), reverse=True)
    fts_terms = ordered[:MAX_FTS_TERMS]
    extra = ordered[MAX_FTS_TERMS:] + [term for term in fts_terms if not term.exact]
    words = _known_words(conn, fts_terms)
    ranked = " AND ".join(term.clause(words) for term in fts_terms)
    # FTS5's BM25 scores each pinyin phrase of a term as a term of its own, so a rare homophone
    # (阵行 for `zhenxing`) outweighs the word meant: such queries are ranked by the exact score
    # alone, over a longer shortlist.
    by_pinyin = any(term.pinyin_phrases for term in terms)
    shortlist = max(SHORTLIST * (PINYIN_SHORTLIST if by_pinyin else 1), 2 * limit)
    shortlist = shortlist if limit > 0 else 0
    if ids is None and not extra and limit > 0:
        rows = conn.execute(
            f"SELECT rowid, {_RANK} AS s FROM search_fts WHERE search_fts MATCH ? "
            "ORDER BY s, rowid LIMIT ?",
            (ranked, shortlist),
        ).fetchall()
        total: int | None = len(rows)
        if total == shortlist:
            total = _count(conn, fts_terms) if with_total else None
    else:
        rows = conn.execute(
            f"SELECT rowid, {_RANK} FROM search_fts WHERE search_fts MATCH ?", (ranked,)
        ).fetchall()
        if ids is not None:
            allowed = _docnos(conn, ids)
            rows = [row for row in rows if row[0] in allowed]
        if extra:
            keep = _containing(conn, [row[0] for row in rows], extra)
            rows = [row for row in rows if row[0] in keep]
        rows.sort(key=lambda row: (row[1], row[0]))
        total = len(rows)
        if shortlist:
            rows = rows[:shortlist]
    # A query of one term, unfiltered and unchecked, has just counted that term's articles.
    counted = total if len(terms) == 1 and ids is None and not extra else None
    best = _rescore(
        conn, rows, terms, figures, index_weight=0.0 if by_pinyin else 1.0, counted=counted
    )
    if limit > 0:
        best = best[:limit]
    return SearchResults(tuple(_hits(conn, best, terms, snippets)), total, tuple(texts))


def _count(conn: Connection, terms: Sequence[Term]) -> int:
    plain = " AND ".join(term.clause() for term in terms)
    row = conn.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (plain,))
    return int(row.fetchone()[0])


def _containing(conn: Connection, docnos: list[int], terms: Sequence[Term]) -> set[int]:
    """The articles among `docnos` whose folded text holds every term."""
    rows = conn.execute(
        "SELECT docno, folded FROM search_text WHERE docno IN (SELECT value FROM json_each(?))",
        (_json(docnos),),
    )
    return {
        docno
        for docno, blob in rows
        if all(term.occurs(folded) for folded in (unpack_folded(blob),) for term in terms)
    }


def _document_frequency(
    conn: Connection, terms: Sequence[Term], documents: int, counted: int | None
) -> list[int]:
    """Per term, the articles that hold it, for idf: for a term read by pinyin, counted by the
    index (summing its many phrases' bounds would put nearly every such term at the corpus's
    size, and its idf near 0) unless `counted` gives the sole term's count already; for others
    an upper bound, the sum over its forms of their rarest character's count."""
    keys = [
        [list(form[:64]) for form in term.forms] + [p.split() for p in term.pinyin_phrases]
        for term in terms
    ]
    wanted = sorted({key for parts in keys for part in parts for key in part})
    df = dict(
        conn.execute(
            "SELECT ch, df FROM search_chars WHERE ch IN (SELECT value FROM json_each(?))",
            (_json(wanted),),
        )
    )
    return [
        (_count(conn, [term]) if counted is None else counted)
        if term.pinyin_phrases
        else min(documents, sum(min(df.get(key, 0) for key in part) for part in parts))
        for term, parts in zip(terms, keys, strict=True)
    ]


def _rescore(
    conn: Connection,
    rows: list[tuple[int, float]],
    terms: list[Term],
    figures: dict[str, str],
    *,
    index_weight: float,
    counted: int | None,
) -> list[_Candidate]:
    """Score the shortlist exactly and sort it, best first; drop any article without a hit.

    The score is the exact BM25 of the terms' counts plus `index_weight` times FTS5's own score
    (which weighs titles and whole words). `counted` is the sole term's number of articles when
    the search has counted it already (else None).
    """
    if not rows:
        return []
    cheap = dict(rows)
    found = conn.execute(
        "SELECT t.docno, t.folded, d.length FROM search_text t "
        "JOIN search_docs d ON d.docno = t.docno "
        "WHERE t.docno IN (SELECT value FROM json_each(?))",
        (_json(list(cheap)),),
    ).fetchall()
    # Articles are numbered from 0 and never removed: the last number gives the count without
    # the table scan count(*) makes.
    documents = conn.execute("SELECT coalesce(max(docno) + 1, 0) FROM search_docs").fetchone()[0]
    average = float(figures.get("average", 1.0)) or 1.0
    idf = [
        math.log(1.0 + (documents - df + 0.5) / (df + 0.5))
        for df in _document_frequency(conn, terms, documents, counted)
    ]
    out = []
    for docno, blob, length in found:
        folded = unpack_folded(blob)
        counts = tuple(term.counts(folded) for term in terms)
        totals = [text + pinyin for text, pinyin in counts]
        if not all(totals):
            # Only when a term was checked on the text (beyond MAX_FTS_TERMS): the index's own
            # matches always hold every term.
            continue
        norm = K1 * (1.0 - B + B * length / average)
        score = -index_weight * cheap[docno] + sum(
            w * n * (K1 + 1.0) / (n + norm) for w, n in zip(idf, totals, strict=True)
        )
        out.append(_Candidate(docno, score, counts, folded))
    out.sort(key=lambda c: (-c.score, c.docno))
    return out


def _matched_by(counts: tuple[tuple[int, int], ...]) -> MatchedBy:
    text = any(n for n, _ in counts)
    pinyin = any(n for _, n in counts)
    return "both" if text and pinyin else "pinyin" if pinyin else "text"


def _hits(conn: Connection, best: list[_Candidate], terms: list[Term], snippets: int) -> list[Hit]:
    """The returned articles as hits: exact counts and snippets."""
    if not best:
        return []
    meta = {
        docno: (doc_id, title, diff)
        for docno, doc_id, title, diff in conn.execute(
            "SELECT d.docno, d.id, d.title, t.diff FROM search_docs d "
            "JOIN search_text t ON t.docno = d.docno "
            "WHERE d.docno IN (SELECT value FROM json_each(?))",
            (_json([c.docno for c in best]),),
        )
    }
    hits = []
    for candidate in best:
        doc_id, title, diff = meta[candidate.docno]
        cut: list[Snippet] = []
        in_title: list[tuple[int, int]] = []
        if snippets > 0:
            text = unpack_original(candidate.folded, diff)
            folded = FoldMap.of(text, candidate.folded)
            body_start = text.find("\n", text.find("\n") + 1) + 1
            cut = make_snippets(
                text, original_spans(folded, terms, 64), limit=snippets, prefer_from=body_start
            )
            # The title alone, as it is shown: a match running on into the byline is not one.
            in_title = original_spans(FoldMap.of(title), terms) if title else []
        hits.append(
            Hit(
                doc_id,
                title,
                sum(text + pinyin for text, pinyin in candidate.counts),
                round(candidate.score, 6),
                tuple(cut),
                tuple(in_title),
                _matched_by(candidate.counts),
            )
        )
    return hits


def search(
    conn: Connection, query: str, *, limit: int = 20, ids: Collection[str] | None = None
) -> list[Hit]:
    """Search the corpus: every article containing all query terms, best first.

    Args:
        conn: The corpus database.
        query: Terms separated by spaces (see `parse_query`).
        limit: The most results; 0 returns all.
        ids: Restrict to these article ids (a theme filter), or None.

    Returns:
        The hits: `hits` is the exact number of non-overlapping occurrences of all terms in the
        folded title, byline and body; snippets and `title_spans` say where the terms are.
    """
    return list(run_search(conn, query, limit=limit, ids=ids, with_total=False).hits)


def count(conn: Connection, query: str, *, ids: Collection[str] | None = None) -> int:
    """The exact number of articles matching a query.

    Args:
        conn: The corpus database.
        query: Terms separated by spaces.
        ids: Restrict to these article ids, or None.

    Returns:
        How many articles contain every term.
    """
    results = run_search(conn, query, limit=1, ids=ids, snippets=0)
    return results.total or 0


def suggest(conn: Connection, prefix: str, *, limit: int = 10) -> list[tuple[str, int]]:
    """Corpus words for what has been typed: words starting with it first, then containing it.

    Suggested words have 2 to 16 characters, at least one a letter; the display form is the
    spelling found in most articles.

    Args:
        conn: The corpus database.
        prefix: What has been typed (folded before matching).
        limit: The most suggestions.

    Returns:
        `(word, document count)` pairs, most frequent first within each group.
    """
    key = fold(prefix)
    if not key or limit <= 0 or not _storable(key):
        return []
    upper = key + "\U0010ffff"
    found: list[tuple[str, int]] = conn.execute(
        "SELECT display, df FROM search_vocab WHERE word >= ? AND word < ? AND suggest "
        "ORDER BY rank LIMIT ?",
        (key, upper, limit),
    ).fetchall()
    if len(found) < limit:
        # Words containing the prefix elsewhere, among the most frequent words only: scanning
        # the whole vocabulary would take longer than a keystroke allows.
        found += conn.execute(
            "SELECT display, df FROM search_vocab WHERE rank < ? AND suggest "
            "AND instr(word, ?) > 1 ORDER BY rank LIMIT ?",
            (SUGGEST_SCAN, key, limit - len(found)),
        ).fetchall()
    return found
