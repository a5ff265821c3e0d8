"""Lectern makes no network connection: import and search with sockets blocked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.cli_helpers import REPO

# Loaded by every interpreter started with this folder on PYTHONPATH, worker processes
# included: any connection attempt is recorded in a file and refused.
BLOCKER = '''
import os, socket
_log = os.environ["LECTERN_NET_LOG"]
def _refuse(*args, **kwargs):
    with open(_log, "a") as handle:
        handle.write(f"{os.getpid()} {args!r}\\n")
    raise OSError("network blocked by test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''


def test_import_and_search_attempt_no_connection(tmp_path: Path, papers_dir: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER)
    log = tmp_path / "net.log"
    env = dict(os.environ, PYTHONPATH=f"{site}{os.pathsep}{REPO}", LECTERN_NET_LOG=str(log))
    base = [sys.executable, "-m", "app.cli.main", "--library", str(tmp_path / "lib")]
    for args in (["add", str(papers_dir)], ["search", "kernel"], ["related", "1"]):
        result = subprocess.run([*base, *args], env=env, capture_output=True, text=True,
                                timeout=300, check=False)
        assert result.returncode == 0, result.stderr
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.getaddrinfo('x', 1)"],
                           env=env, capture_output=True, text=True, timeout=60, check=False)
    assert probe.returncode != 0  # the blocker is active in child interpreters
    recorded = log.read_text().splitlines() if log.exists() else []
    assert len(recorded) == 1, recorded  # only the probe's own attempt
