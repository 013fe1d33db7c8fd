"""Other processes for the build: the worker pool, forked one-off jobs, and when either is worth it.

One rule decides whether work goes to other processes (`runs_in_parallel`: enough bytes, more
than one core) and one whether they can be forked (`start_method`); `Workers` runs jobs in a
pool or, below that size, in this process with the same interface; `Forked` runs one function
in a forked child beside the database writes. `segment_many` segments a list of texts on every
core (the themes benchmark and tests use it; the build segments file by file in `collect`).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Generic, TypeVar

from reader.errors import ReaderError

T = TypeVar("T")

PARALLEL_BYTES = 1_200_000
"""Corpora smaller than this (about 400,000 characters) are worked on in-process: starting a
worker costs about a second of dictionary loading."""

PARALLEL_CHARS = 400_000
"""Below this many characters, `segment_many` segments in-process rather than start workers."""


def runs_in_parallel(size: int) -> bool:
    """Whether work on sources of `size` bytes is worth other processes (and there are cores)."""
    return size >= PARALLEL_BYTES and (os.cpu_count() or 1) > 1


def start_method() -> str:
    """How worker processes start: forked (they inherit what this process has loaded), or
    spawned on macOS, where forking a process that may have started threads is unsafe, and
    where fork does not exist."""
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return "spawn"
    return "fork"


def pool(processes: int | None = None) -> ProcessPoolExecutor:
    """Worker processes (forked where that is safe, spawned on macOS).

    A `concurrent.futures` executor rather than a `multiprocessing.Pool`: the pool's
    worker-handler thread wakes up whenever results wait unread in its pipe, and spins while the
    parent is busy, which cost the build's writing process seconds of CPU and the GIL.

    Args:
        processes: Worker processes; default is the number of CPUs.

    Returns:
        The executor (use it as a context manager).
    """
    context = multiprocessing.get_context(start_method())
    return ProcessPoolExecutor(processes or os.cpu_count() or 1, mp_context=context)


class Workers:
    """Jobs run in a pool of worker processes, or in this process when `parallel` is False.

    Either way `submit` returns a `Future`; in this process it is done when returned. Use it as a
    context manager: leaving it waits for the pool's jobs and ends the workers.
    """

    def __init__(self, parallel: bool) -> None:
        self._pool = pool() if parallel else None

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown()

    def submit(self, function: Callable[..., T], *args: object) -> Future[T]:
        """Run `function(*args)`: in a worker, or here at once."""
        if self._pool is not None:
            return self._pool.submit(function, *args)
        return finished(function(*args))


def finished(value: T) -> Future[T]:
    """A `Future` that is done already, holding `value`."""
    done: Future[T] = Future()
    done.set_result(value)
    return done


def _run_in_child(
    function: Callable[..., object],
    args: tuple[object, ...],
    sender: multiprocessing.connection.Connection,
) -> None:
    """Child side of `Forked`: send back the result, or the error that stopped it."""
    try:
        sender.send(function(*args))
    except Exception as error:  # raised again in the parent, which reports it
        sender.send(error)
    finally:
        sender.close()


class Forked(Generic[T]):
    """`function(*args)` computed beside other work: in a forked child (which inherits the
    arguments, so nothing is pickled but the result) when `fork` is asked for and possible
    (`start_method`), else in this process when the result is asked for."""

    def __init__(self, function: Callable[..., T], *args: object, fork: bool) -> None:
        self._function = function
        self._args = args
        self._child: multiprocessing.process.BaseProcess | None = None
        self._receiver: multiprocessing.connection.Connection | None = None
        if not fork or start_method() != "fork":
            return
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        # Buffered output would be written twice, once by the child.
        sys.stdout.flush()
        sys.stderr.flush()
        self._child = context.Process(
            target=_run_in_child, args=(function, args, sender), daemon=True
        )
        self._child.start()
        sender.close()
        self._receiver = receiver

    @property
    def in_child(self) -> bool:
        """Whether a forked child computes the result."""
        return self._child is not None

    def result(self) -> T:
        """The result (waits for the child).

        Raises:
            ReaderError: the child ended without an answer (killed).
        """
        if self._receiver is None:
            return self._function(*self._args)
        try:
            value = self._receiver.recv()
        except EOFError as error:
            name = getattr(self._function, "__name__", "a build step")
            raise ReaderError(f"{name} failed: its process ended early") from error
        finally:
            self.cancel()
        if isinstance(value, Exception):
            raise value
        found: T = value
        return found

    def cancel(self) -> None:
        """Stop the child if it is still running, and release the pipe."""
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
        if self._child is not None:
            if self._child.is_alive():
                self._child.terminate()
            self._child.join()
            self._child = None


def _segment_chunk(texts: list[str]) -> list[list[str]]:
    from reader.text.segment import segmenter

    cut = segmenter()
    return [cut(text) for text in texts]


def segment_many(texts: Sequence[str], *, processes: int | None = None) -> list[list[str]]:
    """Segment many texts (jieba's accurate mode), in parallel on all cores when worth it.

    Args:
        texts: The texts to segment.
        processes: Worker processes; default is the number of CPUs. Small inputs stay in-process,
            since each worker pays about half a second to load the dictionary.

    Returns:
        One word list per text, in order (exactly what `reader.text.segment.words` returns).
    """
    total = sum(len(t) for t in texts)
    workers = processes or os.cpu_count() or 1
    if workers <= 1 or total < PARALLEL_CHARS:
        return _segment_chunk(list(texts))
    chunk = max(1, len(texts) // (workers * 8))
    batches = [list(texts[i : i + chunk]) for i in range(0, len(texts), chunk)]
    with pool(workers) as workers_pool:
        results = list(workers_pool.map(_segment_chunk, batches))
    return [words for batch in results for words in batch]
