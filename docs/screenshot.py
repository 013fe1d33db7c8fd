"""Make docs/screenshot.svg: the app on the bundled corpus, a search opened at its first hit.

Run: `.venv/bin/python docs/screenshot.py` (headless; about five seconds).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from reader.paths import bundled_corpus
from reader.tui.app import ReaderApp

OUT = Path(__file__).resolve().parent / "screenshot.svg"


async def main() -> None:
    app = ReaderApp(bundled_corpus())
    async with app.run_test(size=(110, 32)) as pilot:
        screen = app.screen_stack[0]
        for _ in range(200):
            if getattr(screen, "library", None) is not None:
                break
            await pilot.pause(0.05)
        await pilot.press("slash", *"人大代表")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        app.save_screenshot(filename=OUT.name, path=str(OUT.parent))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
