"""Shared fixtures: each test's own XDG cache, state and config directories; printed pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLED = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    home = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    # One cache per session: jieba's dictionary cache and built databases are reused across tests.
    monkeypatch.setenv("XDG_CACHE_HOME", str(_session_cache(tmp_path_factory)))
    monkeypatch.delenv("READER_CORPUS", raising=False)
    yield


PAGE = (FIXTURES / "county-page.txt").read_text("utf-8")
"""Raw page text of several articles with bylines (four of them, one with the author 郝志刚)."""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small corpus: the county page's text, and a Markdown file of two articles."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "page.txt").write_text(PAGE, "utf-8")
    (root / "note.md").write_text("# 第一篇\n\n正文，一段。\n\n# 第二篇\n\n另一段正文。\n", "utf-8")
    return root


_CACHE: list[Path] = []


def _session_cache(factory: pytest.TempPathFactory) -> Path:
    if not _CACHE:
        _CACHE.append(factory.mktemp("cache"))
    return _CACHE[0]


PRINTED = (
    (
        "a.pdf",
        "2026年12月5日 星期六 第2版 人大之窗",
        "代表联络站建设",
        "今年县里建成了十个代表联络站。",
    ),
    ("b.pdf", "2026年12月6日 星期日 第3版 乡村振兴", "秋收时节话粮食", "十月，代表们走进玉米地。"),
    ("c.pdf", "2026年12月6日 星期日 第10版 文化", "县城的新书店", "书店开在老街上，代表常来。"),
)
"""Printed pages: file, header line (date, 版次, page name), title, body."""


@pytest.fixture
def printed(tmp_path: Path) -> Path:
    """A corpus of PDF pages whose headers give a printed date and page (see `PRINTED`)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    corpus = tmp_path / "printed"
    corpus.mkdir()
    for name, header, title, body in PRINTED:
        page = canvas.Canvas(str(corpus / name), pagesize=(400, 600))
        for size, y, text in ((8, 580, header), (18, 540, title), (10, 510, "\u3000\u3000" + body)):
            page.setFont(font, size)
            page.drawString(20, y, text)
        page.save()
    return corpus
