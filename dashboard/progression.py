"""« Ce qui ferait progresser » on the commune card: the fewest actions of the closed list that
would move the commune up one maturity class (:mod:`atlas.progression`), each with its points.

:func:`progression_view` reads; :func:`progression_block` is a pure function of its result.
"""

from __future__ import annotations

from dash import dcc, html

from atlas.format import decimal
from atlas.parameters import number
from atlas.progression import Progression, for_commune

from .components import class_badge, section, table
from .data import Warehouse

__all__ = ["progression_view", "progression_block"]


def progression_view(warehouse: Warehouse, code: str) -> Progression | None:
    """What would move commune ``code`` (checked) up one class; None for an unknown commune."""
    return for_commune(warehouse, warehouse.check("commune", code))


def _points(value: float) -> str:
    return "+\u00a0" + decimal(value, 1) + "\u00a0point" + ("s" if round(value, 1) >= 2 else "")


def progression_block(view: Progression | None) -> html.Section | None:
    """The section « Ce qui ferait progresser » of the commune card (pure); None without a view."""
    if view is None:
        return None
    rows = [[html.Span(a.libelle), _points(a.points)] for a in view.actions]
    explained = [
        "Les actions les moins nombreuses, prises dans une liste fermée (alliances, nouveaux partenaires ou "
        "nouvelles formes, catalyseur territorial, CRTE, expérimentation du Fonds ODD 17), qui feraient passer la "
        "commune à la classe de maturité supérieure avec les poids et les seuils de cette publication ; chacune "
        "avec les points de score qu'elle ajoute, l'une après l'autre (",
        dcc.Link("méthodologie", href="/methodologie#ce-qui-ferait-progresser"), ").",
    ]
    target = []
    if view.classe_visee:
        target = [html.P(["Classe actuelle : ", class_badge(view.classe), " ; classe visée : ",
                          class_badge(view.classe_visee)
                          ] + ([f" (seuil de {number(view.seuil)})"] if view.seuil is not None else []),
                         id="progression-classes")]
    return section(
        "Ce qui ferait progresser",
        html.P(explained, className="aide"),
        html.P(view.phrase, id="progression-phrase"),
        *target,
        *([table(["Action", "Points ajoutés"], rows, caption="Actions suggérées", id="progression-actions")]
          if rows else []),
        id="bloc-progression",
    )
