"""ETL of the Atlas: sources -> validation -> DuckDB staging -> core -> marts -> atomic publication.

- :mod:`etl.settings`: where the warehouse and the cache live.
- :mod:`etl.warehouse`: DuckDB connections with the spatial extension loaded offline.
- :mod:`etl.publish`: atomic publication of a freshly built warehouse file.
- :mod:`etl.boundaries`: the boundaries steps (read, repair, dissolve, load).
- :mod:`etl.runner`: the job runner (steps, journal, summary).
- :mod:`etl.cli`: the ``territoires`` command line.
"""
