"""Building the search index: an FTS5 table of folded characters, jieba words, and a vocabulary.

Every article is folded (`reader.text.normalize.fold`: width, case, whitespace) and handed to
SQLite's FTS5 as one token per character (the folded text with a space between characters).
A query term then becomes a phrase of its characters, and an FTS5 phrase match is exactly a
substring match on the folded text: retrieval is complete for terms of any length, one
character included, and no hit depends on how jieba cut the sentence. The tokenizer is
`unicode61` told that every category but separators is part of a token, which keeps each
folded character as its own token unchanged (a test checks all of Unicode).

Columns: `t` the folded title (again, so that title hits weigh more in BM25), `b` the folded
title, byline and body (what is matched and counted), `w` the article's jieba words of two or
more characters (a whole-word hit scores extra). A phrase of single characters can only match
in `t` and `b`, and a whole word only in `w`, so queries need no column filter. The table is
contentless and keeps no column sizes (looking them up per row is what made ranking slow);
`search_text` keeps each folded text, deflated, for exact counts and BM25 of the results
considered, plus what folding changed, from which the original text is restored for snippets.
"""

from __future__ import annotations

import secrets
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from sqlite3 import Connection

from reader.text.normalize import fold, fold_diff, unfold

TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S* C*'"
"""FTS5 tokenizer: every character except separators (Z*, all dropped by folding) is a token
character, so a space is the only boundary and each folded character stays as it is."""

MAX_WORD = 32
"""Longer jieba 'words' (URLs, long numbers) are left out of the word column."""
MAX_SUGGESTED = 16
"""Longer words are kept for ranking but not suggested."""

SCHEMA = (
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        t, b, w, tokenize="{TOKENIZER}", content='', columnsize=0)""",
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


def pack_text(folded: str, original: str) -> tuple[bytes, bytes]:
    """Deflate an article's folded text and what folding changed (see `unpack_text`).

    Args:
        folded: `fold(original)`.
        original: The original text.

    Returns:
        The `folded` and `diff` blobs of `search_text`.
    """
    gaps, chars = fold_diff(original)
    diff = _le_bytes([len(gaps)]) + _le_bytes(gaps) + chars.encode("utf-8", "surrogatepass")
    return (
        zlib.compress(folded.encode("utf-16-le", "surrogatepass"), 1),
        zlib.compress(diff, 1),
    )


def unpack_folded(blob: bytes) -> str:
    """The folded text from its `search_text` blob.

    Args:
        blob: The `folded` blob.

    Returns:
        The folded text.
    """
    return zlib.decompress(blob).decode("utf-16-le", "surrogatepass")


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
    """jieba word → its key in the word column ('' when too short or too long to be useful)."""

    def __missing__(self, word: str) -> str:
        key = fold(word)
        if not 2 <= len(key) <= MAX_WORD:
            key = ""
        self[word] = key
        return key


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
    base = conn.execute("SELECT coalesce(max(docno) + 1, 0) FROM search_docs").fetchone()[0]
    keys = _WordKeys()
    surface: dict[str, str] = {}
    df: Counter[str] = Counter()
    surface_df: Counter[str] = Counter()
    char_df: Counter[str] = Counter()
    doc_rows = []
    fts_rows = []
    text_rows = []
    longest = 0
    for docno, (doc, doc_words) in enumerate(zip(docs, words, strict=True), start=base):
        original = doc.text
        norm = fold(original)
        longest = max(longest, len(norm))
        char_df.update(set(norm))
        word_keys = list(map(keys.__getitem__, doc_words))
        df.update(set(word_keys))
        surface_df.update(set(doc_words))
        title = fold(doc.title)
        fts_rows.append((docno, " ".join(title), " ".join(norm), " ".join(word_keys)))
        doc_rows.append((docno, doc.id, doc.title, len(title), len(norm)))
        text_rows.append((docno, *pack_text(norm, original)))
    for word, key in keys.items():
        # Show each word as it is most often written (CCTV, not the cctv of a URL).
        if key and surface_df[word] > surface_df[surface.get(key, "")]:
            surface[key] = word
    del df[""]
    conn.executemany("INSERT INTO search_docs VALUES (?, ?, ?, ?, ?)", doc_rows)
    conn.executemany("INSERT INTO search_fts(rowid, t, b, w) VALUES (?, ?, ?, ?)", fts_rows)
    conn.executemany("INSERT INTO search_text VALUES (?, ?, ?)", text_rows)
    _write_vocabulary(conn, df, surface)
    conn.executemany(
        "INSERT INTO search_chars VALUES (?, ?) "
        "ON CONFLICT(ch) DO UPDATE SET df = df + excluded.df",
        char_df.items(),
    )
    longest = max(longest, longest_text(conn))
    average = conn.execute("SELECT avg(length) FROM search_docs").fetchone()[0] or 0.0
    conn.executemany(
        "INSERT OR REPLACE INTO search_info VALUES (?, ?)",
        [("longest", str(longest)), ("average", str(average)), ("token", secrets.token_hex(8))],
    )


def _write_vocabulary(conn: Connection, df: Counter[str], surface: dict[str, str]) -> None:
    """Rebuild the suggestion vocabulary (multi-character words), most documents first."""
    rows = conn.execute("SELECT word, display, df FROM search_vocab").fetchall()
    for word, display, n in rows:
        df[word] += n
        surface[word] = display
    conn.execute("DELETE FROM search_vocab")
    ranked = sorted(df.items(), key=lambda item: (-item[1], item[0]))
    conn.executemany(
        "INSERT INTO search_vocab(rank, word, display, df, suggest) VALUES (?, ?, ?, ?, ?)",
        (
            (rank, word, surface.get(word, word), n, _suggestible(word))
            for rank, (word, n) in enumerate(ranked)
        ),
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
