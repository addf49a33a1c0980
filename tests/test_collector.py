"""The cycle collector is paused only inside the block, and nesting leaves it to the outermost."""

from __future__ import annotations

import gc

import pytest

from generator.engine.collector import collector_paused


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
