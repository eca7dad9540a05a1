"""Maturity and fragility indices: their parameters (a TOML file) and the SQL marts that compute them.

- :mod:`etl.scores.config`: reading and checking the parameters file.
- :mod:`etl.scores.marts`: running the ``queries/marts`` models with those parameters.
"""
