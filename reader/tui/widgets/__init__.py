"""Widgets of the reader app; each posts messages and knows nothing of its siblings."""
