"""Raw corpus text to clean articles: decode, parse, repair, reflow."""
