"""`python -m ui.main`: open the library (creating it on first start) and show the window."""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.errors import LibraryOpenError
from app.library import Library
from app.logs import setup_logging
from app.paths import ENV_LIBRARY, LibraryPaths, default_library_dir
from ui.crash import install_exception_hook
from ui.icons import app_icon
from ui.instance import FileOpenFilter, InstanceServer, bring_forward, hand_over
from ui.settings import open_settings
from ui.theme import apply_theme, stored_choice
from ui.widgets.preferences import NEXT_LIBRARY_KEY

if TYPE_CHECKING:
    from ui.window import MainWindow


def build_parser() -> argparse.ArgumentParser:
    """Command-line options of the GUI."""
    parser = argparse.ArgumentParser(prog="lectern-gui", description="Lectern's window.")
    parser.add_argument(
        "--library",
        metavar="DIR",
        type=Path,
        help="library folder (default: $LECTERN_LIBRARY or the user data folder)",
    )
    parser.add_argument(
        "--settings", metavar="FILE", type=Path, help="keep window settings in this INI file"
    )
    parser.add_argument("--version", action="version", version=f"lectern {__version__}")
    parser.add_argument(
        "--new-instance",
        action="store_true",
        help="open a window even when Lectern already runs on this library",
    )
    parser.add_argument(
        "--quit-after-start",
        action="store_true",
        help="close as soon as the window is shown (for smoke tests)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    parser.add_argument(
        "--no-crash-dialog",
        action="store_true",
        help="report unexpected errors in the log only (automation)",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PDF", help="files or folders to import on start"
    )
    return parser


GC_THRESHOLDS = (10_000, 20, 20)
# Library, index and search threads run Python beside the GUI thread; asked to, they hand
# over the interpreter lock after this long (Python's default is 5 ms, felt as jank).
GUI_SWITCH_INTERVAL = 0.001


def library_root(args: argparse.Namespace, settings: QSettings | None = None) -> Path:
    """The library folder: --library, else LECTERN_LIBRARY, else the one chosen in
    Preferences, else the user data folder."""
    if args.library:
        return Path(args.library).expanduser()
    chosen = settings.value(NEXT_LIBRARY_KEY) if settings is not None else None
    if chosen and not os.environ.get(ENV_LIBRARY):
        return Path(str(chosen)).expanduser()
    return default_library_dir()


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication with Lectern's names, icon and theme."""
    QCoreApplication.setOrganizationName("Lectern")
    QCoreApplication.setApplicationName("Lectern")
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    application = QApplication(list(argv))
    application.setWindowIcon(app_icon())
    # The Flatpak's app id must match its desktop file for Wayland to find the icon.
    application.setDesktopFileName(os.environ.get("FLATPAK_ID", "lectern"))
    apply_theme(application)
    return application


def open_window(library: Library, settings: QSettings) -> MainWindow:
    """Show the main window on `library` in the theme chosen in `settings`, then settle the
    garbage collector."""
    from ui.window import MainWindow

    application = QApplication.instance()
    if isinstance(application, QApplication):
        apply_theme(application, stored_choice(settings))
    window = MainWindow(library, settings)
    window.show()
    settle_garbage_collector()
    return window


def settle_garbage_collector() -> None:
    """Keep full garbage collections out of the window's way.

    A full collection walks every object the process holds, with the interpreter lock held,
    so the window freezes while it runs: with a 10k-paper library open that took 100–160 ms,
    several times during an import. Everything alive once the window is up (modules, widgets,
    SQLAlchemy's mappers) is moved out of the collector's reach, and young collections are
    made rarer (they are cheap, but each one counts towards the next full one).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the GUI; returns the exit code."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    application = create_application(sys.argv[:1])
    settings = open_settings(args.settings)
    root = library_root(args, settings)
    paths = [path.expanduser().absolute() for path in args.paths]
    if not args.new_instance and hand_over(root, paths):
        return 0  # the running window comes forward and imports the files
    try:
        library = Library.open(root)
    except LibraryOpenError as exc:
        QMessageBox.critical(None, "Lectern cannot open the library", str(exc))
        return 3
    log_file = setup_logging(LibraryPaths(library.paths.root).logs, verbose=args.verbose)
    if not args.no_crash_dialog:
        install_exception_hook(log_file)
    window = open_window(library, settings)
    instance = InstanceServer(root, window)
    instance.activated.connect(lambda files: bring_forward(window, files))
    opener = FileOpenFilter(application)
    opener.opened.connect(lambda files: bring_forward(window, files))
    # Ctrl+C in the terminal closes the window (Python sees signals only when it runs, so
    # a slow timer lets it run now and then while Qt waits for events).
    signal.signal(signal.SIGINT, lambda *_args: window.close())
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(250)
    if paths:
        window.import_paths(paths)
    if args.quit_after_start:
        QTimer.singleShot(500, window.close)
    try:
        return application.exec()
    finally:
        window.shutdown()
        library.close()


if __name__ == "__main__":
    sys.exit(main())
