"""French labels of the values and columns shown in the exports.

Closed lists of the input files take their labels from :mod:`atlas.entities`, so a
label changed there changes in every export. The tables a renderer writes are described
once here (:data:`TABLES`): column key in the query result, French header, kind of cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atlas.entities import ENTITIES, FRAGILITY_INDICATORS, INDICATEURS
from atlas.vocabulary import DEMO_LABEL, EPCI_NATURES, EXPORT_LEVEL_CODES, LEVELS, MATURITY_LABELS

__all__ = [
    "DEMO_LABEL",
    "NIVEAUX",
    "FRAGILITE_CLASSES",
    "FORMES",
    "PARTENAIRES",
    "ALLIANCE_STATUTS",
    "CRTE_STATUTS",
    "EXPERIMENTATION_STATUTS",
    "EVALUATIONS",
    "ECHELLES",
    "STRUCTURES",
    "MESURE_STATUTS",
    "ECHELONS",
    "ODD",
    "Column",
    "TABLES",
    "SHEET_TITLES",
]

#: Levels a territory export is made for, with their French names.
NIVEAUX = {code: LEVELS[code].title for code in EXPORT_LEVEL_CODES}


#: Bins of the fragility score used by the maps: (lower bound, upper bound, label).
FRAGILITE_CLASSES = (
    (0.0, 20.0, "Très faible (0 à 20)"),
    (20.0, 40.0, "Faible (20 à 40)"),
    (40.0, 60.0, "Moyenne (40 à 60)"),
    (60.0, 80.0, "Forte (60 à 80)"),
    (80.0, 100.0001, "Très forte (80 à 100)"),
)


def _labels(entity: str, column: str) -> dict[str, str]:
    return {c.value: c.label for c in ENTITIES[entity].column(column).choices}


FORMES = _labels("alliances", "forme")
PARTENAIRES = _labels("alliances", "types_partenaires")
ALLIANCE_STATUTS = _labels("alliances", "statut")
CRTE_STATUTS = _labels("crte", "statut")
EXPERIMENTATION_STATUTS = _labels("experimentations", "statut")
EVALUATIONS = _labels("experimentations", "evaluation")
ECHELLES = _labels("experimentations", "echelle")
STRUCTURES = _labels("catalyseurs", "type_structure")
MESURE_STATUTS = _labels("mesures_suivi", "statut")
ECHELONS = {"national": "National", "regional": "Régional"}

#: Short French names of the 17 Sustainable Development Goals (ODD).
ODD = {
    1: "Pas de pauvreté",
    2: "Faim « zéro »",
    3: "Bonne santé et bien-être",
    4: "Éducation de qualité",
    5: "Égalité entre les sexes",
    6: "Eau propre et assainissement",
    7: "Énergie propre et d'un coût abordable",
    8: "Travail décent et croissance économique",
    9: "Industrie, innovation et infrastructure",
    10: "Inégalités réduites",
    11: "Villes et communautés durables",
    12: "Consommation et production responsables",
    13: "Lutte contre les changements climatiques",
    14: "Vie aquatique",
    15: "Vie terrestre",
    16: "Paix, justice et institutions efficaces",
    17: "Partenariats pour la réalisation des objectifs",
}


@dataclass(frozen=True)
class Column:
    """One column of an exported table.

    ``kind`` is one of ``text``, ``int``, ``float``, ``measure`` (a number, or a text such as
    « secret statistique » standing where the number cannot be given), ``share`` (a 0–1 ratio shown as a
    percentage), ``date``, ``bool``, ``enum`` (a code shown by its label from
    ``labels``) and ``list`` (a list of codes, shown joined, labelled when ``labels``).
    ``decimals`` is the precision shown for ``float`` and ``share`` cells.
    """

    key: str
    header: str
    kind: str = "text"
    labels: dict = field(default_factory=dict)
    decimals: int = 1


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


_INDICATORS = [
    Column("alliances_nombre", "Alliances", "int"),
    Column("alliances_pour_10000", "Alliances pour 10 000 habitants", "float", decimals=2),
    Column("crte_couverture", "Population couverte par un CRTE signé", "share"),
    Column("catalyseur_distance_km", "Distance au catalyseur le plus proche (km)", "float"),
    Column("isolement_km", "Distance à la commune pôle la plus proche (km)", "float"),
]

_COMPONENTS = [
    Column("maturite_alliances", "Maturité : densité d'alliances", "float"),
    Column("maturite_diversite", "Maturité : diversité des partenaires", "float"),
    Column("maturite_recence", "Maturité : alliances récentes", "float"),
    Column("maturite_crte", "Maturité : CRTE", "float"),
    Column("maturite_experimentations", "Maturité : expérimentations", "float"),
    Column("maturite_catalyseurs", "Maturité : catalyseurs", "float"),
    Column("fragilite_densite", "Fragilité : densité de population", "float"),
    Column("fragilite_population", "Fragilité : population", "float"),
    Column("fragilite_isolement", "Fragilité : isolement", "float"),
] + [
    Column(f"fragilite_{code}", f"Fragilité : {_lower_first(spec.label)}", "float")
    for code, spec in FRAGILITY_INDICATORS.items()
]

#: The commune indicators exported with their value, year and source (the latest year of
#: each; evolution_population is exported as computed, with its period).
EXPORTED_INDICATORS = tuple(code for code in INDICATEURS if code != "evolution_population")

_INDICATOR_VALUES = [
    column
    for code in EXPORTED_INDICATORS
    for column in (
        Column(f"{code}_valeur", f"{INDICATEURS[code].label} ({INDICATEURS[code].unit})", "measure",
               decimals=0 if INDICATEURS[code].unit in ("€", "habitants") else 1),
        Column(f"{code}_annee", f"{INDICATEURS[code].label} : année", "int"),
        Column(f"{code}_source", f"{INDICATEURS[code].label} : source"),
    )
]

#: Every table an export writes, by name: its columns in order.
TABLES: dict[str, list[Column]] = {
    "communes": [
        Column("code", "Code commune"),
        Column("nom", LEVELS["commune"].title),
        Column("departement", "Code département"),
        Column("departement_nom", LEVELS["departement"].title),
        Column("epci", "SIREN de l'EPCI"),
        Column("epci_nom", LEVELS["epci"].title),
        Column("population", "Population", "int"),
        Column("population_annee", "Millésime de la population", "int"),
        Column("superficie_km2", "Superficie (km²)", "float", decimals=2),
        Column("evolution_population", "Évolution annuelle moyenne de la population (%)", "float", decimals=2),
        Column("evolution_periode", "Période ou source de l'évolution"),
        Column("maturite_score", "Score de maturité (0 à 100)", "float"),
        Column("maturite_classe", "Classe de maturité", "enum", MATURITY_LABELS),
        Column("fragilite_score", "Score de fragilité (0 à 100)", "float"),
        Column("priorite_rang", "Rang de priorité dans le territoire", "int"),
        Column("priorite_score", "Score de priorité", "float"),
        Column("maire", "Maire"),
        Column("maire_depuis", "Maire depuis le", "date"),
        Column("mairie_telephone", "Téléphone de la mairie"),
        Column("mairie_email", "Courriel de la mairie"),
        Column("mairie_adresse", "Adresse de la mairie"),
        Column("mairie_site", "Site de la mairie"),
        *_INDICATORS,
        *_COMPONENTS,
        *_INDICATOR_VALUES,
        Column("programmes_nombre", "Nombre de programmes de l'État", "int"),
        Column("programmes", "Programmes de l'État"),
        Column("programmes_sources", "Source des programmes (fichiers de l'ANCT)"),
        Column("crte", "CRTE couvrant la commune"),
    ],
    "epci": [
        Column("code", "SIREN de l'EPCI"),
        Column("nom", LEVELS["epci"].title),
        Column("nature", "Nature", "enum", EPCI_NATURES),
        Column("population", "Population", "int"),
        Column("superficie_km2", "Superficie (km²)", "float", decimals=2),
        Column("communes", LEVELS["commune"].title_plural, "int"),
        Column("communes_dans_territoire", "Communes dans le territoire exporté", "int"),
        Column("maturite_score", "Score de maturité (0 à 100)", "float"),
        Column("maturite_classe", "Classe de maturité", "enum", MATURITY_LABELS),
        Column("fragilite_score", "Score de fragilité (0 à 100)", "float"),
        *_INDICATORS,
    ],
    "alliances": [
        Column("id", "Identifiant"),
        Column("intitule", "Intitulé"),
        Column("forme", "Forme", "enum", FORMES),
        Column("statut", "Statut", "enum", ALLIANCE_STATUTS),
        Column("date_debut", "Date de début", "date"),
        Column("date_fin", "Date de fin", "date"),
        Column("epci", "SIREN de l'EPCI cité"),
        Column("epci_nom", "EPCI cité"),
        Column("budget", "Budget annuel (€)", "float", decimals=0),
        Column("types_partenaires", "Types de partenaires", "list", PARTENAIRES),
        Column("odd", "ODD servis", "list"),
        Column("communes_concernees", "Communes du territoire concernées", "int"),
        Column("demo", "Donnée de démonstration", "bool"),
    ],
    "crte": [
        Column("id", "Identifiant"),
        Column("nom", "Nom du contrat"),
        Column("statut", "Statut", "enum", CRTE_STATUTS),
        Column("date_signature", "Date de signature", "date"),
        Column("epci_nombre", "EPCI du périmètre", "int"),
        Column("epci", "SIREN des EPCI du périmètre", "list"),
        Column("communes_couvertes", "Communes du territoire couvertes", "int"),
        Column("population_couverte", "Population du territoire couverte", "int"),
        Column("demo", "Donnée de démonstration", "bool"),
    ],
    "experimentations": [
        Column("id", "Identifiant"),
        Column("intitule", "Intitulé"),
        Column("porteur", "Porteur"),
        Column("echelle", "Échelle", "enum", ECHELLES),
        Column("commune", "Code commune"),
        Column("commune_nom", "Commune"),
        Column("departement", "Code département"),
        Column("montant", "Montant accordé (€)", "float", decimals=0),
        Column("annee", "Année de sélection", "int"),
        Column("statut", "Statut", "enum", EXPERIMENTATION_STATUTS),
        Column("evaluation", "Évaluation", "enum", EVALUATIONS),
        Column("commentaire", "Commentaire"),
        Column("demo", "Donnée de démonstration", "bool"),
    ],
    "catalyseurs": [
        Column("id", "Identifiant"),
        Column("nom", "Nom"),
        Column("type_structure", "Type de structure", "enum", STRUCTURES),
        Column("commune", "Code commune"),
        Column("commune_nom", "Commune d'implantation"),
        Column("annee_adhesion", "Année d'adhésion au réseau", "int"),
        Column("implante", "Implanté dans le territoire", "bool"),
        Column("couvre", "Couvre une partie du territoire", "bool"),
        Column("longitude", "Longitude (WGS84)", "float", decimals=5),
        Column("latitude", "Latitude (WGS84)", "float", decimals=5),
        Column("demo", "Donnée de démonstration", "bool"),
    ],
    "programmes": [
        Column("programme", "Code du programme"),
        Column("programme_libelle", "Programme de l'État"),
        Column("id", "Identifiant du contrat ou du site"),
        Column("nom", "Nom du contrat ou du site"),
        Column("date_signature", "Date de signature", "date"),
        Column("communes_couvertes", "Communes du territoire couvertes", "int"),
        Column("communes", "Codes des communes couvertes", "list"),
        Column("source", "Source (fichier de l'ANCT)"),
        Column("url", "Page officielle du programme"),
    ],
    "mesures": [
        Column("id", "Mesure"),
        Column("libelle", "Libellé"),
        Column("chantier", "Chantier"),
        Column("chantier_libelle", "Libellé du chantier"),
        Column("levier", "Levier"),
        Column("levier_libelle", "Libellé du levier"),
        Column("statut", "Statut", "enum", MESURE_STATUTS),
        Column("avancement", "Avancement (%)", "int"),
        Column("date_point", "Date du dernier point", "date"),
        Column("echelon", "Échelon du point", "enum", ECHELONS),
        Column("commentaire", "Commentaire"),
        Column("demo", "Donnée de démonstration", "bool"),
    ],
}

#: Title of each table (spreadsheet tab, section heading).
SHEET_TITLES = {
    "communes": LEVELS["commune"].title_plural,
    "epci": LEVELS["epci"].title,
    "alliances": "Alliances",
    "crte": "CRTE",
    "programmes": "Programmes",
    "experimentations": "Expérimentations",
    "catalyseurs": "Catalyseurs",
    "mesures": "Mesures",
}
