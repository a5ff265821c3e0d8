"""One row per input file: what happened to it, in words a person understands."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from app.paths import path_text

Status = Literal["added", "duplicate", "failed"]


@dataclass(slots=True)
class FileOutcome:
    """`added` (paper_id), `duplicate` (duplicate_of and why) or `failed` (reason)."""

    path: str
    status: Status
    paper_id: int | None = None
    duplicate_of: int | None = None
    reason: str = ""
    flags: list[str] = field(default_factory=list)
    version_of: int | None = None
    title: str = ""
    pages: int = 0
    seconds: float = 0.0  # time spent parsing, for reports of slow files

    def __post_init__(self) -> None:
        self.path = path_text(self.path)

    def to_json(self) -> dict[str, Any]:
        """The CLI's `add --json` record."""
        record: dict[str, Any] = {
            "path": self.path,
            "status": self.status,
            "paper_id": self.paper_id,
            "duplicate_of": self.duplicate_of,
            "reason": self.reason or None,
            "flags": self.flags,
        }
        if self.version_of is not None:
            record["version_of"] = self.version_of
        return record

    def describe(self) -> str:
        """One line for people: 'added #12 “Title”', 'duplicate of #3 (same DOI)', …"""
        if self.status == "added":
            extra = f" ({', '.join(self.flags)})" if self.flags else ""
            version = f", another version of #{self.version_of}" if self.version_of else ""
            return f"added #{self.paper_id} “{self.title}”{version}{extra}"
        if self.status == "duplicate":
            return f"duplicate of #{self.duplicate_of} ({self.reason})"
        return f"failed: {self.reason}"


@dataclass(slots=True)
class ImportProgress:
    """Progress of a running import, for progress bars."""

    total: int
    done: int = 0
    pages: int = 0
    added: int = 0
    duplicates: int = 0
    failed: int = 0
    elapsed: float = 0.0
    current: str = ""

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        if self.done == 0 or self.elapsed <= 0:
            return None
        return (self.total - self.done) * self.elapsed / self.done


class Outcomes:
    """The outcome of each file of a batch, None until decided, with running counts.

    Progress is reported after every file; counting a batch of thousands each time would
    cost time that grows with the square of its size.
    """

    def __init__(self, count: int) -> None:
        self._items: list[FileOutcome | None] = [None] * count
        self.counts: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[FileOutcome | None]:
        return iter(self._items)

    def __getitem__(self, position: int) -> FileOutcome | None:
        return self._items[position]

    def __setitem__(self, position: int, outcome: FileOutcome) -> None:
        previous = self._items[position]
        if previous is not None:
            self.counts[previous.status] -= 1
        self.counts[outcome.status] += 1
        self._items[position] = outcome

    @property
    def decided(self) -> int:
        return sum(self.counts.values())
