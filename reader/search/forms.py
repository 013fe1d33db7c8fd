"""简/繁: the forms of a query term in both scripts, by OpenCC's phrase-level tables.

A term with Chinese characters is searched in every form OpenCC gives it: as typed, in
simplified characters (`t2s`), and from that simplified form in traditional characters, both
OpenCC's standard forms (`s2t`) and Taiwan's (`s2t` then `t2tw`, what the app shows): 选举 →
選舉, 選舉 → 选举, 头发 → 頭髮, 着 → 着 and 著. The tables work phrase by phrase, so a term
converts as the word it is (发展 → 發展 but 头发 → 頭髮); a lone character gets its usual form
only (发 → 發, not 髮). Terms without Chinese characters are left alone, and OpenCC is not
loaded for them.
"""

from __future__ import annotations

from reader.text.normalize import fold

_CJK_START = 0x2E80
"""No character below this is changed by OpenCC's tables (CJK radicals start here)."""


def has_cjk(term: str) -> bool:
    """Whether a term has a character OpenCC may convert (anything from the CJK blocks on)."""
    return any(ord(char) >= _CJK_START for char in term)


def script_forms(term: str) -> tuple[str, ...]:
    """A folded term in every script form, the term itself first.

    Args:
        term: A folded query term.

    Returns:
        The distinct folded forms: the term, its simplified form, and the traditional forms
        (standard and Taiwan's) of that simplified form.

    Raises:
        reader.text.script.ScriptError: OpenCC cannot be loaded.
    """
    if not has_cjk(term):
        return (term,)
    from reader.text.script import to_simplified, traditional_forms

    simplified = to_simplified(term)
    forms = (term, simplified, *traditional_forms(simplified))
    return tuple(dict.fromkeys(form for form in map(fold, forms) if form))
