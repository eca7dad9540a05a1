"""« Ce qui ferait progresser » : the fewest concrete actions that move a commune up one maturity class.

:func:`progression` is a pure function of a commune's stored maturity measures (a row of
``commune_maturite``, see ``queries/app/commune_progression.sql``) and of the run's parameters.
It tries the actions of a closed list (:data:`ACTIONS`), recomputes the score each set of them
would give with the model's arithmetic (:mod:`atlas.maturity`, the Python mirror of
``queries/macros/maturite.sql``) and returns the smallest set that reaches the next class:

- ``alliance``: one more active alliance acting in the commune alone, with kinds of partners and a
  form the commune already has (its first one: two kinds of partners and one form);
- ``alliance_diversite``: the same with one new kind of partner, or one new form, or both;
- ``catalyseur``: a catalyseur territorial within N km (the largest whole N that suffices), or
  in the commune (located there, or covering it) when no distance suffices;
- ``crte``: coverage by a CRTE signed today (only for a commune no signed CRTE covers);
- ``experimentation``: one more experiment of the Fonds ODD 17 within the radius of the run.

Smallest means the fewest actions; among sets of as many, the one asking the fewest new kinds of
partners and new forms, then the one adding the most points, then a fixed order (new kinds of
partners before new forms, then fewer CRTE, catalyseurs, experiments). Every action is given with the points it adds (one after the other,
in the order listed). A commune whose data do not suffice gets the single action that makes them
sufficient with the most points, and the class it would then reach; a « pionnier » commune gets
no action (there is no class above).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Mapping

from atlas.entities import ALLIANCES
from atlas.format import decimal, entier
from atlas.maturity import DIVERSITY_KINDS, Measures, classe, score
from atlas.parameters import RunParameters, number, read_parameters
from atlas.vocabulary import INSUFFICIENT, MATURITY_CLASSES, MATURITY_LABELS
from atlas.warehouse import run

__all__ = ["ACTIONS", "closed_list", "Action", "Progression", "progression", "for_commune", "for_every_commune", "read_components"]

#: The closed list of actions, in the fixed order they are listed in (``{rayon}``: the run's radius
#: of « à proximité », see :func:`closed_list`).
ACTIONS: dict[str, str] = {
    "alliance": "une alliance active de plus, propre à la commune, avec des types de partenaires et une forme "
                "qu'elle a déjà (pour une première alliance : deux types de partenaires et une forme)",
    "alliance_diversite": "la même avec un nouveau type de partenaire, sous une nouvelle forme, ou les deux",
    "crte": "la couverture par un CRTE signé aujourd'hui, pour une commune qu'aucun CRTE signé ne couvre",
    "catalyseur": "un catalyseur territorial à N km au plus (le plus grand nombre entier de km qui suffit), ou "
                  "implanté dans la commune si aucune distance ne suffit",
    "experimentation": "une expérimentation du Fonds ODD 17 de plus dans un rayon de {rayon} km",
}


def closed_list(parameters: RunParameters) -> list[str]:
    """The closed list of actions in French, the run's radius filled in."""
    return [text.format(rayon=number(parameters.rayon_experimentations_km)) for text in ACTIONS.values()]


#: Sets of up to this many actions are tried one size after the other before a dichotomic search.
QUICK_SIZES = 3

#: Kinds of partners and forms of the alliances file, in its order (the new ones are taken in it).
KINDS: tuple[str, ...] = ALLIANCES.column("types_partenaires").allowed
FORMS: tuple[str, ...] = ALLIANCES.column("forme").allowed
#: Fewest kinds of partners of an alliance (rule of the alliances file).
MIN_KINDS: int = next(int(r.value) for r in ALLIANCES.rules if r.kind == "min_distinct"
                      and r.columns == ("types_partenaires",))

#: « avec … » for each kind of partner, « sous … » for each form.
WITH_PARTNER: dict[str, str] = {
    "collectivite": "avec une collectivité",
    "association": "avec une association",
    "entreprise": "avec une entreprise",
    "academique": "avec un acteur académique",
    "citoyens": "avec une initiative citoyenne",
}
AS_FORM: dict[str, str] = {
    "mecenat": "sous forme de mécénat",
    "pratiques_responsables": "sous forme de pratiques responsables",
    "cooperation_economique": "sous forme de coopération économique",
    "innovation_societale": "sous forme d'innovation sociétale",
    "autre": "sous la forme « autre »",
}
NEW_PARTNER = "avec un nouveau type de partenaire"
NEW_FORM = "sous une nouvelle forme"


@dataclass(frozen=True)
class Action:
    """One action of the closed list (:data:`ACTIONS`) and the points of score it adds."""

    code: str
    #: the action in French, as a list item (« Une alliance de plus avec une entreprise »)
    libelle: str
    points: float
    #: an alliance: the kinds of partners and the form it would have (codes of the alliances
    #: file; empty / None when the commune's own are not known)
    partenaires: tuple[str, ...] = ()
    forme: str | None = None
    #: a catalyseur: the distance (km) within which it must be; 0 for in the commune
    distance_km: float | None = None
    #: an alliance: what it brings that the commune's alliances lack (« avec une entreprise »), or ""
    precision: str = ""


@dataclass(frozen=True)
class Progression:
    """What would move a commune up one class (``classe_visee``) and how."""

    #: current class (codes of atlas.vocabulary.MATURITY_CLASSES)
    classe: str
    #: the class the actions lead to; None for a « pionnier » commune or when no set suffices
    classe_visee: str | None
    #: current score (None when the data do not suffice)
    score: float | None
    #: lowest score of ``classe_visee`` (of the next class when no set of actions reaches it;
    #: None for a « pionnier » commune and a class without a threshold)
    seuil: float | None
    actions: tuple[Action, ...]
    #: the whole in plain French
    phrase: str
    #: the score after the actions (None without actions)
    score_vise: float | None = None


@dataclass(frozen=True)
class _Plan:
    """A set of actions: k alliances of which p bring a new kind and f a new form, a CRTE,
    a catalyseur (``km``: None none, 0 in the commune, else within that distance), x experiments."""

    k: int = 0
    p: int = 0
    f: int = 0
    crte: int = 0
    km: float | None = None
    x: int = 0


class _Commune:
    """A commune's measures, what it already has and the run's parameters."""

    def __init__(self, composantes: Mapping[str, object], parameters: RunParameters):
        self.m = Measures.of(composantes)
        self.params = parameters
        self.localised = _flag(composantes.get("localisee"), default=True)
        self.kinds = _codes(composantes.get("partenaires_presents"), KINDS)
        self.forms = _codes(composantes.get("formes_presentes"), FORMS)
        m = self.m
        first = m.alliances_nombre == 0
        self.base_kinds = MIN_KINDS if first else int(m.types_partenaires or 0)
        self.base_forms = 1 if first else int(m.formes or 0)
        self.max_p = max(0, int(DIVERSITY_KINDS) - self.base_kinds)
        self.max_f = max(0, int(DIVERSITY_KINDS) - self.base_forms)
        caps = parameters.plafonds
        self.max_x = 0
        if self.localised and m.experimentations_proches < caps["experimentations_proches"]:
            self.max_x = math.ceil(caps["experimentations_proches"] - m.experimentations_proches)
        counted = m.population is not None and m.population > 0
        k_density = 0
        if counted and (m.alliances_pour_10000 or 0) < caps["alliances_pour_10000"]:
            k_density = math.ceil((caps["alliances_pour_10000"] - (m.alliances_pour_10000 or 0))
                                  * float(m.population) / 10000)
        k_recent = max(0, math.ceil(caps["alliances_recentes"] - m.alliances_recentes))
        #: beyond this many alliances, one more changes nothing
        self.max_k = max(k_density, k_recent, self.max_p + self.max_f + 1, 1)

    # ---------------------------------------------------------------- the model after a plan

    def after(self, plan: _Plan, *, counted: bool = False) -> Measures:
        """The measures once ``plan`` is carried out (``counted``: as if the data sufficed)."""
        m = self.m
        changes: dict[str, object] = {}
        if plan.k:
            density = m.alliances_pour_10000
            if m.population is not None and m.population > 0:
                density = (density or 0.0) + plan.k * (10000.0 / float(m.population))
            changes.update(alliances_nombre=m.alliances_nombre + plan.k, alliances_pour_10000=density,
                           alliances_recentes=m.alliances_recentes + plan.k,
                           types_partenaires=self.base_kinds + plan.p, formes=self.base_forms + plan.f)
        if plan.crte:
            changes.update(crte_couvert=True, crte_anciennete_annees=0.0)
        if plan.km == 0:
            changes.update(catalyseur_present=True)
        elif plan.km is not None:
            d = m.catalyseur_distance_km
            changes.update(catalyseur_distance_km=plan.km if d is None else min(d, plan.km))
        if plan.x:
            changes.update(experimentations_proches=m.experimentations_proches + plan.x)
        sufficient = m.donnees_suffisantes or plan.k > 0 or plan.x > 0 or plan.km == 0
        return replace(m, **changes, donnees_suffisantes=sufficient or counted)

    def score(self, plan: _Plan, *, counted: bool = False) -> float | None:
        return score(self.after(plan, counted=counted), self.params)

    def reaches(self, plan: _Plan, seuil: float) -> bool:
        value = self.score(plan)
        return value is not None and value >= seuil

    # ---------------------------------------------------------------- the search

    def combos(self):
        """(crte, catalyseur in the commune or not, experiments) worth trying."""
        crtes = (0,) if self.m.crte_couvert else (0, 1)
        catalysts = (None,) if self.m.catalyseur_present else (None, 0)
        for crte in crtes:
            for km in catalysts:
                for x in range(self.max_x + 1):
                    yield crte, km, x

    def most_diverse(self, k: int, crte: int, km, x: int) -> _Plan:
        return _Plan(k, min(k, self.max_p), max(0, min(k - (self.m.alliances_nombre == 0), self.max_f)),
                     crte, km, x)

    def fewest_alliances(self, crte: int, km, x: int, seuil: float) -> int | None:
        """Fewest alliances that, with the others actions given, reach ``seuil`` (None: none do)."""
        if not self.reaches(self.most_diverse(self.max_k, crte, km, x), seuil):
            return None
        low, high = 0, self.max_k
        while low < high:
            mid = (low + high) // 2
            if self.reaches(self.most_diverse(mid, crte, km, x), seuil):
                high = mid
            else:
                low = mid + 1
        return low

    def smallest(self, seuil: float) -> _Plan | None:
        """The smallest plan reaching ``seuil`` (see the module's docstring), None if none does."""
        fewest: dict[tuple, int] = {}
        combos = list(self.combos())
        for n in range(1, QUICK_SIZES + 1):  # most communes need few actions: try them first
            for crte, km, x in combos:
                k = n - crte - (km is not None) - x
                if k >= 0 and self.reaches(self.most_diverse(k, crte, km, x), seuil):
                    fewest[(crte, km, x)] = n
            if fewest:
                break
        else:
            for crte, km, x in combos:
                k = self.fewest_alliances(crte, km, x, seuil)
                if k is not None:
                    fewest[(crte, km, x)] = crte + (km is not None) + x + k
        if not fewest:
            return None
        n = min(fewest.values())
        best = None
        for (crte, km, x), size in fewest.items():
            if size != n:
                continue
            k = n - crte - (km is not None) - x
            for demand in range(self.max_p + self.max_f + 1):
                found = [plan for p in range(min(k, self.max_p) + 1)
                         if 0 <= (f := demand - p) <= self.max_f and _room(k, p, f, self.m.alliances_nombre)
                         and self.reaches(plan := _Plan(k, p, f, crte, km, x), seuil)]
                if found:
                    for plan in found:
                        plan = self.farthest_catalyst(plan, seuil)
                        key = (plan.p + plan.f, -self.score(plan), -plan.p, plan.crte, plan.km is not None, plan.x)
                        if best is None or key < best[0]:
                            best = (key, plan)
                    break
        return best[1]

    def farthest_catalyst(self, plan: _Plan, seuil: float) -> _Plan:
        """``plan`` with its catalyseur as far as will do (whole km), in the commune if none will."""
        if plan.km is None or not self.localised:
            return plan
        without = self.score(replace(plan, km=None), counted=True)
        weight = self.params.maturity_weights().get("catalyseurs", 0.0)
        cap = self.params.plafonds["catalyseur_distance_km"]
        if not weight:
            return plan
        current = self.m.catalyseur_distance_km
        current_value = 0.0 if current is None else 100 * max(0.0, 1 - current / cap)
        needed = current_value + (seuil - without) / weight
        km = math.floor(cap * (1 - needed / 100) + 1e-9)  # checked below
        if current is not None:
            km = min(km, math.ceil(current) - 1)
        while km >= 1 and not self.reaches(replace(plan, km=float(km)), seuil):
            km -= 1
        return replace(plan, km=float(km)) if km >= 1 else plan

    def best_single(self) -> _Plan:
        """The one action that makes the data sufficient with the most points."""
        candidates = [_Plan(k=1)] + ([_Plan(x=1)] if self.localised else [])
        if not self.m.catalyseur_present:
            candidates.append(_Plan(km=0))
        ranked = sorted(candidates, key=lambda plan: (-(self.score(plan) or 0.0), plan.p))
        return ranked[0]

    def ceiling(self) -> float:
        """The highest score the closed list can give."""
        return max(self.score(self.most_diverse(self.max_k, crte, km, x), counted=True) or 0.0
                   for crte, km, x in self.combos())

    # ---------------------------------------------------------------- the actions, in French

    def actions(self, plan: _Plan) -> tuple[Action, ...]:
        """The plan as actions, each with the points it adds after the previous ones."""
        steps: list[tuple[_Plan, Action]] = []
        so_far = _Plan()
        first = self.m.alliances_nombre == 0
        new_kinds, new_forms = self.new_kinds(), self.new_forms()
        for i in range(plan.k):
            kind = new_kinds[i] if i < plan.p else None
            j = i - first  # a first alliance brings the commune's first form, not a new one
            form = new_forms[j] if 0 <= j < plan.f else None
            so_far = replace(so_far, k=so_far.k + 1, p=so_far.p + (kind is not None), f=so_far.f + (form is not None))
            steps.append((so_far, self._alliance(first and i == 0, kind, form)))
        if plan.crte:
            so_far = replace(so_far, crte=1)
            steps.append((so_far, Action("crte", "La signature d'un CRTE couvrant la commune", 0.0)))
        if plan.km is not None:
            so_far = replace(so_far, km=plan.km)
            steps.append((so_far, Action("catalyseur", _catalyst_text(plan.km).capitalize(), 0.0,
                                         distance_km=plan.km)))
        radius = number(self.params.rayon_experimentations_km)
        for _ in range(plan.x):
            so_far = replace(so_far, x=so_far.x + 1)
            steps.append((so_far, Action("experimentation",
                                         f"Une expérimentation du Fonds ODD 17 dans un rayon de {radius} km", 0.0)))
        actions, before = [], self.score(_Plan(), counted=True) or 0.0
        for state, action in steps:
            value = self.score(state, counted=True) or 0.0
            actions.append(replace(action, points=value - before))
            before = value
        return tuple(actions)

    def new_kinds(self) -> list[str]:
        """The kinds of partners the commune's alliances lack, in the file's order (``"?"``: unknown)."""
        if self.m.alliances_nombre == 0:
            return list(KINDS[MIN_KINDS:])
        if self.kinds is None:
            return ["?"] * self.max_p
        return [k for k in KINDS if k not in self.kinds]

    def new_forms(self) -> list[str]:
        """The forms the commune's alliances lack, in the file's order (``"?"``: unknown)."""
        if self.m.alliances_nombre == 0:
            return list(FORMS[1:])
        if self.forms is None:
            return ["?"] * self.max_f
        return [f for f in FORMS if f not in self.forms]

    def _alliance(self, first: bool, kind: str | None, form: str | None) -> Action:
        """One more alliance in the commune alone; ``kind``/``form``: the new ones it brings
        (``"?"``: a new one, the commune's own being unknown)."""
        if first:
            kinds, own_form = KINDS[:MIN_KINDS], FORMS[0]
        else:
            kinds, own_form = (self.kinds or ())[:MIN_KINDS], (self.forms or (None,))[0]
        if kind is not None:
            kinds = () if kind == "?" or not kinds else kinds[: MIN_KINDS if first else 1] + (kind,)
        words = ", ".join(w for w in (_partner_text(kind), _form_text(form)) if w)
        head = "Une première alliance active dans la commune" if first else "Une alliance active de plus dans la commune"
        return Action("alliance_diversite" if words else "alliance", head + (" " + words if words else ""), 0.0,
                      partenaires=tuple(kinds), forme=own_form if form is None else None if form == "?" else form,
                      precision=words)


def _partner_text(kind: str | None) -> str:
    return "" if kind is None else NEW_PARTNER if kind == "?" else WITH_PARTNER[kind]


def _form_text(form: str | None) -> str:
    return "" if form is None else NEW_FORM if form == "?" else AS_FORM[form]


def _catalyst_text(km: float) -> str:
    if km == 0:
        return "un catalyseur territorial implanté dans la commune ou qui la couvre"
    return f"un catalyseur territorial à {entier(km)} km au plus"


def _room(k: int, p: int, f: int, existing: int) -> bool:
    """Whether k alliances can bring p new kinds and f new forms (one of each at most per alliance;
    a first alliance brings the commune's first form)."""
    return p <= k and f <= k - (existing == 0 and f > 0)


def _flag(value, default: bool) -> bool:
    if value is None or value != value:
        return default
    return bool(value)


def _codes(value, allowed: tuple[str, ...]) -> tuple[str, ...] | None:
    """The codes in ``value`` (a list read from the warehouse), in the file's order; None when absent."""
    if value is None or isinstance(value, float):
        return None
    present = {str(v) for v in value}
    return tuple(c for c in allowed if c in present)


# -------------------------------------------------------------------- the sentence


def _label(code: str) -> str:
    return f"« {MATURITY_LABELS[code].lower()} »"


def _from(code: str) -> str:
    label = MATURITY_LABELS[code].lower()
    return ("d'" if label[0] in "aeiouyéèêh" else "de ") + f"« {label} »"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def _alliances_text(actions: list[Action], first: bool) -> str:
    special = [a.precision for a in actions if a.precision]
    if len(actions) == 1:
        return ("une première alliance" if first else "une alliance de plus") + (" " + special[0] if special else "")
    return (f"{len(actions)} alliances" + ("" if first else " de plus")
            + (", dont " + _join(["une " + q for q in special]) if special else ""))


def _actions_text(actions: tuple[Action, ...], radius: str, first: bool) -> str:
    parts = []
    alliances = [a for a in actions if a.code in ("alliance", "alliance_diversite")]
    if alliances:
        text = _alliances_text(alliances, first)
        parts.append(text + "," if ", dont " in text else text)  # the clause closes before what follows
    if any(a.code == "crte" for a in actions):
        parts.append("la signature d'un CRTE couvrant la commune")
    parts += [_catalyst_text(a.distance_km) for a in actions if a.code == "catalyseur"]
    experiments = sum(a.code == "experimentation" for a in actions)
    if experiments:
        parts.append(("une expérimentation" if experiments == 1 else f"{experiments} expérimentations")
                     + f" du Fonds ODD 17 dans un rayon de {radius} km")
    return _join(parts).removesuffix(",") if len(parts) > 1 else parts[0]


def _from_threshold(code: str, parameters: RunParameters) -> str:
    """« ; « actif » à partir de 40 » (empty for a class without a threshold)."""
    low = parameters.threshold(code)
    return "" if low is None else f" ; {_label(code)} à partir de {number(low)}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _points(value: float) -> str:
    return decimal(value, 1)


def progression(composantes: Mapping[str, object], parametres: RunParameters) -> Progression:
    """What would move the commune of ``composantes`` up one class under ``parametres`` (pure).

    ``composantes``: a row of ``commune_maturite`` (raw measures), optionally with
    ``partenaires_presents`` and ``formes_presentes`` (the kinds of partners and forms of the
    commune's alliances, to name the new ones) and ``localisee`` (False for a commune without an
    outline: no distance, hence no catalyseur « within N km » nor experiment nearby).
    """
    commune = _Commune(composantes, parametres)
    current = score(commune.m, parametres)
    now = classe(current, parametres)
    radius = number(parametres.rayon_experimentations_km)
    first = commune.m.alliances_nombre == 0
    if now == MATURITY_CLASSES[0].code:
        return Progression(now, None, current, None, (), (
            f"La commune est déjà {_label(now)}, la classe de maturité la plus haute : il n'y a pas de classe "
            f"au-dessus (score de {_points(current)} pour un seuil de {number(parametres.threshold(now))})."))
    if now == INSUFFICIENT:
        plan = commune.best_single()
        actions = commune.actions(plan)
        reached = classe(commune.score(plan), parametres)
        ways = ["une alliance qui agit sur la commune"]
        if commune.localised:
            ways.append(f"une expérimentation du Fonds ODD 17 dans un rayon de {radius} km")
        ways.append("un catalyseur territorial implanté dans la commune ou qui la couvre")
        phrase = (f"Les données de la commune ne suffisent pas à la classer : il lui faudrait au moins "
                  f"{' ou '.join([', '.join(ways[:-1]), ways[-1]])}. "
                  f"{_capital(_actions_text(actions, radius, first))} "
                  f"la classerait {_label(reached)} (score de {_points(commune.score(plan))}"
                  f"{_from_threshold(reached, parametres)}).")
        return Progression(now, reached, None, parametres.threshold(reached), actions, phrase, commune.score(plan))
    ranked = [c.code for c in MATURITY_CLASSES if c.code != INSUFFICIENT]
    target = ranked[ranked.index(now) - 1]
    seuil = parametres.threshold(target)
    plan = commune.smallest(seuil)
    if plan is None:
        return Progression(now, None, current, seuil, (), (
            f"Aucune combinaison des actions de la liste ne ferait passer la commune {_from(now)} à {_label(target)} : "
            f"son score ({_points(current)}) plafonnerait à {_points(commune.ceiling())}, sous le seuil de "
            f"{number(seuil)}."))
    actions = commune.actions(plan)
    after = commune.score(plan)
    verb = "ferait" if len(actions) == 1 else "feraient"
    text = _actions_text(actions, radius, first)
    reached = classe(after, parametres)
    phrase = (f"{_capital(text)} {verb} passer la commune {_from(now)} à {_label(reached)} "
              f"(score de {_points(current)} à {_points(after)}{_from_threshold(reached, parametres)}).")
    return Progression(now, reached, current, parametres.threshold(reached), actions, phrase, after)


# -------------------------------------------------------------------- reading the warehouse


def read_components(con, code: str | None) -> list[dict]:
    """The measures of commune ``code`` (``app/commune_progression``; None: of every commune, by code)."""
    cursor = run(con, "app/commune_progression", code=code)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def for_every_commune(con) -> dict[str, Progression]:
    """:func:`progression` of every commune of the warehouse behind ``con``, by code."""
    parameters = read_parameters(con)
    return {row["code"]: progression(row, parameters) for row in read_components(con, None)}


def for_commune(warehouse, code: str) -> Progression | None:
    """:func:`progression` of commune ``code`` read from ``warehouse`` (a DuckDB connection, or any
    object with a ``read(reader)`` method calling ``reader`` on one, as the dashboard's
    ``Warehouse``); None for an unknown commune."""

    def reader(con) -> Progression | None:
        rows = read_components(con, code)
        return progression(rows[0], read_parameters(con)) if rows else None

    return warehouse.read(reader) if hasattr(warehouse, "read") else reader(warehouse)
