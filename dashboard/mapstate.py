"""State of the map page, kept in the URL fragment (``/#couche=…&region=…``).

The fragment makes every view shareable and lets the browser's back and forward buttons
walk the drill-down, without reloading the page. Every value read from a URL or a
click is checked against a closed list or the warehouse; anything unknown falls back to
the default.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from .annees import past_year
from .data import Warehouse
from .geometry import FRANCE
from .labels import COUCHES, NIVEAUX, PROGRAMME_COUNT

__all__ = ["MapState", "VUES"]

#: France-wide views: metropolitan France, or one overseas département.
VUES = {
    "metropole": "France métropolitaine",
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "976": "Mayotte",
}


@dataclass(frozen=True)
class MapState:
    couche: str = "maturite"
    echelle: str = "region"  # level of the France-wide map
    vue: str = "metropole"
    region: str | None = None  # départements of this région
    departement: str | None = None  # communes of this département
    #: what the « Programmes » layer shows: one programme's code, or the number of programmes
    programme: str = PROGRAMME_COUNT
    #: the year (31 December) the maturity layer shows; None: today (the current scores)
    annee: int | None = None

    # ------------------------------------------------------------------ reading

    @classmethod
    def parse(cls, fragment, warehouse: Warehouse) -> "MapState":
        """The state a URL fragment describes; the default state for anything but a string."""
        if not isinstance(fragment, str):
            fragment = ""
        values = {k: v[0] for k, v in parse_qs(fragment.lstrip("#")).items() if v}
        state = cls()
        if values.get("couche") in COUCHES:
            state = replace(state, couche=values["couche"])
        if values.get("echelle") in NIVEAUX:
            state = replace(state, echelle=values["echelle"])
        if values.get("vue") in VUES:
            state = replace(state, vue=values["vue"])
        if values.get("programme") in warehouse.programme_choices:
            state = replace(state, programme=values["programme"])
        if state.couche == "maturite":
            state = replace(state, annee=past_year(values.get("annee"), warehouse.history_years))
        departement = values.get("departement")
        region = values.get("region")
        if warehouse.exists("departement", departement):
            region = warehouse.territory("departement", departement)["region"]
            state = replace(state, departement=departement, region=region)
        elif warehouse.exists("region", region):
            state = replace(state, region=region)
        return state

    def to_fragment(self) -> str:
        values = {"couche": self.couche}
        if self.couche == "programmes":
            values["programme"] = self.programme
        if self.couche == "maturite" and self.annee is not None:
            values["annee"] = str(self.annee)
        if self.departement:
            values["departement"] = self.departement
        elif self.region:
            values["region"] = self.region
        else:
            values["echelle"] = self.echelle
            if self.vue != "metropole":
                values["vue"] = self.vue
        return "#" + urlencode(values)

    # ------------------------------------------------------------------ what to show

    @property
    def level(self) -> str:
        if self.departement:
            return "commune"
        if self.region:
            return "departement"
        return self.echelle

    @property
    def scope(self) -> tuple[str, str] | None:
        """The territory the map is focused on, if any."""
        if self.departement:
            return ("departement", self.departement)
        if self.region:
            return ("region", self.region)
        return None

    def bounds(self, warehouse: Warehouse) -> tuple[float, float, float, float]:
        if self.scope:
            return warehouse.extents[self.scope]
        if self.vue != "metropole":
            return warehouse.extents[("departement", self.vue)]
        return FRANCE

    def revision(self) -> str:
        """Changes when the framing changes (not when only the layer does)."""
        return f"{self.level}|{self.region}|{self.departement}|{self.vue}"

    # ------------------------------------------------------------------ moving

    def drill(self, code, warehouse: Warehouse) -> "MapState":
        """The state after a click on territory ``code`` of the current level."""
        level = self.level
        if level == "region" and warehouse.exists("region", code):
            return replace(self, region=code, departement=None)
        if level == "departement" and warehouse.exists("departement", code):
            region = warehouse.territory("departement", code)["region"]
            return replace(self, region=region, departement=code)
        return self

    def up(self) -> "MapState":
        if self.departement:
            return replace(self, departement=None)
        return replace(self, region=None, departement=None)
