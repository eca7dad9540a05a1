"""ETL of the Atlas: sources -> validation -> DuckDB staging -> core -> marts -> atomic publication.

- :mod:`etl.publish`: atomic publication of a freshly built warehouse file; :mod:`etl.guard`:
  the publication guard (files without any loaded row, entities losing too many rows).
- :mod:`etl.boundaries`: the boundaries steps (read, repair, dissolve, load).
- :mod:`etl.runner`: the job runner (steps, journal, summary).
- :mod:`etl.domain`, :mod:`etl.demo`, :mod:`etl.scores`: input files, demo generator, indices.

It builds on :mod:`atlas` (warehouse, vocabulary) and :mod:`geodata`; the command line is
:mod:`territoires.cli`.
"""
