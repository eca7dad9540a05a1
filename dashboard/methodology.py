"""The methodology text: how the maturity and fragility indices are computed, with the
weights, thresholds and radii of the run that published the warehouse (table ``parametres``).

Pure builders of the page ``/methodologie`` (registered by ``pages/methodologie.py``)."""

from __future__ import annotations

from dash import html

from atlas.parameters import RunParameters, fragility_labels, number
from atlas.vocabulary import FRAGILITY_ORIENTATION, INSUFFICIENT, MATURITY_CLASSES, MATURITY_COMPONENTS, SECRET_LABEL
from atlas.progression import closed_list
from .components import section, table

__all__ = ["methodology", "maturity_measures", "class_ranges"]


def _percent(share: float) -> str:
    """``0.35`` -> ``35 %``, ``0.1143`` -> ``11,4 %``."""
    return f"{number(round(100 * share, 1))}\u00a0%"


def maturity_measures(p: RunParameters) -> dict[str, str]:
    """What each maturity component measures, with the run's ceilings and radii."""
    c = p.plafonds
    return {
        "alliances": f"Alliances qui concernent la commune pour 10 000 habitants ; 100 à partir de "
                     f"{number(c['alliances_pour_10000'])}, proportionnel en dessous.",
        "diversite": "Types de partenaires distincts (sur 5) et formes d'alliance distinctes (sur 5), à parts égales.",
        "recence": f"Alliances en cours, en préparation ou lancées depuis moins de {number(p.recence_annees)} ans ; "
                   f"100 à partir de {number(c['alliances_recentes'])}.",
        "crte": f"0 sans CRTE signé ; 50 à la signature, puis jusqu'à 100 après "
                f"{number(c['crte_anciennete_annees'])} ans d'ancienneté.",
        "experimentations": f"Expérimentations non abandonnées à moins de {number(p.rayon_experimentations_km)} km, "
                            f"ou portées à l'échelle du département ; 100 à partir de "
                            f"{number(c['experimentations_proches'])}.",
        "catalyseurs": "100 si un catalyseur est implanté dans la commune ou la couvre ; sinon décroît avec la "
                       f"distance au plus proche, jusqu'à 0 à {number(c['catalyseur_distance_km'])} km.",
    }


def class_ranges(p: RunParameters) -> list[tuple[str, str]]:
    """``(label, score range)`` of every maturity class, from the most mature."""
    out, upper = [], None
    for cls in MATURITY_CLASSES:
        if cls.code == INSUFFICIENT:
            out.append((cls.label, "aucune alliance, aucun catalyseur ni aucune expérimentation connus (pas de score)"))
            continue
        low = p.threshold(cls.code)
        if low is None:
            out.append((cls.label, f"score inférieur à {number(upper)}"))
        elif upper is None:
            out.append((cls.label, f"score d'au moins {number(low)}"))
        else:
            out.append((cls.label, f"score d'au moins {number(low)} et inférieur à {number(upper)}"))
        upper = low if low is not None else upper
    return out


def _maturity(p: RunParameters) -> html.Section:
    measures, weights = maturity_measures(p), p.maturity_weights()
    rows = [[label, measures[code], _percent(weights.get(code, 0.0))] for code, label in MATURITY_COMPONENTS.items()]
    return section(
        "Maturité des alliances",
        html.P("Six composantes, chacune ramenée entre 0 et 100, décrivent les alliances d'une commune. Le score "
               "de maturité (0 à 100) est leur moyenne pondérée par les poids ci-dessous."),
        table(["Composante", "Mesure", "Poids"], rows),
        html.P("Classes de maturité :"),
        html.Ul([html.Li([html.Strong(label), " : ", text]) for label, text in class_ranges(p)], id="methodologie-classes"),
        id="methodologie-maturite",
    )


def _fragility(p: RunParameters) -> html.Section:
    labels, weights = fragility_labels(p), p.fragility_weights()
    rows = [[labels[code], "élevée" if FRAGILITY_ORIENTATION[code] > 0 else "faible", _percent(w)]
            for code, w in weights.items()]
    return section(
        "Fragilité",
        html.P("Chaque composante disponible est ramenée entre 0 et 100 par son rang parmi les communes de France "
               "qui en ont une valeur, orienté pour que 100 signifie « plus fragile ». Le score de fragilité est "
               "la moyenne des composantes disponibles pondérée par les poids ci-dessous (ramenés à la somme de "
               "ceux des composantes présentes) ; un indicateur absent est ignoré. Chaque indicateur compte pour "
               f"sa dernière année chiffrée : une valeur couverte par le {SECRET_LABEL} n'est pas une valeur."),
        table(["Composante", "Plus fragile quand la valeur est", "Poids (toutes composantes présentes)"], rows),
        html.P(f"Isolement : distance à la commune de {number(p.seuil_pole_habitants)} habitants ou plus la plus "
               f"proche (0 pour ces communes). Une commune qui a moins de {number(p.composantes_minimales)} "
               "composantes n'a pas de score de fragilité."),
        id="methodologie-fragilite",
    )


def _levels(p: RunParameters) -> html.Section:
    return section(
        "EPCI, départements, régions et France",
        html.P("Chaque composante et chaque score d'un territoire est la moyenne, pondérée par la population, des "
               "communes qui le renseignent. Un territoire dont moins de "
               f"{_percent(p.part_population_minimale)} de la population a un score de maturité est classé "
               "« données insuffisantes »."),
        html.P("Priorité d'une commune : fragilité × (100 − maturité) / 100 ; les communes prioritaires sont à la "
               "fois fragiles et peu mûres."),
        id="methodologie-niveaux",
    )


#: Labels of the groups of variables of the peers' profile (keys of ``[pairs.poids]``).
PEER_GROUPS = {
    "population": "Population (logarithme)",
    "densite": "Densité en habitants par km² (logarithme)",
    "isolement": "Isolement : distance au pôle le plus proche (logarithme)",
    "fragilite": "Composantes de fragilité chargées (pauvreté, chômage, revenu…), à parts égales",
    "programmes": "Programmes de l'ANCT chargés (part de la population couverte), à parts égales",
}


def _peers_and_history(p: RunParameters) -> html.Section:
    total = sum(p.pairs_poids.values()) or 1.0
    rows = [[label, _percent(p.pairs_poids.get(code, 0.0) / total)] for code, label in PEER_GROUPS.items()]
    return section(
        "Territoires qui me ressemblent, maturité depuis 2014",
        html.P(f"Les pairs d'une commune (d'un EPCI) sont les {number(p.pairs.get('nombre', 10))} territoires du "
               "même niveau dont le profil est le plus proche. Chaque variable du profil est centrée et réduite "
               "parmi les territoires du niveau (une valeur manquante prend la moyenne, un programme absent vaut 0) ; "
               "la distance est euclidienne, chaque groupe de variables pesant :"),
        table(["Groupe de variables", "Poids"], rows),
        html.P("À distance égale, le plus petit code passe d'abord : les mêmes données donnent les mêmes pairs."),
        html.P("Maturité depuis 2014 : le même calcul, avec les mêmes paramètres, au 31 décembre de chaque année, "
               "en ne gardant que ce qui était connu à cette date (alliances commencées, une alliance terminée ne "
               "comptant plus comme en cours ; CRTE signés ; catalyseurs ayant adhéré ; expérimentations "
               "sélectionnées). L'année en cours est l'état actuel des données."),
        id="methodologie-pairs",
    )


def _progression(p: RunParameters) -> html.Section:
    actions = closed_list(p)
    return section(
        "Ce qui ferait progresser",
        html.P("Pour une commune en dessous de « pionnier », la fiche donne les actions les moins nombreuses qui la "
               "feraient passer à la classe supérieure avec les poids et les seuils de cette page, choisies dans une "
               "liste fermée :"),
        html.Ul([html.Li(text + (" ;" if k < len(actions) - 1 else ".")) for k, text in enumerate(actions)]),
        html.P("Le score de chaque ensemble d'actions est recalculé avec les formules de l'ETL. Le plus petit "
               "ensemble compte le moins d'actions ; à nombre égal, celui qui demande le moins de nouveaux types de "
               "partenaires et de nouvelles formes, puis celui qui ajoute le plus de points, puis un ordre fixe. "
               "Chaque action est donnée avec les points qu'elle ajoute, l'une après l'autre. Une commune aux "
               "données insuffisantes reçoit l'action qui les rendrait suffisantes avec le plus de points, et la "
               "classe qu'elle atteindrait ; une commune « pionnier » n'a pas de classe au-dessus."),
        id="ce-qui-ferait-progresser",
    )


def methodology(p: RunParameters) -> html.Div:
    """The whole page for the parameters ``p`` (pure: no warehouse access)."""
    return html.Div(
        [
            html.H1("Méthodologie des indices"),
            html.P("L'atlas calcule pour chaque commune un score de maturité des alliances et un score de fragilité, "
                   "puis les agrège aux EPCI, aux départements, aux régions et à la France. Les poids, seuils et "
                   "rayons de cette page sont ceux avec lesquels les scores affichés ont été calculés (table "
                   "« parametres » de l'entrepôt ; on les change avec « territoires etl --parametres FICHIER »).",
                   className="aide"),
            _maturity(p),
            _fragility(p),
            _levels(p),
            _peers_and_history(p),
            _progression(p),
        ],
        className="methodologie",
    )
