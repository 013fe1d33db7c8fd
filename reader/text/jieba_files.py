"""Where jieba's data files are, found without importing jieba (it loads only in `segment`)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def jieba_file(relative: str) -> Path | None:
    """A data file shipped inside the jieba package, such as `dict.txt` or `analyse/idf.txt`.

    Returns:
        Its path, or None when jieba (or the file) is not installed.
    """
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / relative
    return path if path.is_file() else None
