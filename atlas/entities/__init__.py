"""The input files' specification (moved to :mod:`atlas.entities.spec`, split next)."""

from .spec import *  # noqa: F401,F403
from .spec import __all__  # noqa: F401
