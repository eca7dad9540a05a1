"""The block « Alliances, expérimentations et catalyseurs liés » of a mesure's page: a pure
builder of :class:`atlas.mesure_links.MeasureLinks` (read once per page, with the page)."""

from __future__ import annotations

from dash import dcc, html

from atlas.format import is_missing
from atlas.mesure_links import LINK_COLUMN, LINK_KINDS, LINKS_TITLE, MeasureLinks, place_text, situation_text
from dashboard.components import section, table

__all__ = ["links_block"]


def _place(row) -> dcc.Link | str:
    """The place, a link to its territory's page when it has one."""
    text = place_text(row)
    if is_missing(row["niveau"]) or is_missing(row["code"]):
        return text
    return dcc.Link(text, href=f"/{row['niveau']}/{row['code']}")


def _kind_table(kind: str, records: list[dict]) -> html.Div:
    """The table of the linked rows of one kind (alliances…): title, place, situation."""
    rows = [[html.Span([html.Strong(r["intitule"]), html.Br(), html.Small(r["id"], className="muted")]),
             _place(r), situation_text(r)] for r in records]
    return table(["Intitulé", "Lieu", "Situation"], rows, id=f"mesure-liens-{kind}",
                 caption=f"{LINK_KINDS[kind].linked} ({len(rows)})")


def links_block(links: MeasureLinks) -> html.Section:
    """The linked rows, one table per kind (title, place with a link to its page, situation), or
    the sentence that says why there are none."""
    empty = links.empty_text()
    if empty is not None:
        return section(LINKS_TITLE, html.P(empty, className="vide", id="mesure-liens-vide"), id="bloc-liens")
    records = links.rows.to_dict("records")
    tables = [_kind_table(kind, own) for kind in LINK_KINDS if (own := [r for r in records if r["entite"] == kind])]
    return section(
        LINKS_TITLE,
        html.P(f"Rattachés à cette mesure par la colonne « {LINK_COLUMN} » de leur fichier : "
               f"{links.counts_text()}.", className="aide", id="mesure-liens-compte"),
        html.Div(tables, id="mesure-liens"),
        id="bloc-liens",
    )
