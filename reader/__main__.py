"""Entry point for `python -m reader`."""

from reader.cli import main

raise SystemExit(main())
