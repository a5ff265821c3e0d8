"""Watched folders: PDFs that appear in them are imported while the app runs.

`add_watched_folder` / `remove_watched_folder` / `watched_folders` keep the list in the
library's settings; `FolderWatcher` polls the folders and imports settled PDFs.
"""

from app.watch.folders import add_watched_folder, remove_watched_folder, watched_folders
from app.watch.watcher import FolderWatcher

__all__ = [
    "FolderWatcher",
    "add_watched_folder",
    "remove_watched_folder",
    "watched_folders",
]
