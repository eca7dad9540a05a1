"""PNG: the maturity map of the territory at print resolution (2 000 px wide)."""

from __future__ import annotations

import textwrap

from .maps import figure_png, maturity_figure
from .snapshot import Snapshot
from .values import date_courte

__all__ = ["render_png", "WIDTH_IN", "DPI"]

WIDTH_IN = 10.0
DPI = 200  # 2 000 px wide

_TOP_IN = 0.15
_BOTTOM_IN = 0.3


def render_png(snapshot: Snapshot) -> bytes:
    """The map of the maturity classes of the territory's communes."""
    t = snapshot.territory
    fig = maturity_figure(
        snapshot, width_in=WIDTH_IN, top_in=_TOP_IN, bottom_in=_BOTTOM_IN,
        title=f"Maturité des alliances — {t.niveau_text} {t.label}",
    )
    height_in = fig.get_figheight()
    note = (
        f"Atlas des alliances territoriales · carte du {date_courte(snapshot.generated_on)} · "
        f"données : {snapshot.vintage.describe()}"
    )
    fig.text(0.01, 0.08 / height_in, note, fontsize=6.5, color="#333333", ha="left", va="bottom")
    if snapshot.demo:  # under the legend, in the column right of the map (72 % of the width)
        fig.text(0.99, (_BOTTOM_IN + 0.15) / height_in, "\n".join(textwrap.wrap(snapshot.demo_label, 34)),
                 fontsize=8, fontweight="bold", color="#000000", ha="right", va="bottom", linespacing=1.3, multialignment="left",
                 bbox=dict(boxstyle="square,pad=0.4", facecolor="#eeeeee", edgecolor="#000000"))
    return figure_png(fig, DPI)
