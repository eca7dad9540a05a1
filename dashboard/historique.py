"""« Maturité depuis 2014 » on the territory cards: the score at 31 December of each year
(mart ``indicateur_historique``) as a figure over the class bands, with the same values as a
table for screen readers and for reading the exact figures.

:func:`history_view` reads; :func:`history_block` is a pure function of its result.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from atlas.format import score
from atlas.parameters import RunParameters
from atlas.vocabulary import INSUFFICIENT

from .components import class_badge, section, table
from .data import Warehouse
from .figures.historique import history_figure
from .labels import CLASSE_LABELS
from .views import _records

__all__ = ["YearScore", "history_view", "history_block", "history_summary"]


@dataclass(frozen=True)
class YearScore:
    annee: int
    maturite_score: float | None
    maturite_classe: str


def history_view(warehouse: Warehouse, level: str, code: str) -> tuple[YearScore, ...]:
    """The maturity of territory ``code`` (checked) at the end of each year since 2014."""
    code = warehouse.check(level, code)
    return _records(warehouse.query("app/territoire_historique", {"niveau": level, "code": code}), YearScore)


def history_summary(years: tuple[YearScore, ...]) -> str:
    """One French sentence: the first year with a class, the last one, and since when its class holds.

    >>> history_summary((YearScore(2014, 12.0, "donnees_insuffisantes"), YearScore(2015, 30.0, "premiers_pas"),
    ...                  YearScore(2016, 45.0, "actif"), YearScore(2017, 47.0, "actif")))
    'Premier score en 2015 (30\\xa0/\\xa0100, premiers pas) ; en 2017 : 47\\xa0/\\xa0100, actif depuis 2016.'
    """
    scored = [y for y in years if y.maturite_score is not None and y.maturite_classe != INSUFFICIENT]
    if not scored:
        return "Aucune année n'a assez de données pour un score de maturité."
    first, last = scored[0], years[-1]
    if last.maturite_score is None or last.maturite_classe == INSUFFICIENT:
        return (f"Premier score en {first.annee} ({score(first.maturite_score)}) ; "
                f"en {last.annee} : données insuffisantes pour classer le territoire.")
    since = last.annee
    for y in reversed(years):
        if y.maturite_classe != last.maturite_classe:
            break
        since = y.annee
    return (f"Premier score en {first.annee} ({score(first.maturite_score)}, "
            f"{CLASSE_LABELS[first.maturite_classe].lower()}) ; en {last.annee} : {score(last.maturite_score)}, "
            f"{CLASSE_LABELS[last.maturite_classe].lower()} depuis {since}.")


def history_block(years: tuple[YearScore, ...], parameters: RunParameters) -> html.Section:
    """The section « Maturité depuis 2014 » (pure): figure, summary and the values as a table."""
    last = years[-1].annee if years else None
    rows = [[str(y.annee), score(y.maturite_score), class_badge(y.maturite_classe)] for y in years]
    return section(
        f"Maturité depuis {years[0].annee}" if years else "Maturité au fil des années",
        html.P(["Score au 31 décembre de chaque année, calculé avec les paramètres actuels et ce qui était connu à "
                "cette date : alliances commencées (une alliance terminée ne compte plus comme en cours), CRTE "
                "signés, catalyseurs ayant adhéré au réseau, expérimentations sélectionnées"
                + (f" ; {last} : état actuel des données" if last else "") + ". Bandes de couleur : classes de "
                "maturité."], className="aide"),
        html.P(history_summary(years), id="historique-resume"),
        html.Div(dcc.Graph(figure=history_figure([y.annee for y in years], [y.maturite_score for y in years],
                                                 dict(parameters.seuils)),
                           config={"displaylogo": False, "displayModeBar": False}, id="graphique-historique"),
                 **{"aria-hidden": "true"}),
        html.Details([html.Summary("Les valeurs année par année (tableau)"),
                      table(["Année", "Score", "Classe"], rows, empty="Aucune année calculée.")],
                     id="historique-tableau"),
        id="bloc-historique",
    )
