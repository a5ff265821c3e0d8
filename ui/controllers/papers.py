"""What can be done to the selected papers: open, show the file, tag, set status, remove, find
related — from the menus, the toolbar and the result list's context menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu, QWidget

from app.editing import remove_papers, set_status, tag_papers
from app.library import Library
from app.views import PaperView
from ui import dialogs
from ui.actions import WindowActions
from ui.icons import icon
from ui.listing import ResultRow
from ui.models.results import ResultsModel
from ui.ops import LibraryOp, OpRunner
from ui.theme import STATUS_LABELS
from ui.widgets.result_view import ResultView

MAX_TAG_MENU = 40


class PaperController(QObject):
    """See the module docstring. `done(message)` follows every change that succeeded."""

    done = Signal(str)
    failed = Signal(str)
    relatedRequested = Signal(int)

    def __init__(
        self, runner: OpRunner, view: ResultView, actions: WindowActions, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._view = view
        self._actions = actions
        self._window = parent
        self.tag_paths: list[str] = []
        self.confirm = True
        actions.open_external.triggered.connect(lambda: self.open_external(self.selected()))
        actions.show_file.triggered.connect(lambda: self.show_file(self.selected()))
        actions.remove.triggered.connect(lambda: self.remove(self.selected_ids()))
        actions.find_related.triggered.connect(self._related_of_current)
        for status, action in actions.status_actions.items():
            action.triggered.connect(
                lambda _c=False, s=status: self.set_status(self.selected_ids(), s)
            )
        view.customContextMenuRequested.connect(self._context_menu)
        view.doubleClicked.connect(lambda _index: self.open_external(self.selected()))

    # the selection --------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """Ids of the selected papers."""
        return self._view.selected_ids()

    def selected(self) -> list[PaperView]:
        """The selected papers whose rows are loaded."""
        model: ResultsModel = self._view.results
        rows = sorted(index.row() for index in self._view.selectionModel().selectedRows())
        found = [model.data(model.index(row), ResultsModel.RowRole) for row in rows]
        return [row.paper for row in found if isinstance(row, ResultRow)]

    # operations -----------------------------------------------------------------------

    def open_external(self, papers: list[PaperView]) -> None:
        """Open the papers' PDFs in the system's viewer."""
        for paper in papers[:10]:
            if paper.file and Path(paper.file).is_file():
                QDesktopServices.openUrl(QUrl.fromLocalFile(paper.file))
            else:
                self.failed.emit(f"The PDF of “{paper.title}” is missing from the library.")

    def show_file(self, papers: list[PaperView]) -> None:
        """Open the folder holding the first paper's stored PDF."""
        for paper in papers[:1]:
            if paper.file:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(paper.file).parent)))

    def set_status(self, paper_ids: list[int], status: str) -> None:
        """Set the reading status of papers."""
        label = STATUS_LABELS.get(status, status)
        self._run(
            lambda library: set_status(library, paper_ids, status),
            f"Marked {_papers(len(paper_ids))} “{label}”",
            paper_ids,
        )

    def tag(self, paper_ids: list[int], path: str) -> None:
        """Tag papers with `path` (created if needed)."""
        self._run(
            lambda library: tag_papers(library, paper_ids, add=[path]),
            f"Tagged {_papers(len(paper_ids))} “{path}”",
            paper_ids,
        )

    def untag(self, paper_ids: list[int], path: str) -> None:
        """Remove the tag `path` from papers."""
        self._run(
            lambda library: tag_papers(library, paper_ids, remove=[path]),
            f"Removed “{path}” from {_papers(len(paper_ids))}",
            paper_ids,
        )

    def remove(self, paper_ids: list[int]) -> None:
        """Remove papers from the library (after asking, unless `confirm` is off)."""
        if not paper_ids:
            return
        papers = self.selected()
        title = papers[0].title if papers else ""
        if self.confirm and not dialogs.confirm_remove(self._window, len(paper_ids), title):
            return
        self._run(
            lambda library: remove_papers(library, paper_ids),
            f"Removed {_papers(len(paper_ids))}",
            paper_ids,
        )

    def _related_of_current(self) -> None:
        current = self._view.current_id()
        if current is not None:
            self.relatedRequested.emit(current)

    def _run(self, work: Callable[[Library], Any], message: str, ids: list[int]) -> None:
        if not ids:
            return
        LibraryOp(work).success(lambda _r: self.done.emit(message)).failure(
            lambda error: self.failed.emit(str(error))
        ).run(self._runner)

    # context menu ---------------------------------------------------------------------

    def _context_menu(self, position: QPoint) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        papers = self.selected()
        menu = QMenu(self._window)
        menu.addAction(self._actions.open_external)
        menu.addAction(self._actions.show_file)
        menu.addSeparator()
        menu.addMenu(self._tag_menu(menu, ids, papers))
        menu.addMenu(self._actions.status_menu(menu))
        menu.addSeparator()
        menu.addAction(self._actions.find_related)
        menu.addSeparator()
        menu.addAction(self._actions.remove)
        menu.exec(self._view.viewport().mapToGlobal(position))

    def _tag_menu(self, parent: QMenu, ids: list[int], papers: list[PaperView]) -> QMenu:
        menu = QMenu("&Tag", parent)
        menu.setIcon(icon("tag"))
        common = set.intersection(*(set(p.tags) for p in papers)) if papers else set()
        menu.addAction(icon("new-tag"), "New Tag…").triggered.connect(lambda: self._new_tag(ids))
        if self.tag_paths:
            menu.addSeparator()
        for path in self.tag_paths[:MAX_TAG_MENU]:
            action = menu.addAction(path)
            action.setCheckable(True)
            action.setChecked(path in common)
            action.triggered.connect(
                lambda checked, p=path: self.tag(ids, p) if checked else self.untag(ids, p)
            )
        return menu

    def _new_tag(self, ids: list[int]) -> None:
        path = dialogs.ask_tag_name(
            self._window, "Tag papers", f"Tag {_papers(len(ids))} with (use / to nest):"
        )
        if path:
            self.tag(ids, path)


def _papers(count: int) -> str:
    return f"{count} paper{'s' if count != 1 else ''}"
