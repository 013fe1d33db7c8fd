"""Building the search index: an FTS5 table of folded characters, jieba words, and a vocabulary.

Every article is folded (`reader.text.normalize.fold`: width, case, whitespace) and handed to
SQLite's FTS5 as one token per character (the folded text with a space between characters).
A query term then becomes a phrase of its characters, and an FTS5 phrase match is exactly a
substring match on the folded text: retrieval is complete for terms of any length, one
character included, and no hit depends on how jieba cut the sentence. The tokenizer is FTS5's
`ascii` told that every ASCII character but the space is part of a token (it takes every other
character as one already), which keeps each folded character as its own token unchanged (a test
checks all of Unicode); it does what `unicode61` told the same does, 15 % faster.

Columns: `t` the folded title (again, so that title hits weigh more in BM25), `b` the folded
title, byline and body (what is matched and counted), `w` the article's jieba words of two or
more characters (a whole-word hit scores extra), `p` and `i` the pinyin of `b`: one token per
character for the set of its readings and for the set of their initials
(`reader.search.pinyin_columns`). A phrase of single characters can only match in `t` and
`b`, a whole word only in `w`, a phrase of pinyin tokens only in `p` or `i`, so queries need
no column filter. `search_readings` keeps the readings of the corpus's characters and their
tokens, which queries read instead of loading pypinyin. The table is contentless and keeps no
column sizes (looking them up per row is what made ranking slow);
`search_text` keeps each folded text (plain UTF-16, as every query reads some 40 of them) for
exact counts and BM25 of the results considered, plus what folding changed (deflated), from
which the original text is restored for snippets.
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from sqlite3 import Connection

from reader.search.pinyin_columns import GAP, codes, expand, pinyin_codes
from reader.text.normalize import fold, fold_with_diff, unfold, variant_pattern

_TOKEN_ASCII = "".join(chr(c) for c in range(1, 128) if not chr(c).isalnum() and chr(c) != " ")
TOKENIZER = "ascii tokenchars '" + _TOKEN_ASCII.replace("'", "''").replace('"', '""') + "'"
"""FTS5 tokenizer: every character but the space is a token character (`ascii` treats all
non-ASCII ones so, and folds nothing but A–Z, which folding has lowered already), so the space
is the only boundary and each folded character stays as it is."""

HASH_BYTES = 64 * 1024 * 1024
"""FTS5's buffer of pending index entries while building (see `Indexer`)."""
MAX_WORD = 32
"""Longer jieba 'words' (URLs, long numbers) are left out of the word column."""
MAX_SUGGESTED = 16
"""Longer words are kept for ranking but not suggested."""

SCHEMA = (
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        t, b, w, p, i, tokenize="{TOKENIZER}", content='', columnsize=0)""",
    """CREATE TABLE IF NOT EXISTS search_chars(
        ch TEXT PRIMARY KEY,
        df INTEGER NOT NULL) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS search_docs(
        docno INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        title_length INTEGER NOT NULL,
        length INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS search_text(
        docno INTEGER PRIMARY KEY,
        folded BLOB NOT NULL,
        diff BLOB NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS search_vocab(
        rank INTEGER PRIMARY KEY,
        word TEXT NOT NULL UNIQUE,
        display TEXT NOT NULL,
        df INTEGER NOT NULL,
        suggest INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS search_readings(
        ch TEXT PRIMARY KEY,
        readings TEXT NOT NULL,
        token TEXT NOT NULL) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS search_info(
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",
)


@dataclass(frozen=True)
class SearchDoc:
    """What the index needs of an article. `body` is the paragraphs joined by newlines."""

    id: str
    title: str
    byline: str
    body: str

    @property
    def text(self) -> str:
        """The searchable text: title, byline and body, one per line."""
        return f"{self.title}\n{self.byline}\n{self.body}"


def create_schema(conn: Connection) -> None:
    """Create the search tables (idempotent).

    Args:
        conn: The corpus database.
    """
    for statement in SCHEMA:
        conn.execute(statement)


def _le_bytes(values: list[int]) -> bytes:
    packed = array("I", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _pack_folded(folded: str) -> bytes:
    # Stored as plain UTF-16: every query opens some 40 of these, and inflating each took longer
    # than the rest of its scoring (deflating saved only a quarter of the size).
    return folded.encode("utf-16-le", "surrogatepass")


def _pack_diff(gaps: list[int], chars: str) -> bytes:
    diff = _le_bytes([len(gaps)]) + _le_bytes(gaps) + chars.encode("utf-8", "surrogatepass")
    return zlib.compress(diff, 1)


def unpack_folded(blob: bytes) -> str:
    """The folded text from its `search_text` blob.

    Args:
        blob: The `folded` blob.

    Returns:
        The folded text.
    """
    return blob.decode("utf-16-le", "surrogatepass")


def unpack_original(folded: str, blob: bytes) -> str:
    """The original text, restored from the folded text and the `diff` blob.

    Args:
        folded: The folded text.
        blob: The `diff` blob.

    Returns:
        The original text.
    """
    data = zlib.decompress(blob)
    end = 4 + 4 * int.from_bytes(data[:4], "little")
    gaps = array("I")
    gaps.frombytes(data[4:end])
    if sys.byteorder == "big":
        gaps.byteswap()
    return unfold(folded, gaps.tolist(), data[end:].decode("utf-8", "surrogatepass"))


class _WordKeys(dict[str, str]):
    """jieba word → its key in the word column ('' when too short or too long to be useful).

    `variants` collects the words met whose spelling other words may share once folded
    (`CCTV`, `cctv`): only those need counting to choose how a key is shown.
    """

    def __init__(self) -> None:
        super().__init__()
        self.variants: set[str] = set()

    def __missing__(self, word: str) -> str:
        key = fold(word)
        if not 2 <= len(key) <= MAX_WORD:
            key = ""
        elif variant_pattern().search(word):
            self.variants.add(word)
        self[word] = key
        return key


@cache
def _word_keys() -> _WordKeys:
    """This process's word keys (a pure function of the word, remembered across articles)."""
    return _WordKeys()


@dataclass(frozen=True)
class PreparedDoc:
    """An article made ready for the index (see `prepare`): plain values, cheap to pickle, so
    that worker processes can prepare while the one writing the database only inserts."""

    id: str
    title: str
    folded_title: str
    folded: str
    word_column: str
    diff_blob: bytes
    pinyin: str
    """The pinyin columns' tokens run together (`reader.search.pinyin_columns.pinyin_codes`)."""
    spellings: tuple[str, ...]
    """The article's distinct words that share a folded key with other spellings (sorted)."""


def prepare(doc: SearchDoc, words: Sequence[str]) -> PreparedDoc:
    """Fold and pack one article for `Indexer.add` (pure: safe to run in any process).

    Args:
        doc: The article.
        words: jieba's accurate-mode segmentation of `doc.text`.

    Returns:
        The prepared article.
    """
    norm, gaps, chars = fold_with_diff(doc.text)
    keys = _word_keys()
    return PreparedDoc(
        id=doc.id,
        title=doc.title,
        folded_title=fold(doc.title),
        folded=norm,
        word_column=" ".join(map(keys.__getitem__, words)),
        diff_blob=_pack_diff(gaps, chars),
        pinyin=pinyin_codes(norm),
        spellings=tuple(sorted(keys.variants.intersection(words))),
    )


def _spaced(text: str) -> str:
    """`" ".join(text)` without making a string per character (several times faster)."""
    return text.replace("", " ")[1:-1]


class Indexer:
    """Adds prepared articles to the index as they come, then writes the vocabulary and figures.

    `index_articles(conn, docs, words)` is `Indexer(conn)`, `add` of each article `prepare`d,
    then `finish()`; splitting the work only lets the preparing run elsewhere.
    """

    def __init__(self, conn: Connection) -> None:
        """Start adding to the index of `conn` (its `create_schema` already applied).

        Args:
            conn: The corpus database.
        """
        self._conn = conn
        self._next = conn.execute("SELECT coalesce(max(docno) + 1, 0) FROM search_docs").fetchone()[
            0
        ]
        self._spellings: Counter[str] = Counter()
        self._longest = 0
        # FTS5 writes its pending terms out as a new segment whenever they pass 1 MB by default,
        # then merges segments again and again; a larger buffer makes one segment of most
        # corpora (the archive: 2.7 CPU-s instead of 4.5). Older SQLite lacks the option.
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute(
                "INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', ?)", (HASH_BYTES,)
            )

    def add(self, docs: Sequence[PreparedDoc]) -> None:
        """Insert prepared articles, numbered after those already added.

        Args:
            docs: The articles, in order; ids must be new to the index.

        Raises:
            sqlite3.IntegrityError: When an id is already indexed.
        """
        base = self._next
        self._next += len(docs)
        for doc in docs:
            self._longest = max(self._longest, len(doc.folded))
            self._spellings.update(doc.spellings)
        conn = self._conn
        conn.executemany(
            "INSERT INTO search_docs VALUES (?, ?, ?, ?, ?)",
            [
                (n, d.id, d.title, len(d.folded_title), len(d.folded))
                for n, d in enumerate(docs, start=base)
            ],
        )
        conn.executemany(
            "INSERT INTO search_fts(rowid, t, b, w, p, i) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (n, _spaced(d.folded_title), _spaced(d.folded), d.word_column, *expand(d.pinyin))
                for n, d in enumerate(docs, start=base)
            ],
        )
        conn.executemany(
            "INSERT INTO search_text VALUES (?, ?, ?)",
            [(n, _pack_folded(d.folded), d.diff_blob) for n, d in enumerate(docs, start=base)],
        )

    def finish(self) -> None:
        """Write the vocabulary, the character counts and the index's figures.

        Both counts come from FTS5, which has counted every token of each column already: the
        document count of a word key in the word column is its document frequency, and that of
        a character in the body column the character's (a test checks every character is its
        own token, unchanged).
        """
        conn = self._conn
        conn.execute(
            "CREATE VIRTUAL TABLE temp.search_fts_columns USING fts5vocab(main, search_fts, col)"
        )
        # Read the whole index once (each query of fts5vocab reads all of it, whatever the WHERE).
        conn.execute(
            "CREATE TEMP TABLE search_counts AS SELECT term, col, doc FROM temp.search_fts_columns"
        )
        conn.execute("DROP TABLE temp.search_fts_columns")
        _write_vocabulary(conn, self._spellings)
        conn.execute("DELETE FROM search_chars")
        conn.execute("INSERT INTO search_chars SELECT term, doc FROM search_counts WHERE col = 'b'")
        # The pinyin tokens' counts too, for the idf of pinyin terms (no character is one).
        conn.execute(
            "INSERT INTO search_chars SELECT term, doc FROM search_counts "
            "WHERE col IN ('p', 'i') AND term NOT IN (?, ?)",
            (GAP, GAP[:2]),
        )
        _write_readings(conn)
        conn.execute("DROP TABLE search_counts")
        longest = max(self._longest, longest_text(conn))
        average = conn.execute("SELECT avg(length) FROM search_docs").fetchone()[0] or 0.0
        conn.executemany(
            "INSERT OR REPLACE INTO search_info VALUES (?, ?)",
            [("longest", str(longest)), ("average", str(average)), ("token", secrets.token_hex(8))],
        )


def index_articles(conn: Connection, docs: Sequence[SearchDoc], words: Sequence[list[str]]) -> None:
    """Index articles: call once with the whole corpus (later calls add to the index).

    Args:
        conn: The corpus database, with `create_schema` already applied.
        docs: The articles; ids must be new to the index.
        words: For each article, jieba's accurate-mode segmentation of `doc.text`.

    Raises:
        ValueError: When `docs` and `words` differ in length.
        sqlite3.IntegrityError: When an id is already indexed.
    """
    if len(docs) != len(words):
        raise ValueError(f"{len(docs)} documents but {len(words)} word lists")
    indexer = Indexer(conn)
    indexer.add([prepare(doc, doc_words) for doc, doc_words in zip(docs, words, strict=True)])
    indexer.finish()


def _write_vocabulary(conn: Connection, spellings: Counter[str]) -> None:
    """Rebuild the suggestion vocabulary (multi-character word keys), most documents first.

    Each key is shown as the spelling found in most articles (CCTV, not the cctv of a URL; on
    a tie the one that sorts first, so capitals and half-width forms); keys without variant
    spellings are shown as they are. Spellings chosen by an earlier indexing call are kept.
    """
    shown = dict(conn.execute("SELECT word, display FROM search_vocab WHERE display != word"))
    best: dict[str, tuple[int, str]] = {}
    for word, n in spellings.items():
        key = fold(word)
        if key not in best or (-n, word) < (-best[key][0], best[key][1]):
            best[key] = (n, word)
    shown = {key: word for key, (_, word) in best.items() if word != key} | shown
    conn.execute("DELETE FROM search_vocab")
    conn.create_function("yuedu_suggestible", 1, _suggestible, deterministic=True)
    conn.execute(
        "INSERT INTO search_vocab(rank, word, display, df, suggest) "
        "SELECT row_number() OVER (ORDER BY doc DESC, term) - 1, term, term, doc, "
        "yuedu_suggestible(term) FROM search_counts WHERE col = 'w'"
    )
    conn.executemany(
        "UPDATE search_vocab SET display = ? WHERE word = ?",
        [(word, key) for key, word in shown.items()],
    )


def _write_readings(conn: Connection) -> None:
    """Keep the readings of the corpus's characters (those in the body column's vocabulary)
    and their tokens."""
    from reader.text.pinyin import char_readings

    table = char_readings()
    known = codes()
    chars = [ch for (ch,) in conn.execute("SELECT term FROM search_counts WHERE col = 'b'")]
    conn.execute("DELETE FROM search_readings")
    conn.executemany(
        "INSERT INTO search_readings VALUES (?, ?, ?)",
        [(ch, ",".join(table[ch]), known[table[ch]]) for ch in chars if ch in table],
    )


def _suggestible(word: str) -> bool:
    """Words worth suggesting: up to 16 characters with a letter (no numbers, no URL debris)."""
    return len(word) <= MAX_SUGGESTED and any(ch.isalpha() for ch in word)


def info(conn: Connection) -> dict[str, str]:
    """The index's figures: `longest` and `average` folded length, and a `token` that changes
    with every indexing call.

    Args:
        conn: The corpus database.

    Returns:
        Key to value (empty for an empty index).
    """
    return dict(conn.execute("SELECT key, value FROM search_info"))


def longest_text(conn: Connection) -> int:
    """The longest folded article in the index (no term longer than this can match).

    Args:
        conn: The corpus database.

    Returns:
        Its length in folded characters (0 for an empty index).
    """
    row = conn.execute("SELECT value FROM search_info WHERE key = 'longest'").fetchone()
    return int(row[0]) if row else 0
