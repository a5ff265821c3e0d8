"""The SVG files of `resources/icons/` as drawn for a palette.

The files are drawn for the light palette. A palette with `icon_colors` gets recoloured copies,
written once per process to a private temporary folder (removed at exit), so that both QIcon
and the stylesheet's `url(...)` can load them like the originals.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import resources
from ui.palettes import Palette

ICON_DIR = Path(resources.__file__).resolve().parent / "icons"
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def icon_dir(palette: Palette) -> Path:
    """The folder holding every `<name>.svg` of resources/icons drawn for `palette`."""
    if not palette.icon_colors:
        return ICON_DIR
    return _recoloured(palette.name, palette.icon_colors)


def recolor(svg: str, colors: tuple[tuple[str, str], ...]) -> str:
    """`svg` with every colour listed in `colors` (drawn, shown) replaced."""
    mapping = {drawn.lower(): shown for drawn, shown in colors}
    return _HEX.sub(lambda match: mapping.get(match.group(0).lower(), match.group(0)), svg)


@cache
def _recoloured(name: str, colors: tuple[tuple[str, str], ...]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f"lectern-icons-{name}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for source in ICON_DIR.glob("*.svg"):
        text = recolor(source.read_text(encoding="utf-8"), colors)
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder
