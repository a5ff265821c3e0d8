"""Carries out what the tag tree asks for: create, rename, move, merge, delete, tag papers by
dropping them, import files dropped on a tag, and the tree's context menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QMenu, QWidget

from app.editing import set_status, tag_papers
from app.library import Library
from app.tag_actions import create_tag, delete_tag_at, merge_tag_into, move_tag_under, rename_tag_at
from app.tags import SEPARATOR, TagNode, TagTree
from ui import dialogs
from ui.controllers.importing import ImportController
from ui.icons import icon
from ui.models.tags import Kind, TagTreeModel
from ui.ops import LibraryOp, OpRunner
from ui.widgets.tag_panel import TagView


def load_tag_nodes(library: Library) -> list[TagNode]:
    """Every tag with its path (runs on the library thread)."""
    with library.reading() as session:
        return list(TagTree(session).nodes.values())


def _join(parent: str | None, name: str) -> str:
    return f"{parent}{SEPARATOR}{name}" if parent else name


class TagController(QObject):
    """See the module docstring. `done(message)` follows every tag operation that succeeded."""

    done = Signal(str)
    failed = Signal(str)
    tagsLoaded = Signal(list)

    def __init__(
        self,
        runner: OpRunner,
        model: TagTreeModel,
        view: TagView,
        imports: ImportController,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._model = model
        self._view = view
        self._imports = imports
        self._window = parent
        model.renameRequested.connect(self.rename)
        model.moveRequested.connect(self.move)
        model.tagPapersRequested.connect(self.tag_papers)
        model.queuePapersRequested.connect(self.queue_papers)
        model.importRequested.connect(self._import_dropped)
        view.customContextMenuRequested.connect(self._context_menu)

    def reload(self) -> None:
        """Reload the tree from the library."""
        LibraryOp(load_tag_nodes).success(self._loaded).run(self._runner)

    def _loaded(self, nodes: list[TagNode]) -> None:
        self._model.set_tags(nodes)
        self.tagsLoaded.emit(sorted(node.path for node in nodes))

    # operations -----------------------------------------------------------------------

    def create(self, path: str) -> None:
        """Create the tag at `path`."""
        self._run(lambda library: create_tag(library, path), f"Created the tag “{path}”")

    def rename(self, path: str, new_name: str) -> None:
        """Rename the last level of `path`."""
        parent = path.rsplit(SEPARATOR, 1)[0] if SEPARATOR in path else None
        new_path = _join(parent, new_name.strip())
        self._run(
            lambda library: rename_tag_at(library, path, new_name),
            f"Renamed “{path}” to “{new_path}”",
            after=lambda: self._view.follow_path(path, new_path),
        )

    def move(self, path: str, new_parent: str | None) -> None:
        """Move `path` under `new_parent` (None: to the top level)."""
        new_path = _join(new_parent, path.rsplit(SEPARATOR, 1)[-1])
        where = f"under “{new_parent}”" if new_parent else "to the top level"
        self._run(
            lambda library: move_tag_under(library, path, new_parent),
            f"Moved “{path}” {where}",
            after=lambda: self._view.follow_path(path, new_path),
        )

    def merge(self, source: str, target: str) -> None:
        """Merge `source` into `target`."""
        self._run(
            lambda library: merge_tag_into(library, source, target),
            f"Merged “{source}” into “{target}”",
            after=lambda: self._view.follow_path(source, target),
        )

    def delete(self, path: str) -> None:
        """Delete `path` and its subtags (papers stay)."""
        self._run(lambda library: delete_tag_at(library, path), f"Deleted the tag “{path}”")

    def tag_papers(self, paper_ids: list[int], path: str) -> None:
        """Tag papers with `path`."""
        count = len(paper_ids)
        self._run(
            lambda library: tag_papers(library, paper_ids, add=[path]),
            f"Tagged {count} paper{'s' if count != 1 else ''} “{path}”",
        )

    def queue_papers(self, paper_ids: list[int]) -> None:
        """Put papers in the reading queue."""
        count = len(paper_ids)
        self._run(
            lambda library: set_status(library, paper_ids, "to_read"),
            f"Queued {count} paper{'s' if count != 1 else ''} to read",
        )

    def _import_dropped(self, paths: list[Path], tag: str | None) -> None:
        self._imports.add(paths, [tag] if tag else [])

    def _run(
        self, work: Callable[[Library], Any], message: str, after: Callable[[], None] | None = None
    ) -> None:
        def succeeded(_result: Any) -> None:
            if after is not None:
                after()
            self.done.emit(message)

        def failed(error: BaseException) -> None:
            self.failed.emit(str(error))
            self.reload()

        LibraryOp(work).success(succeeded).failure(failed).run(self._runner)

    # interactive ----------------------------------------------------------------------

    def new_tag_dialog(self) -> None:
        """Ask for a name and create it under the selected tag (or at the top)."""
        self._new_under(self._view.selected_tag())

    def _context_menu(self, position: QPoint) -> None:
        index = self._view.indexAt(position)
        item = self._model.item_at(index)
        menu = QMenu(self._window)
        tag = item.key if item is not None and item.kind is Kind.TAG else None
        new = menu.addAction(icon("new-tag"), "New Subtag…" if tag else "New Tag…")
        new.triggered.connect(lambda: self._new_under(tag))
        if tag is not None:
            menu.addAction("Rename…").triggered.connect(lambda: self._rename_dialog(tag))
            menu.addAction("Merge Into…").triggered.connect(lambda: self._merge_dialog(tag))
            if SEPARATOR in tag:
                menu.addAction("Move to Top Level").triggered.connect(lambda: self.move(tag, None))
            menu.addSeparator()
            menu.addAction(icon("remove"), "Delete Tag…").triggered.connect(
                lambda: self._delete_dialog(tag)
            )
        menu.exec(self._view.viewport().mapToGlobal(position))

    def _new_under(self, parent: str | None) -> None:
        where = f"under “{parent}”" if parent else "at the top level"
        name = dialogs.ask_tag_name(
            self._window, "New tag", f"Name of the new tag {where} (use / to nest):"
        )
        if name:
            self.create(_join(parent, name))

    def _rename_dialog(self, path: str) -> None:
        current = path.rsplit(SEPARATOR, 1)[-1]
        name = dialogs.ask_tag_name(self._window, "Rename tag", f"New name for “{path}”:", current)
        if name and name != current:
            self.rename(path, name)

    def _merge_dialog(self, path: str) -> None:
        targets = [
            p for p in self._model.tag_paths() if p != path and not p.startswith(path + SEPARATOR)
        ]
        target = dialogs.choose_tag(
            self._window,
            "Merge tag",
            f"Merge “{path}” into (its papers and subtags move there):",
            targets,
        )
        if target:
            self.merge(path, target)

    def _delete_dialog(self, path: str) -> None:
        counts = self._model.counts
        count = counts.tags.get(path, 0) if counts is not None and not counts.query else 0
        if dialogs.confirm_delete_tag(self._window, path, count):
            self.delete(path)
