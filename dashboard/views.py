"""What a territory card shows, read from the warehouse in one place.

:func:`commune_view` and :func:`territory_view` do every read a card needs (through
:class:`~dashboard.data.Warehouse` and its named queries) and return plain frozen
dataclasses; the pages and :mod:`dashboard.fiches` render them with pure functions that
never see the warehouse. An unknown code gives ``None`` (the page then says
« introuvable » and answers 404).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from atlas.parameters import RunParameters
from atlas.provenance import Note
from atlas.vocabulary import EPCI_NATURES, LEVELS

from .data import Warehouse
from .mapstate import MapState
from .mapview import map_figure_for
from .programmes import ProgrammeBadge, ProgrammePresence, programme_badges, programme_presences

__all__ = [
    "Place", "Activity", "Alliance", "Crte", "Mairie", "Maire", "IndicatorValue", "Experiment", "Catalyst",
    "Neighbour", "PriorityCommune",
    "CommuneView", "TerritoryView", "commune_view", "territory_view", "comparison_rows", "plain",
    "CATALYST_LIMIT", "PRIORITY_LIMIT", "TERRITORY_MAP_HEIGHT", "TERRITORY_MAP_WIDTH",
]

#: Radius of the "experiments near the commune" block.
CATALYST_LIMIT = 5
#: Priority communes listed on a département or région card.
PRIORITY_LIMIT = 15
#: Size in pixels the map of a département or région card is zoomed for (half the card's width).
TERRITORY_MAP_HEIGHT = 460
TERRITORY_MAP_WIDTH = 540

Comparison = tuple[tuple[str, dict | None], ...]


# ---------------------------------------------------------------------- items


@dataclass(frozen=True)
class Place:
    """A territory named on a card (a parent, a link)."""

    level: str
    code: str
    nom: str

    @property
    def href(self) -> str:
        return f"/{self.level}/{self.code}"


@dataclass(frozen=True)
class Activity:
    """What happens on a territory: counts of alliances, CRTE, experiments, catalyseurs."""

    alliances: int
    alliances_actives: int
    crte_signes: int
    experimentations: int
    catalyseurs: int


@dataclass(frozen=True)
class Alliance:
    intitule: str
    statut: str
    forme: str
    partenaires: tuple[str, ...]
    odd: tuple[int, ...]
    via: str
    epci_nom: str | None
    date_debut: _dt.date | None
    date_fin: _dt.date | None
    budget: float | None


@dataclass(frozen=True)
class Crte:
    nom: str
    statut: str
    date_signature: _dt.date | None
    epci_nombre: int
    #: 'commune' for a CRTE the commune signed alone, else the SIREN of the EPCI that brings it in
    via: str
    via_nom: str | None


@dataclass(frozen=True)
class Mairie:
    """The contact details of a commune's mairie (cells as published, None when missing)."""

    adresse: str | None
    telephone: str | None
    email: str | None
    site: str | None
    horaires: str | None  # JSON, see atlas.mairie.horaires_lignes
    accessibilite: str | None
    source: str


@dataclass(frozen=True)
class Maire:
    """A maire (``MAI``) or maire délégué (``MDA``)."""

    prenom: str
    nom: str
    fonction: str
    date_debut_fonction: _dt.date | None
    source: str


@dataclass(frozen=True)
class IndicatorValue:
    """The latest year of one indicator of a commune: a value, or a statistical secret
    (``secret``, no value); ``source`` is the public file, None for our own indicators file."""

    indicateur: str
    annee: int
    valeur: float | None
    secret: bool
    source: str | None
    demo: bool


@dataclass(frozen=True)
class Experiment:
    intitule: str
    porteur: str
    statut: str
    evaluation: str | None
    annee: int
    montant: float | None
    commune: str | None
    commune_nom: str | None
    distance_km: float | None


@dataclass(frozen=True)
class Catalyst:
    nom: str
    type_structure: str
    commune: str
    commune_nom: str
    distance_km: float
    couvre_la_commune: bool
    annee_adhesion: int
    #: contact as the catalyseurs file gives it (None when missing)
    email: str | None = None
    telephone: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Neighbour:
    """A commune of the small map (the card's own commune or a neighbour), with its outline."""

    code: str
    nom: str
    est_la_commune: bool
    maturite_classe: str | None
    geometry: str  # GeoJSON text
    ouest: float
    sud: float
    est: float
    nord: float


@dataclass(frozen=True)
class PriorityCommune:
    rang: int
    code: str
    nom: str
    departement: str
    departement_nom: str
    population: int | None
    maturite_classe: str | None
    maturite_score: float | None
    fragilite_score: float | None
    priorite_score: float | None


# ---------------------------------------------------------------------- views


@dataclass(frozen=True)
class CommuneView:
    """Everything the commune card shows."""

    code: str
    nom: str
    population: int | None
    superficie_km2: float | None
    departement: Place
    region: Place
    epci: Place | None
    vintage: dict  # population_annee, evolution_population, evolution_source, annee_debut/fin, population_debut/fin
    indicators: dict | None
    #: the latest year of each indicator of the commune (values, secrets, their sources)
    indicator_values: tuple[IndicatorValue, ...]
    comparison: Comparison
    #: the run's parameters (thresholds and radii shown in the texts)
    parameters: RunParameters
    alliances: tuple[Alliance, ...]
    crte: tuple[Crte, ...]
    experiments: tuple[Experiment, ...]
    experiment_radius_km: float
    catalysts: tuple[Catalyst, ...]
    neighbours: tuple[Neighbour, ...]
    activity: Activity
    #: where each block's data come from, by entity code (atlas.provenance.block_notes)
    notes: dict[str, Note] = field(default_factory=dict)
    mairie: Mairie | None = None
    maires: tuple[Maire, ...] = ()
    #: when the published warehouse was built (the date the mairie block's sources were read)
    published: _dt.date | None = None
    #: State programmes covering the commune, one per programme with its contracts or sites
    programmes: tuple[ProgrammeBadge, ...] = ()


@dataclass(frozen=True)
class TerritoryView:
    """Everything the card of a région, a département or an EPCI shows."""

    level: str  # "region", "departement" or "epci"
    code: str
    nom: str
    population: int | None
    region: Place | None  # the région of a département or an EPCI
    children_count: int  # départements of a région, communes of a département or an EPCI
    indicators: dict | None
    comparison: Comparison
    #: the run's parameters (thresholds and radii shown in the texts)
    parameters: RunParameters
    activity: Activity
    priorities: tuple[PriorityCommune, ...]
    map_state: MapState
    map_figure: dict
    #: State programmes present in the territory, with their counts
    programmes: tuple[ProgrammePresence, ...] = ()
    #: the département of an EPCI (the one holding most of its communes)
    departement: Place | None = None
    #: legal nature of an EPCI (« Communauté de communes »…), None otherwise
    nature: str | None = None
    #: every département holding a commune of an EPCI, ``departement`` first (most communes first)
    departements: tuple[Place, ...] = ()


# ---------------------------------------------------------------------- reading


def plain(value):
    """A warehouse cell as a plain Python value: missing → None, arrays → tuples, dates → date.

    >>> plain(float("nan")) is None, plain(np.int64(3)), plain(np.array([1, 2]))
    (True, 3, (1, 2))
    >>> plain(pd.Timestamp("2024-03-05"))
    datetime.date(2024, 3, 5)
    """
    if isinstance(value, (list, tuple, np.ndarray)):
        return tuple(plain(v) for v in value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _plain_row(row: dict | None) -> dict | None:
    return None if row is None else {key: plain(value) for key, value in row.items()}


def _records(frame: pd.DataFrame, cls) -> tuple:
    """Rows of ``frame`` as ``cls`` instances (the columns named by the dataclass's fields)."""
    lists = {f.name for f in fields(cls) if str(f.type).startswith("tuple")}  # a missing list is empty

    def value(name, cell):
        cell = plain(cell)
        return () if cell is None and name in lists else cell

    names = [f.name for f in fields(cls)]
    return tuple(cls(**{n: value(n, row[n]) for n in names}) for row in frame.to_dict("records"))


def _place(warehouse: Warehouse, level: str, code: str | None) -> Place | None:
    return Place(level, code, warehouse.name(level, code)) if code and warehouse.exists(level, code) else None


def _activity(warehouse: Warehouse, level: str, code: str) -> Activity:
    counts = warehouse.activity(level, code)
    return Activity(**{f.name: int(counts[f.name]) for f in fields(Activity)})




def comparison_rows(warehouse: Warehouse, level: str, code: str) -> Comparison:
    """The territory and the larger ones containing it, up to France: ((label, row), …)."""
    info = warehouse.territory(level, code)
    rows: list[tuple[str, dict | None]] = [(f"{LEVELS[level].title} : {info['nom']}", warehouse.indicator_row(level, code))]
    parents = {"commune": ("epci", "departement", "region"), "epci": ("departement", "region"),
               "departement": ("region",), "region": ()}[level]
    for parent in parents:
        parent_code = plain(info.get(parent))
        if parent_code is None and (level, parent) == ("epci", "departement"):
            parent_code = _main_departement(warehouse, code)  # the warehouse gives an EPCI no département
        if parent_code:
            rows.append((f"{LEVELS[parent].title} : {warehouse.name(parent, parent_code)}", warehouse.indicator_row(parent, parent_code)))
    rows.append(("France", warehouse.france))
    return tuple((label, _plain_row(row)) for label, row in rows)


def _published(warehouse: Warehouse) -> _dt.date | None:
    run = warehouse.latest_run()
    return plain(pd.Timestamp(run["finished_at"] or run["started_at"])) if run else None


def commune_view(warehouse: Warehouse, code) -> CommuneView | None:
    """Everything the card of commune ``code`` shows, or None if the warehouse has no such commune."""
    if not warehouse.exists("commune", code):
        return None
    info = warehouse.territory("commune", code)
    radius = warehouse.parameters.rayon_experimentations_km
    return CommuneView(
        code=code,
        nom=info["nom"],
        population=plain(info["population"]),
        superficie_km2=plain(info.get("superficie_km2")),
        departement=_place(warehouse, "departement", info["departement"]),
        region=_place(warehouse, "region", info["region"]),
        epci=_place(warehouse, "epci", plain(info.get("epci"))),
        vintage=_plain_row(warehouse.commune_population(code)),
        indicators=_plain_row(warehouse.indicator_row("commune", code)),
        indicator_values=_records(warehouse.commune_indicators(code), IndicatorValue),
        comparison=comparison_rows(warehouse, "commune", code),
        parameters=warehouse.parameters,
        alliances=_records(warehouse.commune_alliances(code), Alliance),
        crte=_records(warehouse.commune_crte(code), Crte),
        experiments=_records(warehouse.commune_experiments(code, radius), Experiment),
        experiment_radius_km=radius,
        catalysts=_records(warehouse.commune_catalysts(code, CATALYST_LIMIT), Catalyst),
        neighbours=_records(warehouse.commune_neighbours(code), Neighbour),
        activity=_activity(warehouse, "commune", code),
        notes=warehouse.source_notes,
        mairie=next(iter(_records(warehouse.commune_mairie(code), Mairie)), None),
        maires=_records(warehouse.commune_maires(code), Maire),
        published=_published(warehouse),
        programmes=programme_badges(warehouse.commune_programmes(code)),
    )


def _priorities(warehouse: Warehouse, level: str, code: str, region: str) -> tuple[PriorityCommune, ...]:
    if level == "epci":
        frame = warehouse.priority_communes(None, epci=code, limit=PRIORITY_LIMIT)
    else:
        frame = warehouse.priority_communes(region, code if level == "departement" else None, limit=PRIORITY_LIMIT)
    frame = frame.assign(departement_nom=[warehouse.name("departement", d) for d in frame["departement"]])
    return _records(frame, PriorityCommune)


def _epci_departements(warehouse: Warehouse, epci: str) -> list[str]:
    """The départements holding communes of ``epci``, most communes first (the smallest code on a tie)."""
    counts = warehouse.children("commune", "epci", epci)["departement"].value_counts()
    return sorted(counts.index, key=lambda d: (-counts[d], d))


def _main_departement(warehouse: Warehouse, epci: str) -> str | None:
    """The département holding most communes of ``epci`` (the smallest code on a tie)."""
    return next(iter(_epci_departements(warehouse, epci)), None)


def territory_view(warehouse: Warehouse, level: str, code) -> TerritoryView | None:
    """Everything the card of région, département or EPCI ``code`` shows, or None if unknown."""
    if level not in ("departement", "region", "epci") or not warehouse.exists(level, code):
        return None
    info = warehouse.territory(level, code)
    departement = _main_departement(warehouse, code) if level == "epci" else code
    region = plain(info["region"]) or (warehouse.territory("departement", departement)["region"]
                                       if departement else None)
    state = MapState(region=code) if level == "region" else MapState(region=region, departement=departement)
    children = "departement" if level == "region" else "commune"
    return TerritoryView(
        level=level,
        code=code,
        nom=info["nom"],
        population=plain(info["population"]),
        region=_place(warehouse, "region", region) if level != "region" else None,
        departement=_place(warehouse, "departement", departement) if level == "epci" else None,
        nature=EPCI_NATURES.get(warehouse.epci_nature(code)) if level == "epci" else None,
        departements=tuple(_place(warehouse, "departement", d) for d in _epci_departements(warehouse, code))
        if level == "epci" else (),
        children_count=len(warehouse.children(children, level, code)),
        indicators=_plain_row(warehouse.indicator_row(level, code)),
        comparison=comparison_rows(warehouse, level, code),
        parameters=warehouse.parameters,
        activity=_activity(warehouse, level, code),
        priorities=_priorities(warehouse, level, code, region),
        map_state=state,
        map_figure=map_figure_for(state, warehouse, height=TERRITORY_MAP_HEIGHT, width=TERRITORY_MAP_WIDTH,
                                  epci=code if level == "epci" else None),
        programmes=programme_presences(warehouse.territory_programmes(level, code)),
    )
