"""The contract every part of the Atlas shares: warehouse, settings, vocabulary.

- :mod:`atlas.settings`: where the warehouse and the cache live (overridable from the environment).
- :mod:`atlas.warehouse`: DuckDB connections with the spatial extension loaded offline, the
  warehouse format version, and running the named SQL models of :mod:`queries`.
- :mod:`atlas.vocabulary`: levels, maturity classes, score components and indicators, with their
  French labels, defined once.
- :mod:`atlas.entities`: the input files' specification (columns, closed lists and their labels).
- :mod:`atlas.format`: French formatting of numbers and dates for pages and exports.

Dependency rule (checked by ``tests/test_architecture.py``)::

    geodata   queries
        \\      /   \\
         atlas      \\
        /  |   \\     \\
     etl exports dashboard
        \\   |   /
       territoires (the command line)

``dashboard`` and ``exports`` never import ``etl``; ``atlas`` imports none of the others but
``queries``; ``exports`` never imports ``dashboard``.
"""
