"""Logging: a rotating file in the library's `logs/`, per-area loggers (`lectern.*`)."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

LOG_NAME = "lectern.log"
_ESCAPES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class _SafeFormatter(logging.Formatter):
    """Never writes control characters (ESC from a hostile PDF's text) into the log."""

    def format(self, record: logging.LogRecord) -> str:
        return _ESCAPES.sub("?", super().format(record))


def setup_logging(logs_dir: Path | None, *, verbose: bool = False) -> Path | None:
    """Log to `logs_dir/lectern.log` (rotating) and, when verbose, to stderr."""
    root = logging.getLogger("lectern")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    formatter = _SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    log_file = None
    if logs_dir is not None:
        try:
            logs_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            log_file = logs_dir / LOG_NAME
            handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
            handler.setFormatter(formatter)
            root.addHandler(handler)
        except OSError:
            log_file = None
    if verbose:
        stream = logging.StreamHandler()
        stream.setFormatter(formatter)
        root.addHandler(stream)
    root.propagate = False
    return log_file
