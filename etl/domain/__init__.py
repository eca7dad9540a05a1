"""Domain data of the atlas: alliances, CRTE, expérimentations, catalyseurs, mesures, indicateurs.

:mod:`atlas.entities` declares every input file (columns, types, closed lists,
ranges, rules spanning columns). The loader, the validation, the documentation
(``docs/schemas-donnees.md``) and the demo generator (:mod:`etl.demo`) all follow it.
"""
