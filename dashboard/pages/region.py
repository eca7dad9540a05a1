"""The région card."""

from __future__ import annotations

import dash

from atlas.vocabulary import LEVELS
from dashboard.pages.territoire import territory_layout, territory_title

dash.register_page(
    __name__, path_template="/region/<code>", name=LEVELS["region"].title,
    title=lambda code=None, **_: territory_title("region", code),
)


def layout(code=None, **_query):
    return territory_layout("region", code)
