"""The State programmes (ANCT: Petites villes de demain, Action cœur de ville, France
services…) as the pages show them.

The views (:mod:`dashboard.views`) read the warehouse's ``programme``,
``programme_territoire`` and ``programme_commune`` tables through named queries and turn
the rows into the frozen records below with :func:`programme_badges` and
:func:`programme_presences`; the blocks (:func:`programmes_block`,
:func:`territory_programmes_block`) are pure functions of those records. The map layer
« Programmes » takes its values from :func:`programme_layer`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from dash import dcc, html

from atlas.format import date_fr, entier, is_missing, pourcentage
from atlas.vocabulary import LEVELS

from .components import badge, section, table
from .figures.carte import LayerValues
from .labels import PROGRAMME_COUNT
from .mapstate import MapState

__all__ = [
    "PROGRAMME_COLOUR",
    "OUTSIDE_LABEL",
    "ProgrammeContract",
    "ProgrammeBadge",
    "ProgrammePresence",
    "programme_badges",
    "programme_presences",
    "programmes_block",
    "territory_programmes_block",
    "presence_lines",
    "panel_programmes",
    "programme_layer",
    "signature_text",
]

#: Background of a programme's badge on the cards and of its communes on the map.
PROGRAMME_COLOUR = "#6a3d9a"
#: Map label of a commune outside the chosen programme.
OUTSIDE_LABEL = "Hors du programme"
#: Map colour of those communes (distinct from the « pas de donnée » colour).
OUTSIDE_COLOUR = "#e3e0ea"


@dataclass(frozen=True)
class ProgrammeContract:
    """One contract or site of a programme that covers the commune."""

    id: str
    nom: str | None
    date_signature: _dt.date | None
    #: 'commune' when the commune is listed itself, else the SIREN of the covering groupement
    via: str
    via_nom: str | None
    source: str | None


@dataclass(frozen=True)
class ProgrammeBadge:
    """A programme on the commune card, with the contracts or sites through which it covers it."""

    code: str
    libelle: str
    description: str | None
    url: str | None
    contracts: tuple[ProgrammeContract, ...]


@dataclass(frozen=True)
class ProgrammePresence:
    """A programme in a larger territory: communes covered (of all its communes), contracts or sites."""

    code: str
    libelle: str
    url: str | None
    communes: int
    communes_total: int
    contrats: int

    @property
    def share(self) -> float:
        return self.communes / self.communes_total if self.communes_total else 0.0


def _cell(value):
    if is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, np.generic):
        return value.item()
    return value


def programme_badges(frame: pd.DataFrame) -> tuple[ProgrammeBadge, ...]:
    """One badge per programme from the rows of ``app/commune_programmes`` (one per contract)."""
    badges = []
    for code, rows in frame.groupby("programme", sort=False):
        first = rows.iloc[0]
        contracts = tuple(
            ProgrammeContract(str(r["id"]), _cell(r["nom"]), _cell(r["date_signature"]), str(r["via"]),
                              _cell(r["via_nom"]), _cell(r["source"]))
            for _, r in rows.iterrows()
        )
        badges.append(ProgrammeBadge(str(code), str(first["libelle"]), _cell(first["description"]), _cell(first["url"]),
                                     contracts))
    return tuple(badges)


def programme_presences(frame: pd.DataFrame) -> tuple[ProgrammePresence, ...]:
    """The rows of ``app/territoire_programmes`` as records."""
    return tuple(
        ProgrammePresence(str(r["programme"]), str(r["libelle"]), _cell(r["url"]), int(r["communes"]),
                          int(r["communes_total"]), int(r["contrats"]))
        for _, r in frame.iterrows()
    )


# ---------------------------------------------------------------------- blocks


def signature_text(date) -> str | None:
    """« signé le 5 mars 2024 »; None when the files give no date (sites, such as France
    services, have none)."""
    return None if date is None else f"signé le {date_fr(date)}"


def _official_link(url: str | None, libelle: str):
    if not url:
        return None
    return html.A("page officielle", href=url, target="_blank", rel="noopener noreferrer",
                  title=f"{libelle} : page officielle du programme", className="programme-lien")


def _contract_item(contract: ProgrammeContract) -> html.Li:
    """« Name — signé le … · par <groupement> (SIREN) » (the identifier when the files give no name)."""
    name = contract.nom or f"Identifiant {contract.id}"
    signed = signature_text(contract.date_signature)
    via = None
    if contract.via != "commune":
        via = f" · par {contract.via_nom or 'le groupement'} ({contract.via})"
    return html.Li([html.Strong(name), f" — {signed}" if signed else None, via])


def _badge_item(item: ProgrammeBadge) -> html.Li:
    link = _official_link(item.url, item.libelle)
    return html.Li(
        [
            html.Div([badge(item.libelle, PROGRAMME_COLOUR, "badge programme"),
                      *([" ", link] if link is not None else [])], className="programme-titre"),
            html.P(item.description, className="aide") if item.description else None,
            html.Ul([_contract_item(c) for c in item.contracts], className="programme-contrats"),
        ],
        className="programme-item",
        id=f"programme-{item.code}",
    )


def _sources(names) -> html.P | None:
    files = sorted({n for n in names if n})
    if not files:
        return None
    return html.P(f"Source : listes publiées par l'ANCT ({', '.join(files)}).", className="aide source-programmes")


def programmes_block(badges: tuple[ProgrammeBadge, ...]) -> html.Section:
    """« Programmes de l'État » of the commune card: a badge per programme, its contracts
    or sites with their signature date, a link to the programme's official page."""
    body = (html.Ul([_badge_item(b) for b in badges], className="programmes")
            if badges else html.P("Aucun programme de l'État connu ne couvre cette commune.", className="vide"))
    return section(
        f"Programmes de l'État ({len(badges)})",
        body,
        _sources(c.source for b in badges for c in b.contracts),
        id="bloc-programmes",
    )


def presence_lines(presences: tuple[ProgrammePresence, ...], map_state: MapState | None = None) -> list:
    """Table rows of the programmes present in a territory (with a link to the programme's
    map layer framed as ``map_state`` when given)."""
    rows = []
    for p in presences:
        link = _official_link(p.url, p.libelle)
        row = [html.Span([html.Strong(p.libelle), *([" ", link] if link is not None else [])]),
               f"{entier(p.communes)} sur {entier(p.communes_total)}", pourcentage(p.share), entier(p.contrats)]
        if map_state is not None:
            target = replace(map_state, couche="programmes", programme=p.code)
            row.append(dcc.Link("sur la carte", href="/" + target.to_fragment(), title=f"{p.libelle} sur la carte"))
        rows.append(row)
    return rows


def territory_programmes_block(presences: tuple[ProgrammePresence, ...], level: str,
                               map_state: MapState | None = None) -> html.Section:
    """Programmes present in a département, a région or an EPCI, with their counts."""
    of = LEVELS[level].of
    columns = ["Programme", "Communes couvertes", "Part des communes", "Contrats ou sites"]
    return section(
        f"Programmes de l'État ({len(presences)})",
        html.P(f"Communes {of} couvertes par chaque programme, directement ou par leur groupement, et contrats "
               "ou sites qui les couvrent.", className="aide"),
        table(columns + (["Carte"] if map_state is not None else []), presence_lines(presences, map_state),
              empty=f"Aucun programme de l'État connu dans le territoire {of}."),
        id="bloc-programmes",
    )


def panel_programmes(frame: pd.DataFrame, code: str, labels: dict[str, str], level: str) -> html.Div | None:
    """The programmes of the territory clicked on the map (side panel), from the rows of
    ``app/programmes_niveau`` for its level (kept per worker: no query per click); None
    when no programme covers it. ``labels``: programme code → label."""
    rows = frame[(frame["code"] == code) & frame["programme"].notna() & (frame["communes"] > 0)]
    if rows.empty:
        return None
    found = sorted((labels.get(r.programme, r.programme), int(r.communes), int(r.communes_total))
                   for r in rows.itertuples(index=False))
    if level == "commune":
        items = [html.Li(label) for label, _, _ in found]
    else:
        items = [html.Li(f"{label} : {entier(n)} {LEVELS['commune'].noun(n)} sur {entier(total)}")
                 for label, n, total in found]
    return html.Div([html.H3(f"Programmes de l'État ({len(found)})"),
                     html.Ul(items, className="panneau-programmes")], id="panneau-programmes")


# ---------------------------------------------------------------------- map layer


def programme_layer(frame: pd.DataFrame, level: str, programme: str, libelle: str) -> LayerValues:
    """The « Programmes » layer over the rows of ``app/programmes_niveau`` for one level.

    ``programme`` is a programme code or :data:`PROGRAMME_COUNT`. Communes: in or out of
    the programme (two classes), or their number of programmes; larger territories: the
    share of their communes in the programme, or the number of programmes present in them.
    Every territory has a value (0 when no programme covers it).
    """
    totals = frame.groupby("code", sort=True)["communes_total"].first()
    codes = list(totals.index.astype(str))
    present = frame[frame["programme"].notna() & (frame["communes"] > 0)]
    if programme == PROGRAMME_COUNT:
        counts = present.groupby("code")["programme"].nunique().reindex(totals.index, fill_value=0)
        z = counts.to_numpy(dtype="float64")
        return LayerValues("programmes", codes, z, None, None, 0.0, max(float(z.max()) if len(z) else 0.0, 1.0),
                           variante="nombre")
    mine = present[present["programme"] == programme].set_index("code")["communes"]
    covered = mine.reindex(totals.index, fill_value=0).to_numpy(dtype="float64")
    if level == "commune":
        return LayerValues("programmes", codes, (covered > 0).astype("int64"), [OUTSIDE_LABEL, libelle],
                           [OUTSIDE_COLOUR, PROGRAMME_COLOUR], -0.5, 1.5, variante="classes")
    share = covered / totals.to_numpy(dtype="float64")
    return LayerValues("programmes", codes, share, None, None, 0.0, 1.0, variante="part")
