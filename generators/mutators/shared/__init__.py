"""Helpers shared across languages by the task mutation operators.

* :mod:`.text` — snippet dedenting, fresh file names and identifiers.
* :mod:`.brace` — extending a task in a brace language (JavaScript, C++, Java):
  where the new function goes, where its tests go, the child's mutants.
"""
