"""The input files' specification: the format, one module per entity, and the indicators.

- :mod:`atlas.entities.spec`: the format (column types, rule kinds, file conventions and the
  dataclasses :class:`ColumnSpec`, :class:`RuleSpec`, :class:`EntitySpec`…), documented there.
- :mod:`atlas.entities.indicateurs`: the commune indicators the fragility index knows
  (:data:`INDICATEURS`, :data:`FRAGILITY_INDICATORS`).
- one module per input file: :mod:`~atlas.entities.alliances`, :mod:`~atlas.entities.crte`,
  :mod:`~atlas.entities.experimentations`, :mod:`~atlas.entities.catalyseurs`,
  :mod:`~atlas.entities.mesures` (``mesures`` and ``mesures_suivi``),
  :mod:`~atlas.entities.mesures_indicateurs`,
  :mod:`~atlas.entities.indicateurs_communes`; :mod:`~atlas.entities.common` holds the
  columns they share.

Everything public is importable from here: ``from atlas.entities import ENTITIES, ColumnSpec``.
"""

from __future__ import annotations

from . import spec
from .alliances import ALLIANCES
from .catalyseurs import CATALYSEURS
from .crte import CRTE
from .experimentations import EXPERIMENTATIONS
from .indicateurs import FRAGILITY_INDICATORS, INDICATEURS, IndicatorSpec
from .indicateurs_communes import INDICATEURS_COMMUNES
from .mesures import MESURES, MESURES_SUIVI
from .mesures_indicateurs import MESURES_INDICATEURS
from .spec import (
    CODE_TYPES,
    CSV_ENCODINGS,
    CSV_SEPARATORS,
    DATE_FORMATS,
    DATE_WINDOW_START,
    DATE_WINDOW_YEARS_AHEAD,
    DEMO_COLUMN,
    EXAMPLE_COLUMN,
    FALSE_VALUES,
    FILE_EXTENSIONS,
    LIST_SEPARATOR,
    RULE_KINDS,
    SCALAR_TYPES,
    TRUE_VALUES,
    TYPE_LABELS,
    Choice,
    ColumnSpec,
    Condition,
    EntitySpec,
    RuleSpec,
    choice_key,
    date_window,
    type_label,
)

__all__ = [*spec.__all__, "IndicatorSpec", "INDICATEURS", "FRAGILITY_INDICATORS", "ENTITIES", "ENTITY_TABLES",
           "LOAD_ORDER"]

#: Every input entity, in the order users read them (documentation, templates, summaries); an
#: entity comes after those its required columns reference (:attr:`EntitySpec.requires`).
ENTITIES: dict[str, EntitySpec] = {
    entity.name: entity
    for entity in (
        ALLIANCES,
        CRTE,
        EXPERIMENTATIONS,
        CATALYSEURS,
        MESURES,
        MESURES_SUIVI,
        MESURES_INDICATEURS,
        INDICATEURS_COMMUNES,
    )
}



def _load_order() -> tuple[str, ...]:
    """:data:`ENTITIES` with each entity after every entity it references (``depends_on``),
    otherwise in their order: the ``mesures`` referential before the alliances that name a mesure."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name not in order:
            for needed in ENTITIES[name].depends_on:
                visit(needed)
            order.append(name)

    for name in ENTITIES:
        visit(name)
    return tuple(order)


#: The order the loader validates the entities in: an entity after those it references.
LOAD_ORDER: tuple[str, ...] = _load_order()

#: Published table (queries/core) holding the rows of each entity's file: the publication
#: guard compares it with the published warehouse, the filled templates are counted from it.
ENTITY_TABLES: dict[str, str] = {
    "alliances": "alliance",
    "crte": "crte",
    "experimentations": "experimentation",
    "catalyseurs": "catalyseur",
    "mesures": "mesure",
    "mesures_suivi": "mesure_suivi",
    "mesures_indicateurs": "mesure_indicateur",
    "indicateurs": "indicateur_commune",
}
