"""The benchmark corpus is valid content, and the same seed makes the same bytes."""

from __future__ import annotations

import sys

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from make_corpus import make_corpus  # noqa: E402


def test_corpus_is_valid_and_repeatable(tmp_path, run):
    make_corpus(30, tmp_path / "a")
    make_corpus(30, tmp_path / "b")
    first = {p.name: p.read_bytes() for p in (tmp_path / "a" / "content" / "articles").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b" / "content" / "articles").iterdir()}
    assert len(first) == 60 and first == second
    result = run(tmp_path / "a", "check")
    assert result.code == 0, result.err
    assert result.out.startswith("ok: 30 articles")
