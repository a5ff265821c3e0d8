"""Notes are Markdown: rendered while reading, plain text while editing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from ui.widgets.notes import NotesPanel


def test_note_renders_markdown_and_edits_on_click(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    panel = NotesPanel(editor)
    qtbot.addWidget(panel)
    editor.setPlainText("# Takeaways\n\n- **Lemma 3** needs care\n- see `eq. (4)`")
    panel.show_rendered()
    assert panel.rendered
    rendered = panel.view.toPlainText()
    assert "Takeaways" in rendered and "Lemma 3 needs care" in rendered and "**" not in rendered
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not panel.rendered and panel.currentWidget() is editor


def test_empty_note_stays_in_the_editor(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    panel = NotesPanel(editor)
    qtbot.addWidget(panel)
    panel.show_rendered()
    assert panel.currentWidget() is editor
