"""The national programmes of the State the ANCT publishes, defined once.

The ANCT publishes each programme on data.gouv.fr as a family of files named after its
short code (``liste-pvd-…``, ``liste-crte-grpt2025-…``). :data:`PROGRAMMES` gives, for
each code the Atlas knows, its French label, a short French description and the official
page to cite. A file of a code not listed here is still loaded: :func:`programme` then
returns an entry whose label is the code itself (the ETL warns about it).

>>> programme("pvd").libelle
'Petites villes de demain'
>>> programme("xyz").libelle, programme("xyz").connu
('xyz', False)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Programme", "PROGRAMMES", "programme", "CRTE", "CRTE_STATUT_SIGNE", "CRTE_STATUT_NON_RENSEIGNE"]

#: The code of the CRTE among the programmes (its files feed the ``crte`` tables too).
CRTE = "crte"
#: Status of a CRTE read from the ANCT files: « signé » when a signature date is given …
CRTE_STATUT_SIGNE = "signe"
#: … and « non renseigné » otherwise (the ANCT files have no status column).
CRTE_STATUT_NON_RENSEIGNE = "non_renseigne"

_ANCT = "https://agence-cohesion-territoires.gouv.fr"


@dataclass(frozen=True)
class Programme:
    """One national programme: its ANCT code, French label, description and page."""

    code: str
    libelle: str
    description: str
    #: The official page to cite (ANCT programme page or the data.gouv.fr dataset).
    url: str | None
    #: False for a code found in a file but absent from :data:`PROGRAMMES`.
    connu: bool = True


def _catalogue(*entries: tuple[str, str, str, str]) -> dict[str, Programme]:
    return {code: Programme(code, libelle, description, url) for code, libelle, description, url in entries}


#: Every programme the Atlas knows by name, by ANCT code.
PROGRAMMES: dict[str, Programme] = _catalogue(
    ("crte", "Contrats de relance et de transition écologique (CRTE)",
     "Contrat entre l'État et un territoire (une ou plusieurs intercommunalités, parfois une "
     "commune seule) qui rassemble ses projets de relance et de transition écologique ; "
     "signés à partir de 2021, devenus contrats pour la réussite de la transition écologique.",
     f"{_ANCT}/crte"),
    ("pvd", "Petites villes de demain",
     "Appui aux communes de moins de 20 000 habitants qui exercent une fonction de centralité, "
     "et à leur intercommunalité, pour mener leur projet de revitalisation (2020-2026).",
     f"{_ANCT}/petites-villes-de-demain-45"),
    ("acv", "Action cœur de ville",
     "Programme de revitalisation des centres des villes moyennes lancé en 2018 : convention "
     "entre la ville, son intercommunalité, l'État et les partenaires financeurs.",
     f"{_ANCT}/action-coeur-de-ville-42"),
    ("acv2", "Action cœur de ville 2",
     "Seconde phase d'Action cœur de ville (2023-2026), étendue aux entrées de ville et aux "
     "quartiers de gare des villes moyennes.",
     f"{_ANCT}/action-coeur-de-ville-42"),
    ("ti", "Territoires d'industrie",
     "Intercommunalités à forte dimension industrielle accompagnées pour développer "
     "l'industrie, ses compétences et son foncier, avec la région et les industriels.",
     f"{_ANCT}/territoires-dindustrie-44"),
    ("fs", "France services",
     "Guichets de proximité labellisés qui accompagnent les habitants dans leurs démarches "
     "administratives ; une ligne par site, une commune peut en accueillir plusieurs.",
     f"{_ANCT}/france-services-36"),
    ("va", "Villages d'avenir",
     "Accompagnement en ingénierie des projets des communes rurales, lancé en 2023.",
     "https://www.data.gouv.fr/datasets/dispositif-villages-davenir"),
    ("cite", "Cités éducatives",
     "Alliance des acteurs éducatifs (État, collectivités, associations, parents) autour des "
     "enfants et des jeunes d'un quartier prioritaire de la politique de la ville.",
     _ANCT),
    ("cde", "Cités de l'emploi",
     "Coordination des acteurs de l'emploi et de l'insertion au bénéfice des habitants d'un "
     "quartier prioritaire de la politique de la ville.",
     _ANCT),
    ("amm", "Avenir montagnes mobilités",
     "Appel à projets du plan Avenir montagnes pour des mobilités durables vers et dans les "
     "territoires de montagne.",
     _ANCT),
    ("ami", "Avenir montagnes ingénierie",
     "Soutien en ingénierie du plan Avenir montagnes aux territoires de montagne qui "
     "diversifient leur offre touristique.",
     _ANCT),
    ("fabp", "Fabriques prospectives",
     "Accompagnement de territoires qui construisent, avec leurs acteurs, une réponse à un "
     "défi de long terme par une démarche de prospective.",
     _ANCT),
)


def programme(code: str) -> Programme:
    """The programme of ``code``; for a code the catalogue does not know, its code as label."""
    return PROGRAMMES.get(code) or Programme(code, code, "", None, connu=False)
