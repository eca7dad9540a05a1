"""The Dash application: pages (one module per URL), a data-access layer of named SQL
queries over the read-only warehouse, and the WSGI server."""
