"""One window per library: a second launch hands its files to the running instance.

The first instance listens on a local socket named after the library folder (and the user);
a later launch — from the menu, "Open with", or `lectern-gui FILE.pdf` — connects, sends the
files as one JSON line, and exits, while the running window comes forward and imports them.
A different library gets a different name, so it opens its own window.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket

if TYPE_CHECKING:
    from ui.window import MainWindow

CONNECT_TIMEOUT_MS = 500
MAX_MESSAGE = 1_000_000


def server_name(library_root: Path) -> str:
    """The socket name for a library: stable per folder and per user."""
    key = f"{getpass.getuser()}\0{library_root.expanduser().resolve()}".encode()
    return f"lectern-{hashlib.sha256(key).hexdigest()[:24]}"


def hand_over(library_root: Path, files: list[Path]) -> bool:
    """Send `files` to a running instance on this library; False when there is none."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(library_root))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    message = json.dumps({"files": [str(f.expanduser().absolute()) for f in files]})
    socket.write(message.encode() + b"\n")
    delivered = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS * 4)
    acknowledged = delivered and socket.waitForReadyRead(CONNECT_TIMEOUT_MS * 4)
    socket.disconnectFromServer()
    return bool(acknowledged)


class InstanceServer(QObject):
    """Listens for later launches; emits `activated(list[Path])` for each one."""

    activated = Signal(list)

    def __init__(self, library_root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        name = server_name(library_root)
        if not self._server.listen(name):
            # A socket file left by a crashed instance: nobody answered it, so take it over.
            QLocalServer.removeServer(name)
            self._server.listen(name)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    @Slot()
    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE:
                socket.abort()
            return
        line = bytes(socket.readLine().data())
        try:
            files = [Path(str(f)) for f in json.loads(line).get("files", [])]
        except (ValueError, AttributeError, TypeError):
            files = []
        socket.write(b"ok\n")
        socket.flush()
        self.activated.emit(files)


class FileOpenFilter(QObject):
    """macOS delivers "Open with" and dock drops as QFileOpenEvents to the application."""

    opened = Signal(list)

    def __init__(self, application: QObject) -> None:
        super().__init__(application)
        application.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.file():
            self.opened.emit([Path(event.file())])
            return True
        return super().eventFilter(watched, event)


def bring_forward(window: MainWindow, files: list[Path]) -> None:
    """Raise the window and import what a later launch handed over."""
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    if files:
        window.import_paths(files)
