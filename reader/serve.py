"""`reader serve`: the same app in a browser, through textual-serve, on localhost by default.

textual-serve runs one app process per browser tab (the command `python -m reader --corpus
PATH`, which Textual drives through its web driver) and relays the terminal over a websocket.
There is no password: whoever reaches the port uses the app. So the server binds to localhost
unless told otherwise, warns when told otherwise, and refuses websocket connections from pages
of other origins (any web page open in the reader's browser could otherwise drive the app on
localhost). To reach it from another machine, tunnel: `ssh -L 8000:localhost:8000 HOST`, then
open http://localhost:8000 there; the page's websocket address follows the address the browser
used, so a tunnel to another local port works too.

textual-serve is an optional extra (`pip install 'yuedu[serve]'`): it brings aiohttp and Jinja2,
which the terminal reader never needs.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from reader.errors import ReaderError

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 8000
TITLE = "阅读 Yuedu"


class ServeError(ReaderError):
    """`reader serve` cannot start (textual-serve missing, a bad host)."""


def is_local(host: str) -> bool:
    """Whether a host name or address is this machine's loopback only.

    Args:
        host: What `--host` was given.

    Returns:
        True for `localhost` and loopback addresses (127.0.0.0/8, ::1).
    """
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int) -> str | None:
    """What to tell the user when the server will be reachable from other machines.

    Args:
        host: The host to bind.
        port: The port.

    Returns:
        A one-line warning, or None for a loopback host.
    """
    if is_local(host):
        return None
    return (
        f"warning: serving on {host}:{port}: anyone who can reach it can use the app, with no"
        f" password; prefer the default (localhost) and an SSH tunnel:"
        f" ssh -L {port}:localhost:{port} HOST"
    )


def url(host: str, port: int) -> str:
    """The address to open in a browser (IPv6 addresses in brackets)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def app_command(corpus: Path, article: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this corpus."""
    args = [sys.executable, "-m", "reader", "--corpus", str(corpus)]
    return shlex.join([*args, article] if article else args)


def server_class() -> type[Any]:
    """textual-serve's server, taught to follow the browser's address and to check origins.

    Raises:
        ServeError: When textual-serve is not installed.
    """
    try:
        from aiohttp import web
        from textual_serve.server import Server
    except ImportError:
        raise ServeError(
            "reader serve needs textual-serve, which is not installed: pip install 'yuedu[serve]'"
        ) from None

    class YueduServer(Server):
        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            # The page tells the browser where the websocket is: the address the browser used,
            # so that a tunnel to another port, or a name instead of an address, still works.
            # (Nothing awaits between this and its use: requests cannot interleave here.)
            self.public_url = f"{request.scheme}://{request.host}"
            response: web.StreamResponse = await super().handle_index(request)
            return response

        async def on_startup(self, app: web.Application) -> None:
            await super().on_startup(app)
            port = urlsplit(self.public_url).port
            self.console.print(
                f"From another machine: ssh -L {port}:localhost:{port} HOST,"
                f" then open http://localhost:{port} there.",
                highlight=False,
            )

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc != request.host:
                raise web.HTTPForbidden(text="connections from other sites are refused")
            return await super().handle_websocket(request)

    return YueduServer


def serve(corpus: Path, *, host: str, port: int, article: str | None = None) -> None:
    """Serve the app until interrupted.

    Args:
        corpus: The corpus (absolute: each tab's app process is started elsewhere).
        host: The host to bind.
        port: The port (1–65535).
        article: Open this article id in every new tab.

    Raises:
        ServeError: When textual-serve is missing.
        OSError: When the port cannot be bound.
    """
    server = server_class()(app_command(corpus, article), host=host, port=port, title=TITLE)
    server.public_url = url(host, port)
    server.serve()
