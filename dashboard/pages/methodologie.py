"""The methodology page: how the indices are computed, with the numbers of the published run."""

from __future__ import annotations

import dash

from dashboard.data import get_warehouse
from dashboard.methodology import methodology

dash.register_page(__name__, path="/methodologie", name="Méthodologie",
                   title="Méthodologie — Atlas des alliances territoriales")


def layout(**_query):
    return methodology(get_warehouse().parameters)
