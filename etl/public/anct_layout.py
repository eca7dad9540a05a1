"""The layout of the ANCT programme files, as published on data.gouv.fr.

Each programme ``<prog>`` (``crte``, ``pvd``, ``acv``, ``fs``…) is published as a family
of up to three tables, UTF-8, comma-separated (an XLSX copy of the same table is accepted):

``liste-<prog>-<AAAAMMJJ>.csv``
    the contracts or sites: ``id_<prog>``, and often ``lib_<prog>``, ``date_signature``;
``liste-<prog>-com<COG>-<AAAAMMJJ>.csv``
    the communes: ``insee_com``, ``id_<prog>``, and ``lib_com``, ``lib_<prog>``,
    ``date_signature`` depending on the programme;
``liste-<prog>-grpt<COG>-<AAAAMMJJ>.csv``
    the groupements: ``id_<prog>``, ``siren_groupement``, ``lib_groupement``, and for the CRTE
    ``nature_juridique`` (``COM`` for a commune that signed alone, its INSEE code standing
    where the SIREN would), ``siren_epci``, ``lib_crte``, ``date_signature``…

``<AAAAMMJJ>`` is the publication date, ``<COG>`` the year of the code officiel
géographique the codes follow. Other columns (région, département…) are ignored.
:data:`LAYOUTS` declares, per kind of table, the columns read, by role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

__all__ = ["AnctName", "Layout", "LAYOUTS", "parse_name", "columns_of", "ID_SEPARATOR", "DATE_FORMATS"]

#: What joins several ids in one cell (a commune in two CRTE): « crte-1 ; crte-2 ».
ID_SEPARATOR = ";"
#: The date formats seen in the files.
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")

_NAME = re.compile(
    r"^liste-(?P<prog>[a-z0-9]+)-(?:(?P<kind>com|grpt)(?P<cog>\d{4})-)?(?P<date>\d{8})\.(?P<ext>csv|xlsx)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Layout:
    """One kind of table: its French name and its columns by role (``{prog}`` = the code)."""

    kind: str
    label: str
    #: role -> column name pattern; the required roles must be in the header.
    required: dict[str, str]
    optional: dict[str, str]
    #: Rank of the table when several give the name or date of one contract (lower wins).
    rank: int


LAYOUTS: dict[str, Layout] = {
    "liste": Layout("liste", "liste des contrats ou sites", {"id": "id_{prog}"},
                    {"nom": "lib_{prog}", "date": "date_signature"}, 1),
    "grpt": Layout("grpt", "groupements", {"id": "id_{prog}", "siren": "siren_groupement"},
                   {"nom": "lib_{prog}", "date": "date_signature", "nature": "nature_juridique",
                    "epci": "siren_epci", "lib_groupement": "lib_groupement"}, 2),
    "com": Layout("com", "communes", {"id": "id_{prog}", "commune": "insee_com"},
                  {"nom": "lib_{prog}", "date": "date_signature", "lib_com": "lib_com"}, 3),
}


@dataclass(frozen=True)
class AnctName:
    """What an ANCT file name says: programme, kind of table, COG year, publication date."""

    programme: str
    kind: str
    cog: int | None
    date: date


def parse_name(path: Path) -> AnctName | None:
    """The parts of an ANCT file name, or None when ``path`` is not named like one."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        published = datetime.strptime(match["date"], "%Y%m%d").date()
    except ValueError:
        return None
    kind = (match["kind"] or "liste").lower()
    return AnctName(match["prog"].lower(), kind, int(match["cog"]) if match["cog"] else None, published)


def columns_of(layout: Layout, programme: str) -> tuple[dict[str, str], dict[str, str]]:
    """The required and optional columns (role -> name) of ``layout`` for ``programme``."""
    def fill(roles: dict[str, str]) -> dict[str, str]:
        return {role: pattern.format(prog=programme) for role, pattern in roles.items()}

    return fill(layout.required), fill(layout.optional)
