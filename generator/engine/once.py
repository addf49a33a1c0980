"""A property computed on first use and kept on the instance.

functools.cached_property does this too, but before Python 3.12 it takes a lock on every first
use: linking ten thousand articles makes hundreds of thousands of first uses (an event's sort
key, a relation's sources), about a second of an incremental build. Nothing here is shared
between threads while it is being computed, so no lock is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

Value = TypeVar("Value")


class computed_once(Generic[Value]):  # noqa: N801 - named like the property it stands for
    def __init__(self, compute: Callable[[Any], Value]):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Value:
        if instance is None:
            return self  # type: ignore[return-value]
        # Kept in the instance's dictionary, which Python looks in before this descriptor
        # (it defines no __set__): later uses cost a plain attribute lookup.
        value = instance.__dict__[self.name] = self.compute(instance)
        return value
