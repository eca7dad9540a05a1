"""Helpers for the domain loader tests: small references, file writers, valid rows.

The references hold a handful of real-looking codes: ordinary communes, Corsican and
overseas ones, a commune nouvelle with former communes mapped to it, and the
arrondissements municipaux of Paris, Marseille and Lyon.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from etl.domain.loader import DomainLoad, References

COMMUNES = frozenset(
    {
        "01001",
        "01004",
        "2A004",
        "2B033",
        "97411",
        "14581",
        "12145",
        "12202",
        "12208",
        "75056",
        "13055",
        "69123",
    }
)
#: Former communes (déléguées / associées) of a commune nouvelle.
HISTORIQUE = {"14047": "14581", "14472": "14581"}
ARRONDISSEMENTS = {"75101": "75056", "75120": "75056", "13201": "13055", "69381": "69123"}
EPCI = frozenset({"200066637", "241200567", "200040715"})
DEPARTEMENTS = frozenset({"01", "2A", "2B", "974", "14", "12", "75", "13", "69"})
REGIONS = frozenset({"84", "94", "04", "28", "76", "11", "93"})

REFS = References(
    communes=COMMUNES,
    historique=HISTORIQUE,
    arrondissements=ARRONDISSEMENTS,
    epci=EPCI,
    departements=DEPARTEMENTS,
    regions=REGIONS,
)

ALLIANCES_HEADER = (
    "id;intitule;date_debut;date_fin;statut;communes;epci;types_partenaires;forme;odd;budget;demo"
)
#: One valid alliance row per call of :func:`alliance`, fields separated by ``;``.
_ALLIANCE_FIELDS = (
    "id",
    "intitule",
    "date_debut",
    "date_fin",
    "statut",
    "communes",
    "epci",
    "types_partenaires",
    "forme",
    "odd",
    "budget",
    "demo",
)
_ALLIANCE_DEFAULTS = {
    "id": "AL-1",
    "intitule": "Épicerie solidaire",
    "date_debut": "2019-09-01",
    "date_fin": "",
    "statut": "active",
    "communes": "12145|12208",
    "epci": "",
    "types_partenaires": "association|entreprise",
    "forme": "mecenat",
    "odd": "2|17",
    "budget": "45000",
    "demo": "false",
}


def alliance(sep: str = ";", **values: str) -> str:
    """One alliance line: valid defaults overridden by ``values``."""
    unknown = set(values) - set(_ALLIANCE_FIELDS)
    if unknown:
        raise KeyError(unknown)
    row = {**_ALLIANCE_DEFAULTS, **values}
    return sep.join(row[f] for f in _ALLIANCE_FIELDS)


def alliances_text(*lines: str, header: str = ALLIANCES_HEADER) -> str:
    """A whole alliances CSV: the header then ``lines``, each ended by a newline."""
    return "".join(line + "\n" for line in (header, *lines))


def write(directory: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` as ``directory/name`` in ``encoding`` (newlines kept as given)."""
    path = directory / name
    path.write_bytes(text.encode(encoding))
    return path


MESURES_TEXT = (
    "id;libelle;chantier;chantier_libelle;levier;levier_libelle;demo\n"
    "M01;Reconnaître les alliances;C1;Reconnaître;L1;Cadre juridique;false\n"
    "M02;Outiller les territoires;C1;Reconnaître;L4;Animation;false\n"
    "M03;Mobiliser les entreprises;C2;Mobiliser;L4;Animation;false\n"
)

SUIVI_HEADER = "mesure;date_point;statut;avancement;region;commentaire;demo"


def assert_accounting(load: DomainLoad) -> None:
    """read = loaded + rejected for every file, consistent with the tables and rejects."""
    for count in load.file_counts:
        assert count.read == count.loaded + count.rejected, count
        assert len(load.tables[count.entity]) == count.loaded, count
        lines = {r.line for r in load.rejects if r.file == count.file}
        assert len(lines) == count.rejected, (count, sorted(lines))
        assert None not in lines


def only_reject(load: DomainLoad):
    """The single reject of ``load`` (fails when there are none or several)."""
    assert len(load.rejects) == 1, load.rejects
    return load.rejects[0]


# --------------------------------------------------------------------------- demo geography

# (département, région, communes, EPCI): codes shaped like real ones.
_GEOGRAPHY = (("12", "76", 60, 4), ("2B", "94", 30, 2), ("974", "04", 24, 3))


def demo_geography(seed: int = 11) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic communes and EPCI in the shape :func:`etl.demo.generate_demo` expects."""
    rng = np.random.default_rng(seed)
    communes: list[dict[str, object]] = []
    epci: list[dict[str, str]] = []
    number = 0
    for dep, region, n_communes, n_epci in _GEOGRAPHY:
        sirens = []
        for _ in range(n_epci):
            number += 1
            sirens.append(f"2{number:08d}")
            epci.append({"code": sirens[-1], "nom": f"Communauté n° {number}"})
        for k in range(1, n_communes + 1):
            code = f"{dep}{k:03d}" if len(dep) == 2 else f"{dep}{k:02d}"
            communes.append(
                {
                    "code": code,
                    "nom": f"Commune {code}",
                    "departement": dep,
                    "region": region,
                    "epci": sirens[(k - 1) * n_epci // n_communes],
                    "population": int(rng.integers(50, 40000)),
                }
            )
    return pd.DataFrame(communes), pd.DataFrame(epci)


def references_of(communes: pd.DataFrame, epci: pd.DataFrame) -> References:
    return References(
        communes=frozenset(communes["code"]),
        historique={},
        arrondissements={},
        epci=frozenset(epci["code"]),
        departements=frozenset(communes["departement"]),
        regions=frozenset(communes["region"]),
    )
