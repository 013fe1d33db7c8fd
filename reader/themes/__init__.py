"""Topic themes: key phrases that some articles develop and others do not, plus curated themes.

The store calls `extract_themes` while building the database, with `ThemeDoc`s and their jieba
words, and `load_curated` for a `themes.toml` beside the corpus. The method is described in
`reader.themes.extract` (and docs/themes.md); its steps live in `discover` (candidate phrases),
`rank` (specificity and prominence), `merge` (variants grouped) and `corpus` (exact counting),
with the word classes in `wordlists` and jieba's tables in `lexicon`.
"""

from reader.themes.corpus import ThemeDoc
from reader.themes.curated import CuratedTheme, CuratedThemes, ThemesFileError, load_curated
from reader.themes.extract import extract_themes

__all__ = [
    "CuratedTheme",
    "CuratedThemes",
    "ThemeDoc",
    "ThemesFileError",
    "extract_themes",
    "load_curated",
]
