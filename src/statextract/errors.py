"""Errors a user sees: each reads `path[:line]: what is wrong`, with the fix when there is one."""

from __future__ import annotations


class StatextractError(Exception):
    """Base of every error statextract raises on purpose."""


class InputError(StatextractError):
    """A document that cannot be read: missing, undecodable, empty or malformed."""

    def __init__(self, source: str, problem: str, *, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.problem = problem
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class ModelError(StatextractError):
    """A bundled model or data file is missing or broken: a packaging bug, not a user's."""
