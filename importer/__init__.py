"""The web import: files dropped by the data's owners, validated by the ETL's loader,
published by the ETL in the background.

- :mod:`importer.uploads`: type checked by content, server-chosen names;
- :mod:`importer.report`: the validation report (rows, rejects, warnings, changes);
- :mod:`importer.jobs`: one publication at a time, in the background;
- :mod:`importer.web`: the Flask routes of the « Importer » pages, added to the dashboard's
  server by ``territoires serve`` (the dashboard itself never imports the ETL).

This package sits beside ``dashboard/``: it may import ``etl``.
"""
