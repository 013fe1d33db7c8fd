"""Component styles for Line-API widgets, with translucent theme colours resolved."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    """The style a component class declares, to add on top of the widget's own style.

    A partial style keeps only what the class declares, but passes a translucent colour such as
    `$boost` or `$text-muted` on as if it were opaque (so `$boost` becomes white). The full style
    has those colours blended over the widget's background; take from it only the colours the
    class declares, so that a component still layers over another one (a dim line on the cursor
    row keeps the cursor's background).

    Args:
        widget: The widget whose component classes are looked up.
        name: The component class.

    Returns:
        A style with the declared attributes, colours blended.
    """
    partial = widget.get_component_rich_style(name, partial=True)
    full = widget.get_component_rich_style(name)
    return partial + Style(
        color=full.color if partial.color is not None else None,
        bgcolor=full.bgcolor if partial.bgcolor is not None else None,
    )
