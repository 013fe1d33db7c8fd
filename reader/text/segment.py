"""The one place jieba is loaded: lazily, quietly, with its cache in the user cache directory."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import math
import os
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from reader.paths import cache_dir
from reader.text.jieba_files import jieba_file

_lock = threading.Lock()


@cache
def _tokenizer() -> Any:
    with _lock:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(directory)
        tokenizer.cache_file = "jieba.cache"
        tokenizer.initialize()
        return tokenizer


def tokenizer() -> Any:
    """The initialised jieba tokenizer (loads the dictionary on first call, about a second)."""
    return _tokenizer()


def words(text: str) -> list[str]:
    """Segment `text` with jieba's default (accurate) mode, HMM on."""
    return list(tokenizer().cut(text))


MEMO_LIMIT = 400_000
"""Blocks remembered per process: news repeats about a quarter of its text (datelines, names,
stock phrases), and a block is always cut the same way, so a remembered cut is reused."""

HMM_MEMO_LIMIT = 100_000
"""Stretches of unknown characters whose HMM cut is remembered per process (names recur)."""


_PREFIX = math.nan
"""The weight of a dictionary prefix that is not a word: any score it adds to is NaN, and NaN
compares false with everything, so the route scoring never picks it and needs no test for it."""

_NO_ROUTE = -math.inf
"""The best score before any word is found (below every route's); left so, no word starts here."""

_B, _M, _E, _S = range(4)
"""The HMM's states (begin, middle, end of a word; single), as indices into emission tuples."""

_PREDECESSORS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}
"""The transitions `_Hmm.viterbi` is unrolled for: checked against jieba's `PrevStatus`."""


class _Hmm:
    """jieba's HMM for unknown words (`jieba.finalseg.cut`): identical output, twice as fast.

    The same Viterbi search with back-pointers instead of copied paths, each character's four
    emission log-probabilities in one lookup, the same floating-point operations in the same order
    and the same tie-breaking as finalseg's `max` over `(prob, state)` tuples; a repeated stretch
    costs a lookup.
    """

    def __init__(self) -> None:
        from jieba import finalseg

        if finalseg.PrevStatus != _PREDECESSORS:
            raise RuntimeError("jieba.finalseg's transitions changed: _Hmm.viterbi needs updating")
        self._han = finalseg.re_han
        self._skip = finalseg.re_skip
        # jieba's model as it is now: like the dictionary's weights, later changes are not seen
        # (a remembered cut could not follow them anyway).
        self._force_split = frozenset(finalseg.Force_Split_Words)
        floor: float = finalseg.MIN_FLOAT
        start = finalseg.start_P
        trans = finalseg.trans_P
        emit = finalseg.emit_P
        self._start = (start["B"], start["M"], start["E"], start["S"])
        self._trans = tuple(
            trans[before].get(after, floor)
            for after, befores in _PREDECESSORS.items()
            for before in befores
        )
        columns = [emit["B"], emit["M"], emit["E"], emit["S"]]
        chars = set().union(*columns)
        self._emit = {c: tuple(column.get(c, floor) for column in columns) for c in chars}
        self._unseen = (floor, floor, floor, floor)
        self._memo: dict[str, list[str]] = {}

    def viterbi(self, obs: str) -> tuple[float, list[int]]:
        """The most probable states for `obs` (not empty), as `jieba.finalseg.viterbi` finds them.

        Args:
            obs: The characters.

        Returns:
            The path's log-probability and its states (`_B`, `_M`, `_E`, `_S`), one per character.
        """
        t_eb, t_sb, t_mm, t_bm, t_ss, t_es, t_be, t_me = self._trans
        emit = self._emit
        unseen = self._unseen
        e_b, e_m, e_e, e_s = emit.get(obs[0], unseen)
        s_b, s_m, s_e, s_s = self._start
        b = s_b + e_b
        m = s_m + e_m
        e = s_e + e_e
        s = s_s + e_s
        back: list[tuple[int, int, int, int]] = []
        append = back.append
        for c in obs[1:]:
            e_b, e_m, e_e, e_s = emit.get(c, unseen)
            # Each state's two predecessors, in PrevStatus order; `max` over (prob, state) keeps
            # the first unless the second is larger, or equal with a larger letter.
            p = e + t_eb + e_b
            q = s + t_sb + e_b
            if q >= p:
                nb, fb = q, _S
            else:
                nb, fb = p, _E
            p = m + t_mm + e_m
            q = b + t_bm + e_m
            if q > p:
                nm, fm = q, _B
            else:
                nm, fm = p, _M
            p = s + t_ss + e_s
            q = e + t_es + e_s
            if q > p:
                ns, fs = q, _E
            else:
                ns, fs = p, _S
            p = b + t_be + e_e
            q = m + t_me + e_e
            if q >= p:
                ne, fe = q, _M
            else:
                ne, fe = p, _B
            b, m, e, s = nb, nm, ne, ns
            append((fb, fm, fe, fs))
        if s >= e:
            prob, state = s, _S
        else:
            prob, state = e, _E
        path = [state] * len(obs)
        for t in range(len(back) - 1, -1, -1):
            state = back[t][state]
            path[t] = state
        return prob, path

    def _cut_han(self, block: str) -> list[str]:
        """finalseg's `__cut`: a run of Han characters cut along its most probable states."""
        out: list[str] = []
        begin = after = 0
        for i, state in enumerate(self.viterbi(block)[1]):
            if state == _B:
                begin = i
            elif state == _E:
                out.append(block[begin : i + 1])
                after = i + 1
            elif state == _S:
                out.append(block[i])
                after = i + 1
        if after < len(block):
            out.append(block[after:])
        force_split = self._force_split
        if force_split:
            return [part for word in out for part in (word if word in force_split else (word,))]
        return out

    def __call__(self, text: str) -> list[str]:
        """Cut `text` as `list(jieba.finalseg.cut(text))` does.

        A repeated text gets the same list back: the caller must not change it.
        """
        cut = self._memo.get(text)
        if cut is not None:
            return cut
        if self._han.fullmatch(text):  # the usual case: Han characters only
            cut = self._cut_han(text)
        else:
            cut = []
            # split() with a group alternates: text between Han runs, then a run.
            for i, block in enumerate(self._han.split(text)):
                if i % 2:
                    cut += self._cut_han(block)
                else:
                    cut += filter(None, self._skip.split(block))
        if len(self._memo) < HMM_MEMO_LIMIT:
            self._memo[text] = cut
        return cut


WEIGHTS_FORMAT = 1
"""Bump when what `dictionary_weights` stores changes."""


def _weights_file() -> Path:
    """Where `dictionary_weights` keeps its table, keyed by jieba's version and dictionary."""
    import jieba

    key = f"{WEIGHTS_FORMAT}\0{jieba.__version__}"
    dictionary = jieba_file("dict.txt")
    if dictionary is not None:
        stat = dictionary.stat()
        key += f"\0{dictionary}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return cache_dir() / f"segmenter-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"


def weights_cached() -> bool:
    """Whether the segmenter's table is cached (else building it takes about 2 s, from
    jieba's dict.txt when jieba's own cache is missing too)."""
    return _weights_file().is_file()


def dictionary_weights() -> tuple[dict[str, float], float]:
    """The segmenter's table of jieba's dictionary, and the weight of an unknown character.

    Word → log(frequency) - log(total), as jieba's `calc` computes it; a prefix of words that is
    no word itself (frequency 0) → NaN. Built from jieba's tokenizer once and kept in the cache
    directory, keyed by jieba's version and its dictionary file: loading it takes a quarter of
    the time of loading jieba's own cache and computing it again.

    Returns:
        `(weights, unknown)`.
    """
    path = _weights_file()
    try:
        weights, unknown = marshal.loads(path.read_bytes())
        if isinstance(weights, dict) and isinstance(unknown, float):
            return weights, unknown
    except (OSError, EOFError, ValueError, TypeError):
        pass  # absent or damaged: computed again below
    tokenizer_ = tokenizer()
    logtotal = math.log(tokenizer_.total)
    freq: dict[str, int] = tokenizer_.FREQ
    weights = {w: math.log(f) - logtotal if f else _PREFIX for w, f in freq.items()}
    unknown = 0.0 - logtotal
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps((weights, unknown)))
        os.replace(temporary, path)
    return weights, unknown


class _Segmenter:
    """jieba's accurate mode (HMM on), identical to `Tokenizer.cut`, about twice as fast.

    The same algorithm as jieba's `get_DAG`, `calc` and `__cut_DAG`, done in one pass with the
    logarithms of the dictionary's frequencies computed once (the same floating-point operations
    in the same order, so the same scores and ties), `_Hmm` for stretches of unknown characters,
    and each block's cut remembered.
    """

    def __init__(self) -> None:
        import jieba

        # jieba's own patterns: `Tokenizer.cut` splits a text into runs of `han` characters, cuts
        # each run on its own and passes the rest through character by character (whitespace
        # whole), so cutting block by block gives exactly its answer.
        self._han = jieba.re_han_default
        self._skip = jieba.re_skip_default
        self._hmm = _Hmm()
        # Word → log(frequency) - log(total), always negative; a prefix that is no word maps to
        # _PREFIX: one lookup answers both of jieba's questions.
        self._weight, self._unknown = dictionary_weights()
        self._memo: dict[str, list[str]] = {}

    def _cut_run(self, run: str) -> list[str]:
        """Cut a run of `han` characters as jieba's `__cut_DAG` does."""
        get = self._weight.get
        unknown = self._unknown
        n = len(run)
        score = [0.0] * (n + 1)
        # best[k]: where the best route's first word from k ends (exclusive).
        best = [0] * n
        following = 0.0  # score[k + 1]
        for k in range(n - 1, -1, -1):
            # Among the dictionary words starting at k, the one whose route scores highest; on a
            # tie the longer, as jieba's max over (score, end) does. The character alone first:
            # when it is no word's start, neither is anything longer.
            w = get(run[k])
            if w is None:
                following = score[k] = unknown + following
                best[k] = k + 1
                continue
            top = w + following
            if top != top:  # NaN: the character is only a prefix
                top = _NO_ROUTE
            choice = k + 1
            j = k + 1
            while j < n:
                j += 1
                w = get(run[k:j])
                if w is None:
                    break
                # A prefix's NaN weight makes `value` NaN, which is never >= anything.
                value = w + score[j]
                if value >= top:
                    top = value
                    choice = j
            following = score[k] = unknown + following if top == _NO_ROUTE else top
            best[k] = choice
        # Words of one character in a row go to `_flush` together, as jieba's buffer does.
        out: list[str] = []
        single = 0
        x = 0
        while x < n:
            y = best[x]
            if y - x > 1:
                if single < x:
                    out += self._flush(run[single:x])
                out.append(run[x:y])
                single = y
            x = y
        if single < n:
            out += self._flush(run[single:])
        return out

    def _flush(self, buf: str) -> list[str]:
        """Single characters in a row: one word, a dictionary word's characters, or the HMM's."""
        if len(buf) == 1:
            return [buf]
        weight = self._weight.get(buf)
        if weight is None or weight != weight:  # no word (NaN: only a prefix)
            return self._hmm(buf)
        return list(buf)

    def _cut_block(self, block: str) -> list[str]:
        """Cut one piece of `han.split`: a run of `han` characters, or the text between two."""
        if self._han.match(block):
            return self._cut_run(block)
        # Whitespace (a CR LF pair together) whole, anything else a character at a time.
        out: list[str] = []
        for i, part in enumerate(self._skip.split(block)):
            if i % 2:
                out.append(part)
            else:
                out += part
        return out

    def __call__(self, text: str) -> list[str]:
        out: list[str] = []
        memo = self._memo
        for block in self._han.split(text):
            cut = memo.get(block)
            if cut is None:
                cut = self._cut_block(block)
                if len(memo) < MEMO_LIMIT:
                    memo[block] = cut
            out += cut
        return out


@cache
def segmenter() -> Callable[[str], list[str]]:
    """This process's accurate-mode segmenter: `words(text)` with a memory of repeated runs."""
    return _Segmenter()
