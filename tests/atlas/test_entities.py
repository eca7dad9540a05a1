"""The declarative spec of the input files, and its agreement with docs/schemas-donnees.md."""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from atlas.entities import (
    CODE_TYPES,
    DATE_FORMATS,
    DEMO_COLUMN,
    ENTITIES,
    FALSE_VALUES,
    INDICATEURS,
    LOAD_ORDER,
    LIST_SEPARATOR,
    SCALAR_TYPES,
    TRUE_VALUES,
    ColumnSpec,
    EntitySpec,
    RuleSpec,
    choice_key,
    type_label,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "schemas-donnees.md"

# --------------------------------------------------------------------------- the spec


def test_entities_and_their_order():
    assert list(ENTITIES) == [
        "alliances",
        "crte",
        "experimentations",
        "catalyseurs",
        "mesures",
        "mesures_suivi",
        "mesures_indicateurs",
        "indicateurs",
    ]
    seen: list[str] = []
    for name, spec in ENTITIES.items():
        assert spec.name == name
        assert spec.file_stem == name
        assert set(spec.requires) <= set(seen), f"{name} comes before the files it requires"
        seen.append(name)
    # the loader validates an entity after every entity it references, required or optional
    assert sorted(LOAD_ORDER) == sorted(ENTITIES)
    for position, name in enumerate(LOAD_ORDER):
        assert set(ENTITIES[name].depends_on) <= set(LOAD_ORDER[:position]), name
    assert LOAD_ORDER[0] == "mesures"
    assert ENTITIES["mesures_suivi"].depends_on == ENTITIES["mesures_suivi"].requires == ("mesures",)
    assert ENTITIES["mesures_indicateurs"].depends_on == ("mesures",)
    for name in ("alliances", "experimentations", "catalyseurs"):
        # an optional column: the file references the mesures without requiring their file
        column = ENTITIES[name].column("mesure")
        assert (column.type, column.required, column.references) == ("list_of:str", False, "mesures.id")
        assert ENTITIES[name].depends_on == ("mesures",) and ENTITIES[name].requires == ()


def test_every_column_is_well_formed():
    for spec in ENTITIES.values():
        assert spec.label and spec.description
        for col in spec.columns:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", col.name), col.name
            assert col.item_type in SCALAR_TYPES
            assert col.description.strip() and col.example.strip(), col.name
            if col.item_type == "enum":
                assert col.choices and all(c.label for c in col.choices)
            if col.references:
                target, column = col.references.split(".")
                assert column in ENTITIES[target].column_names


def test_demo_column_everywhere():
    for spec in ENTITIES.values():
        demo = spec.column(DEMO_COLUMN)
        assert (demo.type, demo.required, demo.default) == ("bool", False, "false")
        assert spec.column_names[-1] == DEMO_COLUMN


def test_primary_keys():
    assert {name: spec.primary_key for name, spec in ENTITIES.items()} == {
        "alliances": ("id",),
        "crte": ("id",),
        "experimentations": ("id",),
        "catalyseurs": ("id",),
        "mesures": ("id",),
        "mesures_suivi": ("mesure", "date_point", "region"),
        "mesures_indicateurs": ("indicateur", "region", "date_valeur"),
        "indicateurs": ("commune", "indicateur", "annee"),
    }


def test_closed_lists_of_the_domain():
    alliances = ENTITIES["alliances"]
    assert alliances.column("types_partenaires").allowed == (
        "collectivite",
        "association",
        "entreprise",
        "academique",
        "citoyens",
    )
    assert alliances.column("forme").allowed == (
        "mecenat",
        "pratiques_responsables",
        "cooperation_economique",
        "innovation_societale",
        "autre",
    )
    odd = alliances.column("odd")
    assert (odd.type, odd.minimum, odd.maximum) == ("list_of:int", 1, 17)
    assert ENTITIES["experimentations"].column("echelle").allowed == ("territoriale", "nationale")
    assert ENTITIES["mesures"].column("chantier").allowed == ("C1", "C2", "C3", "C4")
    assert ENTITIES["mesures"].column("levier").allowed == tuple(f"L{i}" for i in range(1, 8))
    suivi = ENTITIES["mesures_suivi"]
    assert (suivi.column("avancement").minimum, suivi.column("avancement").maximum) == (0, 100)
    assert not suivi.column("region").required
    assert ENTITIES["crte"].column("perimetre_epci").type == "list_of:code_epci"
    assert ENTITIES["indicateurs"].column("indicateur").allowed == tuple(INDICATEURS)


def test_alliance_rules():
    rules = {r.code: r for r in ENTITIES["alliances"].rules}
    assert rules["deux_types_partenaires"].kind == "min_distinct"
    assert rules["deux_types_partenaires"].value == 2
    assert rules["communes_ou_epci"].kind == "exactly_one_of"
    assert set(rules["communes_ou_epci"].columns) == {"communes", "epci"}


def test_indicators_cover_the_four_fragilities():
    assert {s.dimension for s in INDICATEURS.values()} == {
        "economique",
        "sociale",
        "demographique",
        "isolement",
    }
    assert all(s.minimum < s.maximum for s in INDICATEURS.values())


def test_spec_objects_refuse_inconsistencies():
    with pytest.raises(ValueError):
        ColumnSpec("Intitulé", "str", True, "d", "e")
    with pytest.raises(ValueError):
        ColumnSpec("x", "decimal", True, "d", "e")
    with pytest.raises(ValueError):
        ColumnSpec("x", "enum", True, "d", "e")
    with pytest.raises(ValueError):
        ColumnSpec("x", "str", True, "d", "e", minimum=1)
    with pytest.raises(ValueError):
        RuleSpec("r", "unknown", ("x",), "m")
    with pytest.raises(ValueError):
        EntitySpec("e", "e", "l", "d", ("id",), (ColumnSpec("x", "str", True, "d", "e"),))


def test_choice_key_and_type_labels():
    assert choice_key("Coopération économique") == "cooperation_economique"
    assert choice_key(" Date de début ") == "date_de_debut"
    assert choice_key("Intitulé") == "intitule"
    assert choice_key("MÉCÉNAT") == "mecenat"
    assert type_label("list_of:code_epci") == "liste de SIREN d'EPCI"
    assert type_label("date") == "date"


# --------------------------------------------------------------------------- lenient reader
# Reads a cell the way the documentation promises to users (decimal comma, French
# dates, case-insensitive closed lists); used on the examples of the spec and of the doc.

_CODE_RE = {
    "code_commune": r"(?:\d{5}|2[AB]\d{3})",
    "code_epci": r"\d{9}",
    "code_departement": r"(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])",
    "code_region": r"\d{2}",
}


def read_item(col: ColumnSpec, text: str) -> object:
    """The value of ``text`` for ``col``'s item type; raises ValueError when invalid."""
    kind = col.item_type
    text = text.strip()
    if kind == "str":
        return text
    if kind == "bool":
        key = choice_key(text)
        if key not in TRUE_VALUES + FALSE_VALUES:
            raise ValueError(text)
        return key in TRUE_VALUES
    if kind == "enum":
        keys = {choice_key(v): v for v in col.allowed}
        return keys[choice_key(text)]
    if kind in CODE_TYPES:
        if not re.fullmatch(_CODE_RE[kind], text.upper()):
            raise ValueError(text)
        return text.upper()
    if kind == "date":
        for fmt in DATE_FORMATS:
            try:
                value: object = datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        else:
            raise ValueError(text)
    else:
        number = float(re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", "."))
        if kind == "int" and not number.is_integer():
            raise ValueError(text)
        value = int(number) if kind == "int" else number
    if col.minimum is not None and value < col.minimum:
        raise ValueError(text)
    if col.maximum is not None and value > col.maximum:
        raise ValueError(text)
    return value


def read_cell(col: ColumnSpec, text: str) -> object:
    if text.strip() == "":
        if col.required:
            raise ValueError("obligatoire")
        return None
    if col.is_list:
        return [read_item(col, item) for item in text.split(LIST_SEPARATOR) if item.strip()]
    return read_item(col, text)


def test_every_example_of_the_spec_is_valid():
    for spec in ENTITIES.values():
        for col in spec.columns:
            read_cell(col, col.example)


def test_the_lenient_reader_accepts_documented_variants():
    budget = ENTITIES["alliances"].column("budget")
    assert read_cell(budget, "12 500,50") == 12500.5
    debut = ENTITIES["alliances"].column("date_debut")
    assert read_cell(debut, "15/03/2022") == read_cell(debut, "2022-03-15") == date(2022, 3, 15)
    forme = ENTITIES["alliances"].column("forme")
    assert read_cell(forme, "Pratiques responsables") == "pratiques_responsables"
    with pytest.raises(ValueError):
        read_cell(ENTITIES["alliances"].column("odd"), "2|18")


# --------------------------------------------------------------------------- the doc


def doc_sections() -> dict[str, str]:
    """Level-2 sections of the doc, keyed by the file stem in backquotes ending their title."""
    text = DOC.read_text(encoding="utf-8")
    sections: dict[str, str] = {}
    for chunk in re.split(r"^## ", text, flags=re.M)[1:]:
        title, _, body = chunk.partition("\n")
        match = re.search(r"`([a-z_]+)`\s*$", title)
        if match:
            sections[match.group(1)] = body
    return sections


def table_rows(body: str) -> dict[str, list[str]]:
    """Rows of the columns table: first cell (the column name) -> cells."""
    rows = {}
    for line in body.splitlines():
        if line.startswith("| `"):
            cells = [
                c.strip().replace("\x00", "|")
                for c in line.replace("\\|", "\x00").strip("|").split("|")
            ]
            rows[cells[0].strip("`")] = cells
    return rows


def csv_examples(body: str) -> list[list[list[str]]]:
    blocks = re.findall(r"```csv\n(.*?)```", body, flags=re.S)
    return [list(csv.reader(block.strip("\n").splitlines(), delimiter=";")) for block in blocks]


def test_doc_has_a_section_per_file():
    assert set(doc_sections()) == {spec.file_stem for spec in ENTITIES.values()}


def test_doc_tables_match_the_spec():
    sections = doc_sections()
    for spec in ENTITIES.values():
        body = sections[spec.file_stem]
        rows = table_rows(body.split("```csv")[0].split("| indicateur | libellé")[0])
        assert list(rows) == list(spec.column_names), spec.name
        for col in spec.columns:
            name, type_, required, allowed, example, description = rows[col.name]
            assert type_ == f"`{col.type}`", (spec.name, col.name)
            assert required == ("oui" if col.required else "non"), (spec.name, col.name)
            for value in col.allowed:
                assert f"`{value}`" in allowed, (spec.name, col.name, value)
            assert example == f"`{col.example}`", (spec.name, col.name)
            assert description == col.description, (spec.name, col.name)


def test_doc_csv_examples_follow_the_spec():
    sections = doc_sections()
    for spec in ENTITIES.values():
        blocks = csv_examples(sections[spec.file_stem])
        assert len(blocks) == 1, spec.name
        header, *rows = blocks[0]
        assert header == list(spec.column_names), spec.name
        assert 2 <= len(rows) <= 3, spec.name
        for row in rows:
            assert len(row) == len(header), (spec.name, row)
            for col, text in zip(spec.columns, row, strict=True):
                read_cell(col, text)


def test_doc_mentions_every_type_and_indicator():
    text = DOC.read_text(encoding="utf-8")
    for type_ in SCALAR_TYPES:
        assert f"| `{type_}` |" in text, type_
    for code in INDICATEURS:
        assert text.count(f"`{code}`") >= 2, code
    for term in ("`|`", "JJ/MM/AAAA", "BOM", "cp1252", "2A", "971", "commune déléguée"):
        assert term in text, term
