"""Desktop integration for the current user: an XDG desktop entry and the app's icons.

`install_desktop_entry` writes `applications/lectern.desktop` and the hicolor icons under
`$XDG_DATA_HOME` (default `~/.local/share`), then refreshes the desktop caches with
`update-desktop-database` and `gtk-update-icon-cache` where those tools exist.
`uninstall_desktop_entry` removes exactly those files (and folders they leave empty) and
refreshes the caches again. The caches themselves are shared with other applications and
are never deleted.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from app.errors import KnownError

APP_ID = "lectern"
ENTRY_TEMPLATE = "lectern.desktop.in"
# The application icon as shipped: resources/icons/lectern.svg and lectern-<pixels>.png.
_ICON_PNG = re.compile(rf"^{APP_ID}-(\d+)\.png$")
# Characters that force an Exec argument into double quotes (Desktop Entry spec, "The Exec key").
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_CACHE_TOOL_TIMEOUT = 60.0


class DesktopIntegrationError(KnownError):
    """The desktop entry or its icons cannot be written or removed."""


@dataclass(frozen=True, slots=True)
class CacheRefresh:
    """One desktop cache tool that ran, and how it went (a failure is reported, not raised)."""

    tool: str
    ok: bool
    detail: str = ""


@dataclass(slots=True)
class DesktopReport:
    """What an install or uninstall changed."""

    changed: list[Path] = field(default_factory=list)
    refreshed: list[CacheRefresh] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class IconFile:
    """An icon shipped in `resources/icons` and where it goes in the user's icon theme."""

    source: Traversable
    target: Path


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """`$XDG_DATA_HOME`, or `~/.local/share` when it is unset or not absolute (XDG spec)."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launch_command(environ: Mapping[str, str] = os.environ) -> list[str]:
    """The command that starts the GUI of this installation.

    A frozen bundle starts itself (an AppImage its image file, not the temporary mount it runs
    from); a Python installation runs `ui.main` with this interpreter. The interpreter path is
    kept as given, not resolved: a virtualenv's `bin/python` is a symlink out of the venv.
    """
    if getattr(sys, "frozen", False):
        return [environ.get("APPIMAGE") or os.path.abspath(sys.executable)]
    return [os.path.abspath(sys.executable), "-m", "ui.main"]


def _reject_control_characters(value: str) -> None:
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise DesktopIntegrationError(
            f"Cannot write a desktop entry for {value!r}: the path contains control characters."
        )


def string_value(value: str) -> str:
    """`value` escaped for a desktop entry string key (only the backslash needs it here)."""
    _reject_control_characters(value)
    return value.replace("\\", "\\\\")


def exec_argument(argument: str) -> str:
    """One Exec argument: quoted when needed, `%` doubled, then escaped as a string value.

    The spec applies the string escapes before unquoting when reading, so writing quotes first.
    """
    _reject_control_characters(argument)
    if argument and not _EXEC_RESERVED.intersection(argument):
        quoted = argument
    else:
        escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
        quoted = f'"{escaped}"'
    return string_value(quoted.replace("%", "%%"))


def render_entry(template: str, *, command: Sequence[str], icon: str, try_exec: str | None) -> str:
    """Fill `resources/lectern.desktop.in`: `@EXEC@`, `@ICON@`, and `@TRYEXEC@` (its line is
    dropped when `try_exec` is None)."""
    exec_line = " ".join(exec_argument(argument) for argument in command)
    lines = []
    for line in template.splitlines():
        if "@TRYEXEC@" in line and try_exec is None:
            continue
        line = line.replace("@EXEC@", exec_line).replace("@ICON@", string_value(icon))
        lines.append(line.replace("@TRYEXEC@", string_value(try_exec or "")))
    return "\n".join(lines) + "\n"


def entry_template() -> str:
    """The desktop entry template shipped in `resources/`."""
    return (files("resources") / ENTRY_TEMPLATE).read_text(encoding="utf-8")


def entry_path(home: Path) -> Path:
    """Where the user's desktop entry goes under the data folder `home`."""
    return home / "applications" / f"{APP_ID}.desktop"


def _shipped_icons() -> Traversable:
    return files("resources") / "icons"


def shipped_icon_sizes() -> list[int]:
    """The pixel sizes of the application icon's PNGs in `resources/icons/`."""
    shipped = _shipped_icons()
    if not shipped.is_dir():
        return []
    found = (_ICON_PNG.match(entry.name) for entry in shipped.iterdir())
    return sorted(int(match.group(1)) for match in found if match)


def icon_files(home: Path) -> list[IconFile]:
    """The icon's PNG sizes and its SVG, with their places in `home`'s hicolor theme."""
    shipped = _shipped_icons()
    theme = home / "icons" / "hicolor"
    icons = [
        IconFile(
            shipped / f"{APP_ID}-{size}.png",
            theme / f"{size}x{size}" / "apps" / f"{APP_ID}.png",
        )
        for size in shipped_icon_sizes()
    ]
    icons.append(IconFile(shipped / f"{APP_ID}.svg", theme / "scalable" / "apps" / f"{APP_ID}.svg"))
    return icons


def _write_atomically(target: Path, data: bytes) -> None:
    # Desktops watch these folders: a reader must never see half a file.
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def install_desktop_entry(
    home: Path | None = None, command: Sequence[str] | None = None
) -> DesktopReport:
    """Write the desktop entry and icons for the current user, then refresh the caches.

    `home` defaults to `data_home()`, `command` to `launch_command()`.
    """
    if os.environ.get("FLATPAK_ID"):
        raise DesktopIntegrationError(
            "This Lectern runs as a Flatpak, which installs its own menu entry and icons."
        )
    home = home or data_home()
    argv = list(command or launch_command())
    icons = icon_files(home)
    if not shipped_icon_sizes() or not all(icon.source.is_file() for icon in icons):
        raise DesktopIntegrationError(
            f"This Lectern installation lacks its icons in {_shipped_icons()}; reinstall it."
        )
    entry = render_entry(entry_template(), command=argv, icon=APP_ID, try_exec=argv[0])
    report = DesktopReport()
    try:
        for icon in icons:
            _write_atomically(icon.target, icon.source.read_bytes())
            report.changed.append(icon.target)
        # The entry goes last: a menu never shows Lectern with its icons still missing.
        _write_atomically(entry_path(home), entry.encode("utf-8"))
        report.changed.append(entry_path(home))
    except OSError as exc:
        raise DesktopIntegrationError(
            f"Could not write {exc.filename or home}: {exc.strerror or exc}"
        ) from exc
    report.refreshed = refresh_caches(home)
    return report


def _remove_empty_folders(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()
        except OSError:  # not empty (or not ours to remove): leave it and everything above
            return
        folder = folder.parent


def uninstall_desktop_entry(home: Path | None = None) -> DesktopReport:
    """Remove the desktop entry and icons `install_desktop_entry` wrote, then refresh the caches."""
    home = home or data_home()
    report = DesktopReport()
    for target in [entry_path(home), *(icon.target for icon in icon_files(home))]:
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopIntegrationError(f"Could not remove {target}: {exc.strerror}") from exc
        report.changed.append(target)
        _remove_empty_folders(target.parent, stop=home)
    if report.changed:
        report.refreshed = refresh_caches(home)
    return report


def refresh_caches(home: Path) -> list[CacheRefresh]:
    """Run `update-desktop-database` and `gtk-update-icon-cache` on `home` where they exist.

    Never raises: a missing tool is skipped, a failing one is reported.
    """
    applications, theme = home / "applications", home / "icons" / "hicolor"
    # -t: a user's hicolor folder has no index.theme of its own.
    tools = [
        ("update-desktop-database", applications, ["-q", str(applications)]),
        ("gtk-update-icon-cache", theme, ["-q", "-t", "-f", str(theme)]),
    ]
    results = []
    for tool, folder, arguments in tools:
        executable = shutil.which(tool)
        if executable is None or not folder.is_dir():
            continue
        try:
            done = subprocess.run(
                [executable, *arguments],
                capture_output=True,
                text=True,
                timeout=_CACHE_TOOL_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            results.append(CacheRefresh(tool, ok=False, detail=str(exc)))
            continue
        detail = (done.stderr.strip().splitlines() or [""])[0]
        results.append(CacheRefresh(tool, ok=done.returncode == 0, detail=detail))
    return results
