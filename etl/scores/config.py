"""Parameters of the maturity and fragility indices.

The defaults live in ``parametres.toml`` beside this module; a user passes another file
with ``territoires etl --parametres FILE``. Every key is checked: a missing or misspelt
key, a negative weight or thresholds out of order is refused with a French message
naming the file and the key.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from atlas.parameters import RunParameters
from atlas.vocabulary import FRAGILITY_ORIENTATION, MATURITY_COMPONENTS

__all__ = ["DEFAULT_PATH", "ScoreParameters", "ParametersError", "load_parameters"]

DEFAULT_PATH = Path(__file__).with_name("parametres.toml")

MATURITY_WEIGHTS = tuple(MATURITY_COMPONENTS)
#: The groups of variables of the peers' profile (etl.scores.pairs), one weight each.
PEER_WEIGHTS = ("population", "densite", "isolement", "fragilite", "programmes")


class ParametersError(Exception):
    """An unusable parameters file; the message is in French."""


@dataclass(frozen=True)
class ScoreParameters(RunParameters):
    """The checked parameters of a run, with the file they came from."""

    path: str = ""
    sha256: str = ""

    def sql_params(self) -> dict[str, float]:
        """Named parameters of the marts (weights normalised to a sum of 1)."""
        total = sum(self.maturite_poids.values())
        params = {f"poids_{k}": v / total for k, v in self.maturite_poids.items()}
        params.update({f"plafond_{k}": float(v) for k, v in self.plafonds.items()})
        params.update({f"seuil_{k}": float(v) for k, v in self.seuils.items()})
        params.update({k: float(v) for k, v in self.donnees.items()})
        params.update({k: float(v) for k, v in self.fragilite.items()})
        return params

    def fragility_components(self) -> list[tuple[str, int, float]]:
        """``(composante, sens, poids)`` of every fragility component with a positive weight."""
        return [(name, FRAGILITY_ORIENTATION[name], w) for name, w in self.fragilite_poids.items() if w > 0]


def _section(data: dict, dotted: str, keys: tuple[str, ...] | None, path: Path) -> dict[str, float]:
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise ParametersError(f"{path} : section [{dotted}] absente")
        node = node[part]
    values = {}
    for key, value in node.items():
        if isinstance(value, dict):
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParametersError(f"{path} : [{dotted}] {key} doit être un nombre (trouvé « {value} »)")
        if value < 0:
            raise ParametersError(f"{path} : [{dotted}] {key} ne peut pas être négatif ({value})")
        values[key] = float(value)
    if keys is not None:
        missing = [k for k in keys if k not in values]
        unknown = [k for k in values if k not in keys]
        if missing or unknown:
            raise ParametersError(
                f"{path} : [{dotted}] clés attendues {', '.join(keys)}"
                + (f" ; manquantes : {', '.join(missing)}" if missing else "")
                + (f" ; inconnues : {', '.join(unknown)}" if unknown else "")
            )
    return values


def load_parameters(path: str | Path | None = None) -> ScoreParameters:
    """Read and check a parameters file (the packaged defaults if ``path`` is None)."""
    path = Path(path) if path else DEFAULT_PATH
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise ParametersError(f"fichier de paramètres introuvable : {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ParametersError(f"{path} : fichier TOML illisible ({exc})") from None
    poids = _section(data, "maturite.poids", MATURITY_WEIGHTS, path)
    if sum(poids.values()) <= 0:
        raise ParametersError(f"{path} : [maturite.poids] la somme des poids doit être positive")
    plafonds = _section(
        data, "maturite.plafonds",
        ("alliances_pour_10000", "alliances_recentes", "crte_anciennete_annees", "experimentations_proches",
         "catalyseur_distance_km"),
        path,
    )
    if any(v <= 0 for v in plafonds.values()):
        raise ParametersError(f"{path} : [maturite.plafonds] chaque plafond doit être strictement positif")
    seuils = _section(data, "maturite.seuils", ("pionnier", "actif", "premiers_pas"), path)
    if not (100 >= seuils["pionnier"] > seuils["actif"] > seuils["premiers_pas"] > 0):
        raise ParametersError(
            f"{path} : [maturite.seuils] il faut 100 ≥ pionnier > actif > premiers_pas > 0"
        )
    donnees = _section(
        data, "maturite.donnees", ("recence_annees", "rayon_experimentations_km", "part_population_minimale"), path
    )
    if donnees["part_population_minimale"] > 1:
        raise ParametersError(f"{path} : [maturite.donnees] part_population_minimale doit être entre 0 et 1")
    fragilite = _section(data, "fragilite", ("seuil_pole_habitants", "composantes_minimales"), path)
    known = tuple(FRAGILITY_ORIENTATION)
    fragilite_poids = _section(data, "fragilite.poids", None, path)
    unknown = [k for k in fragilite_poids if k not in known]
    if unknown:
        raise ParametersError(
            f"{path} : [fragilite.poids] composantes inconnues : {', '.join(unknown)} ; connues : {', '.join(known)}"
        )
    pairs = _section(data, "pairs", ("nombre",), path)
    if not float(pairs["nombre"]).is_integer() or pairs["nombre"] < 1:
        raise ParametersError(f"{path} : [pairs] nombre doit être un entier positif")
    pairs_poids = _section(data, "pairs.poids", PEER_WEIGHTS, path)
    if sum(pairs_poids.values()) <= 0:
        raise ParametersError(f"{path} : [pairs.poids] la somme des poids doit être positive")
    digest = hashlib.sha256(raw).hexdigest()
    return ScoreParameters(
        poids, plafonds, seuils, donnees, fragilite, fragilite_poids,
        pairs=pairs, pairs_poids=pairs_poids, path=str(path), sha256=digest,
    )
