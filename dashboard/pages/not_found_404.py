"""Any unknown URL: a French "page introuvable" with a search box (HTTP 404, see routes)."""

from __future__ import annotations

import dash

from dashboard.components import not_found

dash.register_page(__name__, path="/404", name="Page introuvable", title="Page introuvable — Atlas des alliances territoriales")


def layout(**_query):
    return not_found("Page introuvable", "Cette adresse ne correspond à aucune page de l'atlas.")
