"""Pure text helpers: cell widths, Chinese line breaking, normalization, segmentation."""
