"""Work spread over two cores gives the same site and the same problems as one core."""

from __future__ import annotations

import os
import subprocess
import sys
import time

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


def test_results_are_packed_to_cross_only_from_workers(monkeypatch):
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    items = list(range(cores.MINIMUM_ITEMS * 2))
    packed = list(cores.map_on_cores(lambda n: (n, os.getpid()), items,
                                     pack=lambda result: ("packed", *result)))
    assert [n for _, n, _ in packed] == items and {word for word, _, _ in packed} == {"packed"}
    assert os.getpid() not in {pid for _, _, pid in packed}
    here = list(cores.map_on_cores(lambda n: n, range(10), pack=lambda n: ("packed", n)))
    assert here == list(range(10))


def _checked_articles(project) -> tuple[list, list[str]]:
    from generator.build import check, load_project
    from generator.knowledge.article_cache import ContributionCache

    cache = ContributionCache(project / "build", "test", project)
    knowledge, problems = check(load_project(project), cache=cache)
    return [contribution for _, contribution in cache.used.values()], \
        [str(problem) for problem in problems.items + problems.warnings]


def test_articles_checked_by_workers_come_back_as_checked(corpus, monkeypatch):
    """Workers send checked articles back as the article cache writes them; one that cannot
    be written so is pickled, and one that does not read back is checked again here."""
    from generator.knowledge import plaindata

    monkeypatch.setenv("BRIEFINGS_WORKERS", "1")
    alone, alone_problems = _checked_articles(corpus)
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    shared, shared_problems = _checked_articles(corpus)
    assert len(alone) == ARTICLES and shared == alone and shared_problems == alone_problems
    dumps, loads = plaindata.dumps, plaindata.loads
    checked_here = []

    def cannot_store(value):
        if value.source.name.endswith(("1.md", "2.md")):
            raise plaindata.Unstorable("not this one")
        return dumps(value)

    def cannot_read(data, kind):
        back = loads(data, kind)
        if back.source.name.endswith("3.md"):
            checked_here.append(os.getpid())
            raise plaindata.Unreadable("not this one")
        return back

    monkeypatch.setattr(plaindata, "dumps", cannot_store)
    monkeypatch.setattr(plaindata, "loads", cannot_read)
    again, again_problems = _checked_articles(corpus)
    assert again == alone and again_problems == alone_problems
    assert checked_here and set(checked_here) == {os.getpid()}


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


# A process that ignores terminations, as serve does once it has been terminated (it stops
# mkdocs and waits for it), then stops a pool whose workers are busy, and a job aside.
_STOPPED_AS_SERVE_IS = """
import signal, sys, time
from generator.engine import cores

signal.signal(signal.SIGTERM, signal.SIG_IGN)

def slow(number):
    time.sleep(0.05)
    return number

results = cores.map_on_cores(slow, range(cores.MINIMUM_ITEMS * 2))
next(results)
results.close()  # the pool terminates its workers, busy with their tasks
print("pool stopped", flush=True)
aside = cores.JobsAside([lambda: time.sleep(60)])
aside.stop()
print("aside stopped", flush=True)
"""


def test_workers_stop_when_their_parent_ignores_terminations():
    """A worker used to inherit the parent's "ignore" and so ignore the pool's own
    termination: serve, stopped during a regeneration, then waited for it for ever."""
    result = subprocess.run([sys.executable, "-c", _STOPPED_AS_SERVE_IS], cwd=REPO,
                            env={**os.environ, "BRIEFINGS_WORKERS": "2"},
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines() == ["pool stopped", "aside stopped"], result.stderr
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


# -- jobs aside, the last ones taken over here ---------------------------------------------------

def _job(number: int, record, wait: float = 0.0, fail_there: bool = False, parent: int = 0):
    """A job that notes the process it ran in (a line in ``record``/number), after ``wait``
    seconds; with ``fail_there``, it fails anywhere but in the ``parent`` process."""
    def run():
        (record / f"started-{number}").touch()
        time.sleep(wait)
        if fail_there and os.getpid() != parent:
            raise RuntimeError("failed on the other core")
        with open(record / str(number), "a", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()}\n")
        return number * 10
    return run


def _ran_in(record, count: int) -> list[list[int]]:
    return [[int(line) for line in (record / str(number)).read_text().split()]
            for number in range(count)]


def _wait_for(path, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.01)


def test_jobs_the_other_core_has_not_started_run_here(tmp_path, monkeypatch):
    """While the other core is on its first job, this one takes the rest over, from the
    last back: each job runs once, and the results come in the jobs' order."""
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    jobs = [_job(0, tmp_path, wait=2.0)] + [_job(n, tmp_path) for n in range(1, 5)]
    aside = cores.JobsAside(jobs)
    _wait_for(tmp_path / "started-0")
    assert aside.results() == [0, 10, 20, 30, 40]
    ran = _ran_in(tmp_path, 5)
    assert all(len(pids) == 1 for pids in ran)  # none twice
    assert ran[0][0] != os.getpid()
    assert [pids[0] for pids in ran[1:]] == [os.getpid()] * 4


def test_the_other_core_runs_every_job_it_reaches_first(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    aside = cores.JobsAside([_job(n, tmp_path) for n in range(3)])
    _wait_for(tmp_path / "2")  # the last one done there
    time.sleep(0.1)
    assert aside.results() == [0, 10, 20]
    assert os.getpid() not in {pid for pids in _ran_in(tmp_path, 3) for pid in pids}


def test_a_job_that_fails_on_the_other_core_runs_again_here(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    jobs = [_job(0, tmp_path, fail_there=True, parent=os.getpid()), _job(1, tmp_path)]
    aside = cores.JobsAside(jobs)
    _wait_for(tmp_path / "1")
    assert aside.results() == [0, 10]
    assert _ran_in(tmp_path, 1) == [[os.getpid()]]


def test_jobs_aside_run_here_on_one_core(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFINGS_WORKERS", "1")
    aside = cores.JobsAside([_job(n, tmp_path) for n in range(2)])
    assert aside.process is None
    assert aside.results() == [0, 10]
    assert _ran_in(tmp_path, 2) == [[os.getpid()], [os.getpid()]]


def test_jobs_of_another_core_that_died_run_here(tmp_path, monkeypatch):
    """The other core's process ends in the middle of a job (killed, out of memory): that
    job and those it had not started run here."""
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    parent = os.getpid()

    def dies_there():
        if os.getpid() != parent:
            os._exit(1)
        return "made here"

    aside = cores.JobsAside([dies_there, _job(1, tmp_path)])
    aside.process.join(timeout=30)
    assert not aside.process.is_alive()
    assert aside.results() == ["made here", 10]
    assert (tmp_path / "1").read_text().split() == [str(parent)]
