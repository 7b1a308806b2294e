"""A ``click.Choice`` of the registered languages, read from the registry when asked.

The set of languages is whatever runners are installed (:func:`codecanary.languages.languages`),
third parties' included, so it cannot be a constant of the CLI. The registry is read
when click first needs the choices (parsing or ``--help``), not when the command
module is imported.
"""

from __future__ import annotations

import click

from codecanary.languages import languages, spec


class LanguageChoice(click.Choice[str]):
    """The registered languages; ``runnable=True`` keeps those ``sandbox exec`` can run."""

    def __init__(self, runnable: bool = False) -> None:
        self._runnable = runnable
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        """The language names, sorted."""
        return tuple(n for n in languages()
                     if not self._runnable or spec(n).exec_command is not None)

    @choices.setter
    def choices(self, _value: tuple[str, ...]) -> None:
        raise AttributeError("the language choices come from the registry")
