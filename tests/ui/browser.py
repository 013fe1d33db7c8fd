"""Test helpers for `reader serve`: start it on a free port, and drive a headless Chromium.

Chromium is driven over the DevTools protocol (its debugging port on 127.0.0.1, through aiohttp,
which the `serve` extra installs). Before the page loads, a script wraps the page's WebSocket so
that everything the app sends to the browser is kept as text: a test can then wait until the
app's own output (an article title) has reached the page, and take a screenshot of what the
browser drew.

Chromium runs with the flags this closed network needs (no QUIC, no background networking, no
component updates or sync, a fresh profile), headless, without the sandbox (the tests run as
root) and without a GPU.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
    "--remote-debugging-address=127.0.0.1",
)

RECORD_SOCKET = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__received = "";
  function Recording(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      const data = event.data;
      if (typeof data === "string") {
        window.__received += data;
      } else if (data instanceof ArrayBuffer) {
        window.__received += decoder.decode(data, {stream: true});
      } else if (data instanceof Blob) {
        data.arrayBuffer().then((buffer) => {
          window.__received += decoder.decode(buffer, {stream: true});
        });
      }
    });
    return socket;
  }
  Recording.prototype = Native.prototype;
  Object.assign(Recording, Native);
  window.WebSocket = Recording;
})();
"""
"""Kept as the page's first script: the text of every websocket message the page receives."""


def chromium() -> str | None:
    """The Chromium executable, when one is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def chinese_font() -> bool:
    """Whether fontconfig knows a font with Chinese glyphs (without one a browser draws every
    Han character as a blank box)."""
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    return bool(listed.stdout.strip())


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def served(corpus: Path, env: dict[str, str], *args: str) -> Iterator[tuple[str, list[str]]]:
    """`reader serve` on a free port of 127.0.0.1, for the duration of a `with` block.

    Args:
        corpus: The corpus to serve.
        env: The environment (XDG directories of the test).
        args: More arguments for `reader serve`.

    Yields:
        The base URL, and the server's output lines read so far (filled as it writes).
    """
    port = free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "reader", "serve", "--host", "127.0.0.1"),
            *("--port", str(port), "--corpus", str(corpus), *args),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise AssertionError(f"reader serve exited: {process.stdout.read()}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(base + "/", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base, lines
    finally:
        os.killpg(process.pid, 15)
        try:
            out, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            out, _ = process.communicate()
        lines.extend(out.splitlines())


@dataclass
class Shot:
    """What the browser received and drew."""

    received: str
    """The text of the websocket messages the page received (the app's terminal output)."""
    png: bytes
    """The screenshot."""


class _DevTools:
    """A minimal DevTools protocol client for one page."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.next_id = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        ident = self.next_id
        await self.socket.send_str(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads((await self.socket.receive()).data)
            if message.get("id") == ident:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")


KEYS = {"enter": ("Enter", "Enter", 13, "\r")}
"""Keys by name for `_press`: DOM key, code, key code, and the text typed (others: letters)."""


async def _press(tools: _DevTools, key: str) -> None:
    """Type a key into the page as a keyboard would (key down, then up)."""
    if key in KEYS:
        name, code, number, text = KEYS[key]
    else:
        name, code, number, text = key, f"Key{key.upper()}", ord(key.upper()), key
    common = {"key": name, "code": code, "windowsVirtualKeyCode": number}
    await tools.call("Input.dispatchKeyEvent", type="keyDown", text=text, **common)
    await tools.call("Input.dispatchKeyEvent", type="keyUp", **common)


async def _wait_for(tools: _DevTools, marker: str, deadline: float) -> str:
    """The page's received text, once it holds `marker`."""
    received = ""
    while marker not in received:
        if time.monotonic() > deadline:
            raise AssertionError(f"{marker!r} never reached the page: {received[-500:]!r}")
        await asyncio.sleep(0.25)
        received = await tools.evaluate("window.__received || ''") or ""
    return received


async def _shoot(
    url: str,
    marker: str,
    size: tuple[int, int],
    timeout: float,
    settle: float,
    keys: Sequence[str],
    after: str | None,
    downloads: Path | None,
) -> Shot:
    import aiohttp

    executable = chromium()
    assert executable is not None
    with tempfile.TemporaryDirectory() as profile:
        process = subprocess.Popen(
            [
                executable,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={size[0]},{size[1]}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            port_file = Path(profile) / "DevToolsActivePort"
            deadline = time.monotonic() + timeout
            while not port_file.exists() or not port_file.read_text().strip():
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError("Chromium did not open its debugging port")
                await asyncio.sleep(0.1)
            port, browser_path = port_file.read_text().split()[:2]
            async with aiohttp.ClientSession() as session, contextlib.AsyncExitStack() as stack:
                if downloads is not None:
                    # On the browser's own connection, kept open: the setting lasts as long.
                    browser_socket = await stack.enter_async_context(
                        session.ws_connect(f"ws://127.0.0.1:{port}{browser_path}")
                    )
                    await _DevTools(browser_socket).call(
                        "Browser.setDownloadBehavior",
                        behavior="allow",
                        downloadPath=str(downloads),
                    )
                async with session.get(f"http://127.0.0.1:{port}/json/list") as response:
                    targets = await response.json()
                page = next(t for t in targets if t["type"] == "page")
                async with session.ws_connect(
                    page["webSocketDebuggerUrl"], max_msg_size=0
                ) as socket:
                    tools = _DevTools(socket)
                    await tools.call("Page.enable")
                    await tools.call(
                        "Emulation.setDeviceMetricsOverride",
                        width=size[0],
                        height=size[1],
                        deviceScaleFactor=1,
                        mobile=False,
                    )
                    # So that the terminal can take the keyboard focus below, as it would in a
                    # browser window the reader looks at.
                    await tools.call("Emulation.setFocusEmulationEnabled", enabled=True)
                    await tools.call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_SOCKET)
                    await tools.call("Page.navigate", url=url)
                    await _wait_for(tools, marker, deadline)
                    # As a reader's click would: the terminal takes the keyboard focus, the page
                    # tells the app, and the app shows its footer (it hides it without focus).
                    await tools.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
                    for key in keys:
                        await _press(tools, key)
                        await asyncio.sleep(0.7)  # a reader's pace: each key's screen drawn
                    if after is not None:
                        await _wait_for(tools, after, deadline)
                    while downloads is not None and not any(
                        not path.name.endswith(".crdownload") for path in downloads.iterdir()
                    ):
                        if time.monotonic() > deadline:
                            raise AssertionError("the browser downloaded nothing")
                        await asyncio.sleep(0.2)
                    # The terminal draws on the next animation frames: let it settle.
                    await asyncio.sleep(settle)
                    received = await tools.evaluate("window.__received || ''") or ""
                    shot = await tools.call("Page.captureScreenshot", format="png")
                    return Shot(received, base64.b64decode(shot["data"]))
        finally:
            os.killpg(process.pid, 9)
            process.wait()


def screenshot(
    url: str,
    marker: str,
    size: tuple[int, int] = (1100, 700),
    timeout: float = 90,
    settle: float = 1.5,
    keys: Sequence[str] = (),
    after: str | None = None,
    downloads: Path | None = None,
) -> Shot:
    """Open a page in headless Chromium, wait until the app's output holds `marker`, shoot it.

    Args:
        url: The page.
        marker: Text the app's output must contain (an article title) before the screenshot.
        size: The browser window in CSS pixels.
        timeout: Seconds to wait in all.
        settle: Seconds to let the page draw after the marker arrived.
        keys: Keys to type then (letters, or `enter`), as a reader at the keyboard would.
        after: Text the app's output must contain after the keys.
        downloads: Where the browser saves files it downloads (default: it does not); given,
            the screenshot waits for a download to finish there.

    Returns:
        What the page received and the screenshot.
    """
    return asyncio.run(_shoot(url, marker, size, timeout, settle, keys, after, downloads))
