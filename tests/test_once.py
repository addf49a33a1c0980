"""A property computed on first use is computed once per instance, frozen dataclasses too."""

from __future__ import annotations

from dataclasses import dataclass

from generator.engine.once import computed_once


@dataclass(frozen=True)
class Counted:
    value: int
    calls: list

    @computed_once
    def doubled(self) -> int:
        """Twice the value."""
        self.calls.append(self.value)
        return self.value * 2


def test_computed_on_first_use_only_and_per_instance():
    calls: list = []
    one, two = Counted(1, calls), Counted(2, calls)
    assert calls == []
    assert (one.doubled, one.doubled, two.doubled, one.doubled) == (2, 2, 4, 2)
    assert calls == [1, 2]


def test_the_class_attribute_is_the_descriptor_with_its_documentation():
    assert isinstance(Counted.doubled, computed_once)
    assert Counted.doubled.__doc__ == "Twice the value."
    used = Counted(3, [])
    assert used.doubled == 6
    assert used == Counted(3, [3])  # the kept value takes no part in equality
