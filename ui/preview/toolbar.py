"""The slim bar above the pages: title, match navigation, page number and zoom."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)

from ui import theme
from ui.preview.icons import line_icon
from ui.stylesheet import fill

STYLE = """
#previewToolbar { background: @preview_bar@; border-bottom: 1px solid @preview_border@; }
#previewToolbar QLabel { color: @preview_text@; }
#previewToolbar QLabel#previewTitle { color: @preview_title@; font-weight: 600; }
#previewToolbar QLabel#previewHits, #previewToolbar QLabel#previewZoom { color: @preview_muted@; }
#previewToolbar QToolButton { border: 1px solid transparent; border-radius: 5px; padding: 3px; }
#previewToolbar QToolButton:hover { background: @preview_hover@; }
#previewToolbar QToolButton:pressed { background: @preview_pressed@; }
#previewToolbar QToolButton:checked {
    background: @preview_checked@; border-color: @preview_checked_border@;
}
#previewToolbar QSpinBox {
    border: 1px solid @preview_input_border@; border-radius: 5px; padding: 2px 6px;
    background: @surface@; color: @preview_title@;
    selection-background-color: @preview_selection@; selection-color: @preview_title@;
}
#previewToolbar QSpinBox:focus { border-color: @preview_focus@; }
#previewToolbar QSpinBox::up-button, #previewToolbar QSpinBox::down-button { width: 0px; }
#previewToolbar #previewSeparator { background: @preview_border@; }
"""


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" to fit, showing it all as a tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full_text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        """Show `text`, elided to the label's width."""
        self._full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Elide again for the new width."""
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = QFontMetrics(self.font())
        self.setText(metrics.elidedText(self._full_text, Qt.TextElideMode.ElideRight, self.width()))


class PreviewToolbar(QFrame):
    """Buttons and read-outs; it only reports what was asked, the pane decides."""

    previousHitRequested = Signal()
    nextHitRequested = Signal()
    pageRequested = Signal(int)
    zoomInRequested = Signal()
    zoomOutRequested = Signal()
    fitWidthRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewToolbar")
        self.setStyleSheet(fill(STYLE, theme.current()))
        self._icons: dict[QToolButton, str] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 8, 4)
        row.setSpacing(4)

        self.title_label = ElidedLabel(self)
        self.title_label.setObjectName("previewTitle")
        row.addWidget(self.title_label, 1)
        row.addSpacing(8)

        self.previous_hit_button = self._button("previous-hit", "Previous match (Shift+F3)")
        self.previous_hit_button.clicked.connect(self.previousHitRequested)
        self.hit_label = QLabel(self)
        self.hit_label.setObjectName("previewHits")
        self.hit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hit_label.setMinimumWidth(
            QFontMetrics(self.font()).horizontalAdvance("Hit 888 of 888")
        )
        self.next_hit_button = self._button("next-hit", "Next match (F3)")
        self.next_hit_button.clicked.connect(self.nextHitRequested)
        self._hit_widgets = (self.previous_hit_button, self.hit_label, self.next_hit_button)
        for widget in self._hit_widgets:
            row.addWidget(widget)
        self._hit_separator = self._separator()
        row.addWidget(self._hit_separator)

        self.page_box = QSpinBox(self)
        # Arrows hidden by the style sheet: NoButtons with a styled border leaves Qt 6.12's
        # Fusion style a 1-pixel-wide edit field.
        self.page_box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_box.setToolTip("Page (PgUp / PgDn)")
        self.page_box.setAccessibleName("Page")
        self.page_box.valueChanged.connect(lambda value: self.pageRequested.emit(value - 1))
        row.addWidget(self.page_box)
        self._page_separator = self._separator()
        row.addWidget(self._page_separator)

        self.zoom_out_button = self._button("zoom-out", "Zoom out (Ctrl+-)")
        self.zoom_out_button.clicked.connect(self.zoomOutRequested)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("previewZoom")
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(QFontMetrics(self.font()).horizontalAdvance("8888%"))
        self.zoom_in_button = self._button("zoom-in", "Zoom in (Ctrl++)")
        self.zoom_in_button.clicked.connect(self.zoomInRequested)
        self.fit_width_button = self._button("fit-width", "Fit width")
        self.fit_width_button.setCheckable(True)
        self.fit_width_button.clicked.connect(self.fitWidthRequested)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            row.addWidget(widget)
        row.addWidget(self.fit_width_button)
        self._document_widgets = (
            self.page_box,
            self._page_separator,
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
            self.fit_width_button,
        )
        self.setFixedHeight(self.sizeHint().height())
        self.set_document(None)
        theme.notifier().paletteChanged.connect(self._recolor)

    def set_document(self, page_count: int | None, title: str = "") -> None:
        """Show a document of `page_count` pages (None: no document, only the title)."""
        self.title_label.set_full_text(title)
        for widget in self._document_widgets:
            widget.setVisible(bool(page_count))
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(1, page_count or 1))
        self.page_box.setSuffix(f" / {page_count}" if page_count else " / –")
        self.page_box.setValue(1)
        self.page_box.blockSignals(False)
        width = QFontMetrics(self.page_box.font()).horizontalAdvance(f"{page_count or 0} / ") * 2
        self.page_box.setFixedWidth(max(64, width + 16))
        self.set_hits(None, 0)

    def set_page(self, index: int) -> None:
        """Show page `index` (0-based) as the current page without asking to move."""
        self.page_box.blockSignals(True)
        self.page_box.setValue(index + 1)
        self.page_box.blockSignals(False)

    def set_hits(self, index: int | None, total: int, note: str = "", detail: str = "") -> None:
        """Show match `index` (0-based, -1: none current) of `total`; None hides the controls.

        `note` replaces the count (e.g. "Searching…"), `detail` becomes its tooltip.
        """
        visible = index is not None
        for widget in (*self._hit_widgets, self._hit_separator):
            widget.setVisible(visible)
        if index is None:
            return
        if note:
            text = note
        elif total == 0:
            text = "No matches"
        elif index < 0:
            text = f"{total} match" if total == 1 else f"{total} matches"
        else:
            text = f"Hit {index + 1} of {total}"
        self.hit_label.setText(text)
        self.hit_label.setToolTip(detail)
        self.previous_hit_button.setEnabled(total > 0)
        self.next_hit_button.setEnabled(total > 0)

    def set_zoom(self, percent: float, fit_width: bool) -> None:
        """Show the zoom level and whether it follows the width."""
        self.zoom_label.setText(f"{round(percent)}%")
        self.fit_width_button.setChecked(fit_width)

    def _button(self, icon: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(line_icon(icon))
        self._icons[button] = icon
        button.setIconSize(QSize(16, 16))
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    def _recolor(self) -> None:
        self.setStyleSheet(fill(STYLE, theme.current()))
        for button, icon in self._icons.items():
            button.setIcon(line_icon(icon))

    def _separator(self) -> QWidget:
        line = QWidget(self)
        line.setObjectName("previewSeparator")
        line.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        line.setFixedSize(1, 18)
        spacer = QWidget(self)
        box = QHBoxLayout(spacer)
        box.setContentsMargins(6, 0, 6, 0)
        box.addWidget(line)
        return spacer
