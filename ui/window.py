"""The main window: tag tree | search and results | preview and details, plus the import panel.

The window assembles widgets and controllers and routes events between them; the work itself
happens in the controllers, on the library thread (`ui/ops.py`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QGuiApplication,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

import app
from app.changes import Changes
from app.errors import KnownError
from app.library import Library
from ui import dialogs
from ui.actions import WindowActions
from ui.bridge import LibraryBridge
from ui.controllers.import_feedback import ImportFeedback
from ui.controllers.importing import ImportController
from ui.controllers.index_sync import IndexSync
from ui.controllers.lists import ReadingLists, is_reading_list
from ui.controllers.papers import PaperController
from ui.controllers.reading import ReadingRecorder
from ui.controllers.search import SearchController
from ui.controllers.tags import TagController
from ui.counts import Counts
from ui.external import ExternalChanges
from ui.icons import app_icon, icon
from ui.listing import Listing, ResultRow, Scope
from ui.models.mime import local_paths
from ui.models.results import ResultsModel
from ui.models.tags import TagTreeModel
from ui.ops import LibraryOp, OpRunner
from ui.preview import PreviewPane
from ui.queries import View
from ui.settings import WindowSettings
from ui.status_bar import WindowStatusBar
from ui.watching import WatchedFolders
from ui.widgets.details import DetailsPanel
from ui.widgets.empty_state import EmptyState
from ui.widgets.import_panel import ImportPanel, describe_paths
from ui.widgets.preferences import PreferencesDialog, copy_files, import_workers
from ui.widgets.result_panel import ResultPanel
from ui.widgets.tag_panel import TagView

log = logging.getLogger("lectern.ui.window")
INDEX_NOTICE_MS = 500


PREFERRED_SIZE = QSize(1440, 900)


def first_window_size() -> QSize:
    """The size of a window with no saved geometry: the preferred size, shrunk to fit the
    primary screen's free area (a laptop screen can be smaller)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return PREFERRED_SIZE
    room = screen.availableGeometry().size() * 0.92
    return PREFERRED_SIZE.boundedTo(room)


class MainWindow(QMainWindow):
    """See the module docstring. `paperOpened(id)` follows every paper shown in the preview."""

    paperOpened = Signal(int)

    def __init__(
        self, library: Library, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = WindowSettings(settings)
        self.setWindowTitle("Lectern")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.resize(first_window_size())
        self._closed = False
        self._splitters_restored = False
        self._pending_select: int | None = None
        self._opened: int | None = None
        self._expect_hits = False

        self.runner = OpRunner(library, self)
        self.runner.default_failure = self._report_failure
        self.bridge = LibraryBridge(library, self)
        self.index_sync = IndexSync(self.runner, self)
        self.external = ExternalChanges(library, self)
        self.lists = ReadingLists(self.runner, self)
        self.watch = WatchedFolders(library, self)
        self.imports = ImportController(library, self.runner, self)
        self.imports.workers = import_workers(settings)
        self.imports.copy_files = copy_files(settings)
        self.actions_ = WindowActions(self)
        self._build_widgets()
        self.search = SearchController(self.runner, self.results, self.result_panel, self)
        self.tag_controller = TagController(
            self.runner, self.tags, self.tag_view, self.imports, self
        )
        self.papers = PaperController(self.runner, self.result_panel.view, self.actions_, self)
        self.reading = ReadingRecorder(self.runner, self)
        self._build_chrome()
        self._connect()
        self._restore_settings()
        self.tag_controller.reload()
        self.search.reload()
        self.search.reload_counts()
        self.index_sync.sync_now()
        self.search.load_suggestions()

    # construction ---------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.results = ResultsModel(self.runner, self)
        self.tags = TagTreeModel(self)
        icons = {view.value: icon(f"view-{view.value}") for view in View}
        icons.update({"tag": icon("tag"), "header": icon("tags")})
        self.tags.set_icons(icons)
        self.tag_view = TagView(self.tags)
        self.result_panel = ResultPanel(self.results)
        self.preview = PreviewPane()
        self.details = DetailsPanel(self.runner)
        self.right_tabs = QTabWidget()
        self.right_tabs.setObjectName("rightTabs")
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.addTab(self.preview, "Preview")
        self.right_tabs.addTab(self.details, "Details")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.browse_area = QSplitter(Qt.Orientation.Horizontal)
        self.browse_area.setObjectName("browseSplitter")
        self.browse_area.setChildrenCollapsible(False)
        self.browse_area.addWidget(self.tag_view)
        self.browse_area.addWidget(self.result_panel)
        self.browse_area.setSizes([250, 560])
        self.browse_area.setStretchFactor(1, 1)
        self.splitter.addWidget(self.browse_area)
        self.splitter.addWidget(self.right_tabs)
        self.splitter.setSizes([820, 620])
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.empty_state = EmptyState()
        self.central = QStackedWidget()
        self.central.addWidget(self.splitter)
        self.central.addWidget(self.empty_state)
        self.setCentralWidget(self.central)
        self.import_panel = ImportPanel()
        self.import_dock = QDockWidget("Imports", self)
        self.import_dock.setObjectName("importDock")
        self.import_dock.setWidget(self.import_panel)
        self.import_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.import_dock)
        self.import_dock.hide()

    def _build_chrome(self) -> None:
        actions = self.actions_
        toggle = self.import_dock.toggleViewAction()
        toggle.setText("&Import Panel")
        toggle.setIcon(icon("import"))
        toggle.setToolTip("Show the outcome of every imported file")
        actions.build_menus(self.menuBar(), toggle)
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        actions.build_toolbar(toolbar, spacer)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.status = WindowStatusBar(self)
        self.setStatusBar(self.status)
        self._index_notice = QTimer(self)
        self._index_notice.setSingleShot(True)
        self._index_notice.setInterval(INDEX_NOTICE_MS)
        self._index_notice.timeout.connect(
            lambda: self.status.set_work("index", "Updating the search index…")
        )
        self.import_feedback = ImportFeedback(
            self.imports, self.import_panel, self.import_dock, self.status, self
        )
        # Keys that mean something else inside the preview or a text field act only in the
        # tag tree and the result list; the preview has its own F3 for its own matches.
        for action in (actions.next_hit, actions.previous_hit):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.browse_area.addAction(action)
        actions.remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.result_panel.view.addAction(actions.remove)
        actions.set_paper_actions_enabled(False)

    def _connect(self) -> None:
        actions, panel = self.actions_, self.result_panel
        actions.add_files.triggered.connect(self.add_files_dialog)
        actions.add_folder.triggered.connect(self.add_folder_dialog)
        actions.quit.triggered.connect(self.close)
        actions.find.triggered.connect(self.focus_search)
        actions.select_all.triggered.connect(panel.view.selectAll)
        actions.new_tag.triggered.connect(self.tag_controller.new_tag_dialog)
        actions.next_hit.triggered.connect(self.next_match)
        actions.previous_hit.triggered.connect(self.previous_match)
        actions.toggle_abstract.triggered.connect(self._toggle_abstract)
        tabs = self.right_tabs
        actions.show_details.triggered.connect(lambda: tabs.setCurrentWidget(self.details))
        actions.show_preview.triggered.connect(lambda: tabs.setCurrentWidget(self.preview))
        actions.query_syntax.triggered.connect(lambda: dialogs.query_syntax_dialog(self).exec())
        actions.shortcuts.triggered.connect(lambda: dialogs.shortcuts_dialog(self).exec())
        actions.preferences.triggered.connect(self.open_preferences)
        actions.show_log.triggered.connect(self.show_log)
        actions.about.triggered.connect(
            lambda: dialogs.about_dialog(self, app.__version__, str(self.library.paths.root)).exec()
        )
        for key, action in actions.sort_actions.items():
            action.triggered.connect(lambda _c=False, k=key: self.set_sort(k))

        panel.search.queryChanged.connect(self.search.set_query)
        panel.search.querySubmitted.connect(self._remember_query)
        panel.search.navigate.connect(panel.view.move_current)
        panel.search.fullSyntaxRequested.connect(actions.query_syntax.trigger)
        panel.sortChosen.connect(self.set_sort)
        panel.suggestionChosen.connect(lambda text: panel.search.set_query(text))
        panel.headerLinkActivated.connect(self._header_link)
        panel.view.selectionModel().currentChanged.connect(self._current_changed)
        panel.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.results.rowsLoaded.connect(self._rows_loaded)
        self.tag_view.scopeChosen.connect(self.search.set_scope)

        self.bridge.changed.connect(self._library_changed)
        self.search.listingShown.connect(self._listing_shown)
        self.search.countsShown.connect(self._counts_shown)
        self.search.librarySizeKnown.connect(self._library_size_known)
        self.tag_controller.tagsLoaded.connect(self._tags_loaded)
        for controller in (self.tag_controller, self.papers):
            controller.done.connect(self.status.show_message)
            controller.failed.connect(self.status.show_problem)
        self.papers.relatedRequested.connect(self.search.show_related)
        self.details.saveFailed.connect(self.status.show_problem)
        self.details.openRequested.connect(self.actions_.open_external.trigger)
        self.details.showFileRequested.connect(self.actions_.show_file.trigger)
        self.index_sync.busyChanged.connect(self._index_busy)
        self.watch.imported.connect(self.status.show_message)
        self.lists.done.connect(self.status.show_message)
        self.lists.failed.connect(self.status.show_problem)
        self.actions_.import_list.triggered.connect(
            lambda: self.lists.choose_and_import(self.tag_view.selected_tag())
        )
        self.actions_.export_list.triggered.connect(
            lambda: self.lists.choose_and_export(self.tag_view.selected_tag())
        )
        self.index_sync.failed.connect(
            lambda message: self.status.show_problem(
                f"The search index could not be updated: {message}"
            )
        )

        self.imports.started.connect(self._import_started)
        self.import_feedback.settled.connect(self._imports_settled)
        self.import_panel.paperRequested.connect(self.show_paper)
        self.empty_state.addFilesRequested.connect(self.add_files_dialog)
        self.empty_state.addFolderRequested.connect(self.add_folder_dialog)

        self.preview.pageChanged.connect(self.reading.page_changed)

    # settings -------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = self.settings
        if settings.geometry is not None:
            self.restoreGeometry(settings.geometry)
        if settings.window_state is not None:
            self.restoreState(settings.window_state)
        self.result_panel.search.set_history(settings.history)
        sort, query = settings.sort, settings.last_query
        self.result_panel.set_sort(sort)
        self.actions_.sort_actions[sort].setChecked(True)
        self.result_panel.search.set_query(query, emit=False)
        self.search.start_with(query, sort)  # loaded once, by the first reload

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitters_restored:
            # Splitter sizes are restored once the window has its final size, so the nested
            # splitter is not rescaled afterwards.
            self._splitters_restored = True
            layout = self.central.layout()
            if layout is not None:
                layout.activate()
            for splitter in (self.splitter, self.browse_area):
                saved = self.settings.splitter(splitter.objectName())
                if saved is not None:
                    splitter.restoreState(saved)

    def _save_settings(self) -> None:
        settings = self.settings
        settings.geometry = self.saveGeometry()
        settings.window_state = self.saveState()
        for splitter in (self.splitter, self.browse_area):
            settings.set_splitter(splitter.objectName(), splitter.saveState())
        settings.last_query = self.result_panel.search.current_query()
        settings.sort = self.search.request.sort
        settings.sync()

    # commands -------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search field, its text selected."""
        if self.central.currentWidget() is not self.splitter:
            return
        field = self.result_panel.search
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def set_sort(self, sort: str) -> None:
        """Order the results by `sort`."""
        self.result_panel.set_sort(sort)
        self.actions_.sort_actions[sort].setChecked(True)
        self.search.set_sort(sort)

    def import_paths(self, paths: list[Path], tags: list[str] | None = None) -> None:
        """Import files and folders in the background (.bib/.md files as reading lists)."""
        existing = [path for path in paths if path.exists()]
        if not existing:
            self.status.show_problem("Nothing to import: the dropped items no longer exist.")
            return
        lists = [path for path in existing if is_reading_list(path)]
        if lists:
            self.lists.import_lists(lists, tags[0] if tags else None)
            existing = [path for path in existing if path not in lists]
            if not existing:
                return
        self.imports.add(existing, tags)
        if self.imports.queued_jobs:
            waiting = self.imports.queued_jobs
            self.status.show_message(
                f"Queued {describe_paths(existing)} — {waiting} import"
                f"{'s' if waiting != 1 else ''} waiting"
            )

    def add_files_dialog(self) -> None:
        """Choose PDFs to import."""
        files, _filter = QFileDialog.getOpenFileNames(
            self, "Add PDFs to the library", str(Path.home()), "PDF files (*.pdf);;All files (*)"
        )
        if files:
            self.import_paths([Path(f) for f in files], self._import_tags())

    def add_folder_dialog(self) -> None:
        """Choose a folder to import (with its subfolders)."""
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of PDFs", str(Path.home()))
        if folder:
            self.import_paths([Path(folder)], self._import_tags())

    def _import_tags(self) -> list[str]:
        tag = self.tag_view.selected_tag()
        return [tag] if tag else []

    def show_paper(self, paper_id: int) -> None:
        """Select `paper_id` in the list (switching to All papers, no query, if needed)."""
        if self.result_panel.view.select_ids([paper_id], paper_id):
            return
        self._pending_select = paper_id
        self.result_panel.search.set_query("", emit=False)
        self.tag_view.select_scope(Scope(), notify=False)
        self.search.show_all()

    def next_match(self) -> None:
        """The next match in the preview; after the last one, the next paper."""
        count, index = self.preview.hit_count(), self.preview.current_hit_index()
        if count and index < count - 1:
            self.preview.next_hit()
        elif count or not self._expect_hits:
            self._step_result(+1)

    def previous_match(self) -> None:
        """The previous match in the preview; before the first one, the previous paper."""
        count, index = self.preview.hit_count(), self.preview.current_hit_index()
        if count and index > 0:
            self.preview.previous_hit()
        elif count or not self._expect_hits:
            self._step_result(-1)

    def _step_result(self, step: int) -> None:
        view = self.result_panel.view
        row = view.currentIndex().row() + step if view.currentIndex().isValid() else 0
        if 0 <= row < self.results.rowCount():
            view.setCurrentIndex(self.results.index(row))

    def _toggle_abstract(self) -> None:
        index = self.result_panel.view.currentIndex()
        if index.isValid():
            self.results.toggle_expanded(index.row())

    def _remember_query(self, query: str) -> None:
        self.result_panel.search.set_history(self.settings.remember_query(query))

    def _header_link(self, link: str) -> None:
        if link == "clear-related":
            self.search.set_scope(self.tag_view.scope)

    # selection → preview and details --------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ResultsModel.RowRole) if current.isValid() else None
        if isinstance(row, ResultRow):
            self._open(row)

    def _selection_changed(self) -> None:
        has = bool(self.result_panel.view.selectionModel().selectedRows())
        self.actions_.set_paper_actions_enabled(has)

    def _rows_loaded(self, first: int, last: int) -> None:
        current = self.result_panel.view.currentIndex()
        if not current.isValid() or not first <= current.row() <= last:
            return
        row = current.data(ResultsModel.RowRole)
        if not isinstance(row, ResultRow):
            return
        if row.paper.id != self._opened:
            self._open(row)
        else:
            self.details.refresh(row.paper)

    def _open(self, row: ResultRow) -> None:
        paper = row.paper
        listing = self.results.listing
        terms = list(listing.highlight_terms) if listing.request.query else []
        initial = row.hit.first_page if (row.hit is not None and terms) else None
        last_page = self.reading.last_page(paper.id)
        if last_page is None:
            last_page = paper.last_page
        self._opened = paper.id
        # F3 waits for the preview to find the matches instead of skipping this paper.
        self._expect_hits = bool(terms and row.hit is not None and row.hit.pages)
        self.preview.show_paper(
            Path(paper.file) if paper.file else None,
            terms,
            initial,
            paper.title,
            last_page=last_page,
        )
        self.details.show_paper(paper)
        self.reading.opened(
            paper.id, paper.page_count, initial if initial is not None else last_page
        )
        self.paperOpened.emit(paper.id)

    # library events -------------------------------------------------------------------

    def _library_changed(self, changes: Changes) -> None:
        self.index_sync.on_library_changed(changes)
        self.search.on_library_changed(changes)
        if changes.tags:
            self.tag_controller.reload()
        if changes.removed and self._opened in changes.removed:
            self._opened = None
            self.preview.clear()
            self.details.show_paper(None)

    def _listing_shown(self, listing: Listing) -> None:
        if self._pending_select is not None:
            target, self._pending_select = self._pending_select, None
            if self.result_panel.view.select_ids([target], target):
                self.result_panel.view.setFocus()
            return
        view = self.result_panel.view
        if not view.currentIndex().isValid() and listing.total:
            view.selectionModel().setCurrentIndex(
                self.results.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _counts_shown(self, counts: Counts) -> None:
        self.tags.set_counts(counts)

    def _tags_loaded(self, paths: list[str]) -> None:
        self.papers.tag_paths = paths
        self.details.set_tag_completions(paths)

    def _library_size_known(self, size: int) -> None:
        self.status.set_library_size(size)
        empty = size == 0 and not self.imports.running
        self.central.setCurrentWidget(self.empty_state if empty else self.splitter)

    def _index_busy(self, busy: bool) -> None:
        # Only an update that takes a while is worth mentioning (most take milliseconds).
        if busy:
            self._index_notice.start()
        else:
            self._index_notice.stop()
            self.status.set_work("index", None)

    # imports --------------------------------------------------------------------------

    def _import_started(self) -> None:
        if self.central.currentWidget() is self.empty_state:
            self.central.setCurrentWidget(self.splitter)

    def _imports_settled(self, added: int) -> None:
        if self.search.library_size == 0 and added == 0:
            self.central.setCurrentWidget(self.empty_state)

    # drag and drop --------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            self.empty_state.set_drag_active(True)
            self.status.show_message("Drop to add these files to the library")

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.empty_state.set_drag_active(False)
        self.status.clearMessage()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        self.empty_state.set_drag_active(False)
        if not paths:
            return
        event.acceptProposedAction()
        entry = self._entry_under(event.position().toPoint())
        if entry is not None and len(paths) == 1 and paths[0].is_file():
            self.attach_pdf(entry, paths[0])
        else:
            self.import_paths(paths)

    def _entry_under(self, position: QPoint) -> int | None:
        """The paper without a PDF under a drop at `position` (window coordinates), if any."""
        view = self.result_panel.view
        if not view.isVisible():
            return None
        index = view.indexAt(view.viewport().mapFrom(self, position))
        row = index.data(ResultsModel.RowRole) if index.isValid() else None
        # Rows not loaded yet hold no data: the drop then imports as usual.
        if isinstance(row, ResultRow) and "no_pdf" in row.paper.flags:
            return row.paper.id
        return None

    def attach_pdf(self, paper_id: int, path: Path) -> None:
        """Give an entry without a PDF its file (read like any import)."""
        from app.entries import attach_pdf

        def work(library: Library) -> str:
            return attach_pdf(library, paper_id, path).describe()

        LibraryOp(work).success(self.status.show_message).run(self.runner)

    # failures and closing -------------------------------------------------------------

    def _report_failure(self, error: BaseException) -> None:
        if isinstance(error, KnownError):
            self.status.show_problem(str(error))
            return
        log.error("library operation failed", exc_info=error)
        self.status.show_problem(f"Something went wrong: {error}. Details are in the log.")

    def open_preferences(self) -> None:
        """Library folder, watched folders, import workers, theme."""
        dialog = PreferencesDialog(self.library, self.settings.qsettings, self)
        if dialog.exec():
            self.imports.workers = import_workers(self.settings.qsettings)
            self.imports.copy_files = copy_files(self.settings.qsettings)
            self.watch.restart()

    def show_log(self) -> None:
        """Open the log file in the desktop's text viewer."""
        log_file = self.library.paths.logs / "lectern.log"
        if log_file.exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file)))
        else:
            self.status.show_message(f"No log yet ({log_file})")

    def shutdown(self) -> None:
        """Save what is pending, stop background work and release workers (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._save_settings()
        self.result_panel.search.cancel_pending()
        self.search.stop()
        self.details.flush_note()
        self.reading.flush()
        self.imports.shutdown()
        self.import_panel.stop()
        self.status.clearMessage()  # stops the status bar's message timer
        self._index_notice.stop()
        self.index_sync.stop()
        self.external.stop()
        self.watch.stop()
        self.preview.shutdown()
        self.bridge.close()
        self.runner.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
