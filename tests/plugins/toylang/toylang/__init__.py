"""A toy language plug-in: candidates are POSIX sh scripts, tests are sh scripts.

It exists to prove that a new language is one runner module and one fault module
in a package of its own, found through the ``codecanary.plugins`` entry points,
with no edit to codecanary.
"""
