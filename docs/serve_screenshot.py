"""Make docs/serve.png: `reader serve` on the bundled corpus, in headless Chromium.

Run: `.venv/bin/python docs/serve_screenshot.py` (needs the `serve` extra and Debian's
`chromium`; about ten seconds). Uses the browser driver of the tests (`tests/ui/browser.py`).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "serve.png"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from reader.paths import bundled_corpus
    from tests.ui.browser import screenshot, served

    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            env[name] = str(Path(home) / name.lower())  # no user settings or last article
        with served(bundled_corpus(), env) as (base, _):
            # The list, and the second article opened with the same keys as in a terminal.
            shot = screenshot(
                base + "/",
                marker="编者按",
                size=(960, 600),
                settle=3,
                keys=("j", "enter"),
                after="认真学习贯彻",
            )
    # A palette of 64 colours keeps the picture small and looks the same (a terminal's colours).
    image = Image.open(io.BytesIO(shot.png)).quantize(colors=64)
    image.save(OUT, optimize=True)
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
