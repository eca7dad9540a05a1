"""Maturity since 2014 on the home page: the year of the map's maturity layer (mart
``indicateur_historique``) and the number of communes per class, year by year.

The last year of the history is today's state (the run's year): the map shows it as
« aujourd'hui » and reads it from ``indicateur_territoire`` as before, so the year is set
(in :class:`~dashboard.mapstate.MapState` and the URL) only for an earlier year. The
frames of a level at a year are kept per worker, keyed by :attr:`Warehouse.cache_key`.
No Dash callback here (see ``pages/accueil.py``).
"""

from __future__ import annotations

import threading

import pandas as pd
from dash import dcc, html

from atlas.format import entier
from atlas.vocabulary import LEVELS

from .components import chart, table
from .data import Warehouse
from .figures.historique import class_counts_figure
from .labels import CLASSE_LABELS, CLASSES

__all__ = ["TODAY", "year_frame", "class_counts", "past_year", "year_text", "year_control", "class_counts_by_year",
           "class_counts_block", "CLASS_CHART", "CLASS_CHART_STORE"]

#: How the control names the last year of the history (today's state).
TODAY = "aujourd'hui"

_frames: dict[tuple, pd.DataFrame] = {}
_lock = threading.Lock()


def _kept(key: tuple, build):
    """What ``build()`` returns, built once per worker for ``key`` (which starts with the warehouse's cache key)."""
    value = _frames.get(key)
    if value is None:
        with _lock:
            value = _frames.get(key)
            if value is None:
                value = _frames[key] = build()
    return value


def year_frame(warehouse: Warehouse, level: str, year: int) -> pd.DataFrame:
    """``maturite_score`` and ``maturite_classe`` of every territory of ``level`` at 31 December
    of ``year`` (indexed by code), read once per worker and published run."""
    return _kept((*warehouse.cache_key, level, year), lambda: warehouse.history_level(level, year))


def class_counts(warehouse: Warehouse, level: str = "commune") -> pd.DataFrame:
    """:meth:`Warehouse.history_class_counts` of ``level``, read once per worker and published run."""
    return _kept((*warehouse.cache_key, level, "classes"), lambda: warehouse.history_class_counts(level))


def past_year(value, years: tuple[int, ...]) -> int | None:
    """``value`` (an int or its text, from a URL or the range input) if it is a year of the
    history before the last one; None otherwise (today, unknown, or not a year).

    >>> past_year("2016", (2014, 2015, 2016, 2017)), past_year(2017, (2014, 2017)), past_year("x", (2014, 2017))
    (2016, None, None)
    """
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    text = str(value).strip()
    if not text.isdigit() or len(text) != 4:
        return None
    year = int(text)
    return year if year in years[:-1] else None


def year_text(year: int | None) -> str:
    """The date the map shows: « aujourd'hui » or « 31 décembre 2016 »."""
    return TODAY if year is None else f"31 décembre {year}"


def year_control(years: tuple[int, ...], year: int | None = None) -> html.Div:
    """A native range input over the years of the history (its last position: today) with the
    chosen date written beside it; hidden when the warehouse has no history."""
    first, last = (years[0], years[-1]) if years else (0, 0)
    return html.Div(
        [
            html.Label("Maturité à la date (couche « Maturité »)", htmlFor="carte-annee", className="controle-titre"),
            html.Div(
                [
                    html.Span(str(first), className="annee-borne", **{"aria-hidden": "true"}),
                    dcc.Input(id="carte-annee", type="range", min=first, max=last, step=1,
                              value=last if year is None else year, className="annee-curseur"),
                    html.Span(TODAY, className="annee-borne", **{"aria-hidden": "true"}),
                ],
                className="annee-ligne",
            ),
            html.Output(year_text(year), id="carte-annee-texte", htmlFor="carte-annee", className="annee-texte",
                        **{"aria-live": "polite"}),
        ],
        className="controle controle-annee",
        hidden=not years,
    )


def class_counts_by_year(counts: pd.DataFrame) -> tuple[list[int], dict[str, list[int]]]:
    """The years and, for each maturity class (legend order), its number of territories each year,
    from rows ``annee, maturite_classe, territoires`` (a row without a class is left out).

    >>> rows = pd.DataFrame({"annee": [2014, 2014, 2015], "maturite_classe": ["actif", "pionnier", "actif"],
    ...                      "territoires": [3, 1, 4]})
    >>> years, by_class = class_counts_by_year(rows)
    >>> years, by_class["actif"], by_class["pionnier"], by_class["premiers_pas"]
    ([2014, 2015], [3, 4], [1, 0], [0, 0])
    """
    known = counts[counts["maturite_classe"].isin(CLASSES)]
    table_ = known.pivot_table(index="annee", columns="maturite_classe", values="territoires", aggfunc="sum",
                               fill_value=0)
    years = sorted(int(y) for y in counts["annee"].unique())
    table_ = table_.reindex(index=years, columns=list(CLASSES), fill_value=0)
    return years, {c: [int(n) for n in table_[c]] for c in CLASSES}


#: The chart of :func:`class_counts_block`, and the store its figure waits in.
CLASS_CHART, CLASS_CHART_STORE = "graphique-classes-annees", "graphique-classes-annees-figure"


def class_counts_block(counts: pd.DataFrame, level: str = "commune") -> html.Section:
    """« Communes par classe de maturité, année par année » (pure): a stacked bar chart, its
    caption, and the same numbers as a table."""
    years, by_class = class_counts_by_year(counts)
    noun = LEVELS[level]
    title = f"{noun.title_plural} par classe de maturité, année par année"
    if not years:
        return html.Section([html.H2(title), html.P("Aucune année calculée.", className="vide")],
                            id="bloc-classes-annees")
    last = years[-1]
    caption = (f"Nombre de {noun.plural} de chaque classe de maturité au 31 décembre de chaque année, de {years[0]} "
               f"à {last} ({last} : état actuel des données), calculé avec les paramètres actuels et ce qui était "
               f"connu à chaque date. En {last} : "
               + " ; ".join(f"{CLASSE_LABELS[c].lower()} : {entier(by_class[c][-1])}" for c in CLASSES) + ".")
    rows = [[str(y), *[entier(by_class[c][i]) for c in CLASSES]] for i, y in enumerate(years)]
    return html.Section(
        [
            html.H2(title),
            chart(
                # the figure waits in a store for the page's map to be drawn first (``atlas.apresCarte``)
                html.Div([dcc.Store(id=CLASS_CHART_STORE, data=class_counts_figure(years, by_class)),
                          dcc.Graph(id=CLASS_CHART, config={"displaylogo": False, "displayModeBar": False})],
                         **{"aria-hidden": "true"}),
                caption,
                table(["Année", *[CLASSE_LABELS[c] for c in CLASSES]], rows, class_name="tableau nombres",
                      caption=f"{noun.title_plural} par classe de maturité au 31 décembre", row_headers=True,
                      id="tableau-classes-annees"),
                summary="Les valeurs année par année (tableau)",
            ),
        ],
        id="bloc-classes-annees",
        className="classes-annees",
    )
