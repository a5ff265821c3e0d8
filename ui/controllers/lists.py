"""Reading lists in and out of the window: .bib and Markdown files, like the CLI's
`lectern import` and `lectern export`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.formats import import_file
from app.importing.outcome import FileOutcome
from app.library import Library
from ui.ops import LibraryOp, OpRunner

# Dropped files with these endings are reading lists (plain .txt files are not).
LIST_SUFFIXES = frozenset({".bib", ".bibtex", ".md", ".markdown"})


def is_reading_list(path: Path) -> bool:
    """A .bib or Markdown file (imported as a reading list, not as a PDF)."""
    return path.is_file() and path.suffix.lower() in LIST_SUFFIXES


def _summary(path: Path, outcomes: list[FileOutcome]) -> str:
    added = sum(o.status == "added" for o in outcomes)
    known = sum(o.status == "duplicate" for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    return f"{path.name}: {added} added, {known} already in the library, {failed} failed"


class ReadingLists(QObject):
    """Runs list imports and exports on the library thread; reports in one line."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, runner: OpRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._parent = parent

    def import_lists(self, paths: list[Path], tag: str | None) -> None:
        """Import each .bib/.md file (entries, tags, notes; PDFs named in `file` fields)."""
        for path in paths:
            self._import_one(path, tag)

    def _import_one(self, path: Path, tag: str | None) -> None:
        def work(library: Library) -> list[FileOutcome]:
            return import_file(library, path, tag=tag)

        def report(outcomes: list[FileOutcome]) -> None:
            self.done.emit(_summary(path, outcomes))

        LibraryOp(work).success(report).failure(
            lambda error: self.failed.emit(str(error))
        ).run(self._runner)

    def choose_and_import(self, tag: str | None) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self._parent, "Import a reading list", str(Path.home()),
            "Reading lists (*.bib *.md *.markdown);;All files (*)",
        )
        if files:
            self.import_lists([Path(f) for f in files], tag)

    def choose_and_export(self, tag: str | None) -> None:
        """Export the selected tag's subtree (or everything) as BibTeX or Markdown."""
        name = (tag or "library").replace("/", "-")
        target, chosen = QFileDialog.getSaveFileName(
            self._parent, "Export the reading list", str(Path.home() / f"{name}.bib"),
            "BibTeX (*.bib);;Markdown reading list (*.md)",
        )
        if target:
            markdown = chosen.startswith("Markdown") or target.lower().endswith(".md")
            self.export(Path(target), tag, markdown=markdown)

    def export(self, target: Path, tag: str | None, *, markdown: bool) -> None:
        def work(library: Library) -> int:
            from app.formats.bibtex_export import export_bibtex
            from app.formats.markdown_export import export_markdown

            text = (export_markdown if markdown else export_bibtex)(library, tag=tag)
            target.write_text(text, encoding="utf-8")
            return len(text)

        LibraryOp(work).success(
            lambda _size: self.done.emit(f"Exported {tag or 'the library'} to {target}")
        ).failure(lambda error: self.failed.emit(str(error))).run(self._runner)
