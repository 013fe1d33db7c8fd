"""The one exception type that reaches the user as a one-line message (exit code 1)."""


class ReaderError(Exception):
    """A problem the user can fix: a bad path, an unreadable file, an unknown id."""
