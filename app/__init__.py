"""Lectern's core: the library, the import pipeline and the CLI. Never imports Qt."""

__version__ = "0.1.0"
