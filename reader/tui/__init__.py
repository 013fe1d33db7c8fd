"""The Textual app: article list, reading pane, theme sidebar and search."""
