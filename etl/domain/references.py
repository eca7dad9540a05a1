"""What the administrative codes of the domain files may point to.

Built from the boundaries tables (see :meth:`References.from_boundaries`): the current
communes, the former communes (déléguées, associées) with their current commune, the
arrondissements municipaux with their commune, the EPCI, départements and régions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["References"]


@dataclass(frozen=True)
class References:
    """What administrative codes of the input files may point to."""

    communes: frozenset[str]
    historique: Mapping[str, str]
    arrondissements: Mapping[str, str]
    epci: frozenset[str]
    departements: frozenset[str]
    regions: frozenset[str]

    @classmethod
    def from_boundaries(cls, boundaries: Any) -> References:
        """Build from a :class:`geodata.model.Boundaries` (or any object with the same frames).

        Uses ``communes.code``, ``historique.ancien_code``/``code_actuel``,
        ``arrondissements.code``/``commune``, ``epci.code``, ``departements.code`` and
        ``regions.code``.
        """

        def codes(frame: Any) -> frozenset[str]:
            return frozenset(str(c) for c in frame["code"].dropna())

        def pairs(frame: Any, key: str, value: str) -> dict[str, str]:
            sub = frame[[key, value]].dropna()
            return {str(k): str(v) for k, v in zip(sub[key], sub[value], strict=True)}

        return cls(
            communes=codes(boundaries.communes),
            historique=pairs(boundaries.historique, "ancien_code", "code_actuel"),
            arrondissements=pairs(boundaries.arrondissements, "code", "commune"),
            epci=codes(boundaries.epci),
            departements=codes(boundaries.departements),
            regions=codes(boundaries.regions),
        )

    def resolve_commune(self, code: str) -> str | None:
        """The current commune of a normalised ``code``, or None when it is unknown."""
        seen = 0
        while code not in self.communes:
            target = self.historique.get(code) or self.arrondissements.get(code)
            seen += 1
            if target is None or seen > 5:  # a chain of merges is short; guard against loops
                return None
            code = target
        return code
