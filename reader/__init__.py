"""Yuedu: a terminal reader for Chinese newspaper articles."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("yuedu")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
