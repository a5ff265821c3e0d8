"""The active palette, the user's theme choice, and applying both to the application.

Painted code reads `current()` when it paints, so switching palettes needs only a repaint.
Widgets that keep something drawn in the old colours (pixmaps, rich text, widget stylesheets)
refresh it on `notifier().paletteChanged`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QStyleHints
from PySide6.QtWidgets import QApplication

from ui.palettes import DARK, LIGHT, PALETTES, Palette
from ui.stylesheet import application_stylesheet

MIN_POINT_SIZE = 9.0
THEME_KEY = "appearance/theme"
THEME_CHOICES = {"system": "Follow system", "light": "Light", "dark": "Dark"}
DEFAULT_CHOICE = "system"
STATUS_LABELS = {"unread": "Unread", "to_read": "To read", "reading": "Reading", "read": "Read"}

Role = QPalette.ColorRole


class ThemeNotifier(QObject):
    """Announces that another palette has been applied."""

    paletteChanged = Signal()


_active: Palette = LIGHT
_choice: str = DEFAULT_CHOICE
_following_system = False
_notifier: ThemeNotifier | None = None


def current() -> Palette:
    """The palette in use."""
    return _active


def current_choice() -> str:
    """The theme choice last applied: "system", "light" or "dark"."""
    return _choice


def notifier() -> ThemeNotifier:
    """The object whose `paletteChanged` follows every switch of palette."""
    global _notifier
    if _notifier is None:
        _notifier = ThemeNotifier()
    return _notifier


def stored_choice(settings: QSettings) -> str:
    """The theme chosen in Preferences ("system" unless set to something known)."""
    value = str(settings.value(THEME_KEY, DEFAULT_CHOICE) or DEFAULT_CHOICE)
    return value if value in THEME_CHOICES else DEFAULT_CHOICE


def store_choice(settings: QSettings, choice: str) -> None:
    """Remember `choice` for the next start."""
    settings.setValue(THEME_KEY, choice if choice in THEME_CHOICES else DEFAULT_CHOICE)


def palette_for(choice: str, scheme: Qt.ColorScheme) -> Palette:
    """The palette `choice` asks for; "system" is dark only when `scheme` is dark."""
    if choice == "system":
        return DARK if scheme == Qt.ColorScheme.Dark else LIGHT
    return PALETTES.get(choice, LIGHT)


def apply_theme(app: QApplication, choice: str = DEFAULT_CHOICE) -> Palette:
    """Apply the palette `choice` asks for. While the choice is "system", the application
    follows the desktop's colour scheme as it changes."""
    global _choice
    _choice = choice if choice in THEME_CHOICES else DEFAULT_CHOICE
    hints = app.styleHints()
    _connect_system_scheme(hints)
    _request_scheme(hints, _choice)
    return apply_palette(app, palette_for(_choice, hints.colorScheme()))


def follow_system_scheme(scheme: Qt.ColorScheme) -> None:
    """The desktop's colour scheme is now `scheme`: switch palettes if the choice is "system"."""
    app = QApplication.instance()
    if _choice == "system" and isinstance(app, QApplication):
        apply_palette(app, palette_for("system", scheme))


def apply_palette(app: QApplication, palette: Palette) -> Palette:
    """Fusion style, `palette` as Qt palette and stylesheet, and a readable font size (the
    user's, if larger). Open widgets repaint; a new palette is announced by `notifier()`."""
    global _active
    switched = palette is not _active
    _active = palette
    # Under a stylesheet, style() is the stylesheet's own proxy (it has no name), set up on
    # top of Fusion by an earlier call; setting Fusion again would re-polish every widget.
    if not app.styleSheet() and app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    qt_palette = qt_palette_for(palette, app.style().standardPalette())
    if app.palette() != qt_palette:
        app.setPalette(qt_palette)
    font = QFont(app.font())
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    sheet = application_stylesheet(palette)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    if switched:
        notifier().paletteChanged.emit()
        for widget in app.topLevelWidgets():
            widget.update()
    return palette


def qt_palette_for(palette: Palette, standard: QPalette) -> QPalette:
    """The QPalette of `palette`. The light one amends the style's `standard` palette; the dark
    one sets every role, so nothing light is left for the style to draw with."""
    result = QPalette(standard) if not palette.dark else QPalette(palette.button, palette.window)
    roles = {
        Role.Window: palette.window,
        Role.Base: palette.surface,
        Role.AlternateBase: palette.alternate_row,
        Role.Text: palette.text,
        Role.WindowText: palette.text,
        Role.ButtonText: palette.text,
        Role.Button: palette.button,
        Role.Highlight: palette.row_selected,
        Role.HighlightedText: palette.text,
        Role.PlaceholderText: palette.text_faint,
        Role.Link: palette.accent,
        Role.ToolTipBase: palette.tooltip,
        Role.ToolTipText: palette.tooltip_text,
    }
    if palette.dark:
        roles |= {
            Role.Light: palette.button.lighter(140),
            Role.Midlight: palette.button.lighter(120),
            Role.Mid: palette.button_border,
            Role.Dark: palette.window.darker(130),
            Role.Shadow: QColor(0, 0, 0),
            Role.BrightText: palette.tooltip_text,
            Role.LinkVisited: palette.accent_hover,
            Role.Accent: palette.accent,
        }
    for role, color in roles.items():
        result.setColor(role, color)
    if palette.dark:
        disabled = QPalette.ColorGroup.Disabled
        for role in (Role.Text, Role.WindowText, Role.ButtonText, Role.HighlightedText):
            result.setColor(disabled, role, palette.text_disabled)
        result.setColor(disabled, Role.Highlight, palette.hover)
        result.setColor(disabled, Role.Accent, palette.text_disabled)
    return result


def _connect_system_scheme(hints: QStyleHints) -> None:
    global _following_system
    if not _following_system:
        hints.colorSchemeChanged.connect(follow_system_scheme)
        _following_system = True


def _request_scheme(hints: QStyleHints, choice: str) -> None:
    # Asks the platform to draw its parts (title bars, native dialogs) to match; Qt 6.8+.
    if not hasattr(hints, "setColorScheme"):
        return
    if choice == "system":
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(Qt.ColorScheme.Dark if choice == "dark" else Qt.ColorScheme.Light)
