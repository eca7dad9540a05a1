"""The « Données » page: the XLSX template of each input file, blank or filled."""

from __future__ import annotations

import dash

from dashboard.data import get_warehouse
from dashboard.templates import donnees_layout
from exports.templates import published_counts

dash.register_page(__name__, path="/donnees", name="Données",
                   title="Données : modèles à remplir — Atlas des alliances territoriales")


def layout(**_query):
    return donnees_layout(get_warehouse().read(published_counts))
