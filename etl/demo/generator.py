"""Generate the demonstration input files.

The generator is pure: its output is a function of the commune and EPCI frames and of
the seed only (``today`` is a parameter, the wall clock is never read). Each entity
draws from its own random stream, ``numpy.random.default_rng([seed, k])``, so that
changing one entity does not reshuffle the others. Iteration always follows sorted
codes or generation order, never the order of a set.

Files are written as the documentation describes them: UTF-8 without BOM, ``;``
separator, ``\\n`` line ends, ISO dates, ``|`` between the items of a list, decimal
point, an empty cell for a missing value and ``true`` in the ``demo`` column.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from atlas.entities import DEMO_COLUMN, ENTITIES, INDICATEURS, LIST_SEPARATOR

from .mesure_liens import DEMO_LINKS, link_mesures
from .mesures_indicateurs import mesures_indicateurs

__all__ = ["generate_demo", "DEMO_COUNTS"]

#: Sizes of the generated dataset (the CRTE count follows the number of EPCI).
DEMO_COUNTS = {
    "alliances": 4000,
    "experimentations": 50,
    "experimentations_nationales": 6,
    "catalyseurs": 350,
}

#: Real France has about 840 CRTE for about 1 254 EPCI: the demo keeps that ratio.
_CRTE_PER_EPCI = 840 / 1254

_FIRST_DAY = date(2014, 1, 1)

# Random stream of each part of the dataset.
_STREAM = {
    "geography": 0,
    "alliances": 1,
    "crte": 2,
    "experimentations": 3,
    "catalyseurs": 4,
    "mesures_suivi": 5,
    "indicateurs": 6,
    "mesures_indicateurs": 7,
    "mesure_liens": 8,
}

# --------------------------------------------------------------------------- wording
# Every label below is demonstration data written for this project.

_ALLIANCE_THEMES: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("Épicerie solidaire", (2, 10)),
    ("Mobilité partagée en milieu rural", (11, 13)),
    ("Insertion professionnelle des jeunes", (4, 8)),
    ("Tiers-lieu de services", (9, 11)),
    ("Rénovation énergétique des logements", (7, 11, 13)),
    ("Circuits courts alimentaires", (2, 12)),
    ("Accès aux soins de proximité", (3,)),
    ("Rompre l'isolement des aînés", (3, 10)),
    ("Réemploi et recyclerie", (12,)),
    ("Inclusion numérique", (4, 10)),
    ("Sport, santé et bien-être", (3,)),
    ("Culture pour tous", (4, 10)),
    ("Parrainage vers l'emploi", (8, 10)),
    ("Jardins partagés", (2, 11, 15)),
    ("Garde d'enfants en horaires décalés", (5, 8)),
    ("Accueil des nouveaux arrivants", (10, 16)),
    ("Préservation de la biodiversité locale", (14, 15)),
    ("Lutte contre le décrochage scolaire", (4,)),
    ("Accès aux droits et aux services publics", (1, 16)),
    ("Égalité professionnelle femmes-hommes", (5, 8)),
    ("Gestion durable de l'eau", (6,)),
    ("Logement des travailleurs saisonniers", (1, 11)),
    ("Revitalisation du centre-bourg", (8, 11)),
    ("Prévention des déchets et compostage", (12, 13)),
)

_EXPERIMENT_TITLES: tuple[str, ...] = (
    "Fonction d'ensemblier pour l'emploi local",
    "Coordination des acteurs de la mobilité solidaire",
    "Animation d'un projet alimentaire partagé",
    "Alliance pour l'accès au numérique",
    "Coopération autour du grand âge",
    "Plateforme de mécénat de compétences",
    "Ingénierie partagée pour la transition écologique",
    "Alliance éducative autour du collège",
    "Coopération pour l'accès aux soins",
    "Réseau d'entreprises engagées pour l'insertion",
    "Mutualisation de l'ingénierie associative",
    "Laboratoire de coopération entre élus et habitants",
)

_PORTEUR_KINDS: tuple[str, ...] = (
    "Association",
    "Collectif",
    "Fédération",
    "Fondation",
    "Coopérative",
    "Réseau",
)
_PORTEUR_NAMES: tuple[str, ...] = (
    "Territoires solidaires",
    "Agir ensemble",
    "Alliances locales",
    "Cap coopération",
    "Horizons partagés",
    "Les liens du territoire",
    "Entreprendre pour tous",
    "Faire commun",
)

_EXPERIMENT_COMMENTS: dict[str, tuple[str, ...]] = {
    "a_venir": ("Évaluation prévue à l'issue de la première année.",),
    "en_cours": (
        "Évaluation confiée à un laboratoire universitaire partenaire.",
        "Premiers résultats attendus au prochain comité de pilotage.",
    ),
    "concluante": (
        "Essaimage prévu dans deux territoires voisins.",
        "Modèle repris par la collectivité à l'issue du financement.",
    ),
    "mitigee": (
        "Résultats contrastés : mobilisation des entreprises plus lente que prévu.",
        "Gouvernance à consolider avant tout essaimage.",
    ),
    "non_concluante": (
        "Partenariat interrompu faute de porteur relais.",
        "Besoin initial mal cerné, projet à reformuler.",
    ),
}

_CATALYSEUR_NAMES: tuple[str, ...] = (
    "Maison des coopérations – {nom}",
    "Pôle des alliances – {nom}",
    "Fabrique à projets – {nom}",
    "Réseau solidaire – {nom}",
    "Laboratoire territorial – {nom}",
    "Collectif {nom} en commun",
    "Coopérative d'initiatives – {nom}",
)

_CHANTIERS: tuple[tuple[str, str], ...] = (
    ("C1", "Reconnaître et outiller les alliances dans les territoires"),
    ("C2", "Mobiliser les entreprises et leurs salariés au service de l'intérêt général"),
    ("C3", "Financer l'ingénierie d'alliance et l'innovation sociétale"),
    ("C4", "Mesurer, évaluer et partager les effets des coopérations"),
)

_LEVIERS: tuple[tuple[str, str], ...] = (
    ("L1", "Cadre juridique et réglementaire"),
    ("L2", "Financements et fiscalité"),
    ("L3", "Formation et montée en compétences"),
    ("L4", "Animation et gouvernance territoriale"),
    ("L5", "Outils numériques et données"),
    ("L6", "Communication et valorisation"),
    ("L7", "Commande publique et achats"),
)

# (id, libellé, chantier, levier)
_MESURES: tuple[tuple[str, str, str, str], ...] = (
    (
        "M01",
        "Inscrire la co-construction territoriale dans les contrats entre l'État"
        " et les collectivités",
        "C1",
        "L1",
    ),
    ("M02", "Ouvrir dans chaque département un point d'appui aux porteurs d'alliances", "C1", "L4"),
    (
        "M03",
        "Mettre à disposition des modèles de conventions pour formaliser les partenariats",
        "C1",
        "L1",
    ),
    ("M04", "Former les agents publics et les élus à l'animation de partenariats", "C1", "L3"),
    ("M05", "Soutenir la fonction d'animation des catalyseurs territoriaux", "C1", "L4"),
    ("M06", "Créer un annuaire en ligne des acteurs prêts à coopérer", "C1", "L5"),
    ("M07", "Faciliter l'engagement des salariés sur leur temps de travail", "C2", "L1"),
    (
        "M08",
        "Inciter les petites et moyennes entreprises à rejoindre des alliances locales",
        "C2",
        "L6",
    ),
    (
        "M09",
        "Développer les achats responsables auprès des structures de l'économie sociale",
        "C2",
        "L7",
    ),
    (
        "M10",
        "Introduire des clauses de coopération territoriale dans la commande publique",
        "C2",
        "L7",
    ),
    (
        "M11",
        "Accompagner les fondations d'entreprise vers des engagements de long terme",
        "C2",
        "L2",
    ),
    (
        "M12",
        "Doter le Fonds ODD 17 d'un appel à projets annuel pour l'ingénierie d'alliance",
        "C3",
        "L2",
    ),
    (
        "M13",
        "Simplifier le cofinancement public et privé des projets d'intérêt général",
        "C3",
        "L2",
    ),
    (
        "M14",
        "Lancer des expérimentations nationales sur des besoins sociaux prioritaires",
        "C3",
        "L2",
    ),
    (
        "M15",
        "Proposer des formations croisées entre associations, entreprises et collectivités",
        "C3",
        "L3",
    ),
    ("M16", "Associer la recherche à la documentation des modèles d'alliance", "C3", "L3"),
    ("M17", "Construire un référentiel commun d'évaluation des alliances", "C4", "L5"),
    ("M18", "Publier chaque année un observatoire des partenariats territoriaux", "C4", "L5"),
    ("M19", "Organiser des rencontres régionales d'échange de pratiques", "C4", "L6"),
    ("M20", "Distinguer les alliances exemplaires par une reconnaissance nationale", "C4", "L6"),
    ("M21", "Rendre compte chaque année de l'avancement de la feuille de route", "C4", "L4"),
)

_SUIVI_COMMENTS: dict[str, tuple[str, ...]] = {
    "non_demarree": ("Mesure inscrite à la feuille de route, lancement en préparation.",),
    "en_cours": (
        "Premiers travaux engagés avec les partenaires.",
        "Point d'étape : déploiement en cours.",
        "Groupe de travail réuni, calendrier confirmé.",
        "Avancement conforme au calendrier prévu.",
        "Retard signalé, moyens complémentaires demandés.",
    ),
    "realisee": ("Mesure réalisée ; suivi des effets à poursuivre.",),
    "suspendue": ("Mesure suspendue dans l'attente d'un arbitrage.",),
    "abandonnee": ("Mesure abandonnée, reprise dans une autre action.",),
}

# --------------------------------------------------------------------------- geography


@dataclass(frozen=True)
class _Geo:
    """Communes and EPCI sorted by code, with the arrays the generators draw from."""

    code: np.ndarray  # commune codes (object)
    nom: np.ndarray
    dep: np.ndarray
    reg: np.ndarray
    epci: np.ndarray  # SIREN or "" (object)
    pop: np.ndarray  # float, 0 when unknown
    pop_year: int | None  # census year of ``pop`` (None when the boundaries do not say)
    epci_code: np.ndarray  # EPCI codes, sorted
    epci_nom: np.ndarray
    members_epci: dict[str, np.ndarray]  # EPCI code -> commune positions
    members_dep: dict[str, np.ndarray]  # département -> commune positions
    deps: tuple[str, ...]  # sorted
    regions: tuple[str, ...]  # sorted
    region_factor: np.ndarray  # per commune
    pioneer: np.ndarray  # bool per commune
    pioneer_deps: tuple[str, ...]

    def epci_name(self, code: str) -> str:
        pos = int(np.searchsorted(self.epci_code, code))
        return str(self.epci_nom[pos])


def _text(series: pd.Series) -> np.ndarray:
    """Strings of a column, "" for missing values."""
    out = series.astype("object").where(series.notna(), "")
    return np.array([str(v).strip() for v in out], dtype=object)


def _population_year(communes: pd.DataFrame) -> int | None:
    """The most common census year of the populations (optional ``population_annee`` column)."""
    if "population_annee" not in communes.columns:
        return None
    years = pd.to_numeric(communes["population_annee"], errors="coerce").dropna()
    return int(years.mode().min()) if len(years) else None


def _prepare(communes: pd.DataFrame, epci: pd.DataFrame, seed: int) -> _Geo:
    missing = [
        c
        for c in ("code", "nom", "departement", "region", "epci", "population")
        if c not in communes.columns
    ]
    if missing:
        raise ValueError("colonnes manquantes dans les communes : " + ", ".join(missing))
    if "code" not in epci.columns or "nom" not in epci.columns:
        raise ValueError("les EPCI doivent avoir les colonnes code et nom")
    if len(communes) == 0:
        raise ValueError("aucune commune : impossible de générer les données de démonstration")

    ep = pd.DataFrame({"code": _text(epci["code"]), "nom": _text(epci["nom"])})
    ep = ep[ep["code"] != ""].drop_duplicates("code").sort_values("code", kind="stable")
    epci_code = ep["code"].to_numpy(dtype=object)
    known_epci = set(epci_code.tolist())

    com = pd.DataFrame(
        {
            "code": _text(communes["code"]),
            "nom": _text(communes["nom"]),
            "dep": _text(communes["departement"]),
            "reg": _text(communes["region"]),
            "epci": _text(communes["epci"]),
            "pop": pd.to_numeric(communes["population"], errors="coerce").astype("float64"),
        }
    )
    com = com.drop_duplicates("code").sort_values("code", kind="stable").reset_index(drop=True)
    com["pop"] = com["pop"].fillna(0.0).clip(lower=0.0)
    com.loc[~com["epci"].isin(known_epci), "epci"] = ""

    code = com["code"].to_numpy(dtype=object)
    epci_col = com["epci"].to_numpy(dtype=object)
    dep = com["dep"].to_numpy(dtype=object)
    reg = com["reg"].to_numpy(dtype=object)

    members_epci = {
        k: np.asarray(v, dtype=np.int64)
        for k, v in com[com["epci"] != ""].groupby("epci", sort=True).indices.items()
    }
    members_dep = {
        k: np.asarray(v, dtype=np.int64) for k, v in com.groupby("dep", sort=True).indices.items()
    }
    deps = tuple(sorted(members_dep))
    regions = tuple(sorted(set(reg.tolist())))

    rng = np.random.default_rng([seed, _STREAM["geography"]])
    # Clear regional contrasts: a multiplicative factor per région, spread from
    # about 0.35 to 2.5, assigned to régions in a shuffled order.
    levels = np.exp(np.linspace(-1.05, 0.9, num=len(regions))) if len(regions) > 1 else np.ones(1)
    factor_by_region = dict(zip(regions, rng.permutation(levels).tolist(), strict=True))
    # A few pioneer départements, where alliances started early and are dense.
    n_pioneer = max(1, round(len(deps) * 0.06))
    pioneer_deps = tuple(
        sorted(rng.choice(np.array(deps, dtype=object), size=n_pioneer, replace=False).tolist())
    )
    pioneer_set = set(pioneer_deps)

    return _Geo(
        code=code,
        nom=com["nom"].to_numpy(dtype=object),
        dep=dep,
        reg=reg,
        epci=epci_col,
        pop=com["pop"].to_numpy(dtype=np.float64),
        pop_year=_population_year(communes),
        epci_code=epci_code,
        epci_nom=ep["nom"].to_numpy(dtype=object),
        members_epci=members_epci,
        members_dep=members_dep,
        deps=deps,
        regions=regions,
        region_factor=np.array([factor_by_region[r] for r in reg], dtype=np.float64),
        pioneer=np.array([d in pioneer_set for d in dep], dtype=bool),
        pioneer_deps=pioneer_deps,
    )


def _probabilities(weights: np.ndarray) -> np.ndarray:
    total = float(weights.sum())
    if total <= 0:
        return np.full(len(weights), 1.0 / len(weights))
    return weights / total


def _pick_members(rng: np.random.Generator, pool: np.ndarray, anchor: int, extra: int) -> list[int]:
    """The anchor commune plus up to ``extra`` other communes of ``pool``."""
    others = pool[pool != anchor]
    if extra <= 0 or len(others) == 0:
        return [anchor]
    chosen = rng.choice(others, size=min(extra, len(others)), replace=False)
    return [anchor] + sorted(int(i) for i in chosen)


def _join(items: list[str] | tuple[str, ...]) -> str:
    return LIST_SEPARATOR.join(items)


def _day(offset: int) -> date:
    return _FIRST_DAY + timedelta(days=int(offset))


# --------------------------------------------------------------------------- entities


def _alliances(geo: _Geo, seed: int, today: date) -> dict[str, list[str]]:
    spec = ENTITIES["alliances"]
    kinds = spec.column("types_partenaires").allowed
    forms = spec.column("forme").allowed
    rng = np.random.default_rng([seed, _STREAM["alliances"]])
    n = DEMO_COUNTS["alliances"]

    weights = (geo.pop + 50.0) ** 0.75 * geo.region_factor * np.where(geo.pioneer, 4.0, 1.0)
    anchors = rng.choice(len(geo.code), size=n, p=_probabilities(weights))
    span = max((today - _FIRST_DAY).days, 1)

    kind_weights = np.array([0.75, 0.9, 0.55, 0.2, 0.3])
    size_choices = np.array([2, 3, 4, 5])
    size_p = np.array([0.52, 0.30, 0.13, 0.05])
    form_p_company = np.array([0.35, 0.20, 0.25, 0.15, 0.05])
    form_p_other = np.array([0.0, 0.0, 0.30, 0.50, 0.20])

    cols: dict[str, list[str]] = {c: [] for c in spec.column_names}
    for i in range(n):
        a = int(anchors[i])
        theme, theme_odd = _ALLIANCE_THEMES[int(rng.integers(len(_ALLIANCE_THEMES)))]

        # Where it acts: an EPCI, or the anchor commune and a few neighbours.
        on_epci = bool(geo.epci[a]) and rng.random() < 0.18
        if on_epci:
            communes_cell, epci_cell = "", str(geo.epci[a])
            place = geo.epci_name(epci_cell)
        else:
            extra = 0 if rng.random() < 0.65 else int(rng.integers(1, 5))
            pool = geo.members_epci[geo.epci[a]] if geo.epci[a] else geo.members_dep[geo.dep[a]]
            chosen = _pick_members(rng, pool, a, extra)
            communes_cell, epci_cell = _join([str(geo.code[j]) for j in chosen]), ""
            place = str(geo.nom[a])

        # Partners and form; the first rows make sure every kind and form appears.
        if i < len(forms):
            kind_idx = sorted({i % len(kinds), 2})
            if len(kind_idx) < 2:
                kind_idx = [1, 2]
            form = forms[i]
        else:
            size = int(rng.choice(size_choices, p=size_p))
            kind_idx = sorted(
                int(k)
                for k in rng.choice(
                    len(kinds), size=size, replace=False, p=kind_weights / kind_weights.sum()
                )
            )
            form_p = form_p_company if 2 in kind_idx else form_p_other
            form = forms[int(rng.choice(len(forms), p=form_p))]

        # Dates: more recent alliances are more frequent, pioneers started earlier.
        shape = 0.9 if geo.pioneer[a] else 0.55
        start = _day(int(rng.random() ** shape * span))
        end: date | None = None
        if (today - start).days < 75:
            status = "en_preparation" if rng.random() < 0.7 else "active"
        elif rng.random() < 0.35:
            end = start + timedelta(days=int(rng.integers(180, 1800)))
            status = "terminee" if end <= today else "active"
        else:
            status = "suspendue" if rng.random() < 0.03 else "active"

        odd: list[int] = []
        if rng.random() >= 0.08:
            odd = sorted(set(theme_odd) | ({17} if rng.random() < 0.6 else set()))
        budget = ""
        if rng.random() < 0.6:
            budget = str(int(max(500.0, round(float(np.exp(rng.normal(np.log(30000), 0.9))), -2))))

        cols["id"].append(f"AL-{i + 1:05d}")
        cols["intitule"].append(f"{theme} – {place}")
        cols["date_debut"].append(start.isoformat())
        cols["date_fin"].append(end.isoformat() if end else "")
        cols["statut"].append(status)
        cols["communes"].append(communes_cell)
        cols["epci"].append(epci_cell)
        cols["types_partenaires"].append(_join([kinds[k] for k in kind_idx]))
        cols["forme"].append(form)
        cols["odd"].append(_join([str(o) for o in odd]))
        cols["budget"].append(budget)
        cols[DEMO_COLUMN].append("true")
    return cols


def _split_counts(capacity: list[int], extra: int) -> list[int]:
    """Distribute ``extra`` over slots proportionally to ``capacity`` (largest remainder)."""
    total = sum(capacity)
    if total == 0 or extra <= 0:
        return [0] * len(capacity)
    quotas = [extra * c / total for c in capacity]
    base = [int(q) for q in quotas]
    left = extra - sum(base)
    order = sorted(range(len(capacity)), key=lambda k: (-(quotas[k] - base[k]), k))
    for k in order[:left]:
        base[k] += 1
    return base


def _crte(geo: _Geo, seed: int, today: date) -> dict[str, list[str]]:
    spec = ENTITIES["crte"]
    rng = np.random.default_rng([seed, _STREAM["crte"]])

    # Each EPCI belongs to the département holding most of its communes (ties: lowest code).
    pop_by_epci: dict[str, float] = {}
    dep_of_epci: dict[str, str] = {}
    for code in geo.epci_code:
        members = geo.members_epci.get(code)
        if members is None or len(members) == 0:
            pop_by_epci[code] = 0.0
            continue
        pop_by_epci[code] = float(geo.pop[members].sum())
        deps, counts = np.unique(geo.dep[members].astype(str), return_counts=True)
        dep_of_epci[code] = str(deps[int(np.argmax(counts))])  # np.unique sorts: ties -> lowest

    by_dep: dict[str, list[str]] = {}
    for code in geo.epci_code:  # sorted codes
        if code in dep_of_epci:
            by_dep.setdefault(dep_of_epci[code], []).append(str(code))
    orphans = [str(c) for c in geo.epci_code if c not in dep_of_epci]
    dep_keys = sorted(by_dep)

    n_epci = len(geo.epci_code)
    n_groups = len(dep_keys) + len(orphans)
    target = min(max(round(n_epci * _CRTE_PER_EPCI), n_groups), n_epci)
    extra = _split_counts([len(by_dep[d]) - 1 for d in dep_keys], target - n_groups)

    groups: list[list[str]] = []
    for d, more in zip(dep_keys, extra, strict=True):
        members = np.array(by_dep[d], dtype=object)
        k = 1 + more
        perm = rng.permutation(len(members))
        cuts = (
            sorted(
                int(c) for c in rng.choice(np.arange(1, len(members)), size=k - 1, replace=False)
            )
            if k > 1
            else []
        )
        bounds = [0] + cuts + [len(members)]
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
            groups.append(sorted(str(members[p]) for p in perm[lo:hi]))
    groups.extend([code] for code in orphans)

    statuses = ("signe", "en_renouvellement", "termine", "en_preparation")
    status_p = np.array([0.78, 0.15, 0.02, 0.05])
    first_signature = date(2021, 3, 1)
    sign_span = (date(2022, 12, 31) - first_signature).days

    cols: dict[str, list[str]] = {c: [] for c in spec.column_names}
    for i, perimeter in enumerate(groups):
        ranked = sorted(perimeter, key=lambda c: (-pop_by_epci[c], c))
        names = [geo.epci_name(c) for c in ranked]
        if len(names) == 1:
            nom = f"CRTE {names[0]}"
        elif len(names) == 2:
            nom = f"CRTE {names[0]} et {names[1]}"
        else:
            nom = f"CRTE {names[0]} et {len(names) - 1} EPCI associés"
        status = statuses[int(rng.choice(len(statuses), p=status_p))]
        signed = ""
        offset = int(rng.triangular(0, sign_span * 0.35, sign_span))
        if status != "en_preparation":
            signed = min(first_signature + timedelta(days=offset), today).isoformat()
        cols["id"].append(f"CRTE-{i + 1:04d}")
        cols["nom"].append(nom)
        cols["date_signature"].append(signed)
        cols["statut"].append(status)
        cols["perimetre_epci"].append(_join(perimeter))
        cols[DEMO_COLUMN].append("true")
    return cols


def _experimentations(geo: _Geo, seed: int, today: date) -> dict[str, list[str]]:
    spec = ENTITIES["experimentations"]
    rng = np.random.default_rng([seed, _STREAM["experimentations"]])
    n = DEMO_COUNTS["experimentations"]
    nationales = set(
        rng.choice(n, size=DEMO_COUNTS["experimentations_nationales"], replace=False).tolist()
    )
    weights = (geo.pop + 200.0) ** 0.6 * geo.region_factor * np.where(geo.pioneer, 5.0, 1.0)
    first_year = 2019
    last_year = max(today.year, first_year)

    cols: dict[str, list[str]] = {c: [] for c in spec.column_names}
    for i in range(n):
        title = _EXPERIMENT_TITLES[int(rng.integers(len(_EXPERIMENT_TITLES)))]
        kind = _PORTEUR_KINDS[int(rng.integers(len(_PORTEUR_KINDS)))]
        porteur = f"{kind} {_PORTEUR_NAMES[int(rng.integers(len(_PORTEUR_NAMES)))]}"
        commune = departement = ""
        if i in nationales:
            echelle = "nationale"
            intitule = f"{title} (programme national)"
        else:
            echelle = "territoriale"
            a = int(rng.choice(len(geo.code), p=_probabilities(weights)))
            if rng.random() < 0.7:
                commune = str(geo.code[a])
                intitule = f"{title} – {geo.nom[a]}"
            else:
                departement = str(geo.dep[a])
                intitule = f"{title} – département {departement}"
        annee = int(rng.integers(first_year, last_year + 1))
        age = today.year - annee
        u = rng.random()
        if age <= 0:
            statut, evaluation = "selectionnee", "a_venir"
        elif age <= 2:
            statut = "abandonnee" if u < 0.08 else "en_cours"
            evaluation = (
                "non_concluante"
                if statut == "abandonnee"
                else ("a_venir" if rng.random() < 0.5 else "en_cours")
            )
        else:
            statut = "abandonnee" if u < 0.05 else ("en_cours" if u < 0.2 else "terminee")
            if statut == "terminee":
                evaluation = ("concluante", "mitigee", "non_concluante")[
                    int(rng.choice(3, p=[0.55, 0.30, 0.15]))
                ]
            elif statut == "en_cours":
                evaluation = "en_cours"
            else:
                evaluation = "non_concluante"
        comments = _EXPERIMENT_COMMENTS[evaluation]
        commentaire = comments[int(rng.integers(len(comments)))] if rng.random() < 0.7 else ""

        cols["id"].append(f"EXP-{i + 1:03d}")
        cols["intitule"].append(intitule)
        cols["porteur"].append(porteur)
        cols["echelle"].append(echelle)
        cols["commune"].append(commune)
        cols["departement"].append(departement)
        cols["montant"].append(str(int(rng.integers(15, 301)) * 1000))
        cols["annee"].append(str(annee))
        cols["statut"].append(statut)
        cols["evaluation"].append(evaluation)
        cols["commentaire"].append(commentaire)
        cols[DEMO_COLUMN].append("true")
    return cols


def _catalyseurs(geo: _Geo, seed: int, today: date) -> dict[str, list[str]]:
    spec = ENTITIES["catalyseurs"]
    types = spec.column("type_structure").allowed
    type_p = np.array([0.46, 0.14, 0.06, 0.08, 0.08, 0.05, 0.10, 0.03])
    rng = np.random.default_rng([seed, _STREAM["catalyseurs"]])
    n = DEMO_COUNTS["catalyseurs"]

    weights = (geo.pop + 200.0) ** 0.5 * geo.region_factor * np.where(geo.pioneer, 3.0, 1.0)
    replace = len(geo.code) < n
    sites = rng.choice(len(geo.code), size=n, replace=replace, p=_probabilities(weights))
    years = max(today.year - 2014 + 1, 1)
    dep_pos = {d: k for k, d in enumerate(geo.deps)}

    cols: dict[str, list[str]] = {c: [] for c in spec.column_names}
    for i in range(n):
        a = int(sites[i])
        template = _CATALYSEUR_NAMES[int(rng.integers(len(_CATALYSEUR_NAMES)))]
        u = rng.random()
        t_communes = t_epci = t_deps = ""
        if u < 0.45 and geo.epci[a]:
            t_epci = str(geo.epci[a])
        elif u < 0.78:
            pool = geo.members_epci[geo.epci[a]] if geo.epci[a] else geo.members_dep[geo.dep[a]]
            chosen = _pick_members(rng, pool, a, int(rng.integers(1, 9)))
            t_communes = _join(sorted(str(geo.code[j]) for j in chosen))
        else:
            covered = [str(geo.dep[a])]
            k = dep_pos[geo.dep[a]]
            if rng.random() < 0.3 and k + 1 < len(geo.deps):
                covered.append(geo.deps[k + 1])
            t_deps = _join(covered)
        year = 2014 + min(int(rng.random() ** 1.3 * years), years - 1)
        if geo.pioneer[a]:
            year = min(year, 2014 + int(rng.integers(0, 4)))

        cols["id"].append(f"CAT-{i + 1:04d}")
        cols["nom"].append(template.format(nom=geo.nom[a]))
        cols["type_structure"].append(types[int(rng.choice(len(types), p=type_p))])
        cols["commune"].append(str(geo.code[a]))
        cols["latitude"].append("")
        cols["longitude"].append("")
        cols["territoire_communes"].append(t_communes)
        cols["territoire_epci"].append(t_epci)
        cols["territoire_departements"].append(t_deps)
        cols["annee_adhesion"].append(str(min(year, today.year)))
        domain = _demo_domain(cols["nom"][-1])
        cols["email"].append(f"contact@{domain}")
        cols["telephone"].append("")
        cols["site"].append(f"https://{domain}")
        cols[DEMO_COLUMN].append("true")
    return cols


def _demo_domain(nom: str) -> str:
    """A domain name under ``.example`` (reserved, RFC 2606: it reaches no one) for a demo
    catalyseur's contact.

    >>> _demo_domain("Fabrique à projets – Guipavas")
    'fabrique-a-projets-guipavas.example'
    """
    ascii_name = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") + ".example"


def _mesures() -> dict[str, list[str]]:
    spec = ENTITIES["mesures"]
    chantier_label = dict(_CHANTIERS)
    levier_label = dict(_LEVIERS)
    cols: dict[str, list[str]] = {c: [] for c in spec.column_names}
    for mid, libelle, chantier, levier in _MESURES:
        cols["id"].append(mid)
        cols["libelle"].append(libelle)
        cols["chantier"].append(chantier)
        cols["chantier_libelle"].append(chantier_label[chantier])
        cols["levier"].append(levier)
        cols["levier_libelle"].append(levier_label[levier])
        cols[DEMO_COLUMN].append("true")
    return cols


def _series(
    rng: np.random.Generator,
    start: date,
    today: date,
    step: tuple[int, int],
    speed: float,
    profile: str,
) -> list[tuple[date, str, int]]:
    """Dated (statut, avancement) points of one mesure, national or in one région."""
    points: list[tuple[date, str, int]] = []
    day, progress, paused = start, 0, 0
    while day <= today:
        if not points:
            status = "non_demarree"
        elif profile == "abandonnee" and len(points) >= 4:
            points.append((day, "abandonnee", progress))
            break
        elif profile == "suspendue" and paused == 0 and len(points) >= 3 and rng.random() < 0.4:
            paused = int(rng.integers(1, 3))
            status = "suspendue"
        elif paused > 0:
            paused -= 1
            status = "suspendue" if paused > 0 else "en_cours"
        else:
            progress = min(100, progress + int(rng.integers(3, 16) * speed) + 1)
            status = "realisee" if progress >= 100 else "en_cours"
        points.append((day, status, progress))
        if status == "realisee":
            break
        day = day + timedelta(days=int(rng.integers(step[0], step[1] + 1)))
    return points


def _mesures_suivi(geo: _Geo, seed: int, today: date) -> dict[str, list[str]]:
    spec = ENTITIES["mesures_suivi"]
    rng = np.random.default_rng([seed, _STREAM["mesures_suivi"]])
    n_mesures = len(_MESURES)
    profiles = ["normale"] * n_mesures
    special = rng.choice(n_mesures, size=4, replace=False)
    profiles[int(special[0])] = "abandonnee"
    profiles[int(special[1])] = "suspendue"
    profiles[int(special[2])] = "suspendue"
    profiles[int(special[3])] = "lente"
    regional = set(int(k) for k in rng.choice(n_mesures, size=8, replace=False))
    regions = [r for r in geo.regions if r]

    rows: list[tuple[str, date, str, int, str, str]] = []
    for k, (mid, *_rest) in enumerate(_MESURES):
        start = date(2020, 1, 15) + timedelta(days=int(rng.integers(0, 540)))
        speed = 0.45 if profiles[k] == "lente" else float(rng.uniform(0.7, 1.4))
        national = _series(rng, start, today, (90, 200), speed, profiles[k])
        for day, status, progress in national:
            rows.append((mid, day, status, progress, "", _comment(rng, status)))
        if k in regional and regions and profiles[k] != "abandonnee":
            size = max(1, round(len(regions) * 0.5))
            for r in sorted(
                rng.choice(np.array(regions, dtype=object), size=size, replace=False).tolist()
            ):
                r_start = start + timedelta(days=int(rng.integers(60, 400)))
                r_speed = speed * float(rng.uniform(0.5, 1.5))
                for day, status, progress in _series(
                    rng, r_start, today, (120, 240), r_speed, "normale"
                ):
                    rows.append((mid, day, status, progress, str(r), _comment(rng, status)))

    rows.sort(key=lambda row: (row[0], row[4], row[1]))
    cols: dict[str, list[str]] = {c: [] for c in spec.column_names}
    for mid, day, status, progress, region, comment in rows:
        cols["mesure"].append(mid)
        cols["date_point"].append(day.isoformat())
        cols["statut"].append(status)
        cols["avancement"].append(str(progress))
        cols["region"].append(region)
        cols["commentaire"].append(comment)
        cols[DEMO_COLUMN].append("true")
    return cols


def _comment(rng: np.random.Generator, status: str) -> str:
    options = _SUIVI_COMMENTS[status]
    return options[int(rng.integers(len(options)))]


def _indicateurs(geo: _Geo, seed: int, today: date) -> dict[str, list[str]]:
    spec = ENTITIES["indicateurs"]
    rng = np.random.default_rng([seed, _STREAM["indicateurs"]])
    n = len(geo.code)

    keep = (geo.pop >= 2000) | (rng.random(n) < 0.12)
    idx = np.flatnonzero(keep)
    m = len(idx)
    years = (today.year - 4, today.year - 3)

    # Latent fragility: by département (shared), lower where alliances are dense.
    dep_level = {
        d: float(v) for d, v in zip(geo.deps, rng.normal(0.0, 1.0, size=len(geo.deps)), strict=True)
    }
    latent = np.array([dep_level[d] for d in geo.dep[idx]]) - 0.4 * np.log(geo.region_factor[idx])
    latent = latent + rng.normal(0.0, 0.6, size=m)
    small = np.clip(4.0 - np.log10(geo.pop[idx] + 10.0), 0.0, 3.0)  # 0 for large towns, up to 3

    base = {
        "taux_pauvrete": 14.0 + 4.0 * latent + rng.normal(0, 2.0, m),
        "taux_chomage": 11.0 + 3.0 * latent + rng.normal(0, 1.5, m),
        "part_75_ans_plus": 9.5 + 2.0 * small + 1.5 * latent + rng.normal(0, 1.5, m),
        "temps_acces_services": 4.0 + 5.0 * small + 1.5 * latent + rng.normal(0, 1.5, m),
    }
    plausible = {
        "taux_pauvrete": (3.0, 45.0),
        "taux_chomage": (3.0, 35.0),
        "part_75_ans_plus": (2.0, 30.0),
        "temps_acces_services": (0.5, 60.0),
    }
    values: dict[tuple[str, int], np.ndarray] = {}
    for code in INDICATEURS:  # spec order
        if code not in base:
            continue
        lo, hi = plausible[code]
        lo, hi = max(lo, INDICATEURS[code].minimum), min(hi, INDICATEURS[code].maximum)
        first = np.clip(base[code], lo, hi)
        second = np.clip(first * (1.0 + rng.normal(0.0, 0.03, m)), lo, hi)
        values[(code, years[0])] = np.round(first, 1)
        values[(code, years[1])] = np.round(second, 1)

    # Population vintages: an older census of the same communes, declining where the latent
    # fragility is high, so that evolution_population is computed from two vintages (the
    # boundaries' population and this one; both are written when the boundaries' year is unknown).
    ref_year = geo.pop_year if geo.pop_year is not None else years[1]
    span = 6
    growth = np.clip(0.003 - 0.004 * latent + rng.normal(0.0, 0.005, m), -0.03, 0.04)
    known = geo.pop[idx] > 0
    population = {ref_year - span: np.round(geo.pop[idx] / (1.0 + growth) ** span)}
    if geo.pop_year is None:
        population[ref_year] = geo.pop[idx]

    cols: dict[str, list[str]] = {c: [] for c in spec.column_names}
    indicators = [c for c in INDICATEURS if c in base or c == "population_municipale"]
    for j, pos in enumerate(idx):
        commune = str(geo.code[pos])
        for code in indicators:
            if code == "population_municipale":
                rows = [(y, f"{v[j]:.0f}") for y, v in population.items()] if known[j] else []
            else:
                rows = [(y, f"{values[(code, y)][j]:.1f}") for y in years]
            for year, text in rows:
                cols["commune"].append(commune)
                cols["indicateur"].append(code)
                cols["annee"].append(str(year))
                cols["valeur"].append(text)
                cols[DEMO_COLUMN].append("true")
    return cols


# --------------------------------------------------------------------------- writing


def _write(name: str, cols: dict[str, list[str]], path: Path) -> None:
    header = ENTITIES[name].column_names
    if tuple(cols) != header:
        raise AssertionError(f"{name}: columns {tuple(cols)} differ from the spec {header}")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(zip(*(cols[c] for c in header), strict=True))


def generate_demo(
    communes: pd.DataFrame,
    epci: pd.DataFrame,
    out_dir: str | Path,
    seed: int = 2014,
    today: date = date(2026, 11, 1),
) -> dict[str, Path]:
    """Write the demonstration input files into ``out_dir`` and return their paths.

    ``communes`` has the columns ``code``, ``nom``, ``departement``, ``region``,
    ``epci`` (SIREN or missing) and ``population``, and optionally ``population_annee``
    (census year of the populations: the demo then writes one older vintage of
    ``population_municipale``, else two); ``epci`` has ``code`` and ``nom``.
    The result maps each entity name of :data:`atlas.entities.ENTITIES` (in that
    order) to ``out_dir/<file_stem>.csv``. Same inputs and seed give byte-identical files.
    """
    geo = _prepare(communes, epci, seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    builders = {
        "alliances": lambda: _alliances(geo, seed, today),
        "crte": lambda: _crte(geo, seed, today),
        "experimentations": lambda: _experimentations(geo, seed, today),
        "catalyseurs": lambda: _catalyseurs(geo, seed, today),
        "mesures": _mesures,
        "mesures_suivi": lambda: _mesures_suivi(geo, seed, today),
        "mesures_indicateurs": lambda: mesures_indicateurs(
            tuple(r for r in geo.regions if r), seed, _STREAM["mesures_indicateurs"], today),
        "indicateurs": lambda: _indicateurs(geo, seed, today),
    }
    paths: dict[str, Path] = {}
    for name, spec in ENTITIES.items():
        path = out / f"{spec.file_stem}.csv"
        cols = builders[name]()
        if name in DEMO_LINKS:  # the optional links to the mesures, from their own stream
            link_mesures(name, cols, seed, _STREAM["mesure_liens"])
        _write(name, cols, path)
        paths[name] = path
    return paths
