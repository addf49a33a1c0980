"""Work spread over two cores gives the same site and the same problems as one core."""

from __future__ import annotations

import sys

import pytest

from generator.engine import cores
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from make_corpus import make_corpus  # noqa: E402

ARTICLES = cores.MINIMUM_ITEMS + 50  # enough for the work to go to forked workers


def _docs(project) -> dict[str, bytes]:
    docs = project / "build" / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("cores") / "corpus"
    make_corpus(ARTICLES, root)
    return root


def test_map_on_cores_keeps_order_and_uses_workers(monkeypatch):
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    import os

    items = list(range(cores.MINIMUM_ITEMS * 2))
    results = list(cores.map_on_cores(lambda n: (n * n, os.getpid()), items))
    assert [square for square, _ in results] == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in results}


def test_small_jobs_stay_in_this_process(monkeypatch):
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    import os

    assert {pid for pid in cores.map_on_cores(lambda n: os.getpid(), range(10))} == {os.getpid()}


def test_one_core_and_two_cores_write_the_same_site(corpus, tmp_path, run, monkeypatch):
    outputs = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("BRIEFINGS_WORKERS", workers)
        project = tmp_path / workers
        import shutil

        shutil.copytree(corpus, project)
        result = run(project, "--quiet", "generate")
        assert result.code == 0, result.out + result.err
        outputs[workers] = _docs(project)
    assert len(outputs["1"]) > ARTICLES
    assert outputs["1"] == outputs["2"]


def test_problems_found_by_workers_are_reported_once(corpus, tmp_path, run, monkeypatch):
    project = tmp_path / "broken"
    import shutil

    shutil.copytree(corpus, project)
    articles = sorted((project / "content" / "articles").glob("*.yml"))
    for number in (3, ARTICLES - 3):  # one in each worker's share
        text = articles[number].read_text(encoding="utf-8")
        articles[number].write_text(text.replace("id: ", "id: XX", 1), encoding="utf-8")
    reports = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("BRIEFINGS_WORKERS", workers)
        result = run(project, "check")
        assert result.code == 1
        reports[workers] = result.out + result.err
    assert reports["1"] == reports["2"]
    lines = [line for line in reports["2"].splitlines() if "unknown" in line]
    assert len(lines) == 2 and len(set(lines)) == 2
    assert articles[3].name in lines[0] and articles[ARTICLES - 3].name in lines[1]
