"""Declarative specification of the domain input files.

Every input file (one per entity) is described by an :class:`EntitySpec`: its file
stem, its primary key, its columns (:class:`ColumnSpec`) and the rules that span
several columns or rows (:class:`RuleSpec`). The spec is plain data: the loader reads
it to parse and validate rows, validation schemas (pandera or other) can be generated
from it, the documentation ``docs/schemas-donnees.md`` is checked against it, and the
demo generator writes files that follow it.

Conventions shared by every file (the French documentation repeats them for users):

- column headers are French snake_case ASCII (``intitule``, ``date_debut``); a header is
  matched after :func:`choice_key` (case, accents, spaces and hyphens ignored);
- a list cell holds its items separated by :data:`LIST_SEPARATOR` (``|``);
- dates are ISO (``2024-03-15``) or French (``15/03/2024``), see :data:`DATE_FORMATS`;
- numbers take a decimal point or a decimal comma; spaces used as thousands
  separators are ignored;
- values of a closed list are matched after :func:`choice_key` too, so ``Mécénat``,
  ``mecenat`` and ``MECENAT`` are the same value; the canonical value is the ASCII code;
- every file has an optional ``demo`` column (boolean, default false) flagging
  demonstration rows.

Column types (``ColumnSpec.type``):

``str``, ``int``, ``float``, ``bool``, ``date``, ``enum`` (a closed list, see
``ColumnSpec.choices``), the administrative codes ``code_commune``, ``code_epci``,
``code_departement``, ``code_region`` (normalised by :mod:`geodata.codes`; a commune
code must exist in the boundaries or be a former commune mapped to the current one), and
``list_of:<type>`` for a list of any of the scalar types above.

Rule kinds (``RuleSpec.kind``), each checked on one row unless said otherwise:

``min_distinct``
    the list column ``columns[0]`` holds at least ``value`` distinct items.
``exactly_one_of``
    exactly one of ``columns`` is filled.
``at_least_one_of``
    at least one of ``columns`` is filled.
``all_or_none``
    either every column of ``columns`` is filled or none is.
``required``
    every column of ``columns`` is filled (used with ``when``).
``not_before``
    when both are filled, ``columns[0]`` is not earlier than ``columns[1]``.
``bounds_from_indicator``
    ``columns[0]`` (a value) lies within the bounds that :data:`INDICATEURS` gives for
    the indicator named in ``columns[1]``.
``same_value_per_key`` (table rule)
    every row with the same ``columns[0]`` has the same ``columns[1]``; a row that
    disagrees with the first row of its key is rejected.

A rule with ``when`` applies only to rows whose ``when.column`` is one of ``when.values``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

__all__ = [
    "SCALAR_TYPES",
    "CODE_TYPES",
    "TYPE_LABELS",
    "RULE_KINDS",
    "LIST_SEPARATOR",
    "DATE_FORMATS",
    "CSV_SEPARATORS",
    "CSV_ENCODINGS",
    "FILE_EXTENSIONS",
    "TRUE_VALUES",
    "FALSE_VALUES",
    "DEMO_COLUMN",
    "Choice",
    "ColumnSpec",
    "Condition",
    "RuleSpec",
    "EntitySpec",
    "IndicatorSpec",
    "INDICATEURS",
    "FRAGILITY_INDICATORS",
    "ENTITIES",
    "choice_key",
    "type_label",
]

# --------------------------------------------------------------------------- formats

#: Scalar column types; ``list_of:<scalar>`` is the list form of any of them.
SCALAR_TYPES: tuple[str, ...] = (
    "str",
    "int",
    "float",
    "bool",
    "date",
    "enum",
    "code_commune",
    "code_epci",
    "code_departement",
    "code_region",
)

#: Types holding an administrative code, normalised by :mod:`geodata.codes`.
CODE_TYPES: tuple[str, ...] = ("code_commune", "code_epci", "code_departement", "code_region")

#: French label of each scalar type, as shown in the documentation and in messages.
TYPE_LABELS: dict[str, str] = {
    "str": "texte",
    "int": "entier",
    "float": "nombre",
    "bool": "booléen",
    "date": "date",
    "enum": "liste fermée",
    "code_commune": "code commune INSEE",
    "code_epci": "SIREN d'EPCI",
    "code_departement": "code département",
    "code_region": "code région",
}

RULE_KINDS: tuple[str, ...] = (
    "min_distinct",
    "exactly_one_of",
    "at_least_one_of",
    "all_or_none",
    "required",
    "not_before",
    "bounds_from_indicator",
    "same_value_per_key",
)

#: Separator of the items of a list cell.
LIST_SEPARATOR = "|"
#: Accepted date formats (``strptime`` syntax), tried in this order.
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d/%m/%Y")
#: Accepted CSV field separators; the demo generator writes the first one.
CSV_SEPARATORS: tuple[str, ...] = (";", ",")
#: Accepted CSV encodings, tried in this order (``utf-8-sig`` also reads UTF-8 without BOM).
CSV_ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp1252")
#: Accepted file extensions; a file is ``<file_stem><extension>``.
FILE_EXTENSIONS: tuple[str, ...] = (".csv", ".xlsx", ".parquet")
#: Cell values read as true / false in a ``bool`` column (after :func:`choice_key`).
TRUE_VALUES: tuple[str, ...] = ("true", "vrai", "oui", "o", "1", "x")
FALSE_VALUES: tuple[str, ...] = ("false", "faux", "non", "n", "0")
#: Name of the demonstration flag present in every file.
DEMO_COLUMN = "demo"


def choice_key(value: str) -> str:
    """Comparison key of a header or a closed-list value.

    Lowercase, accents removed, apostrophes, spaces and hyphens turned into ``_``,
    repeated or surrounding ``_`` removed.

    >>> choice_key("  Pratiques responsables ")
    'pratiques_responsables'
    >>> choice_key("Date de début")
    'date_de_debut'
    >>> choice_key("Collectivité")
    'collectivite'
    """
    text = unicodedata.normalize("NFKD", str(value).strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for sep in (" ", "-", "'", "\u2019", "\u00a0", "."):
        text = text.replace(sep, "_")
    while "__" in text:
        text = text.replace("__", "_")
    return text.strip("_")


def type_label(type_: str) -> str:
    """French label of a column type: ``list_of:code_epci`` -> ``liste de SIREN d'EPCI``."""
    if type_.startswith("list_of:"):
        return "liste de " + TYPE_LABELS[type_[len("list_of:") :]]
    return TYPE_LABELS[type_]


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class Choice:
    """One value of a closed list: the canonical ASCII code and its French label."""

    value: str
    label: str


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an input file.

    ``minimum``/``maximum`` bound numbers (``int``, ``float`` and their lists) or dates;
    ``references`` names another entity's column (``"mesures.id"``) the value must exist
    in; administrative codes always reference the boundaries, without saying so here.
    ``default`` is the value given to an empty cell of an optional column (as text).
    """

    name: str
    type: str
    required: bool
    description: str
    example: str
    choices: tuple[Choice, ...] = ()
    minimum: int | float | date | None = None
    maximum: int | float | date | None = None
    unit: str | None = None
    default: str | None = None
    references: str | None = None

    def __post_init__(self) -> None:
        if not self.name.isascii() or self.name != choice_key(self.name):
            raise ValueError(f"column name {self.name!r} is not ASCII snake_case")
        if self.item_type not in SCALAR_TYPES:
            raise ValueError(f"column {self.name!r}: unknown type {self.type!r}")
        if (self.item_type == "enum") != bool(self.choices):
            raise ValueError(f"column {self.name!r}: choices go with (and only with) enum types")
        if (self.minimum is not None or self.maximum is not None) and self.item_type not in (
            "int",
            "float",
            "date",
        ):
            raise ValueError(f"column {self.name!r}: bounds on a non-numeric, non-date type")
        values = [c.value for c in self.choices]
        if len(set(values)) != len(values):
            raise ValueError(f"column {self.name!r}: duplicate choices")
        if len({choice_key(v) for v in values}) != len(values):
            raise ValueError(f"column {self.name!r}: choices collide after choice_key")
        if self.required and self.default is not None:
            raise ValueError(f"column {self.name!r}: a required column has no default")

    @property
    def is_list(self) -> bool:
        """True for ``list_of:<type>`` columns."""
        return self.type.startswith("list_of:")

    @property
    def item_type(self) -> str:
        """The scalar type of the column, or of each item of a list column."""
        return self.type[len("list_of:") :] if self.is_list else self.type

    @property
    def allowed(self) -> tuple[str, ...]:
        """Canonical values of the closed list (empty when the column is not an enum)."""
        return tuple(c.value for c in self.choices)

    def label_of(self, value: str) -> str:
        """French label of a closed-list value (the value itself when unknown)."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value


@dataclass(frozen=True)
class Condition:
    """Restricts a rule to rows whose ``column`` holds one of ``values``."""

    column: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class RuleSpec:
    """A rule spanning several columns (or rows); ``message`` is the French reject reason."""

    code: str
    kind: str
    columns: tuple[str, ...]
    message: str
    value: int | None = None
    when: Condition | None = None

    def __post_init__(self) -> None:
        if self.kind not in RULE_KINDS:
            raise ValueError(f"rule {self.code!r}: unknown kind {self.kind!r}")
        if self.kind == "min_distinct" and (self.value is None or len(self.columns) != 1):
            raise ValueError(f"rule {self.code!r}: min_distinct needs one column and a value")
        if (
            self.kind in ("not_before", "bounds_from_indicator", "same_value_per_key")
            and len(self.columns) != 2
        ):
            raise ValueError(f"rule {self.code!r}: {self.kind} needs exactly two columns")

    @property
    def is_table_rule(self) -> bool:
        """True when the rule compares rows with each other."""
        return self.kind == "same_value_per_key"


@dataclass(frozen=True)
class EntitySpec:
    """One input file: its stem, primary key, columns and rules."""

    name: str
    file_stem: str
    label: str
    description: str
    primary_key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    rules: tuple[RuleSpec, ...] = ()
    #: Rows matching this condition whose ``commune`` (part of the key) was written as
    #: different former communes of one current commune add up instead of being duplicates.
    additive_when: Condition | None = None

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if self.additive_when and ("commune" not in self.primary_key or self.additive_when.column not in names):
            raise ValueError(f"entity {self.name!r}: additive_when needs commune in the key and a known column")
        if len(set(names)) != len(names):
            raise ValueError(f"entity {self.name!r}: duplicate column names")
        if DEMO_COLUMN not in names:
            raise ValueError(f"entity {self.name!r}: missing the {DEMO_COLUMN!r} column")
        for key in self.primary_key:
            if key not in names:
                raise ValueError(f"entity {self.name!r}: unknown key column {key!r}")
        for rule in self.rules:
            used = list(rule.columns) + ([rule.when.column] if rule.when else [])
            for col in used:
                if col not in names:
                    raise ValueError(f"entity {self.name!r}, rule {rule.code!r}: unknown {col!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in file order."""
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        """Columns that must be present in the file and filled on every row."""
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> ColumnSpec:
        """The column named ``name``; ``KeyError`` when there is none."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def depends_on(self) -> tuple[str, ...]:
        """Entities whose rows this entity references (``references`` of its columns)."""
        out: list[str] = []
        for col in self.columns:
            if col.references:
                target = col.references.split(".", 1)[0]
                if target not in out:
                    out.append(target)
        return tuple(out)


@dataclass(frozen=True)
class IndicatorSpec:
    """A commune indicator the fragility index knows.

    ``dimension`` is one of the four fragilities (``economique``, ``sociale``,
    ``demographique``, ``isolement``); ``fragile_when_high`` tells the direction.
    ``component`` is False for an input that is not a fragility component by itself
    (``population_municipale``: its vintages give ``evolution_population``).
    ``additive`` is True for a count: the rows of several former communes of one commune
    nouvelle for the same year add up (other indicators reject them as duplicates).
    """

    code: str
    label: str
    unit: str
    minimum: float
    maximum: float
    dimension: str
    fragile_when_high: bool
    component: bool = True
    additive: bool = False


# --------------------------------------------------------------------------- helpers


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value, label) for value, label in pairs)


def _id(example: str, what: str) -> ColumnSpec:
    return ColumnSpec(
        "id",
        "str",
        True,
        f"Identifiant unique {what}, stable d'une livraison à l'autre.",
        example,
    )


_DEMO = ColumnSpec(
    DEMO_COLUMN,
    "bool",
    False,
    "Vrai pour une ligne de démonstration (jeu généré) ; les tableaux de bord et les exports "
    "l'affichent alors comme « données de démonstration ». Vide = faux.",
    "true",
    default="false",
)

_PARTNER_KINDS = _choices(
    ("collectivite", "Collectivité"),
    ("association", "Association"),
    ("entreprise", "Entreprise"),
    ("academique", "Acteur académique"),
    ("citoyens", "Initiative citoyenne"),
)

_FORMS = _choices(
    ("mecenat", "Mécénat"),
    ("pratiques_responsables", "Pratiques responsables"),
    ("cooperation_economique", "Coopération économique"),
    ("innovation_societale", "Innovation sociétale"),
    ("autre", "Autre"),
)

# --------------------------------------------------------------------------- indicators

INDICATEURS: dict[str, IndicatorSpec] = {
    spec.code: spec
    for spec in (
        IndicatorSpec("taux_pauvrete", "Taux de pauvreté", "%", 0.0, 100.0, "sociale", True),
        IndicatorSpec(
            "part_sans_diplome",
            "Part des 15 ans ou plus sans diplôme",
            "%",
            0.0,
            100.0,
            "sociale",
            True,
        ),
        IndicatorSpec(
            "taux_chomage", "Taux de chômage des 15-64 ans", "%", 0.0, 100.0, "economique", True
        ),
        IndicatorSpec(
            "revenu_median",
            "Revenu disponible médian par unité de consommation",
            "€",
            0.0,
            200000.0,
            "economique",
            False,
        ),
        IndicatorSpec(
            "part_75_ans_plus",
            "Part des 75 ans ou plus",
            "%",
            0.0,
            100.0,
            "demographique",
            True,
        ),
        IndicatorSpec(
            "evolution_population",
            "Évolution annuelle moyenne de la population",
            "%",
            -20.0,
            20.0,
            "demographique",
            False,
        ),
        IndicatorSpec(
            "population_municipale",
            "Population municipale (millésime)",
            "habitants",
            0.0,
            3000000.0,
            "demographique",
            False,
            component=False,
            additive=True,
        ),
        IndicatorSpec(
            "temps_acces_services",
            "Temps d'accès moyen aux services de la vie courante",
            "min",
            0.0,
            240.0,
            "isolement",
            True,
        ),
    )
}

#: The indicators that are fragility components by themselves (``INDICATEURS`` minus inputs
#: such as ``population_municipale``), in spec order.
FRAGILITY_INDICATORS: dict[str, IndicatorSpec] = {
    code: spec for code, spec in INDICATEURS.items() if spec.component
}

# --------------------------------------------------------------------------- entities

ALLIANCES = EntitySpec(
    name="alliances",
    file_stem="alliances",
    label="Alliances d'intérêt général",
    description=(
        "Une ligne par alliance : un partenariat entre au moins deux types d'acteurs "
        "agissant ensemble sur un besoin local, soit sur une ou plusieurs communes, "
        "soit sur un EPCI entier."
    ),
    primary_key=("id",),
    columns=(
        _id("AL-00042", "de l'alliance"),
        ColumnSpec(
            "intitule",
            "str",
            True,
            "Intitulé court de l'alliance.",
            "Épicerie solidaire – Millau",
        ),
        ColumnSpec("date_debut", "date", True, "Date de début de l'alliance.", "2019-09-01"),
        ColumnSpec(
            "date_fin",
            "date",
            False,
            "Date de fin, si l'alliance est terminée ou a une échéance ; "
            "pas avant la date de début.",
            "2023-06-30",
        ),
        ColumnSpec(
            "statut",
            "enum",
            True,
            "Situation de l'alliance.",
            "active",
            choices=_choices(
                ("en_preparation", "En préparation"),
                ("active", "Active"),
                ("suspendue", "Suspendue"),
                ("terminee", "Terminée"),
            ),
        ),
        ColumnSpec(
            "communes",
            "list_of:code_commune",
            False,
            "Communes où agit l'alliance (codes INSEE). "
            "À remplir si l'alliance n'agit pas sur un EPCI entier.",
            "12145|12208",
        ),
        ColumnSpec(
            "epci",
            "code_epci",
            False,
            "EPCI sur lequel agit l'alliance (SIREN). À remplir si la colonne communes est vide.",
            "200066637",
        ),
        ColumnSpec(
            "types_partenaires",
            "list_of:enum",
            True,
            "Types d'acteurs engagés dans l'alliance : au moins deux types différents.",
            "association|entreprise|collectivite",
            choices=_PARTNER_KINDS,
        ),
        ColumnSpec(
            "forme",
            "enum",
            True,
            "Forme principale de la relation entre les partenaires.",
            "mecenat",
            choices=_FORMS,
        ),
        ColumnSpec(
            "odd",
            "list_of:int",
            False,
            "Objectifs de développement durable servis (numéros 1 à 17).",
            "2|10|17",
            minimum=1,
            maximum=17,
        ),
        ColumnSpec(
            "budget",
            "float",
            False,
            "Budget annuel de l'alliance, en euros.",
            "45000",
            minimum=0,
            unit="€",
        ),
        _DEMO,
    ),
    rules=(
        RuleSpec(
            "deux_types_partenaires",
            "min_distinct",
            ("types_partenaires",),
            "une alliance réunit au moins deux types de partenaires différents",
            value=2,
        ),
        RuleSpec(
            "communes_ou_epci",
            "exactly_one_of",
            ("communes", "epci"),
            "renseigner soit les communes, soit l'EPCI (l'un des deux, pas les deux)",
        ),
        RuleSpec(
            "fin_apres_debut",
            "not_before",
            ("date_fin", "date_debut"),
            "la date de fin précède la date de début",
        ),
        RuleSpec(
            "fin_si_terminee",
            "required",
            ("date_fin",),
            "une alliance terminée doit avoir une date de fin",
            when=Condition("statut", ("terminee",)),
        ),
    ),
)

CRTE = EntitySpec(
    name="crte",
    file_stem="crte",
    label="Contrats de relance et de transition écologique (CRTE)",
    description=(
        "Une ligne par contrat. Le périmètre est la liste des EPCI signataires, dans la "
        "colonne perimetre_epci (pas de fichier de périmètre séparé). Un EPCI appartient "
        "à un seul CRTE."
    ),
    primary_key=("id",),
    columns=(
        _id("CRTE-012-03", "du contrat"),
        ColumnSpec(
            "nom",
            "str",
            True,
            "Nom du contrat ou du territoire contractant.",
            "CRTE du Pays de Millau",
        ),
        ColumnSpec(
            "date_signature",
            "date",
            False,
            "Date de signature ; obligatoire dès que le contrat est signé.",
            "2021-12-15",
            minimum=date(2020, 1, 1),
        ),
        ColumnSpec(
            "statut",
            "enum",
            True,
            "Situation du contrat.",
            "signe",
            choices=_choices(
                ("en_preparation", "En préparation"),
                ("signe", "Signé"),
                ("en_renouvellement", "En renouvellement"),
                ("termine", "Terminé"),
            ),
        ),
        ColumnSpec(
            "perimetre_epci",
            "list_of:code_epci",
            True,
            "EPCI couverts par le contrat (SIREN), au moins un.",
            "200066637|241200567",
        ),
        _DEMO,
    ),
    rules=(
        RuleSpec(
            "date_si_signe",
            "required",
            ("date_signature",),
            "un contrat signé doit avoir une date de signature",
            when=Condition("statut", ("signe", "en_renouvellement", "termine")),
        ),
    ),
)

EXPERIMENTATIONS = EntitySpec(
    name="experimentations",
    file_stem="experimentations",
    label="Expérimentations du Fonds ODD 17",
    description=(
        "Une ligne par expérimentation financée par le Fonds ODD 17 (ingénierie "
        "d'alliance). Une expérimentation territoriale est localisée par une commune ou "
        "un département ; une expérimentation nationale peut ne pas l'être."
    ),
    primary_key=("id",),
    columns=(
        _id("EXP-007", "de l'expérimentation"),
        ColumnSpec(
            "intitule",
            "str",
            True,
            "Intitulé de l'expérimentation.",
            "Ingénierie d'alliance pour la mobilité rurale",
        ),
        ColumnSpec(
            "porteur",
            "str",
            True,
            "Structure qui porte l'expérimentation.",
            "Association Territoires en commun",
        ),
        ColumnSpec(
            "echelle",
            "enum",
            True,
            "Échelle de l'expérimentation.",
            "territoriale",
            choices=_choices(("territoriale", "Territoriale"), ("nationale", "Nationale")),
        ),
        ColumnSpec(
            "commune",
            "code_commune",
            False,
            "Commune où se déroule l'expérimentation (code INSEE).",
            "12145",
        ),
        ColumnSpec(
            "departement",
            "code_departement",
            False,
            "Département de l'expérimentation, si elle n'est pas rattachée à une commune.",
            "12",
        ),
        ColumnSpec(
            "montant",
            "float",
            True,
            "Montant accordé par le fonds, en euros.",
            "80000",
            minimum=0,
            unit="€",
        ),
        ColumnSpec(
            "annee",
            "int",
            True,
            "Année de sélection par le fonds.",
            "2021",
            minimum=2015,
            maximum=2100,
        ),
        ColumnSpec(
            "statut",
            "enum",
            True,
            "Situation de l'expérimentation.",
            "en_cours",
            choices=_choices(
                ("selectionnee", "Sélectionnée"),
                ("en_cours", "En cours"),
                ("terminee", "Terminée"),
                ("abandonnee", "Abandonnée"),
            ),
        ),
        ColumnSpec(
            "evaluation",
            "enum",
            True,
            "Résultat de l'évaluation.",
            "concluante",
            choices=_choices(
                ("a_venir", "À venir"),
                ("en_cours", "En cours"),
                ("concluante", "Concluante"),
                ("mitigee", "Mitigée"),
                ("non_concluante", "Non concluante"),
            ),
        ),
        ColumnSpec(
            "commentaire",
            "str",
            False,
            "Synthèse libre de l'évaluation ou de l'avancement.",
            "Essaimage prévu dans deux EPCI voisins.",
        ),
        _DEMO,
    ),
    rules=(
        RuleSpec(
            "lieu_si_territoriale",
            "at_least_one_of",
            ("commune", "departement"),
            "une expérimentation territoriale doit indiquer une commune ou un département",
            when=Condition("echelle", ("territoriale",)),
        ),
    ),
)

CATALYSEURS = EntitySpec(
    name="catalyseurs",
    file_stem="catalyseurs",
    label="Catalyseurs territoriaux",
    description=(
        "Une ligne par catalyseur territorial du réseau des pionniers des alliances en "
        "territoire : sa commune d'implantation, éventuellement ses coordonnées, et le "
        "territoire qu'il couvre (réunion des communes, EPCI et départements indiqués)."
    ),
    primary_key=("id",),
    columns=(
        _id("CAT-0101", "du catalyseur"),
        ColumnSpec(
            "nom",
            "str",
            True,
            "Nom de la structure.",
            "Maison des coopérations du Sud-Aveyron",
        ),
        ColumnSpec(
            "type_structure",
            "enum",
            True,
            "Nature juridique ou type de la structure.",
            "association",
            choices=_choices(
                ("association", "Association"),
                ("collectivite", "Collectivité"),
                ("entreprise", "Entreprise"),
                ("fondation", "Fondation"),
                ("etablissement_public", "Établissement public"),
                ("academique", "Établissement académique"),
                ("tiers_lieu", "Tiers-lieu"),
                ("autre", "Autre"),
            ),
        ),
        ColumnSpec(
            "commune",
            "code_commune",
            True,
            "Commune d'implantation (code INSEE).",
            "12208",
        ),
        ColumnSpec(
            "latitude",
            "float",
            False,
            "Latitude WGS84 en degrés décimaux ; à défaut, le centre de la commune est utilisé.",
            "43.9481",
            minimum=-22.0,
            maximum=52.0,
        ),
        ColumnSpec(
            "longitude",
            "float",
            False,
            "Longitude WGS84 en degrés décimaux ; à renseigner avec la latitude.",
            "2.8897",
            minimum=-63.0,
            maximum=57.0,
        ),
        ColumnSpec(
            "territoire_communes",
            "list_of:code_commune",
            False,
            "Communes couvertes (codes INSEE).",
            "12208|12145|12225",
        ),
        ColumnSpec(
            "territoire_epci",
            "list_of:code_epci",
            False,
            "EPCI couverts (SIREN).",
            "200066637",
        ),
        ColumnSpec(
            "territoire_departements",
            "list_of:code_departement",
            False,
            "Départements couverts.",
            "12|81",
        ),
        ColumnSpec(
            "annee_adhesion",
            "int",
            True,
            "Année d'entrée dans le réseau (créé en 2014).",
            "2016",
            minimum=2014,
            maximum=2100,
        ),
        _DEMO,
    ),
    rules=(
        RuleSpec(
            "coordonnees_completes",
            "all_or_none",
            ("latitude", "longitude"),
            "latitude et longitude vont ensemble : renseigner les deux ou aucune",
        ),
        RuleSpec(
            "territoire_couvert",
            "at_least_one_of",
            ("territoire_communes", "territoire_epci", "territoire_departements"),
            "indiquer le territoire couvert : communes, EPCI ou départements",
        ),
    ),
)

_CHANTIERS = _choices(
    ("C1", "Chantier 1"),
    ("C2", "Chantier 2"),
    ("C3", "Chantier 3"),
    ("C4", "Chantier 4"),
)
_LEVIERS = _choices(*[(f"L{i}", f"Levier {i}") for i in range(1, 8)])

MESURES = EntitySpec(
    name="mesures",
    file_stem="mesures",
    label="Référentiel des 21 mesures",
    description=(
        "Le référentiel des mesures de la feuille de route : une ligne par mesure, "
        "rattachée à l'un des 4 chantiers et à l'un des 7 leviers de déploiement. Les "
        "codes de chantier et de levier sont fixes ; leurs libellés sont des données."
    ),
    primary_key=("id",),
    columns=(
        _id("M07", "de la mesure"),
        ColumnSpec(
            "libelle",
            "str",
            True,
            "Libellé de la mesure.",
            "Créer un guichet d'appui aux alliances dans chaque département",
        ),
        ColumnSpec(
            "chantier",
            "enum",
            True,
            "Code du chantier structurant (C1 à C4).",
            "C2",
            choices=_CHANTIERS,
        ),
        ColumnSpec(
            "chantier_libelle",
            "str",
            True,
            "Libellé du chantier ; identique sur toutes les lignes d'un même chantier.",
            "Outiller les acteurs des territoires",
        ),
        ColumnSpec(
            "levier",
            "enum",
            True,
            "Code du levier de déploiement (L1 à L7).",
            "L4",
            choices=_LEVIERS,
        ),
        ColumnSpec(
            "levier_libelle",
            "str",
            True,
            "Libellé du levier ; identique sur toutes les lignes d'un même levier.",
            "Animation des réseaux territoriaux",
        ),
        _DEMO,
    ),
    rules=(
        RuleSpec(
            "libelle_chantier_unique",
            "same_value_per_key",
            ("chantier", "chantier_libelle"),
            "libellé de chantier différent de celui déjà lu pour ce chantier",
        ),
        RuleSpec(
            "libelle_levier_unique",
            "same_value_per_key",
            ("levier", "levier_libelle"),
            "libellé de levier différent de celui déjà lu pour ce levier",
        ),
    ),
)

MESURES_SUIVI = EntitySpec(
    name="mesures_suivi",
    file_stem="mesures_suivi",
    label="Suivi des mesures",
    description=(
        "Les points d'étape datés de chaque mesure : statut, avancement et commentaire, "
        "au niveau national (région vide) ou pour une région. Une ligne par mesure, date "
        "et région."
    ),
    primary_key=("mesure", "date_point", "region"),
    columns=(
        ColumnSpec(
            "mesure",
            "str",
            True,
            "Identifiant de la mesure, tel que dans le fichier mesures.",
            "M07",
            references="mesures.id",
        ),
        ColumnSpec(
            "date_point",
            "date",
            True,
            "Date du point d'étape.",
            "2021-06-30",
            minimum=date(2019, 1, 1),
        ),
        ColumnSpec(
            "statut",
            "enum",
            True,
            "Statut de la mesure à cette date.",
            "en_cours",
            choices=_choices(
                ("non_demarree", "Non démarrée"),
                ("en_cours", "En cours"),
                ("realisee", "Réalisée"),
                ("suspendue", "Suspendue"),
                ("abandonnee", "Abandonnée"),
            ),
        ),
        ColumnSpec(
            "avancement",
            "int",
            True,
            "Avancement estimé, en pourcentage (0 à 100).",
            "45",
            minimum=0,
            maximum=100,
            unit="%",
        ),
        ColumnSpec(
            "region",
            "code_region",
            False,
            "Région concernée ; vide pour un point d'étape national.",
            "76",
        ),
        ColumnSpec(
            "commentaire",
            "str",
            False,
            "Commentaire libre du point d'étape.",
            "Point d'étape à un an : trois régions pilotes engagées.",
        ),
        _DEMO,
    ),
)

INDICATEURS_COMMUNES = EntitySpec(
    name="indicateurs",
    file_stem="indicateurs",
    label="Indicateurs communaux",
    description=(
        "Fichier facultatif : valeurs numériques par commune, indicateur et année, "
        "utilisées par l'indice de fragilité. Seuls les indicateurs de la liste sont acceptés."
    ),
    primary_key=("commune", "indicateur", "annee"),
    columns=(
        ColumnSpec("commune", "code_commune", True, "Commune (code INSEE).", "12208"),
        ColumnSpec(
            "indicateur",
            "enum",
            True,
            "Code de l'indicateur.",
            "taux_pauvrete",
            choices=tuple(Choice(s.code, s.label) for s in INDICATEURS.values()),
        ),
        ColumnSpec(
            "annee",
            "int",
            True,
            "Année de référence de la valeur.",
            "2021",
            minimum=1990,
            maximum=2100,
        ),
        ColumnSpec(
            "valeur",
            "float",
            True,
            "Valeur, dans l'unité de l'indicateur (bornes propres à chaque indicateur).",
            "14,2",
        ),
        _DEMO,
    ),
    rules=(
        RuleSpec(
            "valeur_dans_les_bornes",
            "bounds_from_indicator",
            ("valeur", "indicateur"),
            "valeur hors des bornes de l'indicateur",
        ),
    ),
    additive_when=Condition("indicateur", tuple(s.code for s in INDICATEURS.values() if s.additive)),
)

#: Every input entity, in dependency order (an entity comes after those it references).
ENTITIES: dict[str, EntitySpec] = {
    spec.name: spec
    for spec in (
        ALLIANCES,
        CRTE,
        EXPERIMENTATIONS,
        CATALYSEURS,
        MESURES,
        MESURES_SUIVI,
        INDICATEURS_COMMUNES,
    )
}
