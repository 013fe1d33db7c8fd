"""`reader serve`: the page over HTTP, the app over its websocket, and a real headless browser.

Each test starts `reader serve` in a subprocess on a free port of 127.0.0.1 (nothing else is
contacted) and stops it.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from PIL import Image

from reader.export import render
from reader.serve import app_command, exposure_warning, is_local, url
from reader.store import Library

pytest.importorskip(
    "textual_serve", reason="the serve extra is not installed: pip install -e '.[serve]'"
)

from .browser import chinese_font, chromium, free_port, screenshot, served
from .ui_support import NEWS

TITLES = ("长城脚下的读书声", "一条铁路的六十年")
"""Titles of the fixture corpus that the list shows first."""


def environment() -> dict[str, str]:
    """The test's environment (its XDG directories), without a web driver of its own."""
    env = dict(os.environ)
    env.pop("TEXTUAL_DRIVER", None)
    return env


def fetch(address: str, host: str | None = None) -> str:
    request = urllib.request.Request(address, headers={"Host": host} if host else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        return str(response.read().decode("utf-8"))


def test_only_loopback_hosts_are_local() -> None:
    for host in ("localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"):
        assert is_local(host), host
        assert exposure_warning(host, 8000) is None
    for host in ("0.0.0.0", "::", "192.168.1.5", "example.com", "10.0.0.1"):
        assert not is_local(host), host
        warning = exposure_warning(host, 8000)
        assert warning is not None and "ssh -L 8000:localhost:8000" in warning
    assert url("::1", 8000) == "http://[::1]:8000"
    assert url("localhost", 8080) == "http://localhost:8080"


def test_the_app_command_is_this_python_and_this_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "my corpus"
    command = app_command(corpus, "abcdefgh")
    assert command.startswith(sys.executable)
    assert f"--corpus '{corpus}' abcdefgh" in command


def test_the_page_is_the_app_and_its_websocket_follows_the_browser_address() -> None:
    with served(NEWS, environment()) as (base, _):
        page = fetch(base + "/")
        assert 'class="textual-terminal"' in page and "阅读 Yuedu" in page
        assert f'data-session-websocket-url="ws://{base.removeprefix("http://")}/ws"' in page
        # Through `ssh -L 9999:localhost:PORT`, the browser asks for localhost:9999.
        tunnelled = fetch(base + "/", host="localhost:9999")
        assert 'data-session-websocket-url="ws://localhost:9999/ws"' in tunnelled
        assert "Terminal" in fetch(base + "/static/js/textual.js")[:100_000]


async def _app_output(base: str, origin: str) -> str:
    import aiohttp

    received = b""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(
            base.replace("http", "ws") + "/ws?width=100&height=30", headers={"Origin": origin}
        ) as socket,
    ):
        async with asyncio.timeout(90):
            while not all(title.encode() in received for title in TITLES):
                message = await socket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                elif message.type != aiohttp.WSMsgType.TEXT:
                    break
    return received.decode("utf-8", "replace")


def test_the_websocket_runs_the_app_and_refuses_other_sites() -> None:
    import aiohttp

    with served(NEWS, environment()) as (base, _):
        output = asyncio.run(_app_output(base, origin=base))
        assert all(title in output for title in TITLES), output[-500:]
        assert "Articles" in output
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            asyncio.run(_app_output(base, origin="http://evil.example"))
        assert refused.value.status == 403


def test_serve_errors_are_one_line() -> None:
    env = environment()
    command = [sys.executable, "-m", "reader", "serve", "--corpus", str(NEWS)]
    # Not this machine: the warning, then the bind fails.
    result = subprocess.run(
        [*command, "--host", "192.0.2.1", "--port", str(free_port())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("reader: warning: serving on 192.0.2.1")
    assert lines[-1].startswith("reader: error:") and "Traceback" not in result.stderr
    usage = subprocess.run(
        [*command, "--port", "0"], capture_output=True, text=True, env=env, timeout=60
    )
    assert usage.returncode == 2 and "--port" in usage.stderr
    missing = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['textual_serve'] = None\n"
            "from reader.cli import main\n"
            f"sys.exit(main(['serve', '--corpus', {str(NEWS)!r}]))",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert missing.returncode == 1
    assert missing.stderr == (
        "reader: error: reader serve needs textual-serve, which is not installed:"
        " pip install 'yuedu[serve]'\n"
    )


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (Debian: chromium)")
@pytest.mark.skipif(
    not chinese_font(), reason="no Chinese font to draw the articles (Debian: fonts-wqy-zenhei)"
)
def test_a_headless_browser_shows_the_article_list_and_takes_keys(tmp_path: Path) -> None:
    opened = "这条铁路修建于上世纪六十年代"
    with served(NEWS, environment()) as (base, _):
        # The same keys as in a terminal: j moves to the second article, Enter opens it.
        shot = screenshot(
            base + "/", marker=TITLES[1], size=(1100, 700), keys=("j", "enter"), after=opened
        )
    assert all(title in shot.received for title in TITLES)
    assert "Search" in shot.received, "the footer's keys are drawn once the page has focus"
    (tmp_path / "serve.png").write_bytes(shot.png)
    if os.environ.get("YUEDU_KEEP_SCREENSHOT"):  # to look at it: a path to copy it to
        Path(os.environ["YUEDU_KEEP_SCREENSHOT"]).write_bytes(shot.png)
    image = Image.open(io.BytesIO(shot.png)).convert("RGB")
    assert image.size == (1100, 700)
    # The terminal is drawn, not a blank or error page: many colours, and text (light pixels on
    # the dark theme) in the left third, where the article list is.
    assert len(image.getcolors(maxcolors=1 << 20) or []) > 50
    left = image.crop((0, 0, 360, 700)).convert("L")
    assert sum(left.histogram()[161:]) > 2000


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (Debian: chromium)")
def test_export_in_the_browser_is_a_download_not_a_file_on_the_server(tmp_path: Path) -> None:
    env = environment()
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    (tmp_path / "config" / "yuedu").mkdir(parents=True)
    exports = tmp_path / "exports"
    (tmp_path / "config" / "yuedu" / "config.toml").write_text(
        f'export_dir = "{exports}"\n', encoding="utf-8"
    )
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    library = Library.open(NEWS)
    article = library.article(library.summaries()[0].id)
    with served(NEWS, env) as (base, log):
        # Open the first article, e, and Enter: Markdown.
        shot = screenshot(
            base + "/",
            marker=TITLES[0],
            keys=("enter", "e", "enter"),
            after="browser downloads",
            downloads=downloads,
        )
    assert "your browser downloads it" in shot.received
    assert not exports.exists(), "nothing is written on the server"
    # The server's access log (wrapped by its console) shows the browser fetching the file.
    assert re.search(r'"GET\s+/download/[0-9a-f]+\s+HTTP/1.1"\s+200', " ".join(log))
    saved = downloads / f"{article.id}.md"
    assert saved.read_text(encoding="utf-8") == render([article], "md")
