"""The two colour palettes: every colour the stylesheet and the painted widgets use, by name.

Field names are the placeholders of `resources/style.qss` (`@text_muted@` is `text_muted`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QColor


@dataclass(frozen=True)
class Palette:
    """One complete set of named colours."""

    name: str
    dark: bool

    # surfaces
    window: QColor  # window, dialogs, tab bar, status bar
    surface: QColor  # toolbar, menus, lists, panels, inputs
    surface_alt: QColor  # tag tree, search field, table headers
    alternate_row: QColor
    button: QColor
    tooltip: QColor
    tooltip_text: QColor

    # text
    text: QColor
    text_soft: QColor  # menus, tag tree, buttons, dock titles
    text_toolbar: QColor
    text_muted: QColor
    text_faint: QColor
    text_disabled: QColor
    error_text: QColor

    # lines
    border: QColor
    separator: QColor
    input_border: QColor
    input_border_hover: QColor
    search_border: QColor
    button_border: QColor
    focus_border: QColor

    # interaction
    accent: QColor
    accent_hover: QColor
    accent_soft: QColor
    on_accent: QColor  # text and marks drawn on an accent fill
    hover: QColor
    checked: QColor
    checked_border: QColor
    button_hover: QColor
    button_pressed: QColor
    row_hover: QColor
    row_selected: QColor
    text_selection: QColor
    scrollbar: QColor
    scrollbar_hover: QColor
    track: QColor

    # content
    highlight: QColor  # matched words in snippets
    highlight_text: QColor
    chip: QColor
    chip_text: QColor
    warning_chip: QColor
    warning_text: QColor
    notice: QColor
    skeleton: QColor
    status_reading: QColor
    status_read: QColor

    # empty library
    drop_border: QColor
    drop_fill: QColor
    drop_fill_active: QColor

    # PDF preview
    preview_bar: QColor
    preview_border: QColor
    preview_text: QColor
    preview_title: QColor
    preview_muted: QColor
    preview_hover: QColor
    preview_pressed: QColor
    preview_checked: QColor
    preview_checked_border: QColor
    preview_input_border: QColor
    preview_selection: QColor
    preview_focus: QColor
    preview_icon: QColor
    desk: QColor  # behind the pages
    message: QColor
    message_headline: QColor
    message_detail: QColor
    message_picture: QColor

    # How the SVG icons in resources/icons are recoloured for this palette: (drawn, shown).
    icon_colors: tuple[tuple[str, str], ...] = ()

    def status_color(self, status: str) -> QColor:
        """The colour of a reading-status mark."""
        if status in ("unread", "to_read"):
            return self.accent
        if status == "reading":
            return self.status_reading
        if status == "read":
            return self.status_read
        return self.text_faint

    def colors(self) -> dict[str, QColor]:
        """Every colour field by name."""
        return {
            f.name: value
            for f in fields(self)
            if isinstance(value := getattr(self, f.name), QColor)
        }


def _palette(
    name: str, dark: bool, icon_colors: tuple[tuple[str, str], ...] = (), **hexes: str
) -> Palette:
    return Palette(name, dark, icon_colors=icon_colors, **{k: QColor(v) for k, v in hexes.items()})


LIGHT = _palette(
    "light",
    dark=False,
    window="#f4f5f8",
    surface="#ffffff",
    surface_alt="#f7f8fb",
    alternate_row="#f8f9fb",
    button="#ffffff",
    tooltip="#2b2f38",
    tooltip_text="#ffffff",
    text="#1f2430",
    text_soft="#2b2f38",
    text_toolbar="#3a3f4b",
    text_muted="#5f6672",
    text_faint="#8a909c",
    text_disabled="#a9aeb8",
    error_text="#c92a2a",
    border="#e3e6ec",
    separator="#eceef2",
    input_border="#dfe3ea",
    input_border_hover="#c9cfdb",
    search_border="#d9dde6",
    button_border="#d5d9e2",
    focus_border="#5c7cfa",
    accent="#3b5bdb",
    accent_hover="#364fc7",
    accent_soft="#e8edff",
    on_accent="#ffffff",
    hover="#eef1f7",
    checked="#e3e9fb",
    checked_border="#d3dcf7",
    button_hover="#f3f5fa",
    button_pressed="#e8ecf5",
    row_hover="#f6f7fa",
    row_selected="#e8edff",
    text_selection="#c9d6ff",
    scrollbar="#cdd2dc",
    scrollbar_hover="#aeb5c2",
    track="#e9ecf2",
    highlight="#ffe48a",
    highlight_text="#3d2e00",
    chip="#eef1fb",
    chip_text="#3b4a8c",
    warning_chip="#fff1e0",
    warning_text="#a44a00",
    notice="#fff4e6",
    skeleton="#eef0f4",
    status_reading="#e8890c",
    status_read="#2f9e44",
    drop_border="#c3cbe6",
    drop_fill="#fbfcff",
    drop_fill_active="#f3f6ff",
    preview_bar="#f7f8fa",
    preview_border="#d3d6db",
    preview_text="#3c4043",
    preview_title="#202124",
    preview_muted="#5f6368",
    preview_hover="#e8eaed",
    preview_pressed="#dadce0",
    preview_checked="#e1e7f0",
    preview_checked_border="#c3cddb",
    preview_input_border="#c9cdd2",
    preview_selection="#c2dbff",
    preview_focus="#4d90fe",
    preview_icon="#3c4043",
    desk="#7b8087",
    message="#eceef1",
    message_headline="#3c4043",
    message_detail="#6b7075",
    message_picture="#a3a8ae",
)

DARK = _palette(
    "dark",
    dark=True,
    window="#1b1d22",
    surface="#23262d",
    surface_alt="#1f2228",
    alternate_row="#272a31",
    button="#2a2d35",
    tooltip="#4a4f5b",
    tooltip_text="#f3f4f7",
    text="#e4e7ed",
    text_soft="#d3d7df",
    text_toolbar="#c8ccd5",
    text_muted="#a3a9b5",
    text_faint="#8a909c",
    text_disabled="#5c626e",
    error_text="#ff8787",
    border="#33363e",
    separator="#2d3038",
    input_border="#3a3e47",
    input_border_hover="#4d525e",
    search_border="#3a3e47",
    button_border="#41454f",
    focus_border="#748ffc",
    accent="#7d95ff",
    accent_hover="#93a7ff",
    accent_soft="#28304d",
    on_accent="#10142a",
    hover="#2e3139",
    checked="#2d3857",
    checked_border="#3c4a75",
    button_hover="#30333c",
    button_pressed="#373a44",
    row_hover="#282b33",
    row_selected="#283352",
    text_selection="#3a4d8c",
    scrollbar="#474c57",
    scrollbar_hover="#5f6571",
    track="#30333b",
    highlight="#e5c04e",
    highlight_text="#1d1600",
    chip="#2b3250",
    chip_text="#b3c0ff",
    warning_chip="#3e2c17",
    warning_text="#ffad66",
    notice="#3a2a16",
    skeleton="#2d3038",
    status_reading="#ffa94d",
    status_read="#5fd37a",
    drop_border="#3d4563",
    drop_fill="#1f2229",
    drop_fill_active="#232a40",
    preview_bar="#1f2228",
    preview_border="#33363e",
    preview_text="#c8ccd5",
    preview_title="#e4e7ed",
    preview_muted="#a3a9b5",
    preview_hover="#2e3139",
    preview_pressed="#373a43",
    preview_checked="#2d3857",
    preview_checked_border="#3c4a75",
    preview_input_border="#41454f",
    preview_selection="#3a4d8c",
    preview_focus="#748ffc",
    preview_icon="#c8ccd5",
    desk="#2b2e35",
    message="#1f2228",
    message_headline="#c8ccd5",
    message_detail="#9aa0ab",
    message_picture="#5d636e",
    icon_colors=(
        ("#5b6270", "#aeb4c0"),
        ("#6b7280", "#959cab"),
        ("#7a8190", "#8f96a4"),
        ("#3b5bdb", "#7d95ff"),
        ("#2f9e44", "#5fd37a"),
        ("#ebfbee", "#1f3326"),
        ("#d9480f", "#ff9a5c"),
        ("#fff4e6", "#3a2a16"),
        ("#e03131", "#ff8787"),
        ("#fff5f5", "#3b2125"),
        ("#c2410c", "#ff9a5c"),
        ("#ffffff", "#2a2e38"),
        ("#c5cde8", "#4a5373"),
        ("#9fb0f0", "#7083c9"),
        ("#c9d2f2", "#4d5880"),
        ("#4c6ef5", "#7d95ff"),
    ),
)

PALETTES = {palette.name: palette for palette in (LIGHT, DARK)}
