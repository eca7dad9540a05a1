"""Which column or measure of a public indicator file feeds which indicator of the Atlas.

The mapping ships as ``etl/public/correspondances.toml``; a user extends it with a file
named :data:`USER_MAPPING` in the data folder, merged over the shipped one table by table
(its keys are added to, or replace, the shipped ones). Column patterns carry ``<aa>``, the
year on two digits (``TP60<aa>`` matches ``TP6021``, taux de pauvreté 2021).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from atlas.entities import INDICATEURS
from etl.domain.errors import DomainFileError

__all__ = ["USER_MAPPING", "SHIPPED_MAPPING", "Mapping", "ColumnMatch", "load_mapping"]

#: Name of the user's extension of the mapping, in the data folder.
USER_MAPPING = "correspondances-indicateurs.toml"
#: The mapping shipped with the Atlas.
SHIPPED_MAPPING = Path(__file__).with_name("correspondances.toml")


@dataclass(frozen=True)
class ColumnMatch:
    """A column of a wide file that feeds an indicator, for one year."""

    indicator: str
    year: int
    #: the source column, or ``(numerator, denominator)`` for a ratio (× 100)
    columns: tuple[str, ...]


def _pattern(template: str) -> re.Pattern:
    """``P<aa>_POP`` → a regex matching ``P21_POP`` (case ignored), the year as group ``aa``."""
    parts = [re.escape(p) for p in template.split("<aa>")]
    return re.compile("^" + r"(?P<aa>\d{2})".join(parts) + "$", re.IGNORECASE)


def _check_indicator(code: str, where: str, source: str) -> str:
    if code not in INDICATEURS:
        raise DomainFileError(
            f"fichier {source} : {where} renvoie à l'indicateur inconnu « {code} » ; attendu l'un de : "
            + ", ".join(INDICATEURS),
            files=(source,),
        )
    return code


@dataclass(frozen=True)
class Mapping:
    """The merged mapping: secret values, wide columns, ratios, OT codes, Melodi measures."""

    secret_values: frozenset[str]
    columns: dict[str, str]
    ratios: dict[str, tuple[str, str]]
    observatoire: dict[str, str]
    measures: dict[str, str]
    secret_statuses: dict[str, frozenset[str]]

    def is_secret(self, text: str) -> bool:
        """True for a cell meaning statistical secret (``s``, ``nd``…)."""
        return text.strip().lower() in self.secret_values

    def wide_columns(self, header: list[str]) -> tuple[list[ColumnMatch], list[str]]:
        """The matches of a wide file's header, and the columns no entry uses."""
        by_upper = {h.upper(): h for h in header}
        matches: list[ColumnMatch] = []
        used: set[str] = set()
        for template, indicator in self.columns.items():
            regex = _pattern(template)
            for name in header:
                if m := regex.match(name):
                    matches.append(ColumnMatch(indicator, 2000 + int(m["aa"]), (name,)))
                    used.add(name)
        for indicator, (num, den) in self.ratios.items():
            regex = _pattern(num)
            for name in header:
                m = regex.match(name)
                other = by_upper.get(den.replace("<aa>", m["aa"]).upper()) if m else None
                if other is not None:
                    matches.append(ColumnMatch(indicator, 2000 + int(m["aa"]), (name, other)))
                    used.update((name, other))
        return matches, [h for h in header if h not in used]

    def indicator_of(self, code: str, table: dict[str, str]) -> str | None:
        """The indicator of an OT code or Melodi measure (our own codes are accepted as is)."""
        if code in table:
            return table[code]
        lowered = next((v for k, v in table.items() if k.lower() == code.lower()), None)
        return lowered or (code if code in INDICATEURS else None)


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DomainFileError(
            f"fichier {path.name} : correspondances illisibles ({exc}) ; attendu un fichier TOML "
            "de la forme de etl/public/correspondances.toml",
            files=(path.name,),
        ) from exc


def _merge(base: dict, extra: dict) -> dict:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _ratio(indicator: str, pair, source: str) -> tuple[str, str]:
    if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
        raise DomainFileError(
            f"fichier {source} : rapport « {indicator} » : attendu [\"numérateur\", \"dénominateur\"]",
            files=(source,),
        )
    return pair[0], pair[1]


def load_mapping(folder: Path | None = None) -> tuple[Mapping, Path | None]:
    """The shipped mapping, extended by the folder's :data:`USER_MAPPING` when present;
    also returns the user's file (None without one)."""
    data = _read(SHIPPED_MAPPING)
    user = next((p for p in folder.iterdir() if p.name.lower() == USER_MAPPING), None) if folder else None
    source = SHIPPED_MAPPING.name
    if user is not None:
        data, source = _merge(data, _read(user)), user.name
    melodi = data.get("melodi", {})

    def indicators(table: dict, where: str) -> dict[str, str]:
        return {k: _check_indicator(str(v), f"{where} « {k} »", source) for k, v in table.items()}

    mapping = Mapping(
        secret_values=frozenset(str(v).strip().lower() for v in data.get("valeurs_secretes", [])),
        columns=indicators(data.get("colonnes", {}), "la colonne"),
        ratios={_check_indicator(k, "le rapport", source): _ratio(k, v, source)
                for k, v in data.get("rapports", {}).items()},
        observatoire=indicators(data.get("observatoire", {}), "l'indicateur de l'Observatoire"),
        measures=indicators(melodi.get("mesures", {}), "la mesure"),
        secret_statuses={k.upper(): frozenset(str(s).upper() for s in v)
                         for k, v in melodi.get("statuts_secrets", {}).items()},
    )
    return mapping, user
