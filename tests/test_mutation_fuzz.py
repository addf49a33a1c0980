"""Damaged files get problems, never a traceback, and a failed command writes nothing
(mutation_fuzz.py; `python tests/mutation_fuzz.py --seeds 1-20 --steps 200` runs more)."""

from __future__ import annotations

from tests import mutation_fuzz


def test_damaged_files_are_answered_with_problems_and_change_nothing(tmp_path):
    steps: list[str] = []
    codes = mutation_fuzz.run_seed(1, 40, tmp_path, report=steps.append)
    assert len(steps) == 40
    # The seed reaches every kind of file, and answers of every kind: content that passes,
    # problems in it, and a build that could not run (mkdocs.yml).
    damaged = " ".join(steps)
    for part in ("content/articles/", "content/entities/", "templates/", "mkdocs.yml"):
        assert part in damaged, f"no step damaged {part}"
    assert codes[("check", 0)] and codes[("check", 1)] and codes[("check", 2)], codes
    assert codes[("generate", 0)], codes
