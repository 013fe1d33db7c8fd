"""Reading a built corpus database: articles, summaries, themes, facets, repairs and search."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.facets import Selection, check
from reader.model import Article, Hit, Move, Paragraph, Span, Summary, Theme
from reader.paths import database_path
from reader.store.schema import UnknownArticle, connect_ro, page_from_json

if TYPE_CHECKING:
    from reader.search import Highlighter


class NotBuilt(ReaderError):
    """A corpus whose database has not been built."""


class Unreadable(ReaderError):
    """A database that SQLite cannot read (damaged, or removed while open)."""


class Library:
    """Read access to a built corpus database; safe to share between threads."""

    def __init__(self, db: Path, corpus: Path) -> None:
        """Open a database read-only.

        Raises:
            Unreadable: SQLite cannot open it.
        """
        self.db = db
        self.corpus = corpus
        self._lock = threading.Lock()
        with self._reading():
            self._conn = connect_ro(db)

    @classmethod
    def open(cls, corpus: Path) -> Library:
        """Open the built database of a corpus (`reader.build.open_library` builds it first).

        Raises:
            NotBuilt: the corpus has no database yet.
        """
        corpus = corpus.expanduser().resolve()
        db = database_path(corpus)
        if not db.is_file():
            raise NotBuilt(f"{corpus}: not built yet (run `reader build`)")
        return cls(db, corpus)

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """One reader at a time (the connection is shared); a database error becomes the
        project's own, so callers need not know SQLite.

        Raises:
            Unreadable: SQLite failed.
        """
        try:
            with self._lock:
                yield
        except sqlite3.Error as error:
            raise Unreadable(
                f"{self.db}: the database cannot be read ({error}); try `reader build --force`"
            ) from error

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
        with self._reading():
            return self._conn.execute(sql, params).fetchall()

    def summaries(self, selection: Selection | None = None) -> list[Summary]:
        """Articles in corpus order; with a selection, only those it admits.

        Raises:
            ReaderError: a chosen value is not in its facet's catalog (an unknown theme).
        """
        rows = self._query(
            "SELECT a.id, a.title, a.author, a.role, a.region, a.region_inferred, a.chars,"
            " a.source, (SELECT group_concat(t.theme, char(31)) FROM"
            " (SELECT theme FROM theme_articles ta JOIN themes th ON th.name = ta.theme"
            "  WHERE ta.article_id = a.id ORDER BY th.ord) t),"
            " json_extract(a.page, '$.date'), json_extract(a.page, '$.edition')"
            " FROM articles a ORDER BY a.ord"
        )
        if selection:
            check(selection, self)
        result = []
        for ident, title, auth, role, reg, inferred, chars, source, names, date, ed in rows:
            result.append(
                Summary(
                    id=str(ident),
                    title=str(title),
                    author=_opt(auth),
                    role=_opt(role),
                    region=_opt(reg),
                    region_inferred=bool(inferred),
                    themes=tuple(str(names).split("\x1f")) if names else (),
                    chars=int(str(chars)),
                    source=str(source),
                    date=_opt(date),
                    edition=_opt(ed),
                )
            )
        return [row for row in result if selection.admits(row)] if selection else result

    def article(self, ident: str) -> Article:
        """The whole article with this id.

        Raises:
            UnknownArticle: no article has this id.
        """
        rows = self._query(
            "SELECT title, byline, author, role, region, region_inferred, kicker, source, page"
            " FROM articles WHERE id = ?",
            (ident,),
        )
        if not rows:
            raise UnknownArticle(f"no article with id {ident!r} (try `reader list`)")
        title, byline, author, role, region, inferred, kicker, source, page = rows[0]
        paragraphs: dict[int, list[Paragraph]] = {0: [], 1: []}
        for original, kind, text, spans in self._query(
            "SELECT original, kind, text, spans FROM paragraphs WHERE article_id = ?"
            " ORDER BY original, idx",
            (ident,),
        ):
            spans_list = tuple(Span(str(source), s, e) for s, e in json.loads(str(spans)))
            paragraphs[int(str(original))].append(Paragraph(str(text), kind, spans_list))  # type: ignore[arg-type]
        moves = tuple(
            _move(*row)
            for row in self._query(
                "SELECT fragment, source_index, target_index, score FROM repairs"
                " WHERE article_id = ? ORDER BY idx",
                (ident,),
            )
        )
        themes = tuple(
            str(name)
            for (name,) in self._query(
                "SELECT ta.theme FROM theme_articles ta JOIN themes t ON t.name = ta.theme"
                " WHERE ta.article_id = ? ORDER BY t.ord",
                (ident,),
            )
        )
        return Article(
            id=ident,
            title=str(title),
            source=str(source),
            paragraphs=tuple(paragraphs[0]),
            original=tuple(paragraphs[1]),
            byline=_opt(byline),
            author=_opt(author),
            role=_opt(role),
            region=_opt(region),
            region_inferred=bool(inferred),
            kicker=_opt(kicker),
            moves=moves,
            themes=themes,
            page=page_from_json(page),
        )

    def ids(self) -> list[str]:
        """All article ids in corpus order."""
        return [str(i) for (i,) in self._query("SELECT id FROM articles ORDER BY ord")]

    def themes(self) -> list[Theme]:
        """The corpus's themes, most prominent first."""
        members: dict[str, list[tuple[str, float]]] = {}
        for theme, ident, weight in self._query(
            "SELECT theme, article_id, weight FROM theme_articles"
            " ORDER BY theme, weight DESC, article_id"
        ):
            members.setdefault(str(theme), []).append((str(ident), float(str(weight))))
        result = []
        for name, keywords, curated in self._query(
            "SELECT name, keywords, curated FROM themes ORDER BY ord"
        ):
            pairs = members.get(str(name), [])
            result.append(
                Theme(
                    name=str(name),
                    keywords=tuple(json.loads(str(keywords))),
                    ids=tuple(i for i, _ in pairs),
                    weights=tuple(w for _, w in pairs),
                    curated=bool(curated),
                )
            )
        return result

    def repairs(self) -> list[tuple[str, Move]]:
        """Every reading-order repair, by article."""
        return [
            (str(ident), _move(*row))
            for ident, *row in self._query(
                "SELECT r.article_id, fragment, source_index, target_index, score"
                " FROM repairs r JOIN articles a ON a.id = r.article_id ORDER BY a.ord, r.idx"
            )
        ]

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        selection: Selection | None = None,
        within: Collection[str] | None = None,
    ) -> list[Hit]:
        """Ranked articles containing every term of `query` (see `reader.search`).

        Args:
            query: Terms separated by spaces.
            limit: The most results; 0 for all.
            selection: Only the articles it admits (see `reader.facets`).
            within: Only these article ids, if given (a caller that has filtered already).

        Raises:
            ReaderError: a chosen value is not in its facet's catalog (an unknown theme).
        """
        from reader import search

        ids = {row.id for row in self.summaries(selection)} if selection else None
        if within is not None:
            ids = set(within) if ids is None else ids & set(within)
        with self._reading():
            return search.search(self._conn, query, limit=limit, ids=ids)

    def highlighter(self, query: str) -> Highlighter:
        """Where the query's terms occur in any text, found as `search` finds them (in both
        scripts, by pinyin), for highlighting an article's hits.

        Raises:
            ReaderError: OpenCC cannot be loaded for a query in Chinese, or SQLite failed.
        """
        from reader import search

        with self._reading():
            return search.highlighter(self._conn, query)

    def suggest(self, prefix: str, *, limit: int = 10) -> list[tuple[str, int]]:
        """Corpus words starting with or containing `prefix`, with document counts."""
        from reader import search

        with self._reading():
            return search.suggest(self._conn, prefix, limit=limit)


def _move(fragment: object, source: object, target: object, score: object) -> Move:
    """A `repairs` row (fragment, source_index, target_index, score) as a Move."""
    return Move(
        str(fragment),
        int(str(source)),
        None if target is None else int(str(target)),
        float(str(score)),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
