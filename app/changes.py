"""What a write operation changed, so views refresh only that."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Changes:
    """Which kinds of things a write touched. Merge with `|=`."""

    added: set[int] = field(default_factory=set)
    updated: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)
    tags: bool = False
    index: bool = False

    def __ior__(self, other: Changes) -> Changes:
        self.added |= other.added
        self.updated |= other.updated
        self.removed |= other.removed
        self.tags = self.tags or other.tags
        self.index = self.index or other.index
        return self

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.tags or self.index)

    @property
    def papers(self) -> set[int]:
        return self.added | self.updated | self.removed
