"""French number formatting for display."""

from __future__ import annotations

NARROW_NBSP = "\u202f"


def entier(value) -> str:
    """``65432`` -> ``65 432`` (narrow no-break space as thousands separator)."""
    if value is None or value != value:
        return "—"
    return f"{int(round(value)):,}".replace(",", NARROW_NBSP)
