"""Every assistant family of this package, registered by importing each module here.

The one entry point of ``assistants`` (group ``codecanary.plugins``): a new
assistant is one new module in this package, with no list to edit; a third
party's module is announced as its own entry point.
"""

from codecanary.registry import import_submodules

import_submodules("assistants")
