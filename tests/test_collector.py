"""The cycle collector is paused only inside the block, and nesting leaves it to the outermost."""

from __future__ import annotations

import gc
import weakref

import pytest

from generator.engine.collector import collector_paused, release_frozen


def test_paused_inside_and_running_again_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not resume it for the outer one
    assert gc.isenabled()


def test_resumed_when_the_block_fails():
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a build that stops")
    assert gc.isenabled()


def test_left_off_when_it_was_off_before():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_block_made_is_frozen_and_released_again():
    gc.unfreeze()
    try:
        with collector_paused():
            made = [[index] for index in range(1000)]  # noqa: F841 - objects that live on
        frozen = gc.get_freeze_count()
        assert frozen >= 1000  # no pass walks them again
        release_frozen()
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_a_cycle_made_in_the_block_is_collected_once_released():
    class Node:
        pass

    collected = []
    with collector_paused():
        node = Node()
        node.self = node  # a cycle: only the collector can free it
        reference = weakref.ref(node, lambda _: collected.append(True))
        del node
    gc.collect()
    assert reference() is not None  # frozen: it waits
    release_frozen()
    gc.collect()
    assert reference() is None and collected
