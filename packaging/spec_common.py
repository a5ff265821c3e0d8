"""What every Lectern PyInstaller spec shares: the analysis of `packaging/entry.py`.

Imported by `lectern.spec`, `windows/lectern-windows.spec` and `macos/lectern-macos.spec`,
which add only their platform's executable and packaging around `lectern_analysis()`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PyInstaller.building.build_main import Analysis
from PyInstaller.compat import is_linux
from PyInstaller.utils.hooks import collect_submodules

REPO = Path(__file__).resolve().parents[1]
ENTRY = REPO / "packaging" / "entry.py"
VERSION_FILE = REPO / "app" / "__init__.py"

# Modules nothing in Lectern uses; some get pulled in by optional imports of dependencies.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "numpy",
    "onnxruntime",
    "PIL",
    "matplotlib",
    "IPython",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "importlinter",
    "pymupdf4llm",
    "pymupdf_fonts",
    "tabulate",
    *(
        f"PySide6.{name}"
        for name in (
            "QtQml",
            "QtQmlFeatures",
            "QtQuick",
            "QtQuickControls2",
            "QtQuickTest",
            "QtQuickWidgets",
            "QtDesigner",
            "QtHelp",
            "QtUiTools",
            "QtTest",
            "QtSql",
            "QtLabsStyleKit",
            "QtWebEngineCore",
            "QtWebEngineWidgets",
            "QtWebEngineQuick",
            "QtWebChannel",
            "QtWebSockets",
            "Qt3DCore",
            "Qt3DRender",
            "Qt3DInput",
            "Qt3DLogic",
            "Qt3DAnimation",
            "Qt3DExtras",
            "QtMultimedia",
            "QtMultimediaWidgets",
            "QtCharts",
            "QtDataVisualization",
            "QtGraphs",
            "QtBluetooth",
            "QtNfc",
            "QtPositioning",
            "QtLocation",
            "QtSensors",
            "QtSerialPort",
            "QtRemoteObjects",
            "QtScxml",
            "QtStateMachine",
            "QtTextToSpeech",
            "QtSpatialAudio",
        )
    ),
]

# Data that dependencies' hooks may collect but Lectern never reads: PyMuPDF's C headers and
# the layout-analysis models, which need onnxruntime (not installed).
PRUNED_DATA_PREFIXES = ("pymupdf/mupdf-devel", "pymupdf/layout/resources/onnx")

# Qt plugins a desktop window never loads: embedded displays and input, network status and TLS
# (Lectern makes no connections), and the GTK theme, which would drag in the build machine's
# whole GTK stack.
PRUNED_QT_PLUGINS = (
    "egldeviceintegrations/",
    "generic/",
    "networkinformation/",
    "tls/",
    "platforms/libqeglfs.",
    "platforms/libqlinuxfb.",
    "platforms/libqminimal.",
    "platforms/libqminimalegl.",
    "platforms/libqvkkhrdisplay.",
    "platforms/libqvnc.",
    "platformthemes/libqgtk3.",
)
QT_PLUGINS_FOLDER = "PySide6/Qt/plugins/"

# Linux libraries taken from the desktop the bundle runs on, as the PySide6 wheels do:
# GLib loads the host's GIO modules, fontconfig reads the host's configuration, the host's GPU
# drivers need its own C++ runtime, and the rest talk to its display server and session bus.
# (PyInstaller's own rules already leave out libc and libGL.)
HOST_LIBRARIES = (
    "libglib-2.0.",
    "libgobject-2.0.",
    "libgio-2.0.",
    "libgmodule-2.0.",
    "libgthread-2.0.",
    "libfontconfig.",
    "libfreetype.",
    "libstdc++.",
    "libgcc_s.",
    "libX",
    "libxcb.so",
    "libxkbcommon.",
    "libxkbcommon-x11.",
    "libwayland-",
    "libdbus-1.",
    "libsystemd.",
)

HIDDEN_IMPORTS = [
    # SQLAlchemy and Alembic pick the dialect from the URL at run time.
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "alembic.ddl.sqlite",
]


def app_version() -> str:
    """`app.__version__`, read without importing the app."""
    for line in VERSION_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit(f"no __version__ in {VERSION_FILE}")


def data_files() -> list[tuple[str, str]]:
    """Non-Python files the app reads at run time, as (source, folder in the bundle)."""
    pairs = [(str(REPO / "app" / "db" / "migrations" / "script.py.mako"), "app/db/migrations")]
    pairs += [(str(path), "search") for path in sorted((REPO / "search").glob("*.md"))]
    resources = REPO / "resources"
    for path in sorted(resources.rglob("*")):
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts:
            pairs.append((str(path), str(path.parent.relative_to(REPO))))
    return pairs


def _first_party_modules() -> list[str]:
    # Lazy and worker-side imports are easy to miss; take every module of the three packages.
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    modules: list[str] = []
    for package in ("app", "search", "ui"):
        modules += collect_submodules(package)
    return modules


def _pruned(destination: str) -> bool:
    if destination.startswith(QT_PLUGINS_FOLDER):
        return destination[len(QT_PLUGINS_FOLDER) :].startswith(PRUNED_QT_PLUGINS)
    return "/" not in destination and destination.startswith(HOST_LIBRARIES)


def _direct_dependencies(library: str) -> set[str]:
    # PyInstaller's own helper runs ldd, which lists indirect dependencies too.
    dump = subprocess.run(
        ["objdump", "-p", library], capture_output=True, text=True, check=True
    ).stdout
    return {line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")}


def prune_binaries(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """On Linux, drop pruned Qt plugins and host libraries, then libraries only they needed.

    A library that nothing links to (loaded with dlopen or ctypes) is always kept.
    """
    if not is_linux:
        return binaries
    names = {Path(destination).name: destination for destination, _, _ in binaries}
    needed_by: dict[str, set[str]] = {destination: set() for destination, _, _ in binaries}
    for destination, source, _ in binaries:
        for name in _direct_dependencies(source):
            dependency = names.get(name)
            if dependency is not None and dependency != destination:
                needed_by[dependency].add(destination)
    dropped = {destination for destination in needed_by if _pruned(destination)}
    while True:
        orphans = {
            library
            for library, users in needed_by.items()
            if library not in dropped and users and users <= dropped
        }
        if not orphans:
            return [entry for entry in binaries if entry[0] not in dropped]
        dropped |= orphans


def _link_target(entry: tuple[str, str, str]) -> str:
    destination, target, _ = entry
    return os.path.normpath(os.path.join(os.path.dirname(destination), target))


def lectern_analysis() -> Analysis:
    """Analyse the entry point with Lectern's data files, hidden imports and exclusions."""
    analysis = Analysis(
        [str(ENTRY)],
        pathex=[str(REPO)],
        datas=data_files(),
        hiddenimports=HIDDEN_IMPORTS + _first_party_modules(),
        excludes=EXCLUDED_MODULES,
        # Alembic loads env.py and the revision scripts from files next to
        # app.db.engine.MIGRATIONS, so they ship as .py files as well as in the archive.
        module_collection_mode={"app.db.migrations": "pyz+py"},
    )
    collected = {destination for destination, _, _ in analysis.binaries}
    analysis.binaries = prune_binaries(analysis.binaries)
    dropped = collected - {destination for destination, _, _ in analysis.binaries}
    analysis.datas = [
        entry
        for entry in analysis.datas
        if not entry[0].replace("\\", "/").startswith(PRUNED_DATA_PREFIXES)
        and not (entry[2] == "SYMLINK" and _link_target(entry) in dropped)
    ]
    return analysis
