"""Guards against Qt binding builds that corrupt the interpreter (seen with PySide6 6.12.0
wheels on Python 3.11: every void call dropped a reference to None until the process aborted).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_reference_counts_balanced() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 50
