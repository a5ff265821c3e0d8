"""The one exception hook: an unexpected error becomes a dialog with copyable details and the
log's path, instead of a silent crash."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import KnownError

log = logging.getLogger("lectern.ui.crash")


def install_exception_hook(log_file: Path | None) -> None:
    """Route uncaught exceptions (including those raised in Qt slots) to the crash dialog."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.error("unexpected error", exc_info=(kind, error, trace))
        show_crash_dialog(error, "".join(traceback.format_exception(kind, error, trace)), log_file)

    sys.excepthook = hook


def show_crash_dialog(error: BaseException, details: str, log_file: Path | None) -> None:
    """Tell the user what happened; the traceback is behind "Show Details…"."""
    if QApplication.instance() is None:
        return
    box = QMessageBox(
        QMessageBox.Icon.Warning if isinstance(error, KnownError) else QMessageBox.Icon.Critical,
        "Lectern",
        "",
    )
    if isinstance(error, KnownError):
        box.setText(str(error))
    else:
        where = f"\n\nThe details are also in {log_file}." if log_file else ""
        box.setText(
            "Something went wrong inside Lectern. Your library is safe; you can keep "
            f"working or restart the program.{where}"
        )
        box.setDetailedText(details)
    box.exec()
