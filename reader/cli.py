"""Command line: argument parsing, subcommands and exit codes; `make_app()` builds the TUI.

`list`, `cat`, `search`, `themes` never import Textual, and load jieba only when the database
has to be (re)built.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reader.errors import ReaderError
from reader.paths import default_corpus

if TYPE_CHECKING:
    from reader.facets import Selection
    from reader.model import Snippet
    from reader.store import Library
    from reader.tui.app import ReaderApp

SUBCOMMANDS = ("build", "list", "cat", "search", "themes", "repairs", "export", "serve")
ARTICLE_ID = re.compile(r"[a-z2-7]{8}")
"""The shape of an article id (see `reader.ingest.pipeline.article_id`)."""
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
"""How plain and JSON output mark a hit in a snippet (U+27E6/U+27E7: news text, unlike 【】, does
not use them)."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors exit with code 2 and one line of advice."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _corpus_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        help="corpus file or directory (default: $READER_CORPUS or the bundled corpus)",
    )


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError("must be a number from 1 to 65535")
    return int(text)


SCRIPTS = ("simplified", "traditional")


def _script_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--script",
        choices=SCRIPTS,
        help="show the text in simplified or traditional characters (OpenCC)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description="Read Chinese newspaper articles in the terminal.",
        epilog="Run `reader` alone to open the app; `reader COMMAND --help` for a command.",
    )
    _corpus_option(parser, top=True)
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    build = commands.add_parser("build", help="build or refresh the database")
    _corpus_option(build, top=False)
    build.add_argument("--force", action="store_true", help="rebuild even if up to date")

    list_ = commands.add_parser("list", help="list articles")
    _corpus_option(list_, top=False)
    list_.add_argument("--json", action="store_true", help="one JSON array")
    _facet_options(list_)

    cat = commands.add_parser("cat", help="print an article as plain text")
    _corpus_option(cat, top=False)
    cat.add_argument("id", metavar="ID")
    cat.add_argument("--width", type=int, metavar="N", help="wrap to N terminal cells")
    cat.add_argument("--original", action="store_true", help="text before reading-order repair")
    _script_option(cat)

    search = commands.add_parser("search", help="search the articles")
    _corpus_option(search, top=False)
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="one JSON array")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="0 for all (default 20)")
    _facet_options(search)

    themes = commands.add_parser("themes", help="list the corpus's themes")
    _corpus_option(themes, top=False)
    themes.add_argument("--json", action="store_true", help="one JSON array")

    repairs = commands.add_parser("repairs", help="list reading-order repairs, for auditing")
    _corpus_option(repairs, top=False)
    repairs.add_argument("--json", action="store_true", help="one JSON array")

    export = commands.add_parser("export", help="write articles as Markdown, text or HTML")
    _corpus_option(export, top=False)
    export.add_argument("ids", nargs="+", metavar="ID")
    export.add_argument("--format", choices=("md", "txt", "html"), default="md", help="(md)")
    export.add_argument(
        "--output",
        metavar="PATH",
        help="a file for all of them, or a directory (existing, or ending in /) for one file"
        " each; default: stdout",
    )
    _script_option(export)

    serve = commands.add_parser("serve", help="serve the app in a browser (textual-serve)")
    _corpus_option(serve, top=False)
    serve.add_argument("id", nargs="?", metavar="ID", help="open this article in each new tab")
    serve.add_argument("--host", default="localhost", help="address to bind (localhost)")
    serve.add_argument("--port", type=_port, default=8000, help="port (8000)")
    return parser


def _facet_options(parser: argparse.ArgumentParser) -> None:
    """A flag per facet (`--theme T`, `--region R` …): a facet of several choices repeats it."""
    from reader.facets import FACETS

    for facet in FACETS:
        if facet.multiple:
            parser.add_argument(
                f"--{facet.name}",
                action="append",
                default=[],
                metavar=facet.metavar,
                help=facet.help,
            )
        else:
            parser.add_argument(f"--{facet.name}", metavar=facet.metavar, help=facet.help)


def _selection(args: argparse.Namespace) -> Selection:
    """What the facet flags chose."""
    from reader.facets import FACETS, Selection

    choices = {}
    for facet in FACETS:
        value = getattr(args, facet.name)
        choices[facet.name] = value if facet.multiple else [value] if value is not None else []
    return Selection.of(choices)


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reader", description="Open the reader app.")
    _corpus_option(parser, top=True)
    parser.add_argument("id", nargs="?", metavar="ID", help="open this article")
    return parser


def _is_command(argv: Sequence[str]) -> bool:
    """Whether argv names a subcommand (skipping `--corpus PATH` before it)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--corpus":
            skip = True
        elif arg.startswith("--corpus=") or arg.startswith("-"):
            if arg in ("-h", "--help", "--version"):
                return True
            continue
        else:
            return arg in SUBCOMMANDS
    return False


def _plain(stream: TextIO) -> bool:
    return not stream.isatty() or "NO_COLOR" in os.environ


def _progress(stream: TextIO) -> Callable[[str, int, int], None] | None:
    """A rich progress bar on stderr when it is a terminal, else nothing."""
    if not stream.isatty():
        return None
    from rich.progress import Progress

    bar = Progress(transient=True, console=_console(stream))
    tasks: dict[str, Any] = {}
    labels = {
        "parse": "Reading files",
        "segment": "Segmenting",
        "index": "Indexing",
        "themes": "Finding themes",
    }

    def update(stage: str, done: int, total: int) -> None:
        if not tasks:
            bar.start()
        if stage not in tasks:
            tasks[stage] = bar.add_task(labels.get(stage, stage), total=max(total, 1))
        bar.update(tasks[stage], completed=done, total=max(total, 1))
        if stage == "themes" and done >= total:
            bar.stop()

    return update


def _console(stream: TextIO) -> Any:
    from rich.console import Console

    return Console(file=stream, no_color="NO_COLOR" in os.environ, highlight=False)


def _library(corpus: Path | None) -> Library:
    from reader.build import open_library

    return open_library(corpus or default_corpus(), progress=_progress(sys.stderr))


def _dump(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _cmd_build(args: argparse.Namespace) -> int:
    from reader.build import build

    corpus = (args.corpus or default_corpus()).expanduser().resolve()
    report = build(corpus, force=args.force, progress=_progress(sys.stderr))
    verb = "built" if report.built else "up to date"
    print(
        f"{verb}: {report.articles} articles from {report.files} files, "
        f"{report.moves} reading-order repairs, {report.seconds:.1f} s",
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    library = _library(args.corpus)
    rows = library.summaries(_selection(args))
    if args.json:
        _dump(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "author": s.author,
                    "role": s.role,
                    "region": s.region,
                    "themes": list(s.themes),
                    "chars": s.chars,
                    "source": s.source,
                    "date": s.date,
                    "edition": s.edition,
                }
                for s in rows
            ]
        )
        return EXIT_OK
    table = [(s.id, s.title or "—", s.author or "", s.region or "", str(s.chars)) for s in rows]
    if not sys.stdout.isatty():
        # Scripts get one tab-separated row per article: id, title, author, region, chars.
        for row in table:
            print("\t".join(row))
        return EXIT_OK
    from reader.text.table import format_table

    width = shutil.get_terminal_size().columns
    for line in format_table(table, right=(4,), shrink=1, width=width):
        print(line)
    return EXIT_OK


def _cmd_cat(args: argparse.Namespace) -> int:
    if args.width is not None and args.width < 4:
        raise _UsageError("--width must be at least 4")
    library = _library(args.corpus)
    article = library.article(args.id)
    from reader.layout import format_plain

    if args.script:
        from reader.text.script import Script, convert_article

        article = convert_article(article, Script(args.script))
    sys.stdout.write(format_plain(article, args.width, original=args.original))
    return EXIT_OK


def _marked(snippet: Snippet) -> str:
    """A snippet as plain text, each hit wrapped in ⟦ ⟧ (which news text does not use)."""
    parts = []
    at = 0
    for start, end in snippet.spans:
        parts += [snippet.text[at:start], MARK_OPEN, snippet.text[start:end], MARK_CLOSE]
        at = end
    parts.append(snippet.text[at:])
    return "".join(parts)


def _cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise _UsageError("--limit must be 0 (all) or more")
    library = _library(args.corpus)
    hits = library.search(" ".join(args.query), limit=args.limit, selection=_selection(args))
    if args.json:
        _dump(
            [
                {
                    "id": h.id,
                    "title": h.title,
                    "hits": h.hits,
                    "matched": h.matched,
                    "score": round(h.score, 4),
                    "snippets": [_marked(s) for s in h.snippets],
                }
                for h in hits
            ]
        )
        return EXIT_OK
    if _plain(sys.stdout):
        for hit in hits:
            print(f"{hit.id}  {hit.title or '—'}  ({hit.hits}, {hit.matched})")
            for snippet in hit.snippets:
                print(f"    {_marked(snippet)}")
        return EXIT_OK
    from rich.text import Text

    console = _console(sys.stdout)
    for hit in hits:
        console.print(
            Text.assemble(
                (hit.id, "dim"), "  ", (hit.title or "—", "bold"), f"  ({hit.hits}, {hit.matched})"
            )
        )
        for snippet in hit.snippets:
            line = Text("    " + snippet.text)
            for start, end in snippet.spans:
                line.stylize("reverse", 4 + start, 4 + end)
            console.print(line, soft_wrap=True)
    return EXIT_OK


def _cmd_themes(args: argparse.Namespace) -> int:
    library = _library(args.corpus)
    themes = library.themes()
    if args.json:
        _dump([{"name": t.name, "ids": list(t.ids), "keywords": list(t.keywords)} for t in themes])
        return EXIT_OK
    for theme in themes:
        print(f"{theme.name}\t{len(theme.ids)}\t{'、'.join(theme.keywords)}")
    return EXIT_OK


def _cmd_repairs(args: argparse.Namespace) -> int:
    library = _library(args.corpus)
    repairs = library.repairs()
    if args.json:
        _dump(
            [
                {
                    "id": ident,
                    "fragment": m.fragment,
                    "from": m.source_index,
                    "to": m.target_index,
                    "score": round(m.score, 3),
                }
                for ident, m in repairs
            ]
        )
        return EXIT_OK
    for ident, move in repairs:
        target = "set aside" if move.target_index is None else f"→ {move.target_index}"
        print(f"{ident}  {move.fragment}  {move.source_index} {target}  ({move.score:.2f})")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from reader.export import is_directory, render, write
    from reader.text.script import Script

    library = _library(args.corpus)
    # Every id is looked up before anything is written: an unknown one leaves nothing behind.
    articles = [library.article(ident) for ident in dict.fromkeys(args.ids)]
    script = Script(args.script) if args.script else Script.SOURCE
    if args.output is None:
        sys.stdout.write(render(articles, args.format, script))
        return EXIT_OK
    written = write(articles, args.format, args.output, script)
    where = args.output if is_directory(args.output) else written[0]
    noun = "file" if len(written) == 1 else "files"
    print(f"reader: wrote {len(written)} {noun} to {where}", file=sys.stderr)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from reader.serve import exposure_warning, serve, server_class

    server_class()  # textual-serve is an extra: say so before anything else happens
    warning = exposure_warning(args.host, args.port)
    if warning:
        print(f"reader: {warning}", file=sys.stderr)
    corpus = (args.corpus or default_corpus()).expanduser().resolve()
    library = _library(corpus)  # built now: its errors are the command's, not the browser's
    if args.id is not None:
        library.article(args.id)
    serve(corpus, host=args.host, port=args.port, article=args.id)
    return EXIT_OK


class _UsageError(Exception):
    """Bad arguments that argparse cannot see (exit code 2)."""


def make_app(corpus: Path | None = None, article: str | None = None) -> ReaderApp:
    """The Textual app for a corpus, opened at an article if given (shared by CLI and tests)."""
    from reader.tui.app import ReaderApp

    return ReaderApp(corpus or default_corpus(), article=article)


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _cmd_build,
    "list": _cmd_list,
    "cat": _cmd_cat,
    "search": _cmd_search,
    "themes": _cmd_themes,
    "repairs": _cmd_repairs,
    "export": _cmd_export,
    "serve": _cmd_serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if _is_command(argv):
            args = _parse(_parser(), argv)
            if isinstance(args, int):
                return args
            if args.version:
                from reader import __version__

                print(f"reader (yuedu) {__version__}")
                return EXIT_OK
            if args.command is None:
                return _run_app(None, None)
            return _COMMANDS[args.command](args)
        app_args = _parse(_app_parser(), argv)
        if isinstance(app_args, int):
            return app_args
        if app_args.id is not None and not ARTICLE_ID.fullmatch(app_args.id):
            close = difflib.get_close_matches(app_args.id, SUBCOMMANDS, n=1)
            hint = f" (did you mean `reader {close[0]}`?)" if close else " (try `reader list`)"
            raise _UsageError(f"{app_args.id!r} is neither a command nor an article id{hint}")
        # Under `reader serve`, Textual's web driver (named in TEXTUAL_DRIVER) is the terminal.
        web = "TEXTUAL_DRIVER" in os.environ
        if not (web or (sys.stdin.isatty() and sys.stdout.isatty())):
            raise _UsageError("the app needs a terminal; in scripts use list, cat or search")
        return _run_app(app_args.corpus, app_args.id)
    except _UsageError as error:
        print(f"reader: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ReaderError as error:
        print(f"reader: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # `reader list | head`: the reader went away; that is not an error of ours. (Before the
        # OSError clause, which would otherwise catch it as a failure.)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (OSError, sqlite3.Error) as error:
        # The cache directory is a file, the disk is full, a database is damaged: the user's to
        # fix, so one line, not a traceback.
        print(f"reader: error: {_describe(error)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _describe(error: OSError | sqlite3.Error) -> str:
    if isinstance(error, OSError) and error.filename:
        return f"{error.filename}: {error.strerror or error}"
    return str(error) or type(error).__name__


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace | int:
    """Parse arguments; `--help` and usage errors come back as an exit code."""
    try:
        return parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE


def _run_app(corpus: Path | None, article: str | None) -> int:
    app = make_app(corpus, article)
    app.run()
    return app.return_code or EXIT_OK
