"""Light and dark palettes, the stylesheet made from them, and the theme preference."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QTextTable
from PySide6.QtWidgets import QApplication, QTextBrowser
from pytestqt.qtbot import QtBot

import ui.main
from app.library import Library
from tests.ui.conftest import OFFSCREEN_SIZE_HINTS, WindowFactory, wait_for_listing
from ui import theme
from ui.dialogs import query_syntax_dialog
from ui.icon_files import icon_dir
from ui.icons import icon
from ui.palettes import DARK, LIGHT, PALETTES, Palette
from ui.preview import message_view, toolbar
from ui.settings import open_settings
from ui.stylesheet import PLACEHOLDER, application_stylesheet, fill
from ui.widgets.preferences import PreferencesDialog


@pytest.fixture(autouse=True)
def _default_theme(qapp: QApplication) -> Iterator[None]:
    """Each test starts from the default choice ("system": light here); the application's
    style, palette and stylesheet are put back afterwards, as other tests expect them."""
    style, palette, sheet = qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet()
    theme.apply_theme(qapp, theme.DEFAULT_CHOICE)
    yield
    theme.apply_theme(qapp, theme.DEFAULT_CHOICE)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    if style:
        qapp.setStyle(style)


def luminance(color: QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(c) for c in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: QColor, other: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def brightest(image: QImage) -> int:
    """The lightness of the brightest opaque pixel."""
    return max(
        image.pixelColor(x, y).lightness()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    )


def window_color() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Window)


@pytest.mark.parametrize("palette", PALETTES.values(), ids=PALETTES.keys())
def test_every_template_fills_completely(palette: Palette) -> None:
    sheets = [application_stylesheet(palette)]
    sheets += [fill(template, palette) for template in (toolbar.STYLE, message_view.STYLE)]
    for sheet in sheets:
        assert sheet
        assert not PLACEHOLDER.search(sheet)
        assert "@" not in sheet
    assert icon_dir(palette).as_posix() in sheets[0]
    assert ("QDialog QAbstractSpinBox" in sheets[0]) == palette.dark


def test_an_unknown_placeholder_is_an_error() -> None:
    with pytest.raises(KeyError, match="no colour 'accnet'"):
        fill("QLabel { color: @accnet@; }", LIGHT)


@pytest.mark.parametrize("palette", PALETTES.values(), ids=PALETTES.keys())
def test_every_palette_field_is_set(palette: Palette) -> None:
    for field in dataclasses.fields(palette):
        value = getattr(palette, field.name)
        assert value is not None, field.name
        if isinstance(value, QColor):
            assert value.isValid() and value.alpha() == 255, field.name
    names = {field.name for field in dataclasses.fields(palette)}
    assert set(palette.colors()) == names - {"name", "dark", "icon_colors"}
    for drawn, shown in palette.icon_colors:
        assert QColor(drawn).isValid() and QColor(shown).isValid()


def test_the_light_palette_keeps_the_original_colours() -> None:
    assert LIGHT.accent == QColor("#3b5bdb")
    assert LIGHT.text == QColor("#1f2430")
    assert LIGHT.row_selected == QColor("#e8edff")
    assert LIGHT.highlight == QColor("#ffe48a")
    assert LIGHT.status_color("reading") == QColor("#e8890c")
    assert not LIGHT.icon_colors


@pytest.mark.parametrize("background", ["window", "surface", "surface_alt", "row_selected"])
def test_dark_text_is_readable(background: str) -> None:
    ground = getattr(DARK, background)
    assert luminance(ground) < 0.05, "dark greys, but not black"
    assert ground != QColor("#000000")
    assert contrast(DARK.text, ground) >= 4.5
    assert contrast(DARK.text_soft, ground) >= 4.5
    assert contrast(DARK.text_muted, ground) >= 3
    assert contrast(DARK.text_faint, ground) >= 3


@pytest.mark.parametrize(
    ("text", "ground", "minimum"),
    [
        ("highlight_text", "highlight", 4.5),
        ("chip_text", "chip", 4.5),
        ("warning_text", "warning_chip", 4.5),
        ("warning_text", "notice", 4.5),
        ("on_accent", "accent", 4.5),
        ("accent", "accent_soft", 4.5),
        ("accent", "surface", 4.5),
        ("tooltip_text", "tooltip", 4.5),
        ("error_text", "window", 4.5),
        ("status_reading", "surface", 3),
        ("status_read", "surface", 3),
    ],
)
def test_dark_marks_and_chips_are_readable(text: str, ground: str, minimum: float) -> None:
    assert contrast(getattr(DARK, text), getattr(DARK, ground)) >= minimum


def test_dark_highlight_stands_out_from_the_row() -> None:
    assert contrast(DARK.highlight, DARK.surface) >= 3
    assert contrast(DARK.highlight, DARK.row_selected) >= 3


def test_system_choice_follows_the_colour_scheme(qapp: QApplication) -> None:
    assert theme.palette_for("system", Qt.ColorScheme.Dark) is DARK
    assert theme.palette_for("system", Qt.ColorScheme.Light) is LIGHT
    assert theme.palette_for("system", Qt.ColorScheme.Unknown) is LIGHT
    assert theme.palette_for("dark", Qt.ColorScheme.Light) is DARK
    assert theme.palette_for("light", Qt.ColorScheme.Dark) is LIGHT

    hints = qapp.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() is DARK
    assert window_color().lightness() < 60
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current() is LIGHT
    assert window_color() == LIGHT.window

    theme.apply_theme(qapp, "light")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() is LIGHT, "an explicit choice ignores the desktop"


def test_choosing_dark_in_preferences_switches_the_open_window(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot, settings_file: Path
) -> None:
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    assert window_color() == LIGHT.window
    light_rows = window.result_panel.view.viewport().grab().toImage()
    dialog = PreferencesDialog(stocked_library, window.settings.qsettings, window)
    qtbot.addWidget(dialog)
    assert dialog.theme_choice.currentData() == "system"
    dialog.theme_choice.setCurrentIndex(dialog.theme_choice.findData("dark"))
    dialog.accept()

    assert window_color() == DARK.window
    assert window_color().lightness() < 60
    assert QApplication.palette().color(QPalette.ColorRole.Text) == DARK.text
    assert theme.current() is DARK
    window.settings.sync()
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert stored.value(theme.THEME_KEY) == "dark"
    # Painted rows, widget stylesheets and icons follow without a restart.
    dark_rows = window.result_panel.view.viewport().grab().toImage()
    assert dark_rows != light_rows
    assert luminance(dark_rows.pixelColor(dark_rows.width() - 30, 2)) < 0.05
    preview_bar = window.preview.findChild(toolbar.PreviewToolbar)
    assert preview_bar is not None
    assert DARK.preview_bar.name() in preview_bar.styleSheet()
    assert DARK.text_faint.name() in window.result_panel.header.text()


@pytest.mark.qt_log_ignore(OFFSCREEN_SIZE_HINTS)
def test_a_new_window_starts_with_the_stored_theme(
    library: Library, qtbot: QtBot, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui.main, "settle_garbage_collector", lambda: None)
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    stored.setValue(theme.THEME_KEY, "dark")
    stored.sync()
    window = ui.main.open_window(library, open_settings(settings_file))
    qtbot.addWidget(window)
    assert theme.current() is DARK
    assert window_color() == DARK.window
    dialog = PreferencesDialog(library, window.settings.qsettings, window)
    assert dialog.theme_choice.currentData() == "dark"
    window.close()


def test_an_unknown_stored_theme_means_system(settings_file: Path) -> None:
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    stored.setValue(theme.THEME_KEY, "sepia")
    assert theme.stored_choice(stored) == "system"


def test_icons_are_redrawn_for_the_dark_palette(qapp: QApplication) -> None:
    folder = icon("view-all")
    light = folder.pixmap(QSize(24, 24)).toImage()
    theme.apply_theme(qapp, "dark")
    dark = folder.pixmap(QSize(24, 24)).toImage()
    assert light != dark
    assert brightest(dark) > brightest(light) + 40
    chevron = (icon_dir(DARK) / "chevron-down.svg").read_text(encoding="utf-8")
    assert "#6b7280" not in chevron
    assert icon_dir(LIGHT) != icon_dir(DARK)


def test_help_tables_are_ruled_in_the_theme_colour(qapp: QApplication, qtbot: QtBot) -> None:
    theme.apply_theme(qapp, "dark")
    dialog = query_syntax_dialog(None)
    qtbot.addWidget(dialog)
    document = dialog.findChild(QTextBrowser).document()
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert tables
    for table in tables:
        assert table.format().borderBrush().color() == DARK.border
