"""The error raised when a domain input file cannot be used at all."""

from __future__ import annotations

__all__ = ["DomainFileError"]


class DomainFileError(Exception):
    """One or more input files that cannot be used at all.

    The message is in French and names each file and what was expected. ``problems``
    holds one message per unusable file (the message joins them when there are
    several); ``files`` the names of those files.
    """

    def __init__(
        self, message: str, *, files: tuple[str, ...] = (), problems: tuple[str, ...] = ()
    ):
        super().__init__(message)
        self.files = tuple(files)
        self.problems = tuple(problems) or (message,)

    @classmethod
    def combine(cls, errors: list[DomainFileError]) -> DomainFileError:
        """One error reporting every problem of ``errors`` (the error itself when alone)."""
        if len(errors) == 1:
            return errors[0]
        problems = tuple(p for e in errors for p in e.problems)
        files = tuple(dict.fromkeys(f for e in errors for f in e.files))
        message = (
            f"{len(problems)} problèmes rendent des fichiers de données inutilisables :\n"
            + "\n".join(f"- {p}" for p in problems)
        )
        return cls(message, files=files, problems=problems)
