"""The window's actions, menus and toolbar, with standard shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from ui.icons import icon
from ui.theme import STATUS_LABELS
from ui.widgets.result_panel import SORTS

StandardKey = QKeySequence.StandardKey


def _action(
    parent: QObject,
    text: str,
    icon_name: str | None = None,
    keys: list[QKeySequence] | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(icon(icon_name), text, parent) if icon_name else QAction(text, parent)
    if keys:
        action.setShortcuts(keys)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    return action


class WindowActions(QObject):
    """Every action of the main window; the window connects them."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        keys = QKeySequence.keyBindings
        self.add_files = _action(
            self,
            "Add &Files…",
            "add-file",
            keys(StandardKey.Open),
            "Add PDF files to the library (Ctrl+O)",
        )
        self.add_folder = _action(
            self,
            "Add F&older…",
            "add-folder",
            [QKeySequence("Ctrl+Shift+O")],
            "Add every PDF in a folder and its subfolders",
        )
        self.import_list = _action(
            self, "&Import Reading List…", None, None,
            "Import a BibTeX file or a Markdown reading list (entries, tags and notes)",
        )
        self.export_list = _action(
            self, "&Export Reading List…", None, None,
            "Export the selected tag (or the whole library) as BibTeX or Markdown",
        )
        self.quit = _action(self, "&Quit", None, keys(StandardKey.Quit) or [QKeySequence("Ctrl+Q")])
        self.find = _action(
            self,
            "&Find",
            "search",
            [QKeySequence(StandardKey.Find), QKeySequence("Ctrl+L")],
            "Search the library (Ctrl+F)",
        )
        self.select_all = _action(self, "Select &All", None, keys(StandardKey.SelectAll))
        self.remove = _action(
            self,
            "&Remove from Library…",
            "remove",
            [QKeySequence(StandardKey.Delete)],
            "Remove the selected papers (their stored copies too)",
        )
        self.new_tag = _action(
            self,
            "New &Tag…",
            "new-tag",
            [QKeySequence("Ctrl+Shift+N")],
            "Create a tag (under the selected tag)",
        )
        self.open_external = _action(
            self, "&Open in PDF Viewer", "open-external", [QKeySequence("Ctrl+Return")]
        )
        self.show_file = _action(self, "Show &File", "show-folder")
        self.find_related = _action(
            self,
            "Find &Related Papers",
            "related",
            [QKeySequence("Ctrl+R")],
            "Papers whose text is most like this one's",
        )
        self.next_hit = _action(
            self,
            "&Next Match",
            "hit-next",
            keys(StandardKey.FindNext),
            "Next match (F3): on to the next paper after the last one",
        )
        self.previous_hit = _action(
            self,
            "&Previous Match",
            "hit-previous",
            keys(StandardKey.FindPrevious),
            "Previous match (Shift+F3)",
        )
        self.toggle_abstract = _action(self, "Unfold &Abstract", None, [QKeySequence("Space")])
        self.toggle_abstract.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.show_details = _action(self, "&Details", None, [QKeySequence("Ctrl+I")])
        self.show_preview = _action(self, "&Preview", None, [QKeySequence("Ctrl+P")])
        self.query_syntax = _action(self, "&Query Syntax", "help", keys(StandardKey.HelpContents))
        self.shortcuts = _action(self, "&Keyboard Shortcuts", None, [QKeySequence("Ctrl+/")])
        self.about = _action(self, "&About Lectern")
        self.preferences = _action(
            self, "&Preferences…", None, keys(StandardKey.Preferences) or [QKeySequence("Ctrl+,")]
        )
        self.show_log = _action(self, "Show &Log", None, None, "Open Lectern's log file")
        self.status_actions = {key: _action(self, label) for key, label in STATUS_LABELS.items()}
        self.sort_group = QActionGroup(self)
        self.sort_actions: dict[str, QAction] = {}
        for key, label in SORTS:
            action = _action(self, label)
            action.setCheckable(True)
            action.setData(key)
            self.sort_group.addAction(action)
            self.sort_actions[key] = action
        self.import_panel_toggle: QAction | None = None

    def set_paper_actions_enabled(self, enabled: bool) -> None:
        """Enable the actions that need a selected paper."""
        for action in (
            self.remove,
            self.open_external,
            self.show_file,
            self.find_related,
            self.next_hit,
            self.previous_hit,
            *self.status_actions.values(),
        ):
            action.setEnabled(enabled)

    def status_menu(self, parent: QWidget) -> QMenu:
        """A "Status" submenu."""
        menu = QMenu("Set &Status", parent)
        menu.setIcon(icon("status"))
        for action in self.status_actions.values():
            menu.addAction(action)
        return menu

    def build_menus(self, bar: QMenuBar, import_panel_toggle: QAction) -> None:
        """File, Edit, View and Help menus."""
        self.import_panel_toggle = import_panel_toggle
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.add_files, self.add_folder])
        file_menu.addSeparator()
        file_menu.addActions([self.import_list, self.export_list])
        file_menu.addSeparator()
        file_menu.addActions([self.open_external, self.show_file])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.find, self.select_all])
        edit.addSeparator()
        edit.addAction(self.preferences)
        edit.addSeparator()
        edit.addMenu(self.status_menu(bar))
        edit.addAction(self.new_tag)
        edit.addSeparator()
        edit.addAction(self.remove)
        view = bar.addMenu("&View")
        sort = view.addMenu("&Sort By")
        sort.addActions(list(self.sort_actions.values()))
        view.addSeparator()
        view.addActions([self.next_hit, self.previous_hit, self.toggle_abstract, self.find_related])
        view.addSeparator()
        view.addActions([self.show_preview, self.show_details, import_panel_toggle])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.query_syntax, self.shortcuts])
        help_menu.addSeparator()
        help_menu.addAction(self.show_log)
        help_menu.addAction(self.about)

    def build_toolbar(self, toolbar: QToolBar, spacer: QWidget) -> None:
        """Add, remove, hit navigation, related papers, and the import panel at the far end."""
        toolbar.addActions([self.add_files, self.add_folder])
        toolbar.addSeparator()
        toolbar.addAction(self.remove)
        toolbar.addSeparator()
        toolbar.addActions([self.previous_hit, self.next_hit, self.find_related])
        toolbar.addWidget(spacer)
        if self.import_panel_toggle is not None:
            toolbar.addAction(self.import_panel_toggle)
        toolbar.addAction(self.query_syntax)
