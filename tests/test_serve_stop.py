"""serve ends the mkdocs it started, whether or not mkdocs answers the termination: when it
restarts mkdocs after a configuration change and when it stops."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from generator.serve import end_process

# A process that says it is ready, then waits; ``ignore`` makes it ignore terminations, as an
# mkdocs busy building ten thousand pages may.
_WAITING = ("import signal, sys, time\n"
            "if {ignore}: signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            "print('ready', flush=True)\n"
            "time.sleep(120)\n")


def _started(ignore: bool) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", _WAITING.format(ignore=ignore)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    return process


def test_a_process_that_answers_the_termination_is_ended_by_it():
    process = _started(ignore=False)
    end_process(process, patience=60)
    assert process.returncode is not None
    if sys.platform != "win32":  # there a termination is a kill
        assert process.returncode == -signal.SIGTERM


@pytest.mark.skipif(sys.platform == "win32", reason="a termination there cannot be ignored")
def test_a_process_that_ignores_the_termination_is_killed_after_the_patience_not_left():
    process = _started(ignore=True)
    end_process(process, patience=0.5)
    assert process.returncode == -signal.SIGKILL


def test_a_process_already_ended_is_left_as_it_ended():
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    process.wait()
    end_process(process, patience=0.5)
    assert process.returncode == 3
