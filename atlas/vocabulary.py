"""The words of the Atlas, defined once: levels, maturity classes, score components, indicators.

Every package (ETL, dashboard, exports, CLI) imports these definitions instead of
spelling them again. Numbers that a run may change (thresholds, radii, weights) are not
here: they are stored in the warehouse by the run (table ``parametres``) and read back
with :mod:`atlas.parameters`.

>>> LEVELS["departement"].label, LEVELS["departement"].of
('département', 'du département')
>>> [c.code for c in MATURITY_CLASSES][:2]
['pionnier', 'actif']
>>> MATURITY_LABELS["premiers_pas"]
'Premiers pas'
>>> LEVELS["region"].no_such_code("xx")
'Aucune région ne porte le code « xx ».'
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.entities import FRAGILITY_INDICATORS, INDICATEURS, IndicatorSpec

__all__ = [
    "Level",
    "LEVELS",
    "LEVEL_CODES",
    "EXPORT_LEVEL_CODES",
    "EPCI_NATURES",
    "level",
    "MaturityClass",
    "MATURITY_CLASSES",
    "MATURITY_LABELS",
    "MATURITY_COLOURS",
    "INSUFFICIENT",
    "MATURITY_ORDER_ASCENDING",
    "MATURITY_COMPONENTS",
    "FRAGILITY_BASE",
    "FRAGILITY_BASE_LABELS",
    "FRAGILITY_ORIENTATION",
    "INDICATORS",
    "FRAGILITY_INDICATORS",
    "IndicatorSpec",
    "DEMO_LABEL",
    "DEMO_TITLE",
    "SECRET_LABEL",
    "OWN_INDICATORS_SOURCE",
    "indicator_source_label",
]

#: The phrase shown wherever demonstration data is displayed or exported.
DEMO_LABEL = "données de démonstration"
#: The same phrase at the start of a sentence, a heading or a column header.
DEMO_TITLE = DEMO_LABEL[:1].upper() + DEMO_LABEL[1:]

#: What an indicator value under statistical secret (Insee's « s », « nd ») shows and
#: exports instead of a number: it is neither zero nor missing.
SECRET_LABEL = "secret statistique"
#: The source of an indicator value given by our own indicators file (not a public file).
OWN_INDICATORS_SOURCE = "fichier indicateurs"


def indicator_source_label(source: str | None, demo: bool) -> str:
    """Where an indicator value comes from: the public file's name, or our own file (demo or not).

    >>> indicator_source_label("cc_filosofi_2021_COM.csv", False), indicator_source_label(None, True)
    ('cc_filosofi_2021_COM.csv', 'fichier indicateurs (données de démonstration)')
    """
    if source:
        return source
    return f"{OWN_INDICATORS_SOURCE} ({DEMO_LABEL})" if demo else OWN_INDICATORS_SOURCE


@dataclass(frozen=True)
class Level:
    """A level of French administrative geography and its French forms."""

    code: str
    #: lower-case singular as in running text: « commune », « EPCI », « département »
    label: str
    #: plural: « communes », « EPCI »
    plural: str
    #: « de la commune », « de l'EPCI », « du département »
    of: str
    #: True when the noun is feminine (commune, région)
    feminine: bool

    def noun(self, count: int) -> str:
        """The noun agreeing with ``count`` (French: singular below 2).

        >>> LEVELS["region"].noun(1), LEVELS["region"].noun(18)
        ('région', 'régions')
        """
        return self.label if abs(count) < 2 else self.plural

    @property
    def title(self) -> str:
        """Singular with a capital: « Département »."""
        return self.label[:1].upper() + self.label[1:]

    @property
    def title_plural(self) -> str:
        """Plural with a capital: « Départements »."""
        return self.plural[:1].upper() + self.plural[1:]

    @property
    def not_found(self) -> str:
        """Title of the page of an unknown code: « Commune introuvable »."""
        return f"{self.title} introuvable"

    @property
    def unknown(self) -> str:
        """« inconnue » or « inconnu », agreeing with the noun."""
        return "inconnue" if self.feminine else "inconnu"

    def no_such_code(self, code: str) -> str:
        """« Aucune commune ne porte le code « 00000 ». » (the code cut to 12 characters)."""
        return f"{'Aucune' if self.feminine else 'Aucun'} {self.label} ne porte le code « {str(code)[:12]} »."


#: Legal nature of an EPCI (column ``epci.nature``), with its French name.
EPCI_NATURES: dict[str, str] = {
    "CA": "Communauté d'agglomération",
    "CC": "Communauté de communes",
    "CU": "Communauté urbaine",
    "ME": "Métropole",
    "MET69": "Métropole de Lyon",
}

#: Levels of the warehouse, from the largest to the smallest.
LEVELS: dict[str, Level] = {
    lv.code: lv
    for lv in (
        Level("region", "région", "régions", "de la région", True),
        Level("departement", "département", "départements", "du département", False),
        Level("epci", "EPCI", "EPCI", "de l'EPCI", False),
        Level("commune", "commune", "communes", "de la commune", True),
    )
}
LEVEL_CODES: tuple[str, ...] = tuple(LEVELS)
#: Levels a territory snapshot (PDF, XLSX, GIS… export) is made for.
EXPORT_LEVEL_CODES: tuple[str, ...] = ("region", "departement", "epci", "commune")


def level(code: str) -> Level:
    """The level named ``code``; KeyError for an unknown one."""
    return LEVELS[code]


@dataclass(frozen=True)
class MaturityClass:
    """A maturity class computed by ``queries/marts/commune_maturite.sql``."""

    code: str
    label: str
    #: map colour (viridis steps, colour-blind safe; grey for « données insuffisantes »)
    colour: str


#: Maturity classes, from the most to the least mature, then the class of territories
#: with too little data. The score thresholds are run parameters (``parametres``).
MATURITY_CLASSES: tuple[MaturityClass, ...] = (
    MaturityClass("pionnier", "Pionnier", "#3b528b"),
    MaturityClass("actif", "Actif", "#21918c"),
    MaturityClass("premiers_pas", "Premiers pas", "#5ec962"),
    MaturityClass("en_questionnement", "En questionnement", "#fde725"),
    MaturityClass("donnees_insuffisantes", "Données insuffisantes", "#b8b8b8"),
)
INSUFFICIENT = "donnees_insuffisantes"
MATURITY_LABELS: dict[str, str] = {c.code: c.label for c in MATURITY_CLASSES}
MATURITY_COLOURS: dict[str, str] = {c.code: c.colour for c in MATURITY_CLASSES}
#: Classes from the least to the most mature, then « données insuffisantes » (map legends).
MATURITY_ORDER_ASCENDING: tuple[str, ...] = tuple(
    [c.code for c in reversed(MATURITY_CLASSES) if c.code != INSUFFICIENT] + [INSUFFICIENT]
)

#: Components of the maturity score (keys of ``[maturite.poids]``), with their labels.
MATURITY_COMPONENTS: dict[str, str] = {
    "alliances": "Alliances pour 10 000 habitants",
    "diversite": "Diversité des partenaires et des formes",
    "recence": "Alliances en cours ou récentes",
    "crte": "Couverture et ancienneté du CRTE",
    "experimentations": "Expérimentations du Fonds ODD 17 à proximité",
    "catalyseurs": "Présence ou proximité d'un catalyseur",
}

#: Fragility components computed from the boundaries themselves, with their orientation
#: (+1: a higher value is more fragile).
FRAGILITY_BASE: dict[str, int] = {"densite": -1, "population": -1, "isolement": +1}
#: Their labels; ``{seuil_pole_habitants}`` is a run parameter filled in by the reader.
FRAGILITY_BASE_LABELS: dict[str, str] = {
    "densite": "Faible densité de population",
    "population": "Petite population",
    "isolement": "Isolement (distance à un pôle de {seuil_pole_habitants} habitants)",
}

#: Commune indicators the fragility index knows (label, unit, bounds, orientation).
INDICATORS: dict[str, IndicatorSpec] = INDICATEURS

#: Orientation of every fragility component, computed or loaded (+1: higher is more fragile).
FRAGILITY_ORIENTATION: dict[str, int] = {
    **FRAGILITY_BASE,
    **{code: (1 if spec.fragile_when_high else -1) for code, spec in FRAGILITY_INDICATORS.items()},
}
