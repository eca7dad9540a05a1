"""Layout pieces shared by the pages: header with the search box, demo banner, badges,
tables. The search callbacks are registered on each app by :func:`register_callbacks`."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import dash
from dash import ALL, MATCH, Input, Output, State, ctx, dcc, html

from . import inputs
from .data import get_warehouse
from .figures.carte import MATURITE_COULEURS
from atlas.format import score
from atlas.provenance import DemoStatus, Note
from .labels import CLASSE_LABELS, CLASSES

__all__ = ["class_legend", "header", "search_box", "demo_banner", "source_note", "block_source", "badge", "class_badge",
           "text_on", "contrast", "table", "choice_group", "chart", "class_counts", "not_found", "section", "kv",
           "hit_list", "search_query", "search_page_url"]

SEARCH_PLACEHOLDER = "Commune, code postal ou code INSEE…"


def search_box(name: str, autofocus: bool = False) -> html.Div:
    """A search field with live results (communes, départements, régions)."""
    return html.Div(
        [
            # Dash renders a dict id as its sorted JSON text
            html.Label("Rechercher un territoire", htmlFor=json.dumps({"index": name, "type": "recherche-saisie"},
                                                                      separators=(",", ":")),
                       className="visually-hidden"),
            dcc.Input(
                id={"type": "recherche-saisie", "index": name},
                type="search",
                placeholder=SEARCH_PLACEHOLDER,
                debounce=0.2,
                autoComplete="off",
                autoFocus=autofocus,
                className="recherche-saisie",
            ),
            html.Div(id={"type": "recherche-resultats", "index": name}, className="recherche-resultats"),
        ],
        className="recherche",
        role="search",
    )


def demo_banner(status: DemoStatus):
    """The banner naming the entities that are demonstration data; None when none is."""
    if not status.any:
        return None
    return html.Div(
        [
            html.Strong(f"{status.label()}."),
            html.Span(f" Générées pour la démonstration, sans portée réelle. Données réelles : {status.real_list()}.",
                      className="bandeau-detail"),
            " ",
            dcc.Link("Voir les sources", href="/sources"),
        ],
        className="bandeau-demo",
        id="bandeau-demo",
        role="status",
    )


def header(status: DemoStatus) -> html.Div:
    return html.Div(
        [
            html.Header(
                [
                    html.A("Atlas des alliances territoriales", href="/", className="brand"),
                    html.Nav(
                        [dcc.Link("Carte", href="/"), dcc.Link("Les 21 mesures", href="/mesures"),
                         dcc.Link("Méthodologie", href="/methodologie"), dcc.Link("Sources", href="/sources"), dcc.Link("Données", href="/donnees")],
                        className="nav",
                    ),
                    search_box("entete"),
                ],
                className="site-header",
            ),
            demo_banner(status),
        ]
    )


def source_note(source_label: str, date: str | None = None, id: str | None = None, what: str = "Source") -> html.P:
    """The « Source : … » line of a card's block: the file or source and its date (or census year);
    ``what`` names the datum when the block has several sources (« Source de l'ancien millésime »)."""
    text = f"{what} : {source_label}" + (f" — {date}" if date else "")
    return html.P(text, className="source-bloc", **({"id": id} if id else {}))


def block_source(note: Note | None, id: str | None = None, what: str = "Source") -> html.P | None:
    """:func:`source_note` of a block's :class:`~atlas.provenance.Note`; None when its source is unknown."""
    return None if note is None else source_note(note.source, note.date, id=id, what=what)


#: Text colours a badge chooses between: white or the page's dark ink, else black when
#: neither reaches the WCAG AA contrast on a mid-tone background (viridis teal, Okabe–Ito green).
LIGHT_TEXT, DARK_TEXT, BLACK_TEXT = "#ffffff", "#1e2a38", "#000000"
#: WCAG 2.1 AA minimum contrast of normal-size text (success criterion 1.4.3).
MIN_CONTRAST = 4.5


def _luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21).

    >>> round(contrast("#ffffff", "#21918c"), 2), round(contrast("#000000", "#21918c"), 2)
    (3.82, 5.49)
    """
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(background: str) -> str:
    """The text colour of a badge on ``background``: white or dark ink, whichever contrasts
    more, or black when neither reaches :data:`MIN_CONTRAST`.

    >>> text_on("#3b528b"), text_on("#21918c"), text_on("#fde725"), text_on("#009e73")
    ('#ffffff', '#000000', '#1e2a38', '#000000')
    """
    best = max((LIGHT_TEXT, DARK_TEXT), key=lambda text: contrast(text, background))
    return best if contrast(best, background) >= MIN_CONTRAST else BLACK_TEXT


def badge(label: str, background: str, class_name: str = "badge") -> html.Span:
    """A coloured label whose text stays readable on its background."""
    return html.Span(label, className=class_name, style={"background": background, "color": text_on(background)})


def class_badge(classe) -> html.Span:
    if classe not in CLASSE_LABELS:
        return html.Span("—", className="badge")
    return badge(CLASSE_LABELS[classe], MATURITE_COULEURS[classe], "badge classe")


def class_legend() -> html.Div:
    """Swatches of the maturity classes (for maps drawn without a colour bar)."""
    return html.Div(
        [html.Span([html.Span(className="pastille", style={"background": MATURITE_COULEURS[c]}), " ", CLASSE_LABELS[c]])
         for c in CLASSES],
        className="legende-classes",
    )


def table(columns: list[str], rows: list[list], empty: str = "Aucun élément.", class_name: str = "tableau",
          caption: str | None = None, row_headers: bool = False, id: str | None = None) -> html.Div:
    """A plain accessible HTML table (cells may be components); ``caption`` titles it and
    ``row_headers`` makes each row's first cell its header (``th scope="row"``)."""
    if not rows:
        return html.P(empty, className="vide")

    def cells(row):
        first = [html.Th(row[0], scope="row")] if row_headers else [html.Td(row[0])]
        return first + [html.Td(cell) for cell in row[1:]]

    return html.Div(
        html.Table(
            ([html.Caption(caption)] if caption else []) + [
                html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
                html.Tbody([html.Tr(cells(row)) for row in rows]),
            ],
            className=class_name,
            **({"id": id} if id else {}),
        ),
        className="tableau-conteneur",
        tabIndex="0",  # a table wider than a phone scrolls: keyboard users must reach it
    )


def chart(graph, caption, alternative=None, summary: str = "Les données du graphique en tableau") -> html.Figure:
    """A chart with its text alternative: ``caption`` says what it shows (read by screen readers
    and shown to all), ``alternative`` (a table) folds under it in a <details>."""
    children = [graph, html.Figcaption(caption)]
    if alternative is not None:
        children.append(html.Details([html.Summary(summary), alternative], className="alternative"))
    return html.Figure(children, className="graphique")


def class_counts(classes) -> str:
    """« 12 pionnier, 40 actif… » : how many territories fall in each maturity class, in the
    legend's order (the text summary of a class map)."""
    counts = {c: 0 for c in CLASSES}
    for classe in classes:
        if classe in counts:
            counts[classe] += 1
    return " ; ".join(f"{CLASSE_LABELS[c].lower()} : {n}" for c, n in counts.items() if n)


def choice_group(title: str, control_id: str, options: dict, value, multi: bool = False, hint: str | None = None,
                 class_name: str = "controle") -> html.Fieldset:
    """A closed list of choices as native radio buttons (or checkboxes when ``multi``), grouped
    in a fieldset that ``title`` names (see ``assets/a11y.js`` for the roles Dash adds)."""
    control = dcc.Checklist if multi else dcc.RadioItems
    return html.Fieldset(
        [
            html.Legend(title, className="controle-titre"),
            *([html.P(hint, className="aide choix-aide")] if hint else []),
            control(id=control_id, options=[{"label": label, "value": code} for code, label in options.items()],
                    value=value, className="choix", inputClassName="choix-case"),
        ],
        className=class_name,
    )


def section(title: str, *children, id: str | None = None) -> html.Section:
    props = {"id": id} if id else {}
    return html.Section([html.H2(title), *children], className="bloc", **props)


def kv(label: str, value) -> html.Div:
    return html.Div([html.Dt(label), html.Dd(value)], className="kv")


def not_found(title: str, message: str) -> html.Div:
    """The French "introuvable" page: a message, a search box and a way back."""
    return html.Div(
        [
            html.H1(title),
            html.P(message),
            html.P("Cherchez le territoire par son nom, son code postal ou son code INSEE :"),
            search_box("introuvable", autofocus=True),
            html.P(dcc.Link("Revenir à la carte de France", href="/")),
        ],
        className="introuvable",
        id="page-introuvable",
    )


def maturity_line(row: dict | None) -> list:
    if not row:
        return ["—"]
    return [class_badge(row.get("maturite_classe")), " ", html.Span(score(row.get("maturite_score")), className="score")]


# ---------------------------------------------------------------------- callbacks


def hit_list(hits) -> html.Ul:
    """Search hits as links to their cards (name, code and detail)."""
    return html.Ul(
        [
            html.Li(
                dcc.Link(
                    [html.Span(hit.label, className="nom"), html.Span(f" {hit.code} · {hit.detail}", className="detail")],
                    href=hit.href,
                    className="recherche-lien",
                )
            )
            for hit in hits
        ],
        className="recherche-liste",
    )


def search_query(text) -> str:
    """The text of a search field or URL, trimmed and bounded; "" if too short to search."""
    query = str(text or "").strip()[:80]
    return query if len(query) >= 2 else ""


def search_page_url(query: str) -> str:
    """Address of the search page listing every result of ``query``."""
    return "/recherche?" + urlencode({"q": query})


def show_results(query):
    """Live results under a search field (up to eight, and a link to all of them)."""
    query = search_query(inputs.text(query))
    if not query:
        return None
    hits = get_warehouse().search_index.search(query, limit=8)
    if not hits:
        return html.P("Aucun territoire ne correspond.", className="recherche-vide")
    return html.Div([hit_list(hits), dcc.Link("Tous les résultats", href=search_page_url(query),
                                              className="recherche-tout")])


def open_first_result(submits, values):
    """Enter in a search field opens the best match."""
    submits, values = inputs.items(submits), inputs.items(values)
    trigger = ctx.triggered_id
    fields = [item.get("id") for item in ctx.inputs_list[0]] if ctx.inputs_list else []
    if not isinstance(trigger, dict) or trigger not in fields or len(values) != len(fields):
        return dash.no_update
    index = fields.index(trigger)
    if not inputs.count(submits[index]):
        return dash.no_update
    query = search_query(inputs.text(values[index]))
    hits = get_warehouse().search_index.search(query, limit=1) if query else []
    return hits[0].href if hits else dash.no_update


def register_callbacks(app: dash.Dash) -> None:
    """Callbacks of the layout shared by every page (registered on each app)."""
    app.callback(
        Output({"type": "recherche-resultats", "index": MATCH}, "children"),
        Input({"type": "recherche-saisie", "index": MATCH}, "value"),
        prevent_initial_call=True,
    )(show_results)
    app.callback(
        Output("_pages_location", "pathname", allow_duplicate=True),
        Input({"type": "recherche-saisie", "index": ALL}, "n_submit"),
        State({"type": "recherche-saisie", "index": ALL}, "value"),
        prevent_initial_call=True,
    )(open_first_result)
