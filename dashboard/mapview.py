"""From a map state to what the map page shows: figure, breadcrumb, side panel, legend.

Layer values of a whole level are computed once per worker and reused; a drill-down
takes its subset. No Dash callback here (see ``pages/accueil.py``).
"""

from __future__ import annotations

import threading
from dataclasses import replace

import pandas as pd
from dash import dcc, html, no_update

from . import inputs
from .annees import past_year, year_frame, year_text
from .components import class_badge, kv
from .data import Warehouse
from .figures.carte import (
    BIVARIEE_COULEURS, BIVARIEE_LABELS, BORDER_WIDTH, NO_DATA_COLOUR, SEQUENTIAL_COULEURS, LayerValues, bivariate_cuts, fit_view,
    layer_values, map_figure,
)
from .geometry import OUTRE_MER, frame_id
from atlas.format import decimal, entier, pourcentage, score
from atlas.vocabulary import LEVELS
from .labels import COUCHE_LABELS, COUCHES, NIVEAU_LABELS, NIVEAUX, PROGRAMME_COUNT, PROGRAMME_COUNT_LABEL
from .mapstate import VUES, MapState
from .programmes import panel_programmes, programme_layer
from .routes import geo_url, tile_url
from .tiles import TILE_LEVELS

__all__ = ["national_layer", "map_figure_for", "next_geometry_url", "breadcrumb", "panel", "legend", "map_update"]

_cache: dict[tuple, LayerValues] = {}
_cuts: dict[tuple, dict] = {}
_programme_frames: dict[tuple, pd.DataFrame] = {}
_lock = threading.Lock()

#: Width of the lines between communes on the France-wide map: none. At that scale a commune
#: is two or three pixels wide, its outline only greys the colours, and maplibre skips
#: drawing a line of width 0 (about 0.6 s less to paint in software rendering).
FRANCE_COMMUNE_BORDERS = 0.0

_CONTEXT = {"commune": "departement", "epci": "departement", "departement": "region"}

COUCHE_NOTES = {
    "maturite": "Classes de maturité des alliances, calculées à partir d'un score transparent de 0 à 100.",
    "fragilite": "Indice composite de fragilité (0 : peu fragile, 100 : très fragile).",
    "alliances": "Nombre d'alliances actives sur le territoire rapporté à sa population.",
    "crte": "Part de la population couverte par un contrat de relance et de transition écologique signé.",
    "bivariee": "Croisement des tiers de maturité et de fragilité : en rouge, les territoires fragiles où les alliances sont encore peu présentes.",
    "programmes": "programme de l'État (ANCT). À l'échelle des communes, celles qu'il couvre, directement ou "
                  "par leur groupement ; aux autres échelles, la part de leurs communes qu'il couvre.",
}
#: Legend of the « Programmes » layer when it shows the number of programmes.
#: Legend of the « Programmes » layer over a warehouse without any programme file.
NO_PROGRAMME_NOTE = ("l'entrepôt ne contient aucun programme : déposez les listes publiées par l'ANCT "
                     "(fichiers liste-<programme>-…csv de data.gouv.fr) dans le dossier --data de territoires etl.")
PROGRAMME_COUNT_NOTE = ("programmes de l'État (ANCT) qui couvrent la commune, ou au moins une commune du "
                        "territoire.")


def _key(warehouse: Warehouse, level: str, couche: str, programme: str = PROGRAMME_COUNT,
         annee: int | None = None) -> tuple:
    return (*warehouse.cache_key, level, couche, programme if couche == "programmes" else None,
            annee if couche == "maturite" else None)


def cuts_for(warehouse: Warehouse, level: str) -> dict:
    key = (*warehouse.cache_key, level)
    if key not in _cuts:
        _cuts[key] = bivariate_cuts(warehouse.indicators(level))
    return _cuts[key]


def _programme_frame(warehouse: Warehouse, level: str) -> pd.DataFrame:
    key = (*warehouse.cache_key, level)
    if key not in _programme_frames:
        _programme_frames[key] = warehouse.programmes_by_level(level)
    return _programme_frames[key]


def national_layer(warehouse: Warehouse, level: str, couche: str, programme: str = PROGRAMME_COUNT,
                   annee: int | None = None) -> LayerValues:
    """Values of ``couche`` for every territory of ``level`` (kept per worker); for the
    « Programmes » layer, of ``programme`` (a code, or :data:`PROGRAMME_COUNT`); for the
    maturity layer, the classes at 31 December of ``annee`` (None: today's)."""
    key = _key(warehouse, level, couche, programme, annee)
    layer = _cache.get(key)
    if layer is None:
        with _lock:
            layer = _cache.get(key)
            if layer is None:
                if couche == "programmes":
                    layer = programme_layer(_programme_frame(warehouse, level), level, programme,
                                            warehouse.programme_label(programme))
                elif couche == "maturite" and annee is not None:
                    layer = layer_values(year_frame(warehouse, level, annee), couche)
                else:
                    layer = layer_values(warehouse.indicators(level), couche, cuts=cuts_for(warehouse, level))
                _cache[key] = layer
    return layer


def _subset(layer: LayerValues, codes: pd.Index) -> LayerValues:
    wanted = set(codes)
    keep = [i for i, code in enumerate(layer.codes) if code in wanted]
    return replace(layer, codes=[layer.codes[i] for i in keep], z=layer.z[keep],
                   missing=tuple(code for code in layer.missing if code in wanted))


def _alliances_top(warehouse: Warehouse, level: str) -> float:
    return national_layer(warehouse, level, "alliances").zmax


def _is_overseas(warehouse: Warehouse, region: str) -> bool:
    return any(warehouse.exists("departement", code) and warehouse.territory("departement", code)["region"] == region
               for code in OUTRE_MER)


def map_figure_for(state: MapState, warehouse: Warehouse, height: int = 620, width: int = 760, *,
                   epci: str | None = None) -> dict:
    """The figure of the map page for ``state``, zoomed to fit a map of ``width`` × ``height``
    pixels. France-wide, metropolitan view: one map, the overseas départements drawn in
    boxes beside the mainland (``/geo/france/…``, see ``geometry.relocate``).

    With ``epci`` (and ``state`` on the département of its seat): only the communes of that
    EPCI, wherever their département (``/geo/epci/<siren>/communes.geojson``), framed on it
    (the EPCI card)."""
    level = state.level
    layer = national_layer(warehouse, level, state.couche, state.programme, state.annee)
    # the France-wide geometry (overseas in boxes) serves every view of a metropolitan territory
    france = state.vue == "metropole" and not (state.region and _is_overseas(warehouse, state.region))
    frames: list[str] = []
    tiles = None  # the whole level France-wide: too many features for a GeoJSON trace, vector tiles
    if state.departement:
        within = ("epci", epci) if epci else ("departement", state.departement)
        layer = _subset(layer, warehouse.children("commune", *within).index)
        url = geo_url(warehouse, "commune", epci=epci) if epci else geo_url(warehouse, "commune", state.departement)
    elif state.region:
        layer = _subset(layer, warehouse.children("departement", "region", state.region).index)
        url = geo_url(warehouse, "departement", france=france)
    elif state.vue != "metropole":
        if level == "commune":
            layer = _subset(layer, warehouse.children("commune", "departement", state.vue).index)
        url = geo_url(warehouse, "commune", state.vue) if level == "commune" else geo_url(warehouse, level)
    else:
        url = geo_url(warehouse, level, france=True)
        frames = [frame_id(code) for code in OUTRE_MER if warehouse.exists("departement", code)]
        tiles = tile_url(warehouse, level) if level in TILE_LEVELS else None
    context = _CONTEXT.get(level)
    bounds = warehouse.extents[("epci", epci)] if epci else state.bounds(warehouse)
    figure = map_figure(
        layer,
        url,
        fit_view(bounds, width=width, height=height),
        context=(geo_url(warehouse, context, france=france), list(warehouse.codes(context))) if context else None,
        frames=frames,
        revision=state.revision(),
        height=height,
        bounds=bounds,
        borders=FRANCE_COMMUNE_BORDERS if level == "commune" and not state.scope and state.vue == "metropole"
        else BORDER_WIDTH,
        tiles=tiles,
    )
    # the width framed for: a narrower screen zooms out from it (assets/responsive.js)
    figure["layout"]["meta"] = {**(figure["layout"].get("meta") or {}), "largeur": width}
    following = next_geometry_url(state, warehouse)
    if following:
        figure["layout"]["meta"]["suivante"] = following
    return figure


def next_geometry_url(state: MapState, warehouse: Warehouse) -> str | None:
    """The geometry a click on the map will need next, when one file serves every click: the
    départements (France-wide) under the France-by-région map. The page loads it once the map
    is drawn (``assets/carte.js``), so that a drill-down waits for no download."""
    if state.scope is None and state.vue == "metropole" and state.level == "region":
        return geo_url(warehouse, "departement", france=True)
    return None


def breadcrumb(state: MapState, warehouse: Warehouse) -> list:
    base = MapState(couche=state.couche, echelle=state.echelle, vue=state.vue, annee=state.annee)
    items: list = []
    crumbs = [("France", base)]
    if state.region:
        crumbs.append((warehouse.name("region", state.region),
                       MapState(couche=state.couche, region=state.region, annee=state.annee)))
    if state.departement:
        crumbs.append((warehouse.name("departement", state.departement), state))
    for i, (label, target) in enumerate(crumbs):
        last = i == len(crumbs) - 1
        if i:
            items.append(html.Span("›", className="separateur", **{"aria-hidden": "true"}))
        if last:
            items.append(html.Span(label, className="courant", **{"aria-current": "page"}))
        else:
            items.append(html.A(label, href=target.to_fragment(), className="ariane-lien"))
    what = NIVEAU_LABELS[state.level]
    if not state.scope:
        what += " de France" if state.vue == "metropole" else f" — {VUES[state.vue]}"
    items.append(html.Span(f" · {what}", className="niveau"))
    if state.annee is not None:
        items.append(html.Span(f" · maturité au {year_text(state.annee)}", className="date-carte"))
    return items


def _maturity(row: dict) -> list:
    return ([class_badge(row["maturite_classe"]), " "] if isinstance(row.get("maturite_classe"), str) else []) + [
        score(row.get("maturite_score"))]


def _past_maturity(state: MapState, warehouse: Warehouse, level: str, code: str) -> list:
    """The line « Maturité au 31 décembre 2016 » of the panel when the map shows a past year."""
    if state.annee is None:
        return []
    frame = year_frame(warehouse, level, state.annee)
    row = frame.loc[code].to_dict() if code in frame.index else {}
    return [kv(f"Maturité au {year_text(state.annee)}", _maturity(row))]


def _scores(row: dict | None, past: list = (), dated: bool = False) -> html.Dl:
    """The scores of ``row`` (today's); ``past``: lines of a past year shown first; ``dated``:
    the map shows a past year, so today's maturity is said to be today's."""
    row = row or {}
    return html.Dl(
        [
            *past,
            kv("Maturité aujourd'hui" if past or dated else "Maturité", _maturity(row)),
            kv("Fragilité", score(row.get("fragilite_score"))),
            kv("Alliances", entier(row.get("alliances_nombre"))),
            kv("Pour 10 000 habitants", decimal(row.get("alliances_pour_10000"), 2)),
            kv("Population couverte par un CRTE signé", pourcentage(row.get("crte_couverture"))),
        ],
        className="scores",
    )


def _programmes(warehouse: Warehouse, level: str, code: str):
    return panel_programmes(_programme_frame(warehouse, level), code, warehouse.programme_labels, level)


def panel(state: MapState, warehouse: Warehouse, selected: tuple[str, str] | None = None) -> list:
    """Side panel: the clicked territory, else the territory the map is focused on."""
    if selected:
        level, code = selected
        info = warehouse.territory(level, code)
        row = warehouse.indicator_row(level, code)
        title = f"{info['nom']} ({code})"
        children = [html.H2(title), html.P(f"{entier(info['population'])} habitants", className="muted"),
                    _scores(row, _past_maturity(state, warehouse, level, code)),
                    _programmes(warehouse, level, code)]
        if level in ("commune", "departement", "region"):
            children.append(dcc.Link(f"Ouvrir la fiche {LEVELS[level].of}", href=f"/{level}/{code}", className="bouton",
                                     id="panneau-fiche"))
        return children
    if state.scope:
        level, code = state.scope
        info = warehouse.territory(level, code)
        hint = "Cliquez sur un département pour voir ses communes." if level == "region" else (
            "Cliquez sur une commune pour afficher ses indicateurs et ouvrir sa fiche.")
        return [
            html.H2(info["nom"]),
            html.P(f"{entier(info['population'])} habitants", className="muted"),
            _scores(warehouse.indicator_row(level, code), _past_maturity(state, warehouse, level, code)),
            _programmes(warehouse, level, code),
            dcc.Link(f"Ouvrir la fiche {LEVELS[level].of}", href=f"/{level}/{code}", className="bouton"),
            html.P(hint, className="aide"),
        ]
    hint = {
        "region": "Cliquez sur une région pour voir ses départements.",
        "departement": "Cliquez sur un département pour voir ses communes.",
    }.get(state.level, "Cliquez sur un territoire pour afficher ses indicateurs.")
    return [html.H2("France"), _scores(warehouse.france, dated=state.annee is not None), html.P(hint, className="aide")]


def _scale(layer: LayerValues) -> html.Div:
    """The colours of ``layer`` in HTML: swatches of its classes, or its gradient between its bounds."""
    if layer.classes is not None:
        if layer.couche == "bivariee":
            return html.Div()
        return html.Ul([html.Li([html.Span(className="pastille", style={"background": colour}), " ", label])
                        for label, colour in zip(layer.classes, layer.colours)], className="legende-classes")
    show = {"fragilite": entier, "alliances": lambda v: decimal(v, 2), "crte": pourcentage,
            "programmes": pourcentage if layer.variante == "part" else entier}[layer.couche]
    return html.Div(
        [html.Span(show(layer.zmin)),
         html.Span(className="legende-degrade",
                   style={"background": f"linear-gradient(to right, {', '.join(SEQUENTIAL_COULEURS[layer.couche])})"}),
         html.Span(show(layer.zmax) + (" et plus" if layer.couche == "alliances" else ""))],
        className="legende-echelle",
    )


def _programme_legend(state: MapState, warehouse: Warehouse) -> html.P:
    if warehouse.programmes.empty:
        return html.P([html.Strong(COUCHE_LABELS["programmes"] + " : "), NO_PROGRAMME_NOTE])
    if state.programme == PROGRAMME_COUNT:
        return html.P([html.Strong(PROGRAMME_COUNT_LABEL + " : "), PROGRAMME_COUNT_NOTE])
    row = warehouse.programmes.set_index("code").loc[state.programme]
    about = [" ", row["description"]] if isinstance(row["description"], str) else []
    link = ([" (", html.A("page officielle", href=row["url"], target="_blank", rel="noopener noreferrer"), ")"]
            if isinstance(row["url"], str) else [])
    return html.P([html.Strong(row["libelle"] + " : "), COUCHE_NOTES["programmes"], *about, *link])


def legend(state: MapState, layer: LayerValues | None = None, warehouse: Warehouse | None = None) -> list:
    """What the colours mean (HTML, under the map: read by screen readers, shown on phones
    where the colour bar is folded away). ``layer``: the layer shown, for its colours;
    ``warehouse`` names the programme of the « Programmes » layer."""
    if state.couche == "programmes" and warehouse is not None:
        children: list = [_programme_legend(state, warehouse)]
    else:
        when = f" au {year_text(state.annee)}" if state.annee is not None else ""
        children = [html.P([html.Strong(COUCHE_LABELS[state.couche] + when + " : "), COUCHE_NOTES[state.couche]])]
    if layer is not None:
        children.append(_scale(layer))
    if state.couche == "bivariee":
        cells = []
        for m in (2, 1, 0):
            for f in range(3):
                cells.append(html.Div(className="bivariee-case", style={"background": BIVARIEE_COULEURS[3 * m + f]},
                                      title=BIVARIEE_LABELS[3 * m + f]))
        children.append(
            html.Div(
                [
                    html.Div("Maturité ↑", className="bivariee-axe-y"),
                    html.Div(cells, className="bivariee-grille", role="img",
                             **{"aria-label": "Grille de 3 × 3 couleurs : maturité de faible (en bas) à forte (en haut), "
                                              "fragilité de faible (à gauche) à forte (à droite) ; en rouge, fragilité "
                                              "forte et maturité faible."}),
                    html.Div("Fragilité →", className="bivariee-axe-x"),
                ],
                className="bivariee-legende",
                id="legende-bivariee",
            )
        )
    children.append(html.P([html.Span(className="pastille", style={"background": NO_DATA_COLOUR}), " pas de donnée"],
                           className="muted"))
    return children


def map_update(warehouse: Warehouse, fragment, couche, echelle, vue, click, trigger, programme=None, annee=None):
    """Core of the map callback: every input checked, then the eleven outputs.

    ``trigger`` is the id of the component that changed (None on page load). Choosing a
    programme shows the « Programmes » layer; choosing a year (``annee``, the range input's
    value: its last position is today) shows the maturity layer at that date.
    """
    fragment = inputs.text(fragment)
    couche, echelle, vue = inputs.choice(couche, COUCHES), inputs.choice(echelle, NIVEAUX), inputs.choice(vue, VUES)
    programme = inputs.choice(programme, warehouse.programme_choices)
    if annee is not None and (isinstance(annee, bool) or not isinstance(annee, (int, str))):
        inputs.reject("année attendue")
    code = inputs.click_location(click)
    state = MapState.parse(fragment, warehouse)
    selected = None
    if trigger == "carte-couche" and couche:
        state = replace(state, couche=couche)
    elif trigger == "carte-programme" and programme:
        state = replace(state, couche="programmes", programme=programme)
    elif trigger == "carte-annee" and annee is not None:
        state = replace(state, couche="maturite", annee=past_year(annee, warehouse.history_years))
    elif trigger == "carte-echelle" and echelle:
        state = replace(state, echelle=echelle, region=None, departement=None)
    elif trigger == "carte-vue" and vue:
        state = replace(state, vue=vue, region=None, departement=None)
    elif trigger == "carte" and code:
        drilled = state.drill(code, warehouse)
        if drilled != state:
            state = drilled
        elif warehouse.exists(state.level, code):
            selected = (state.level, code)
    if state.couche != "maturite":
        state = replace(state, annee=None)  # the year is the maturity layer's
    new_fragment = state.to_fragment()
    push = trigger not in (None, "carte-url") and new_fragment != fragment
    return (
        new_fragment if push else no_update,
        map_figure_for(state, warehouse),
        breadcrumb(state, warehouse),
        panel(state, warehouse, selected),
        legend(state, national_layer(warehouse, state.level, state.couche, state.programme, state.annee), warehouse),
        state.couche,
        state.echelle,
        state.vue,
        state.programme,
        state.annee if state.annee is not None else (warehouse.history_years or (None,))[-1],
        year_text(state.annee),
    )
