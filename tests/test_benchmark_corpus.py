"""The benchmark corpus is valid content, the same seed makes the same bytes, and the default
corpus is as dense as the sample content (a lighter corpus hides where the time goes)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from make_corpus import MARKER, NotACorpus, date_precision, density, make_corpus  # noqa: E402


@pytest.mark.parametrize("light", [False, True], ids=["realistic", "light"])
def test_corpus_is_valid_and_repeatable(tmp_path, run, light):
    make_corpus(30, tmp_path / "a", light=light)
    make_corpus(30, tmp_path / "b", light=light)
    first = {p.name: p.read_bytes() for p in (tmp_path / "a" / "content" / "articles").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b" / "content" / "articles").iterdir()}
    assert len(first) == 60 and first == second
    result = run(tmp_path / "a", "check")
    assert result.code == 0, result.err
    assert result.out.startswith("ok: 30 articles")


def test_the_benchmark_saves_an_article_naming_a_new_person_the_site_then_links(tmp_path, run):
    """serve's benchmark saves an article with the new person it names in people.yml."""
    from run import add_article_naming_a_newcomer  # benchmarks/run.py

    make_corpus(5, tmp_path / "corpus")
    slug = add_article_naming_a_newcomer(tmp_path / "corpus", 6)
    result = run(tmp_path / "corpus", "generate")
    assert result.code == 0, result.err
    page = tmp_path / "corpus" / "build" / "docs" / "articles" / f"{slug}.md"
    assert "(../people/newcomer-6.md)" in page.read_text(encoding="utf-8")


def test_the_realistic_corpus_is_as_dense_as_the_sample(tmp_path):
    make_corpus(200, tmp_path / "corpus")
    made = density(tmp_path / "corpus" / "content" / "articles")
    sample = density(REPO / "content" / "articles")
    for kind, per_article in sample.items():
        assert abs(made[kind] - per_article) <= 0.25 * per_article + 0.3, (kind, made, sample)
    # Dated as precisely: where entries are filed (a year's page or a month's) follows.
    made_dates = date_precision(tmp_path / "corpus" / "content" / "articles")
    sample_dates = date_precision(REPO / "content" / "articles")
    for share, per_cent in sample_dates.items():
        assert abs(made_dates[share] - per_cent) <= 8, (share, made_dates, sample_dates)
    light = tmp_path / "light"
    make_corpus(200, light, light=True)
    assert density(light / "content" / "articles")["events"] < sample["events"] / 2


def test_the_benchmark_reads_every_phase_a_verbose_build_times(tmp_path, run):
    from run import phases  # benchmarks/run.py

    make_corpus(12, tmp_path / "corpus")
    result = run(tmp_path / "corpus", "-v", "generate")
    assert result.code == 0, result.err
    found = phases(result.out)
    for phase in ("reading entities", "checking articles", "linking articles into one "
                  "knowledge base", "planning pages", "keying pages", "writing pages",
                  "writing changed files"):
        assert phase in found, (phase, found)
    assert all(seconds >= 0 for seconds in found.values())
    assert phases("checking articles: 10000 in 23.98 s\nnot a phase: soon\n") == {
        "checking articles": 23.98}


def test_the_benchmark_counts_the_cpu_time_of_what_a_command_starts(tmp_path):
    from run import timed  # benchmarks/run.py

    busy = "import time\nwhile time.process_time() < 0.4: pass\n"
    # The busy process is a grandchild, as mkdocs and Pagefind are of `briefings build`.
    starter = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {busy!r}])"
    result = timed([sys.executable, "-c", starter], tmp_path)
    assert result.cpu_s >= 0.4
    assert result.seconds >= 0.4 and result.memory_mb > 0


def test_the_benchmark_publishes_as_the_workflow_does(tmp_path):
    """The publish it times restores what the workflow's cache holds and builds on the
    site's archive (--dirty), timing the wait for it and the archive written afterwards."""
    from run import SITE_ARCHIVE, briefings, publish_one, save_build, timed

    project = tmp_path / "corpus"
    make_corpus(12, project)
    timed(briefings(project, "-q", "build", "--site-archive",
                    str(project / "build" / SITE_ARCHIVE)), project)
    previous = tmp_path / "previous.tar"
    save_build(project / "build", previous)
    (project / "build" / "left-by-the-last-build").write_text("x", encoding="utf-8")
    aside = tmp_path / "set-aside"
    result = publish_one(project, previous, 13, set_aside=aside)
    steps = result["publish_one_steps"]
    assert "mkdocs build --dirty" in steps, steps  # built on the previous site
    assert result["publish_one_unpack_wait_s"] is not None
    assert "archiving the site for the next build" in steps
    assert (project / "content" / "articles" / f"{result['slug']}.md").is_file()
    # The build it replaced was moved aside whole, not deleted; the new one starts empty.
    assert [path.name for path in aside.iterdir()] == ["build-1"]
    assert (aside / "build-1" / "left-by-the-last-build").is_file()
    assert (aside / "build-1" / "site" / "index.html").is_file()
    assert not (project / "build" / "left-by-the-last-build").exists()
    assert (project / "build" / "site" / "index.html").is_file()
    # Without a folder to set it aside in, it is deleted first, as before.
    publish_one(project, previous, 14)
    assert [path.name for path in aside.iterdir()] == ["build-1"]


def test_the_benchmark_measures_an_earlier_commit_on_the_same_articles(tmp_path):
    """--baseline: another commit's code, checked out as a git worktree, generates the same
    articles (with its own templates and entities) in the same run, and the table gives its
    row beside the code under test's, each named by its commit."""
    from run import Baseline, _git, generated_cold, person_added, table

    if not (REPO / ".git").exists():
        pytest.skip("the baseline is a git worktree of the repository: not a git checkout")
    baseline = Baseline("HEAD", tmp_path)
    try:
        # A mark only the checked-out code prints, read back as a phase of its runs.
        main = baseline.checkout / "generator" / "__main__.py"
        main.write_text("print('the baseline code: 0.00 s')\n" + main.read_text("utf-8"),
                        encoding="utf-8")
        project = baseline.project(12, tmp_path)
        assert (project / "templates").is_dir() and (project / "content" / "entities").is_dir()
        before = baseline.cold(project)
        before.update(baseline.add_one(project, 14))
        before.update(baseline.person_added(project))
        for steps in ("generate_steps", "add_one_steps", "person_added_steps"):
            assert "the baseline code" in before[steps], steps
        assert before["add_one_files_rewritten"] > 0 and before["generate_s"] > 0
        current = tmp_path / "current"
        make_corpus(12, current)
        after = generated_cold(current)
        assert "the baseline code" not in after["generate_steps"]
        after.update(person_added(current))
        assert "the baseline code" not in after["person_added_steps"]
        # The new person is in the data downloads (knowledge.json lists every person).
        assert after["person_added_files_rewritten"] > 0
        assert "Ada Newcomer" in (current / "build" / "docs" / "data" /
                                  "knowledge.json").read_text(encoding="utf-8")
        shown = table([{"articles": 12, "code": "abc1234", **after, "baseline": before}])
        lines = shown.splitlines()
        assert lines[2].startswith(f"| 12 at {baseline.commit} |")
        assert lines[3].startswith("| 12 at abc1234 |")
    finally:
        baseline.remove()
    assert not baseline.checkout.exists()
    assert str(baseline.checkout) not in _git("worktree", "list")


def test_a_baseline_that_names_no_commit_is_a_clear_error():
    import subprocess

    result = subprocess.run([sys.executable, "run.py", "--baseline", "no-such-commit-anywhere",
                             "--skip-search", "--sizes", "10"], cwd=REPO / "benchmarks",
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "--baseline no-such-commit-anywhere:" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_code_measured_is_marked_changed_only_for_changes_besides_the_results():
    from run import changed_besides_results

    results = " M benchmarks/results.json\n M benchmarks/results.md"
    assert not changed_besides_results(results)
    assert not changed_besides_results("")
    assert changed_besides_results(results + "\n M generator/build.py")
    assert changed_besides_results("M  generator/cli.py")


def test_the_realistic_corpus_names_the_events_articles_tell_alike(tmp_path, run):
    """Events that several articles tell alike carry ids, as edited content does once the
    generator warns: a build of the corpus spends no time warning about likely duplicates."""
    make_corpus(400, tmp_path / "corpus")
    result = run(tmp_path / "corpus", "check")
    assert result.code == 0, result.err
    assert "likely the same event" not in result.out + result.err
    told = [event["id"] for path in (tmp_path / "corpus" / "content" / "articles").glob("*.yml")
            for event in yaml.safe_load(path.read_text(encoding="utf-8"))["events"]
            if "id" in event and not event["id"].startswith("summit-")]
    assert told  # named by the corpus, not only left out


def test_a_folder_that_is_no_corpus_is_never_replaced(tmp_path):
    """Only a corpus this script made is replaced: a slip in the target (a project, the
    repository) leaves the folder as it was, with a message and no traceback."""
    project = tmp_path / "project"
    (project / "content" / "articles").mkdir(parents=True)
    (project / "content" / "articles" / "mine.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(NotACorpus, match="not a corpus this script made"):
        make_corpus(3, project)
    assert (project / "content" / "articles" / "mine.md").read_text(encoding="utf-8") == "mine\n"
    assert not (project / MARKER).exists()
    # The command line says so and exits non-zero, without a traceback.
    script = REPO / "benchmarks" / "make_corpus.py"
    result = subprocess.run([sys.executable, str(script), "3", str(project)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "not a corpus this script made" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in project.rglob("*")) == ["articles", "content", "mine.md"]
    result = subprocess.run([sys.executable, str(script), "0", str(tmp_path / "none")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "at least one article" in result.stderr
    assert not (tmp_path / "none").exists()


def test_a_corpus_made_before_or_an_empty_folder_is_replaced(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(3, corpus)
    (corpus / "content" / "articles" / "leftover.md").write_text("x\n", encoding="utf-8")
    make_corpus(2, corpus)
    assert len(list((corpus / "content" / "articles").glob("*.md"))) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    make_corpus(2, empty)
    assert (empty / MARKER).is_file()


def test_the_benchmark_publishes_from_a_fresh_folder_then_once_after_deleting(tmp_path,
                                                                              monkeypatch):
    """publish_median: the median of the runs that set the replaced build aside, each adding
    the same article to the same corpus, then one run that deletes it first, given apart."""
    import run

    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    calls = []

    def publish_one(project, previous, number, set_aside=None):
        calls.append(set_aside)
        slug = f"article-{number}"
        # Each run finds the corpus as the first did: the article not there yet.
        assert not (articles / f"{slug}.md").exists()
        for suffix in ("md", "yml"):
            (articles / f"{slug}.{suffix}").write_text("x", encoding="utf-8")
        seconds = [50.0, 40.0, 60.0, 70.0][len(calls) - 1]
        return {"slug": slug, "publish_one_s": seconds, "publish_one_cpu_s": seconds + 1,
                "publish_one_restore_s": seconds / 10}

    monkeypatch.setattr(run, "publish_one", publish_one)
    aside = tmp_path / "aside"
    figures = run.publish_median(tmp_path, tmp_path / "previous.tar", 7, 3, aside)
    assert calls == [aside, aside, aside, None]
    assert figures["publish_one_s"] == 50.0 and figures["publish_one_restore_s"] == 5.0
    assert figures["publish_one_runs_s"] == [50.0, 40.0, 60.0]
    assert figures["publish_one_after_deleting_s"] == 70.0
    assert figures["publish_one_after_deleting_restore_s"] == 7.0
    assert "slug" not in figures
    assert (articles / "article-7.md").is_file()  # the last run's article stays
    assert "after deleting" in run.table([{"articles": 10, **figures}])

    calls.clear()
    (articles / "article-7.md").unlink()
    (articles / "article-7.yml").unlink()
    figures = run.publish_median(tmp_path, tmp_path / "previous.tar", 7, 1)
    assert calls == [None] and "publish_one_after_deleting_s" not in figures
