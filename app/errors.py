"""Known errors: problems a person can act on, each with a message that says what to do.

Anything else is a bug and goes to the one crash handler (CLI: traceback in the log, one line
on stderr; GUI: the crash dialog).
"""

from __future__ import annotations


class KnownError(Exception):
    """A problem with a clear cause and a message written for the user."""


class LibraryOpenError(KnownError):
    """The library folder or its database cannot be opened."""


class DatabaseTooNewError(LibraryOpenError):
    """The database was written by a newer Lectern."""


class LibraryBusyError(KnownError):
    """Another process holds the library for longer than we are willing to wait."""


class NotFoundError(KnownError):
    """A paper, tag or file that the user named does not exist."""


class InvalidInputError(KnownError):
    """A value the user gave cannot be used (a bad tag name, status, …)."""


class DiskFullError(KnownError):
    """The disk holding the library is full."""
