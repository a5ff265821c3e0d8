"""Stylesheet templates: `@name@` stands for the palette's colour `name`, `@ICONS@` for the
folder of the icons drawn for that palette."""

from __future__ import annotations

import re
from pathlib import Path

import resources
from ui.icon_files import icon_dir
from ui.palettes import Palette

STYLE_PATH = Path(resources.__file__).resolve().parent / "style.qss"
DARK_STYLE_PATH = STYLE_PATH.with_name("style-dark.qss")
PLACEHOLDER = re.compile(r"@([A-Za-z_]+)@")


def fill(template: str, palette: Palette) -> str:
    """`template` with its placeholders replaced; an unknown name raises KeyError."""
    colors = palette.colors()

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "ICONS":
            # Icon URLs in a stylesheet resolve against the working directory: absolute.
            return icon_dir(palette).as_posix()
        if name not in colors:
            raise KeyError(f"the {palette.name} palette has no colour {name!r}")
        return colors[name].name()

    return PLACEHOLDER.sub(value, template)


def application_stylesheet(palette: Palette) -> str:
    """`resources/style.qss` for `palette`, followed by `style-dark.qss` if the palette is dark
    (missing files count as empty)."""
    paths = [STYLE_PATH, DARK_STYLE_PATH] if palette.dark else [STYLE_PATH]
    templates = [path.read_text(encoding="utf-8") for path in paths if path.is_file()]
    return "\n".join(fill(template, palette) for template in templates)
