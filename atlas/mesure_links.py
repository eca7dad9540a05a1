"""The alliances, experimentations and catalyseurs linked to a mesure (the optional ``mesure``
column of their files, table ``mesure_lien``), read once for the mesure's page and its exports.

:func:`read_links` reads the rows of one mesure (query ``app/mesure_liens``) and which files of
the published run carried the column (their provenance entries, ``colonnes``); the other
functions are pure: the French texts every reader shows.

>>> links = MeasureLinks(pd.DataFrame(columns=LINK_COLUMNS), files=())
>>> links.empty_text()
'Aucun fichier des alliances, expérimentations ou catalyseurs ne porte la colonne facultative « mesure » : les liens aux mesures ne sont pas renseignés.'
>>> print(MeasureLinks(links.rows, files=("catalyseurs",)).empty_text())
Aucune alliance, expérimentation ni aucun catalyseur n'est lié à cette mesure dans les fichiers chargés (colonne « mesure » du fichier catalyseurs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from atlas.entities import ENTITIES
from atlas.format import entier, is_missing
from atlas.provenance import french_list, read_last_run
from atlas.warehouse import fetch_df

__all__ = ["LINKS_TITLE", "LinkKind", "LINK_KINDS", "LINK_COLUMN", "LINK_COLUMNS", "MeasureLinks", "read_links", "link_files", "kind_label",
           "place_text", "situation_text"]

#: Title of the block of the linked rows (the mesure's page, its PDF).
LINKS_TITLE = "Alliances, expérimentations et catalyseurs liés"
#: The column of the alliances, experimentations and catalyseurs files naming their mesures.
LINK_COLUMN = "mesure"
class LinkKind(NamedTuple):
    """A kind of row a mesure may be linked to."""

    file: str  # its input file (entity of atlas.entities.ENTITIES)
    label: str  # « Alliance »
    plural: str  # « alliances »
    linked: str  # « Alliances liées à la mesure »


#: Kinds of linked rows (``mesure_lien.entite``), in the order the readers list them.
LINK_KINDS: dict[str, LinkKind] = {
    "alliance": LinkKind("alliances", "Alliance", "alliances", "Alliances liées à la mesure"),
    "experimentation": LinkKind("experimentations", "Expérimentation", "expérimentations",
                                "Expérimentations liées à la mesure"),
    "catalyseur": LinkKind("catalyseurs", "Catalyseur", "catalyseurs", "Catalyseurs liés à la mesure"),
}
#: Columns of :attr:`MeasureLinks.rows` (query ``app/mesure_liens``).
LINK_COLUMNS = ("mesure", "entite", "id", "intitule", "statut", "annee", "niveau", "code", "lieu", "communes", "demo")


def link_files(sources: Iterable[dict]) -> tuple[str, ...]:
    """The files (alliances, experimentations, catalyseurs) whose header had the ``mesure``
    column, from the provenance entries of the published run (``colonnes``)."""
    files = {kind.file for kind in LINK_KINDS.values()}
    found = {entry.get("entite") for entry in sources
             if entry.get("role") == "domaine" and LINK_COLUMN in (entry.get("colonnes") or ())}
    return tuple(f for f in ENTITIES if f in files and f in found)


@dataclass(frozen=True)
class MeasureLinks:
    """The rows linked to one mesure (:data:`LINK_COLUMNS`) and the files that carried the column."""

    rows: pd.DataFrame
    files: tuple[str, ...]

    def of(self, mesure_id: str) -> "MeasureLinks":
        """The rows of one mesure, from the links of every mesure."""
        return MeasureLinks(self.rows[self.rows["mesure"] == mesure_id].reset_index(drop=True), self.files)

    def counts_text(self) -> str:
        """« 8 alliances, 3 expérimentations, 12 catalyseurs » (kinds without a link left out)."""
        counts = self.rows["entite"].value_counts()
        parts = []
        for code, kind in LINK_KINDS.items():
            n = int(counts.get(code, 0))
            if n:
                parts.append(f"{entier(n)} {kind.plural if n > 1 else kind.label.lower()}")
        return ", ".join(parts)

    def empty_text(self) -> str | None:
        """Why nothing is listed: no file carried the column, or none links this mesure; None when rows are."""
        if len(self.rows):
            return None
        if not self.files:
            return ("Aucun fichier des alliances, expérimentations ou catalyseurs ne porte la colonne facultative "
                    f"« {LINK_COLUMN} » : les liens aux mesures ne sont pas renseignés.")
        files = f"des fichiers {french_list(self.files)}" if len(self.files) > 1 else f"du fichier {self.files[0]}"
        return ("Aucune alliance, expérimentation ni aucun catalyseur n'est lié à cette mesure dans les fichiers "
                f"chargés (colonne « {LINK_COLUMN} » {files}).")


def read_links(con, mesure_id: str | None) -> MeasureLinks:
    """The rows linked to ``mesure_id`` (None: to every mesure, see :meth:`MeasureLinks.of`) and the
    files of the published run that carried the column."""
    rows = fetch_df(con, "app/mesure_liens", mesure=mesure_id)
    run = read_last_run(con)
    return MeasureLinks(rows, link_files(run["sources"] if run else ()))


def kind_label(kind: str) -> str:
    """« Alliance », « Expérimentation », « Catalyseur »."""
    return LINK_KINDS[kind].label


def place_text(row) -> str:
    """Where a linked row acts: its territory's name, « et 2 autres communes » for an alliance
    naming several, « Nationale » for an experiment without a place.

    >>> place_text({"lieu": "Morlaix", "communes": 3})
    'Morlaix et 2 autres communes'
    >>> place_text({"lieu": None, "communes": None})
    'Nationale'
    """
    if is_missing(row["lieu"]):
        return "Nationale"
    others = 0 if is_missing(row["communes"]) else int(row["communes"]) - 1
    if others <= 0:
        return str(row["lieu"])
    return f"{row['lieu']} et {others} autre{'s' if others > 1 else ''} commune{'s' if others > 1 else ''}"


def situation_text(row) -> str:
    """The state of a linked row: an alliance's status and start year, an experiment's status and
    year of selection, a catalyseur's year of membership.

    >>> situation_text({"entite": "alliance", "statut": "terminee", "annee": 2019})
    'Terminée, lancée en 2019'
    >>> situation_text({"entite": "experimentation", "statut": "en_cours", "annee": 2022})
    'En cours, sélectionnée en 2022'
    >>> situation_text({"entite": "experimentation", "statut": "selectionnee", "annee": 2026})
    'Sélectionnée en 2026'
    >>> situation_text({"entite": "catalyseur", "statut": None, "annee": 2016})
    'Membre du réseau depuis 2016'
    """
    year = "" if is_missing(row["annee"]) else str(int(row["annee"]))
    if row["entite"] == "catalyseur":
        return f"Membre du réseau depuis {year}" if year else "Membre du réseau"
    status = ENTITIES[LINK_KINDS[row["entite"]].file].column("statut").label_of(str(row["statut"]))
    if not year:
        return status
    if row["entite"] == "alliance":
        return f"{status}, lancée en {year}"
    return f"Sélectionnée en {year}" if row["statut"] == "selectionnee" else f"{status}, sélectionnée en {year}"
