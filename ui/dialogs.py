"""Small dialogs: About, keyboard shortcuts, the query syntax, choosing a tag, confirmations."""

from __future__ import annotations

import html
from importlib import resources as importlib_resources

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QTextDocument, QTextFrameFormat, QTextTable
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.icons import app_icon
from ui.palettes import Palette

SHORTCUTS = (
    ("Ctrl+O", "Add files"),
    ("Ctrl+Shift+O", "Add a folder"),
    ("Ctrl+F, Ctrl+L", "Go to the search field"),
    ("↑ ↓ in the search field", "Move through the results"),
    ("Return", "Search now and remember the query"),
    ("Esc in the search field", "Clear the query"),
    ("Space", "Unfold or fold the abstract"),
    ("F3 / Shift+F3", "Next / previous match (then the next / previous paper)"),
    ("Ctrl+Return", "Open in your PDF viewer"),
    ("Ctrl+R", "Find related papers"),
    ("Delete", "Remove the selected papers"),
    ("F2", "Rename the selected tag"),
    ("Ctrl+Shift+N", "New tag"),
    ("Ctrl+I / Ctrl+P", "Show details / preview"),
    ("Ctrl+= / Ctrl+- / Ctrl+0", "Zoom the preview in / out / to the width"),
    ("F1", "Query syntax"),
)


def query_syntax_text() -> str:
    """The query syntax reference (Markdown) shipped with the search package."""
    try:
        return (
            importlib_resources.files("search")
            .joinpath("QUERY_SYNTAX.md")
            .read_text(encoding="utf-8")
        )
    except (FileNotFoundError, ModuleNotFoundError):
        return "The query syntax reference is not installed."


def _document_dialog(
    parent: QWidget | None, title: str, markdown: str | None = None, rich: str | None = None
) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(QSize(640, 620))
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(False)
    if markdown is not None:
        browser.setMarkdown(markdown)
    else:
        browser.setHtml(rich or "")
    style_tables(browser.document(), theme.current())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    return dialog


def style_tables(document: QTextDocument, palette: Palette) -> None:
    """Table rules in the theme's border colour (Qt draws them light grey otherwise)."""
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            table_format = frame.format()
            table_format.setBorderBrush(QBrush(palette.border))
            table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            table_format.setBorder(1)
            table_format.setBorderCollapse(True)
            table_format.setCellPadding(5)
            table_format.setCellSpacing(0)
            frame.setFormat(table_format)


def query_syntax_dialog(parent: QWidget | None) -> QDialog:
    """A dialog showing QUERY_SYNTAX.md."""
    return _document_dialog(parent, "Query syntax", markdown=query_syntax_text())


def shortcuts_dialog(parent: QWidget | None) -> QDialog:
    """A dialog listing the keyboard shortcuts."""
    rows = "".join(
        f"<tr><td style='padding:4px 18px 4px 0'><b>{html.escape(k)}</b></td>"
        f"<td style='padding:4px 0'>{html.escape(v)}</td></tr>"
        for k, v in SHORTCUTS
    )
    dialog = _document_dialog(parent, "Keyboard shortcuts", rich=f"<table>{rows}</table>")
    dialog.resize(QSize(560, 520))
    return dialog


def component_versions() -> str:
    """Qt, PySide6, PyMuPDF (MuPDF) and tantivy versions, for the About box and bug reports."""
    from importlib.metadata import PackageNotFoundError, version

    import PySide6
    from PySide6.QtCore import qVersion

    def of(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:
            return "?"

    try:
        import pymupdf

        mupdf = f" (MuPDF {pymupdf.mupdf_version})"
    except Exception:  # the About box must open even if PyMuPDF cannot be loaded
        mupdf = ""
    return (
        f"Qt {qVersion()} · PySide6 {PySide6.__version__} · PyMuPDF {of('pymupdf')}{mupdf}"
        f" · tantivy {of('tantivy')}"
    )


def about_dialog(parent: QWidget | None, version: str, library_path: str) -> QDialog:
    """The About box."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("About Lectern")
    icon = QLabel(dialog)
    icon.setPixmap(app_icon().pixmap(96, 96))
    icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
    muted = theme.current().text_muted.name()
    text = QLabel(
        f"<h2>Lectern {html.escape(version)}</h2>"
        "<p>Keep your papers, search their full text, and read the hit.</p>"
        f"<p style='color:{muted}'>Library: {html.escape(library_path)}</p>"
        f"<p style='color:{muted}'>{html.escape(component_versions())}</p>"
        f"<p style='color:{muted}'>Everything stays on this computer.</p>",
        dialog,
    )
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(icon)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.setMinimumWidth(420)
    return dialog


def confirm_remove(parent: QWidget | None, count: int, title: str) -> bool:
    """Ask before removing papers."""
    what = f"“{title}”" if count == 1 else f"these {count} papers"
    answer = QMessageBox.question(
        parent,
        "Remove from library",
        f"Remove {what} from the library?\n\nLectern's stored copy is deleted with the paper; "
        "your original files are not touched.",
        QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ok,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Ok


def confirm_delete_tag(parent: QWidget | None, path: str, count: int) -> bool:
    """Ask before deleting a tag."""
    papers = f"{count} paper{'s' if count != 1 else ''}"
    answer = QMessageBox.question(
        parent,
        "Delete tag",
        f"Delete the tag “{path}” and its subtags?\n\nThe {papers} stay in the library; "
        "only the tag is removed from them.",
        QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ok,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Ok


def ask_tag_name(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """Ask for a tag name or path; None when cancelled or empty."""
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    value = value.strip()
    return value if ok and value else None


def choose_tag(parent: QWidget | None, title: str, label: str, paths: list[str]) -> str | None:
    """Pick one of `paths`; None when cancelled."""
    if not paths:
        return None
    value, ok = QInputDialog.getItem(parent, title, label, paths, 0, False)
    return value if ok else None
