"""A cache bounded by the bytes of what it holds, not by how many things it holds: sixty-four pictures cost a few
megabytes when they are logos and gigabytes when they are photos of 3000 x 3000 pixels."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class ByteBudget(Generic[K, V]):
    """The values most recently used, as many as fit in `limit` bytes (each costs `cost(value)`); the least recently
    used go first. A value costing more than the whole budget is not kept."""

    def __init__(self, limit: int, cost: Callable[[V], int]) -> None:
        self.limit = limit
        self._cost = cost
        self._held: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self.bytes = 0

    def get(self, key: K) -> V | None:
        held = self._held.get(key)
        if held is None:
            return None
        self._held.move_to_end(key)
        return held[0]

    def put(self, key: K, value: V) -> V:
        """Keep `value` under `key` (making room for it); returns it."""
        self.pop(key)
        cost = self._cost(value)
        if cost > self.limit:
            return value
        while self.bytes + cost > self.limit:
            self.pop(next(iter(self._held)))
        self._held[key] = value, cost
        self.bytes += cost
        return value

    def pop(self, key: K) -> None:
        held = self._held.pop(key, None)
        if held is not None:
            self.bytes -= held[1]

    def clear(self) -> None:
        self._held.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._held)
