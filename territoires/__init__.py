"""The ``territoires`` command: the top of the package graph, importing ETL, dashboard and exports."""
