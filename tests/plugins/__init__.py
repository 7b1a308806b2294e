"""Plug-in packages installed by the tests, as a third party's would be."""
