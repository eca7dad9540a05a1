"""In-memory search of territories by name, INSEE code or postal code.

Accent- and case-insensitive; hyphens, apostrophes and the usual abbreviations
(``st`` / ``ste`` for saint / sainte) are folded, so "st etienne" finds Saint-Étienne.
Built once per worker from the warehouse; a query scans plain Python strings and answers
in a few milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from atlas.vocabulary import LEVELS

__all__ = ["normalize", "SearchIndex", "Hit"]

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes", "s/": "sur"}
#: Levels found by the search, in the order of equally good hits (communes first).
_LEVEL_RANK = {code: rank for rank, code in enumerate(("commune", "epci", "departement", "region"))}


def normalize(text: str) -> str:
    """Lowercase, no accents, words separated by one space, abbreviations expanded.

    >>> normalize("  Saint-Étienne ")
    'saint etienne'
    >>> normalize("st étienne")
    'saint etienne'
    >>> normalize("L'Haÿ-les-Roses")
    'l hay les roses'
    """
    text = unicodedata.normalize("NFKD", str(text).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("œ", "oe").replace("æ", "ae")
    words = re.split(r"[^a-z0-9/]+", text)
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words if w and w != "/")


@dataclass(frozen=True)
class Hit:
    niveau: str
    code: str
    nom: str
    detail: str  # e.g. "Finistère · 29200" (département and matched postal code)

    @property
    def href(self) -> str:
        return f"/{self.niveau}/{self.code}"

    @property
    def label(self) -> str:
        kind = "" if self.niveau == "commune" else f" ({LEVELS[self.niveau].label})"
        return f"{self.nom}{kind}"


class SearchIndex:
    """Communes, EPCI, départements and régions, searchable by name, code (INSEE, SIREN) and postal code."""

    def __init__(self, territories: pd.DataFrame, postal_codes: pd.DataFrame | None = None):
        frame = territories[territories["niveau"].isin(_LEVEL_RANK)].copy()
        dep_names = dict(
            zip(frame.loc[frame["niveau"] == "departement", "code"], frame.loc[frame["niveau"] == "departement", "nom"])
        )
        frame["population"] = pd.to_numeric(frame["population"], errors="coerce").fillna(0)
        frame = frame.sort_values(["niveau", "population"], ascending=[True, False], key=_level_key)
        self._entries: list[tuple[str, str, str, str, str, float]] = []
        for row in frame.itertuples(index=False):
            detail = dep_names.get(row.departement, "") if row.niveau == "commune" else LEVELS[row.niveau].label
            self._entries.append((row.niveau, row.code, row.nom, normalize(row.nom), detail, row.population))
        self._names = [" " + e[3] for e in self._entries]  # leading space: word starts are " word"
        self._by_code = {(e[0], e[1]): i for i, e in enumerate(self._entries)}
        self._postal: dict[str, list[str]] = {}
        if postal_codes is not None and len(postal_codes):
            for cp, commune in zip(postal_codes["code_postal"], postal_codes["commune"]):
                self._postal.setdefault(str(cp), []).append(str(commune))
        self._postal_keys = sorted(self._postal)

    def __len__(self) -> int:
        return len(self._entries)

    def _hit(self, index: int, detail: str | None = None) -> Hit:
        niveau, code, nom, _, default_detail, _ = self._entries[index]
        return Hit(niveau, code, nom, detail or default_detail)

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Best matches of ``query``, most relevant first (at most ``limit``)."""
        raw = str(query or "").strip()
        if not raw:
            return []
        compact = raw.replace(" ", "").upper()
        if re.fullmatch(r"[0-9]{9}", compact) and ("epci", compact) in self._by_code:
            return [self._hit(self._by_code[("epci", compact)])]
        if re.fullmatch(r"(?:[0-9]{2}|2[AB])[0-9]{0,3}", compact):
            hits = self._search_code(compact, limit)
            if hits:
                return hits
        text = normalize(raw)
        if not text:
            return []
        return self._search_name(text, limit)

    def _search_code(self, code: str, limit: int) -> list[Hit]:
        found: list[Hit] = []
        seen: set[tuple[str, str]] = set()

        def add(key, detail=None):
            if key in self._by_code and key not in seen and len(found) < limit:
                seen.add(key)
                found.append(self._hit(self._by_code[key], detail))

        def add_postal(postal: str):
            for commune in self._postal[postal]:
                key = ("commune", commune)
                if key in self._by_code:
                    add(key, f"{self._entries[self._by_code[key]][4]} · {postal}")

        # exact matches first (a postal code, an INSEE code, a département), then prefixes
        if code in self._postal:
            add_postal(code)
        add(("commune", code))
        if len(code) <= 3:
            add(("departement", code))
        for postal in self._postal_keys_starting(code):
            add_postal(postal)
        if len(found) < limit:
            for i, entry in enumerate(self._entries):
                if entry[0] == "commune" and entry[1].startswith(code):
                    add(("commune", entry[1]))
                    if len(found) >= limit:
                        break
        return found

    def _postal_keys_starting(self, prefix: str) -> list[str]:
        import bisect

        start = bisect.bisect_left(self._postal_keys, prefix)
        out = []
        for key in self._postal_keys[start:]:
            if not key.startswith(prefix):
                break
            out.append(key)
        return out

    def _search_name(self, text: str, limit: int) -> list[Hit]:
        needle = " " + text
        names = self._names
        matched = {i: (0 if names[i] == needle else 1 if names[i].startswith(needle) else 2)
                   for i in [i for i, name in enumerate(names) if needle in name]}
        words = text.split(" ")
        if len(words) > 1:
            longest = " " + max(words, key=len)
            for i in [i for i, name in enumerate(names) if longest in name]:
                if i not in matched and all(" " + w in names[i] for w in words):
                    matched[i] = 3
        ordered = sorted(
            matched,
            key=lambda i: (matched[i], -self._entries[i][5], _LEVEL_RANK[self._entries[i][0]]),
        )
        return [self._hit(i) for i in ordered[:limit]]


def _level_key(column: pd.Series) -> pd.Series:
    if column.name == "niveau":
        return column.map(_LEVEL_RANK)
    return column
