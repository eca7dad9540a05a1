"""The ``territoires`` command run in the test process (no interpreter start-up per call)."""

from __future__ import annotations

from click.testing import Result
from typer.testing import CliRunner

from territoires.cli import app


def run_cli(*args: str) -> Result:
    """Run ``territoires ARGS`` in-process; stdout and stderr are captured apart.

    An exception the command does not handle itself is left in ``result.exception``
    (a handled error is a ``SystemExit`` with a non-zero code).
    """
    return CliRunner().invoke(app, list(args), catch_exceptions=True)


def handled(result: Result) -> bool:
    """True when the command ended by itself (exit code set), not by an uncaught exception."""
    return result.exception is None or isinstance(result.exception, SystemExit)
