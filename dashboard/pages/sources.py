"""The sources page: what the published warehouse was built from and what is demo."""

from __future__ import annotations

import dash

from dashboard.data import get_warehouse
from dashboard.sources import sources_layout

dash.register_page(__name__, path="/sources", name="Sources",
                   title="Sources des données — Atlas des alliances territoriales")


def layout(**_query):
    warehouse = get_warehouse()
    return sources_layout(warehouse.latest_run(), warehouse.demo_status)
