"""« Territoires qui me ressemblent » on the commune and EPCI cards: the territory's peers
(mart ``territoire_pair``), where it ranks among them by maturity, and « ce qui marche chez
des communes (des EPCI) comme la vôtre (le vôtre) »: the alliances of the more mature peers and
the catalyseurs that animate them.

:func:`peers_view` reads; :func:`peers_block` is a pure function of its result.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from atlas.explain import rank_sentence
from atlas.format import date_fr, entier, score
from atlas.vocabulary import LEVELS

from .components import class_badge, section, table
from .data import Warehouse
from .labels import choice_label
from .views import Alliance, _records, plain

__all__ = ["Peer", "PeerAlliance", "PeerCatalyst", "PeersView", "peers_view", "peers_block",
           "PEER_ALLIANCES_LIMIT", "PEER_ALLIANCES_PER_PEER"]

#: Alliances of the more mature peers shown on the card, and at most this many per peer.
PEER_ALLIANCES_LIMIT = 8
PEER_ALLIANCES_PER_PEER = 3


@dataclass(frozen=True)
class Peer:
    rang: int
    code: str
    nom: str
    population: int | None
    distance: float
    maturite_score: float | None
    maturite_classe: str | None


@dataclass(frozen=True)
class PeerAlliance(Alliance):
    """An alliance acting in a peer (``commune``: the peer's code, a commune or an EPCI) more mature
    than the card's territory."""

    commune: str
    commune_nom: str


@dataclass(frozen=True)
class PeerCatalyst:
    """A catalyseur located in, or covering, a peer whose alliances the card shows."""

    nom: str
    type_structure: str
    commune: str | None
    commune_nom: str | None
    #: names of the peers (communes or EPCI) it animates
    pairs_animes: tuple[str, ...]


@dataclass(frozen=True)
class PeersView:
    """The peers of one commune or EPCI and what works for the more mature ones."""

    code: str
    nom: str
    maturite_score: float | None
    peers: tuple[Peer, ...]
    alliances: tuple[PeerAlliance, ...]
    catalysts: tuple[PeerCatalyst, ...]
    #: whether ANCT programmes were part of the profile (programme_commune has rows)
    programmes: bool
    #: "commune" or "epci"
    level: str = "commune"


def peers_view(warehouse: Warehouse, code: str, level: str = "commune") -> PeersView:
    """Read the peers of commune (or EPCI) ``code`` (checked), the alliances of the more mature
    ones and the catalyseurs that animate those peers."""
    code = warehouse.check(level, code)
    where = {"niveau": level, "code": code}
    peers = _records(warehouse.query("app/territoire_pairs", where), Peer)
    alliances = _records(warehouse.query("app/pairs_alliances", {**where, "limite": PEER_ALLIANCES_LIMIT,
                                                                "par_pair": PEER_ALLIANCES_PER_PEER}),
                         PeerAlliance)
    shown = sorted({a.commune for a in alliances})
    catalysts = _records(warehouse.query("app/pairs_catalyseurs", {"niveau": level, "pairs": shown}),
                         PeerCatalyst) if shown else ()
    row = warehouse.indicator_row(level, code) or {}
    return PeersView(
        code=code, nom=warehouse.name(level, code), maturite_score=plain(row.get("maturite_score")),
        peers=peers, alliances=alliances, catalysts=catalysts,
        programmes=bool(warehouse.query("app/programmes_charges").iloc[0, 0]), level=level,
    )


def _rank_sentence(view: PeersView) -> str:
    return rank_sentence(view.nom, view.level, view.maturite_score, [p.maturite_score for p in view.peers])


def _period(debut, fin) -> str:
    return f"depuis le {date_fr(debut)}" if fin is None else f"du {date_fr(debut)} au {date_fr(fin)}"


def _what_works(view: PeersView) -> list:
    alliances = [
        [html.Strong(a.intitule), dcc.Link(a.commune_nom, href=f"/{view.level}/{a.commune}"),
         choice_label("alliances", "forme", a.forme),
         ", ".join(choice_label("alliances", "types_partenaires", p) for p in a.partenaires),
         ", ".join(f"ODD {int(o)}" for o in a.odd) or "—", _period(a.date_debut, a.date_fin),
         choice_label("alliances", "statut", a.statut)]
        for a in view.alliances
    ]
    catalysts = [
        [html.Strong(k.nom), choice_label("catalyseurs", "type_structure", k.type_structure),
         f"{k.commune_nom} ({k.commune})" if k.commune else "—", ", ".join(k.pairs_animes)]
        for k in view.catalysts
    ]
    these = f"ces {LEVELS[view.level].plural}"
    return [
        html.H3("Ce qui marche chez des communes comme la vôtre" if view.level == "commune" else
                "Ce qui marche chez des EPCI comme le vôtre", id="pairs-ce-qui-marche"),
        html.P(("Les alliances des pairs plus mûrs que " + ("la commune" if view.level == "commune" else "l'EPCI")
                if view.maturite_score is not None else
                "Les alliances des pairs qui ont un score de maturité")
               + " (les plus récentes de chacun, des pairs les plus mûrs aux moins mûrs)"
               + f", et les catalyseurs territoriaux qui animent {these}"
               + " : des partenaires et des formes d'alliance qui ont fait leurs preuves dans des territoires "
               "semblables.", className="aide"),
        table(["Alliance", "Chez", "Forme", "Partenaires", "ODD", "Dates", "Statut"], alliances,
              empty="Aucun pair plus mûr n'a d'alliance connue."),
        *([html.H4(f"Les catalyseurs qui animent {these}"),
           table(["Catalyseur", "Type", "Implanté à", "Anime"], catalysts)] if catalysts else []),
    ]


def peers_block(view: PeersView) -> html.Section:
    """The section « Territoires qui me ressemblent » of the commune or EPCI card (pure)."""
    profile = "population et densité, isolement, composantes de fragilité" + (
        ", programmes de l'ANCT" if view.programmes else "")
    level = LEVELS[view.level]
    rows = [
        [str(p.rang), dcc.Link(p.nom, href=f"/{view.level}/{p.code}"), entier(p.population),
         class_badge(p.maturite_classe), score(p.maturite_score)]
        for p in view.peers
    ]
    return section(
        "Territoires qui me ressemblent",
        html.P([f"Les {len(view.peers)} {level.noun(len(view.peers))} de France au profil le plus proche ({profile}), "
                + ("de la plus proche à la moins proche (" if level.feminine else "du plus proche au moins proche ("),
                dcc.Link("méthodologie", href="/methodologie"), ")."],
               className="aide"),
        html.P(_rank_sentence(view), id="pairs-rang"),
        table(["Rang", level.title, "Population", "Classe", "Maturité"], rows,
              empty=f"Aucun pair : aucune variable du profil {'de cette commune' if level.feminine else 'de cet EPCI'} "
                    "(population, densité, isolement, fragilité) n'est connue."),
        *_what_works(view),
        id="bloc-pairs",
    )
