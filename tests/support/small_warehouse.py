"""A small warehouse for the unit tests: synthetic boundaries run through the real ETL.

Ten communes made here (squares of 5 km in Lambert-93 around Morlaix, one offshore
island, one commune the file gives no outline for), in two départements (Finistère
``29`` and Côtes-d'Armor ``22``) of one région (Bretagne ``53``) and two EPCI (one
crossing the départements' border, two communes in none), are written in the documented
single-file communes layout that ``territoires etl --boundaries FILE`` reads (columns
``INSEE_COM``, ``NOM``, ``INSEE_DEP``, ``INSEE_REG``, ``SIREN_EPCI``, ``POPULATION``).
:func:`build` then runs :func:`etl.runner.run_etl` twice, as a user would: the
boundaries alone, then the demonstration data over them (boundaries reused), the demo's
sizes scaled down to ten communes (:data:`SMALL_DEMO_COUNTS`). Both take a second or
two, so every unit test can read a complete warehouse.

Names and codes are shaped like real ones but the places are made up: tests read the
values they expect from the warehouse, never from this module's numbers.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import geopandas as gpd
import shapely

from etl.demo.generator import DEMO_COUNTS
from etl.runner import RunOptions, RunReport, run_etl

__all__ = ["COMMUNES", "POPULATION_YEAR", "SMALL_DEMO_COUNTS", "SmallWarehouse", "build", "build_mixed",
           "build_public", "communes_frame", "write_boundaries"]

#: Lambert-93 corner of the grid (near Morlaix) and side of a commune, in metres.
ORIGIN = (196_000.0, 6_846_000.0)
SIDE = 5_000.0
#: Census year given to the file's populations (a communes file does not say it).
POPULATION_YEAR = 2017

#: Sizes of the demonstration dataset for ten communes: France's 4 000 alliances would give
#: every commune the highest maturity; these leave communes in several classes.
SMALL_DEMO_COUNTS = {"alliances": 12, "experimentations": 4, "experimentations_nationales": 1, "catalyseurs": 6}

REGION = ("53", "Bretagne")
DEPARTEMENTS = {"29": "Finistère", "22": "Côtes-d'Armor"}
EPCI = {"242900001": "Communauté du Haut-Léon", "200022001": "Trégor Communauté"}


@dataclass(frozen=True)
class Commune:
    """One synthetic commune; ``cell`` is its (column, row) in the grid, None for no outline."""

    code: str
    nom: str
    departement: str
    epci: str | None
    population: int
    cell: tuple[float, float] | None


#: The offshore commune: a square of 1 km touching no other commune.
ISLAND = "29005"

#: Columns 0–1 are in Finistère, 2–3 in Côtes-d'Armor; Trégor Communauté crosses the border.
COMMUNES = (
    Commune("29001", "Saint-Éloi-des-Landes", "29", "242900001", 15_234, (0, 0)),
    Commune("29002", "Kerlouan-Vihan", "29", "242900001", 2_310, (1, 0)),
    Commune("29003", "Plounévez-Bras", "29", "242900001", 870, (0, 1)),
    Commune("29004", "Lanvern", "29", "200022001", 455, (1, 1)),
    Commune("29005", "Île-de-Garo", "29", None, 120, (-1.5, 2.5)),
    Commune("22001", "Plestin-Huel", "22", "200022001", 3_450, (2, 0)),
    Commune("22002", "Trébeurden-Ker", "22", "200022001", 1_275, (3, 0)),
    Commune("22003", "Sainte-Anne-du-Guer", "22", "200022001", 640, (2, 1)),
    Commune("22004", "Lannion-Vraz", "22", "200022001", 9_870, (3, 1)),
    Commune("22005", "Kermoal", "22", None, 85, None),
)


def _outline(cell: tuple[float, float] | None, side: float = SIDE) -> shapely.Polygon | None:
    if cell is None:
        return None
    x, y = ORIGIN[0] + cell[0] * SIDE, ORIGIN[1] + cell[1] * SIDE
    return shapely.box(x, y, x + side, y + side)


def communes_frame() -> gpd.GeoDataFrame:
    """The communes in the single-file layout ``--boundaries`` documents, in Lambert-93."""
    return gpd.GeoDataFrame(
        {
            "INSEE_COM": [c.code for c in COMMUNES],
            "NOM": [c.nom for c in COMMUNES],
            "INSEE_DEP": [c.departement for c in COMMUNES],
            "INSEE_REG": [REGION[0]] * len(COMMUNES),
            "SIREN_EPCI": [c.epci or "" for c in COMMUNES],
            "POPULATION": [c.population for c in COMMUNES],
            "NOM_DEP": [DEPARTEMENTS[c.departement] for c in COMMUNES],
            "NOM_REG": [REGION[1]] * len(COMMUNES),
            "NOM_EPCI": [EPCI.get(c.epci, "") for c in COMMUNES],
        },
        geometry=[_outline(c.cell, SIDE / 5 if c.code == ISLAND else SIDE) for c in COMMUNES],
        crs="EPSG:2154",
    )


def write_boundaries(path: Path) -> Path:
    """Write :func:`communes_frame` as a GeoPackage at ``path`` and return it."""
    communes_frame().to_file(path, driver="GPKG", layer="commune")
    return path


@dataclass(frozen=True)
class SmallWarehouse:
    """The boundaries file and the two runs built from it."""

    boundaries: Path
    #: Boundaries only: no domain data, no demonstration flag.
    bare: RunReport
    #: The same boundaries (reused) with the demonstration data.
    demo: RunReport


def build(folder: Path) -> SmallWarehouse:
    """Write the boundaries file into ``folder`` and build both warehouses there."""
    folder.mkdir(parents=True, exist_ok=True)
    boundaries = write_boundaries(folder / "communes.gpkg")
    outlined = sum(c.cell is not None for c in COMMUNES)  # the ETL's check counts communes with an outline
    bare_db = folder / "limites" / "warehouse.duckdb"
    bare_db.parent.mkdir()
    bare = run_etl(RunOptions(db_path=bare_db, boundaries_path=boundaries, population_year=POPULATION_YEAR,
                              min_communes=outlined))
    demo_db = folder / "demo" / "warehouse.duckdb"
    demo_db.parent.mkdir()
    shutil.copy(bare_db, demo_db)
    with mock.patch.dict(DEMO_COUNTS, SMALL_DEMO_COUNTS):
        demo = run_etl(RunOptions(db_path=demo_db, demo=True, min_communes=outlined))
    return SmallWarehouse(boundaries, bare, demo)


def _demo_files(source: Path, data: Path) -> dict[str, Path]:
    """Write the demonstration files (sizes of :data:`SMALL_DEMO_COUNTS`) for the
    communes and EPCI of the warehouse ``source`` into ``data``; return them by entity."""
    from atlas.warehouse import connect
    from etl.demo import generate_demo, inputs_from_warehouse

    con = connect(source, read_only=True)
    try:
        communes, epci = inputs_from_warehouse(con)
    finally:
        con.close()
    with mock.patch.dict(DEMO_COUNTS, SMALL_DEMO_COUNTS):
        return generate_demo(communes, epci, data)


def _run_over(previous: Path, folder: Path, data: Path) -> RunReport:
    """Run the ETL with ``data`` over a copy of the warehouse ``previous`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "warehouse.duckdb"
    shutil.copy(previous, db)
    outlined = sum(c.cell is not None for c in COMMUNES)
    return run_etl(RunOptions(db_path=db, data_dir=data, min_communes=outlined))


def build_public(folder: Path, bare: RunReport) -> RunReport:
    """A run over the boundaries of ``bare`` with a data folder mixing demo and public files.

    The folder holds the demonstration files but ``crte.csv``, and the ANCT programme
    files of :func:`tests.support.anct_files.write_anct_files` (the CRTE then come from
    them), as a user would drop them into ``--data``.
    """
    from tests.support.anct_files import write_anct_files

    data = folder / "donnees"
    _demo_files(bare.db_path, data)
    (data / "crte.csv").unlink()
    write_anct_files(data)
    return _run_over(bare.db_path, folder, data)


def _flag_real(path: Path, share: float) -> int:
    """Set ``demo`` to false on the first ``share`` of the data rows of a generated CSV
    (its last column); return how many rows were changed."""
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    assert header.rsplit(";", 1)[1] == "demo", path
    changed = round(len(rows) * share)
    rows = [row.rsplit(";", 1)[0] + ";false" if k < changed else row for k, row in enumerate(rows)]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return changed


def build_mixed(folder: Path, demo: RunReport) -> RunReport:
    """A warehouse mixing real and demonstration rows, as a user who replaced part of the
    demo gets it: the generated files in a ``--data`` folder, where every CRTE row and half
    of the catalyseurs rows say ``demo = false``; the run starts from the demo warehouse."""
    data = folder / "donnees"
    files = _demo_files(demo.db_path, data)
    _flag_real(files["crte"], 1.0)
    _flag_real(files["catalyseurs"], 0.5)
    return _run_over(demo.db_path, folder, data)
