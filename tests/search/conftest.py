"""Small real indexes in temporary folders, and a factory for paper records."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from search.documents import PaperDoc
from search.index import SearchIndex

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def paper(paper_id: int, **fields: Any) -> PaperDoc:
    """A paper record with harmless defaults for every field not given."""
    values: dict[str, Any] = {
        "paper_id": paper_id,
        "revision": 1,
        "title": f"Untitled {paper_id}",
        "authors": [],
        "abstract": "",
        "pages": [],
        "tags": [],
        "year": None,
        "status": "unread",
        "notes": "",
        "venue": "",
        "added": EPOCH + timedelta(days=paper_id),
    }
    values.update(fields)
    return PaperDoc(**values)


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    """An empty index in a temporary folder."""
    opened = SearchIndex.open(tmp_path / "index")
    yield opened
    opened.close()


LIBRARY = [
    paper(
        1,
        title="Kernel Methods for Wide Neural Networks",
        authors=["Ada Lovelace", "Alan Turing"],
        abstract="We study kernel methods for wide neural networks.",
        pages=[
            "Introduction. ReLU networks of infinite width behave like kernel machines.",
            "The neural tangent kernel governs training. Mean-field theory gives another view.",
            "References. Jacot et al. Neural tangent kernel: convergence and generalization.",
        ],
        tags=["theory/kernels"],
        year=2019,
        status="read",
        venue="NeurIPS",
        notes="reread section on the mean field limit",
    ),
    paper(
        2,
        title="Certified Robustness against Adversarial Examples",
        authors=["Grace Hopper"],
        abstract="Adversarial examples fool classifiers with tiny perturbations.",
        pages=[
            "Robustness certificates bound the worst case loss under attack.",
            "Randomized smoothing certifies robustness of neural networks.",
        ],
        tags=["robustness", "theory/certificates"],
        year=2021,
        status="to_read",
        venue="ICML",
    ),
    paper(
        3,
        title="Regret Bounds for Multi-Armed Bandits",
        authors=["Emmy Noether", "John von Neumann"],
        abstract="",
        pages=[
            "Multi-armed bandits trade exploration against exploitation.",
            "Our regret bound is logarithmic. Exploration bonuses are optimistic.",
            "A kernel bandit extends the analysis to reproducing kernel spaces.",
        ],
        tags=["bandits", "theory"],
        year=2015,
        status="reading",
        venue="COLT",
    ),
    paper(
        4,
        title="A Survey of Graph Networks",
        authors=["Barbara Liskov"],
        abstract="Graph neural networks generalize convolutions to graphs.",
        pages=[],
        tags=["graphs/surveys"],
        year=2020,
        status="unread",
        venue="JMLR",
    ),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """An index holding `LIBRARY`, committed; shared by a module's read-only tests."""
    opened = SearchIndex.open(tmp_path_factory.mktemp("library") / "index")
    opened.upsert(LIBRARY)
    opened.commit()
    yield opened
    opened.close()


def ids(results: Any) -> list[int]:
    """Paper ids of a `SearchResults`, in result order."""
    return [hit.paper_id for hit in results.hits]
