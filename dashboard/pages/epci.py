"""The EPCI card (the same card as the département and région ones, with the EPCI's peers)."""

from __future__ import annotations

import dash

from atlas.vocabulary import LEVELS
from dashboard.pages.territoire import territory_layout, territory_title

dash.register_page(
    __name__, path_template="/epci/<code>", name=LEVELS["epci"].title,
    title=lambda code=None, **_: territory_title("epci", code),
)


def layout(code=None, **_query):
    return territory_layout("epci", code)
