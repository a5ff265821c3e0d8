"""Shared fixtures: real temporary libraries and generated PDFs; no leaked workers."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.library import Library
from tests.pdfgen import make_pdf

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """A fresh, empty library in a temporary folder."""
    lib = Library.open(tmp_path / "library")
    yield lib
    lib.close()


@pytest.fixture
def papers_dir(tmp_path: Path) -> Path:
    """A folder of three generated papers with distinct titles, authors and text."""
    folder = tmp_path / "downloads"
    make_pdf(
        folder / "kernels.pdf",
        [
            "Abstract. We study kernel methods for wide neural networks. " * 3,
            "The neural tangent kernel governs training of infinitely wide networks. " * 10,
        ],
        title="Kernel Methods for Wide Neural Networks",
        authors=["Ada Lovelace", "Alan Turing"],
    )
    make_pdf(
        folder / "robust.pdf",
        [
            "Abstract. Adversarial examples fool classifiers with tiny perturbations. " * 3,
            "Robustness certificates bound the worst case loss under attack. " * 10,
        ],
        title="Certified Robustness against Adversarial Examples",
        authors=["Grace Hopper"],
    )
    make_pdf(
        folder / "nested" / "bandits.pdf",
        ["Abstract. Multi-armed bandits trade exploration against exploitation. " * 12],
        title="Regret Bounds for Multi-Armed Bandits",
        authors=["Emmy Noether", "John von Neumann"],
    )
    return folder


@pytest.fixture(autouse=True)
def _no_leaked_processes() -> Iterator[None]:
    """A test that leaves a worker process behind fails."""
    before = {p.pid for p in multiprocessing.active_children()}
    yield
    leaked = [p for p in multiprocessing.active_children() if p.pid not in before]
    for process in leaked:
        process.kill()
        process.join(timeout=5)
    assert not leaked, f"worker processes left running: {leaked}"


def corpus(name: str) -> Path:
    """A folder of ../shared/corpora, or skip the test when it is absent."""
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip(f"{path} is absent (the shared corpora are not checked out here)")
    return path
