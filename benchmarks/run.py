"""Measure the generator and the site builders on seeded synthetic corpora.

For each size: check+generate (cold) time and peak memory, pages written; the mkdocs build
time, site size, largest and median HTML page, search payload; how long the built site's
search takes to answer a query typed key by key in Chromium; one added article: the
regenerate time, files rewritten, and the time until `briefings serve` shows it (its preview
of the article's page) and serves the whole site with it (and how long serve takes to start
again, with the site it kept, and then shows an article saved with the new person it names in
people.yml); a person added to people.yml: the regenerate time, files rewritten; and the
ProperDocs and Zensical build times beside mkdocs when they are
installed (`make benchmark` installs them into .venv-builders/).

    python benchmarks/run.py                      # 1,000 and 10,000 articles
    python benchmarks/run.py --sizes 1000 --skip-serve --skip-search
    python benchmarks/run.py --search-only SITE   # the search answer of a site already built
    python benchmarks/run.py --baseline c32e68b   # before (that commit) and after, in one run

Writes benchmarks/results.json and benchmarks/results.md (the README's "Before and after"
table is taken from it; benchmarks/HISTORY.md keeps each run's account).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple

from make_corpus import (
    REPO,
    Vocabulary,
    country_names,
    date_precision,
    density,
    make_corpus,
    make_dense_article,
)

sys.path.insert(0, str(REPO))  # the tests' browser finder, so that both use the same browser
from tests.browser.chromium import find_chromium  # noqa: E402

HERE = Path(__file__).resolve().parent
BUILDERS = REPO / ".venv-builders" / "bin"
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class Run(NamedTuple):
    seconds: float  # wall clock
    memory_mb: int  # the process's peak
    output: str
    cpu_s: float  # user and system time, its children's included (mkdocs, Pagefind, forks)


def timed(command: list[str], cwd: Path, environment: dict[str, str] = ENVIRONMENT) -> Run:
    """How long a command took, on the clock and on the cores, its peak memory and its
    output."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    # wait4 counts the descendants the command waited for (Linux and macOS alike).
    return Run(seconds, usage.ru_maxrss // 1024, output, usage.ru_utime + usage.ru_stime)


def briefings(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "--project", str(project), *args]


def site_figures(site: Path) -> dict:
    pages = [path.stat().st_size for path in site.rglob("*.html")]
    bundle = site / "pagefind"  # Pagefind's files are compressed already
    payload = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    return {"site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
                             / 1e6, 1),
            "html_pages": len(pages), "largest_html_kb": round(max(pages) / 1e3, 1),
            "median_html_kb": round(statistics.median(pages) / 1e3, 1),
            "search_bundle_kb": round(payload / 1e3)}


# The search answer, read as a reader gets it: the Chromium the browser tests use
# (BRIEFINGS_CHROMIUM, else PATH), the site served over HTTP with the network held to
# 20 Mbit/s, the query typed key by key into the search box (Pagefind's, in Material's dialog).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEARCH_QUERIES = ["Tokayev", "Kazakhstan Turkey", "energy"]  # a person, two names, a common word
THROTTLE = {"offline": False, "latency": 20, "downloadThroughput": 20e6 / 8,
            "uploadThroughput": 20e6 / 8}  # 20 Mbit/s
KEY_DELAY_MS = 60
QUIET_MS = 1500  # the results count as shown once the list has not changed for this long

# Notes the time of every key press in the search box, and of every answer: a change of the
# result list that leaves results in it, or the note that nothing matches (a corpus may hold no
# page naming both words of a query).
WATCH_SEARCH = """() => {
  const input = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  window.__answers = [];
  window.__lastKey = 0;
  input.addEventListener('keydown', () => { window.__lastKey = performance.now(); });
  const answered = () => {
    if (list.children.length || /^No matching/.test(meta.textContent)) {
      window.__answers.push(performance.now());
    }
  };
  new MutationObserver(answered).observe(list, {childList: true});
  new MutationObserver(answered).observe(meta, {childList: true, characterData: true,
                                                subtree: true});
}"""
SETTLED = """quiet => {
  const after = window.__answers.filter(t => t >= window.__lastKey);
  return after.length > 0 && performance.now() - after[after.length - 1] > quiet;
}"""
ANSWER = """() => {
  const after = window.__answers.filter(t => t >= window.__lastKey);
  return (after[after.length - 1] - window.__lastKey) / 1000;
}"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name http.server uses
        pass


@contextmanager
def served(folder: Path):
    """A static HTTP server for a built site on 127.0.0.1 (a free port) while the block runs."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _search_answer(page, query: str) -> float:
    """Type the query key by key; seconds from the last key press until the result list shows
    the answer (the list's last change after that key, once it has stayed unchanged)."""
    page.fill("input.md-search__input", "")
    page.click("input.md-search__input")
    page.keyboard.type(query, delay=KEY_DELAY_MS)
    page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=300_000, polling=100)
    return page.evaluate(ANSWER)


def search_latency(site: Path) -> dict:
    """The search answer in Chromium: for the first query typed as soon as the page has loaded
    (it waits for the index to download and to be built in the browser), and the slowest of
    SEARCH_QUERIES once the index is ready."""
    from playwright.sync_api import sync_playwright

    chromium, problem = find_chromium()
    if chromium is None:
        raise SystemExit(problem)
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.context.new_cdp_session(page).send("Network.emulateNetworkConditions", THROTTLE)
            page.goto(f"{url}/articles/", wait_until="load")
            fetched: list[int] = []
            page.on("requestfinished", lambda request: fetched.append(
                request.sizes()["responseBodySize"]) if "/pagefind/" in request.url else None)
            page.evaluate(WATCH_SEARCH)
            first = _search_answer(page, SEARCH_QUERIES[0])
            first_kb = sum(fetched) / 1e3
            ready = [_search_answer(page, query) for query in SEARCH_QUERIES]
        finally:
            browser.close()
    return {"search_first_answer_s": round(first, 2), "search_answer_s": round(max(ready), 2),
            "search_first_query_kb": round(first_kb)}


def _new_article(number: int) -> tuple[str, str, str]:
    """The article a benchmark adds: as dense as the corpus's (and the sample's)."""
    import random

    return make_dense_article(number, random.Random(number), country_names(), Vocabulary())


def add_article(project: Path, number: int) -> str:
    slug, article, annotation = _new_article(number)
    folder = project / "content" / "articles"
    (folder / f"{slug}.md").write_text(article, encoding="utf-8")
    (folder / f"{slug}.yml").write_text(annotation, encoding="utf-8")
    return slug


def add_article_naming_a_newcomer(project: Path, number: int) -> str:
    """An article that names someone the entities do not know yet, saved with people.yml
    adding them, as an editor does: the article, its annotation, then the entity file."""
    slug, article, annotation = _new_article(number)
    ident, name = f"newcomer-{number}", f"Ada Newcomer {number}"
    article += f"\nThe talks were led by {name} for the host side.\n"
    annotation += f"people:\n  - id: {ident}\n    evidence: led by {name}\n"
    folder = project / "content" / "articles"
    (folder / f"{slug}.md").write_text(article, encoding="utf-8")
    (folder / f"{slug}.yml").write_text(annotation, encoding="utf-8")
    with (project / "content" / "entities" / "people.yml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n- id: {ident}\n  name: {name}\n  role: Envoy\n  country: KZ\n")
    return slug


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# An entry of the sample's people.yml the benchmark corrects, and the correction.
CORRECTED_PERSON = ("ilham-aliyev", "role: President of Azerbaijan",
                    "role: Head of State of Azerbaijan")


def serve_latency(project: Path, number: int, port: int | None = None,
                  newcomer: bool = False, correct: bool = False
                  ) -> tuple[float, float, float, float | None]:
    """Seconds from starting `briefings serve` until it serves the home page (its first
    build), from saving a new article until it serves that article's page (serve's preview
    of it), and until the whole site has it (the home page counts it); with ``correct``,
    then from saving people.yml alone with a person's role corrected until serve shows the
    person's page with it (None without). ``port``: the same as last time, for serve to
    find the site it kept (its address is part of it). ``newcomer``: the article names a
    new person, saved with people.yml."""
    port = port or free_port()
    server = subprocess.Popen(briefings(project, "--quiet", "serve", "--port", str(port)),
                              env=ENVIRONMENT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)

    def answers(path: str, holding: str = "") -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as reply:
                return reply.status == 200 and holding in reply.read().decode("utf-8")
        except OSError:
            return False

    try:
        began = time.monotonic()
        deadline = began + 3600
        while not answers("/") and time.monotonic() < deadline:
            time.sleep(0.5)
        up = time.monotonic() - began
        time.sleep(3)  # let the first build settle before the change
        slug = (add_article_naming_a_newcomer if newcomer else add_article)(project, number)
        started = time.monotonic()
        while not answers(f"/articles/{slug}/"):
            if time.monotonic() - started > 600:
                return up, float("inf"), float("inf")
            time.sleep(0.1)
        shown = time.monotonic() - started
        counted = f"<strong>{len(list((project / 'content' / 'articles').glob('*.md')))}" \
                  "</strong> articles"
        while not answers("/", counted):
            if time.monotonic() - started > 600:
                return up, shown, float("inf"), None
            time.sleep(0.1)
        whole = time.monotonic() - started
        if not correct:
            return up, shown, whole, None
        ident, old, new = CORRECTED_PERSON
        people = project / "content" / "entities" / "people.yml"
        text = people.read_text(encoding="utf-8")
        if old not in text:
            return up, shown, whole, float("inf")
        time.sleep(3)  # let the rebuild after the regeneration settle
        people.write_text(text.replace(old, new, 1), encoding="utf-8")
        started = time.monotonic()
        while not answers(f"/people/{ident}/", new.split(": ", 1)[1]):
            if time.monotonic() - started > 600:
                return up, shown, whole, float("inf")
            time.sleep(0.1)
        return up, shown, whole, time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=300)  # it stops mkdocs and waits for it (a rebuild may be running)


def other_builders(project: Path, properdocs: bool, zensical: bool = True) -> dict:
    results = {}
    if properdocs and (BUILDERS / "properdocs").exists():
        seconds = timed([str(BUILDERS / "properdocs"), "build", "--strict", "--quiet",
                         "-d", str(project / "build" / "site-properdocs")], project).seconds
        results["properdocs_build_s"] = round(seconds, 1)
    if zensical and (BUILDERS / "zensical").exists():
        results["zensical_build_s"] = round(zensical_build(project), 1)
    return results


def zensical_build(project: Path) -> float:
    """Seconds for Zensical to build the generated site as scripts/build-with-zensical does:
    from the configuration briefings built with (the editors' pages in its nav), into a
    folder of its own (Zensical writes to site_dir and has no option to change it)."""
    built = project / ".briefings-mkdocs.yml"
    config = built.read_text(encoding="utf-8") if built.is_file() else "INHERIT: mkdocs.yml\n"
    own = project / ".zensical.yml"
    own.write_text(config + "\nsite_dir: build/site-zensical\n", encoding="utf-8")
    try:
        return timed([str(BUILDERS / "zensical"), "build", "--clean", "-f", own.name],
                     project).seconds
    finally:
        own.unlink()


def phases(output: str) -> dict[str, float]:
    """The seconds of each phase a verbose briefings run printed ("planning pages: 2.31 s")."""
    return {name: float(seconds) for name, seconds
            in re.findall(r"^([a-zA-Z][\w ,+()-]*?): (?:\d+ in )?(\d+\.\d+) s$", output,
                                      re.MULTILINE)}


def _compression() -> list[str]:
    """zstd, as actions/cache uses where the runner has it."""
    return ["--zstd"] if shutil.which("zstd") else []


# Where the publish workflow keeps the site between builds (its SITE_ARCHIVE).
SITE_ARCHIVE = "previous-site.tar.zst"


def save_build(build: Path, archive: Path) -> None:
    """What the publish workflow's cache keeps of a build (see .github/workflows/publish.yml):
    the Markdown without the data downloads, the article cache, the page plans and the
    site's archive (written by the build), as actions/cache stores them (a tar archive)."""
    subprocess.run(["tar", "--posix", *_compression(), "-cf", str(archive),
                    "--exclude=./docs/data", "-C", str(build), "./docs", "./.briefings-cache",
                    "./.briefings-plans.json", f"./{SITE_ARCHIVE}"], check=True)


def publish_one(project: Path, previous: Path, number: int,
                set_aside: Path | None = None) -> dict:
    """What the publish workflow does for one new article: restore the previous build (its
    Markdown, article cache and the site's archive) from the cache's archive, add the
    article, then generate, build only the pages that changed and index search again
    (briefings build --incremental --site-archive, which unpacks the site meanwhile). The
    time is until the site is ready to deploy: writing the site's archive for the next
    build, after that, is reported on its own.

    A fresh runner has no build folder. The one in place is moved into ``set_aside`` (for
    the caller to delete once every figure is taken) rather than deleted here: on a disk
    whose ext4 keeps no journal, as this machine's, ext4 steps over every inode freed in the
    last minutes, one by one, each time it creates a file, and deleting a build's 55,000
    files just before restoring made the restore 2-4 times slower (5 s five minutes after a
    deletion, 13 s right after it) and the unpacking beside the build as slow, a cost no
    fresh runner pays. Without ``set_aside`` it is deleted first."""
    build = project / "build"
    if set_aside is not None and build.exists():
        set_aside.mkdir(parents=True, exist_ok=True)
        build.rename(set_aside / f"build-{sum(1 for _ in set_aside.iterdir()) + 1}")
    else:
        shutil.rmtree(build, ignore_errors=True)
    build.mkdir()
    os.sync()  # the disk's backlog of earlier writes is not the restore's
    restore = timed(["tar", *_compression(), "-xf", str(previous), "-C", str(build)], build)
    slug = add_article(project, number)
    seconds, memory, output, cpu = timed(briefings(project, "-v", "build", "--incremental",
                                                   "--site-archive", str(build / SITE_ARCHIVE)),
                                         project)
    steps = phases(output)
    archiving = steps.get("archiving the site for the next build", 0.0)
    return {"slug": slug, "publish_one_s": round(restore.seconds + seconds - archiving, 1),
            # The build's alone: tar's system time grows with the disk's stalls (18-32 s).
            "publish_one_cpu_s": round(cpu, 1),
            "publish_one_peak_mb": memory,
            "publish_one_restore_s": round(restore.seconds, 1),
            "publish_one_cache_mb": round(previous.stat().st_size / 1e6),
            "publish_one_unpack_wait_s": steps.get("waiting for the previous site to unpack"),
            "publish_one_mkdocs_s": steps.get("mkdocs build --dirty"),
            "publish_one_pagefind_s": steps.get("indexing search with Pagefind"),
            "publish_one_archive_s": archiving,
            "publish_one_steps": steps}


def publish_median(project: Path, previous: Path, number: int, runs: int,
                   set_aside: Path | None = None) -> dict:
    """publish_one ``runs`` times from the same cache, the figures of the median run, and
    every run's whole time: on a machine whose disk writes back in bursts one publish can
    take a quarter longer or shorter than the next. Each run but the last takes its article
    out again, so every run adds the same article to the same corpus. ``set_aside``: where
    each run moves the build it replaces (see publish_one); then one more run deletes it
    just before restoring, as a runner that cleans its own workspace first would, and its
    time is given on its own."""
    results = []
    measured = runs + (set_aside is not None)
    for run in range(measured):
        result = publish_one(project, previous, number, set_aside if run < runs else None)
        if run < measured - 1:
            for suffix in ("md", "yml"):
                (project / "content" / "articles" / f"{result['slug']}.{suffix}").unlink()
        results.append(result)
    after_deleting = results[runs:]
    results = results[:runs]
    median = sorted(results, key=lambda result: result["publish_one_s"])[(runs - 1) // 2]
    median = {key: value for key, value in median.items() if key != "slug"}
    figures = {**median, "publish_one_runs_s": [result["publish_one_s"] for result in results],
               "publish_one_runs_cpu_s": [result["publish_one_cpu_s"] for result in results]}
    for result in after_deleting:
        figures["publish_one_after_deleting_s"] = result["publish_one_s"]
        figures["publish_one_after_deleting_restore_s"] = result["publish_one_restore_s"]
    return figures


def _git(*args: str) -> str:
    # Trailing space only: a line of `git status --porcelain` starts with a space.
    return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True,
                          text=True).stdout.rstrip()


def changed_besides_results(status: str) -> bool:
    """Whether `git status --porcelain` lists a change other than to the results files."""
    return any(not line[3:].startswith("benchmarks/results.") for line in status.splitlines())


def code_measured() -> str:
    """The commit of the code this run measures, "+" when the working tree differs from it
    (the results files aside)."""
    changed = changed_besides_results(_git("status", "--porcelain", "--untracked-files=no"))
    return _git("rev-parse", "--short", "HEAD") + ("+" if changed else "")


def generated_cold(project: Path, environment: dict[str, str] = ENVIRONMENT) -> dict:
    """Check and generate a new project, with no cache: time, peak memory, phases."""
    seconds, memory, output, _ = timed(briefings(project, "-v", "generate"), project,
                                       environment)
    return {"generate_s": round(seconds, 1), "generate_peak_mb": memory,
            "generate_steps": phases(output)}


def regenerated_one(project: Path, number: int,
                    environment: dict[str, str] = ENVIRONMENT) -> dict:
    """Add one article to a generated project and generate again: time, files rewritten."""
    add_article(project, number)
    return _generated_again(project, environment, "add_one")


def _generated_again(project: Path, environment: dict[str, str], name: str) -> dict:
    """Generate a project again after a change (``name`` says which): time, files rewritten,
    phases."""
    seconds, _, output, _ = timed(briefings(project, "-v", "generate"), project, environment)
    changed = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", output)
    return {f"{name}_regenerate_s": round(seconds, 1),
            f"{name}_files_rewritten": sum(int(n) for n in changed.groups()) if changed else None,
            f"{name}_steps": phases(output)}


def person_added(project: Path, environment: dict[str, str] = ENVIRONMENT) -> dict:
    """An editor adds a person to content/entities/people.yml (as for an article that names
    someone new) and generates again: time, files rewritten. Every page and every article's
    check depends on the entity files."""
    people = project / "content" / "entities" / "people.yml"
    with people.open("a", encoding="utf-8") as stream:
        stream.write("\n- id: benchmark-newcomer\n  name: Ada Newcomer\n"
                     "  role: Minister of Foreign Affairs of Kazakhstan\n  country: KZ\n")
    return _generated_again(project, environment, "person_added")


class Baseline:
    """The code of an earlier commit, checked out beside the corpora and measured on the same
    articles in the same run as the code under test: cold generate, one article added, one
    person added. This machine's speed drifts by a tenth from one day to the next, so
    figures from two runs compare only roughly; before and after from one run compare
    exactly."""

    def __init__(self, ref: str, folder: Path):
        self.commit = _git("rev-parse", "--short", f"{ref}^{{commit}}")
        self.checkout = folder / f"code-{self.commit}"
        _git("worktree", "add", "--detach", "--quiet", str(self.checkout), self.commit)
        # The same interpreter and libraries; the checkout's generator package comes first.
        self.environment = {**ENVIRONMENT, "PYTHONPATH": str(self.checkout)}

    def remove(self) -> None:
        _git("worktree", "remove", "--force", str(self.checkout))

    def project(self, count: int, folder: Path) -> Path:
        """The corpus of ``count`` articles with the baseline's configuration, templates and
        entities (the same articles as the code under test gets)."""
        project = folder / f"corpus-{count}-at-{self.commit}"
        make_corpus(count, project, code=self.checkout)
        return project

    def cold(self, project: Path) -> dict:
        return {"code": self.commit, **generated_cold(project, self.environment)}

    def add_one(self, project: Path, number: int) -> dict:
        """As the code under test meets it: the article before it added and generated (the
        publish left it there), then this one."""
        regenerated_one(project, number - 1, self.environment)
        return regenerated_one(project, number, self.environment)

    def person_added(self, project: Path) -> dict:
        return person_added(project, self.environment)


def measure(count: int, folder: Path, skip_serve: bool, skip_search: bool,
            properdocs: bool, zensical: bool = True, publish_runs: int = 3,
            baseline: Baseline | None = None) -> dict:
    project = folder / f"corpus-{count}"
    make_corpus(count, project)
    if baseline:  # measured just before the code under test, on the same articles
        before_project = baseline.project(count, folder)
        before = baseline.cold(before_project)
    row = {"articles": count, "code": code_measured(), **generated_cold(project),
           "pages_written": sum(1 for _ in (project / "build" / "docs").rglob("*.md")),
           "density": density(project / "content" / "articles"),
           "dates": date_precision(project / "content" / "articles")}
    # The whole site, cold, as the publish workflow builds it the first time (the Markdown is
    # there already, so this is mkdocs and Pagefind, plus a check that reuses every article).
    seconds, _, output, _ = timed(briefings(project, "-v", "build", "--site-archive",
                                            str(project / "build" / SITE_ARCHIVE)), project)
    steps = phases(output)
    # Writing the archive for the publishes below is not part of building the site.
    row["build_s"] = round(seconds - steps.get("archiving the site for the next build", 0.0), 1)
    row["mkdocs_build_s"] = steps.get("mkdocs build")
    row["pagefind_s"] = steps.get("indexing search with Pagefind")
    site = project / "build" / "site"
    row.update(site_figures(site))
    if not skip_search:
        row.update(search_latency(site))
    previous = folder / f"previous-{count}.tar"
    save_build(project / "build", previous)
    # The builds the publishes replace are deleted last, when no figure is left to take.
    set_aside = folder / f"set-aside-{count}"
    row.update(publish_median(project, previous, count + 1, publish_runs, set_aside))
    previous.unlink()
    if baseline:
        before.update(baseline.add_one(before_project, count + 2))
        before.update(baseline.person_added(before_project))
        shutil.rmtree(before_project)
        row["baseline"] = before
    row.update(regenerated_one(project, count + 2))
    row.update(person_added(project))
    if not skip_serve:
        port = free_port()
        up, shown, whole, _ = serve_latency(project, count + 3, port)
        row["serve_up_s"], row["add_one_serve_s"] = round(up, 1), round(shown, 1)
        row["add_one_serve_whole_s"] = round(whole, 1)
        # Started again: it finds the site it kept, and the article added since; then an
        # article naming a new person, saved with people.yml; then people.yml saved alone.
        up, shown, whole, corrected = serve_latency(project, count + 4, port, newcomer=True,
                                                    correct=True)
        row["serve_again_s"], row["add_person_serve_s"] = round(up, 1), round(shown, 1)
        row["add_person_serve_whole_s"] = round(whole, 1)
        row["entity_edit_serve_s"] = round(corrected, 1)
    row.update(other_builders(project, properdocs, zensical))
    remove_measured(project)
    shutil.rmtree(set_aside, ignore_errors=True)
    return row


def remove_measured(project: Path) -> None:
    """Remove a measured corpus; its figures are taken, so a file still being written there
    (by a process a stopped serve left behind) is said, not fatal to the whole run."""
    shutil.rmtree(project, ignore_errors=True)
    if project.exists():
        print(f"warning: {project} could not be removed entirely: a process left behind "
              "by serve may still be writing there", file=sys.stderr, flush=True)


def table(rows: list[dict]) -> str:
    columns = [("articles", "articles"), ("generate_s", "check+generate (s)"),
               ("generate_peak_mb", "peak memory (MB)"), ("pages_written", "pages"),
               ("build_s", "whole site, cold (s)"), ("mkdocs_build_s", "mkdocs build (s)"),
               ("properdocs_build_s", "ProperDocs (s)"),
               ("zensical_build_s", "Zensical (s)"), ("site_mb", "site (MB)"),
               ("median_html_kb", "median page (KB)"), ("largest_html_kb", "largest page (KB)"),
               ("search_index_gzip_kb", "search index, gzip (KB)"),
               ("pagefind_s", "Pagefind index (s)"), ("search_bundle_kb", "search files (KB)"),
               ("search_first_query_kb", "first query fetches (KB)"),
               ("search_first_answer_s", "search: first answer (s)"),
               ("search_answer_s", "search answer (s)"),
               ("add_one_regenerate_s", "+1 article: regenerate (s)"),
               ("add_one_files_rewritten", "+1 article: files rewritten"),
               ("person_added_regenerate_s", "+1 person in people.yml: regenerate (s)"),
               ("person_added_files_rewritten", "+1 person: files rewritten"),
               ("serve_up_s", "serve: first build (s)"),
               ("serve_again_s", "serve: next start (s)"),
               ("add_one_serve_s", "+1 article: shown by serve (s)"),
               ("add_one_serve_whole_s", "+1 article: whole site served (s)"),
               ("add_person_serve_s", "+1 article naming a new person: shown by serve (s)"),
               ("add_person_serve_whole_s", "+1 article and person: whole site served (s)"),
               ("entity_edit_serve_s", "people.yml saved alone: shown by serve (s)"),
               ("publish_one_s", "+1 article: published, median (s)"),
               ("publish_one_runs_s", "published, each run (s)"),
               ("publish_one_runs_cpu_s", "published, each run: CPU time of the build (s)"),
               ("publish_one_cache_mb", "cache restored (MB)"),
               ("publish_one_restore_s", "of which restoring (s)"),
               ("publish_one_unpack_wait_s", "of which waiting for the site's archive (s)"),
               ("publish_one_mkdocs_s", "of which mkdocs --dirty (s)"),
               ("publish_one_pagefind_s", "of which Pagefind (s)"),
               ("publish_one_archive_s", "then archiving the site for the next (s)"),
               ("publish_one_after_deleting_s",
                "+1 article published right after deleting the last build (s)"),
               ("publish_one_after_deleting_restore_s", "of which restoring (s)")]
    shown = []
    for row in rows:
        # A size measured beside a baseline: the baseline's row first, each named by its code.
        if "baseline" in row:
            before = row["baseline"]
            shown.append({**before, "articles": f"{row['articles']:,} at {before['code']}"})
            row = {**row, "articles": f"{row['articles']:,} at {row.get('code', '?')}"}
        shown.append(row)
    present = [(key, label) for key, label in columns if any(key in row for row in shown)]
    lines = ["| " + " | ".join(label for _, label in present) + " |",
             "|" + "---|" * len(present)]
    for row in shown:
        lines.append("| " + " | ".join(_cell(row.get(key)) for key, _ in present) + " |")
    return "\n".join(lines)


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return " / ".join(_cell(item) for item in value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--skip-serve", action="store_true", help="skip the serve latency")
    parser.add_argument("--skip-search", action="store_true",
                        help="skip the search answer in Chromium")
    parser.add_argument("--properdocs", action="store_true",
                        help="also time ProperDocs (a drop-in fork of mkdocs: the same work)")
    parser.add_argument("--skip-zensical", action="store_true", help="do not time Zensical")
    parser.add_argument("--publish-runs", type=int, default=3, metavar="N",
                        help="publish one article N times from the same cache and report the "
                             "median run (default 3)")
    parser.add_argument("--keep-other-sizes", action="store_true",
                        help="keep the rows of results.json for sizes not measured in this run "
                             "(to measure sizes in separate runs, with different options)")
    parser.add_argument("--baseline", metavar="COMMIT",
                        help="also measure check+generate, one added article and one added "
                             "person with the code at COMMIT (a git worktree), on the same "
                             "articles in the same run")
    parser.add_argument("--search-only", type=Path, metavar="SITE",
                        help="only measure the search answer of an already built site folder")
    args = parser.parse_args()
    if args.search_only or not args.skip_search:
        chromium, problem = find_chromium()
        if chromium is None:
            parser.error(f"the search answer is measured in Chromium: {problem}; or pass "
                         "--skip-search")
    if args.search_only:
        print(json.dumps(search_latency(args.search_only)))
        return
    machine = (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
               f"Python {platform.python_version()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefings-bench-") as folder:
        try:
            baseline = Baseline(args.baseline, Path(folder)) if args.baseline else None
        except subprocess.CalledProcessError as error:
            parser.error(f"--baseline {args.baseline}: {error.stderr.strip() or error}")
        try:
            for count in args.sizes:
                print(f"measuring {count} articles...", flush=True)
                rows.append(measure(count, Path(folder), args.skip_serve, args.skip_search,
                                    args.properdocs, not args.skip_zensical,
                                    max(1, args.publish_runs), baseline))
                print(json.dumps(rows[-1]), flush=True)
        finally:
            if baseline:
                baseline.remove()
    if args.keep_other_sizes and (HERE / "results.json").is_file():
        earlier = json.loads((HERE / "results.json").read_text(encoding="utf-8"))["rows"]
        rows = sorted([row for row in earlier if row["articles"] not in args.sizes] + rows,
                      key=lambda row: row["articles"])
    (HERE / "results.json").write_text(json.dumps({"machine": machine, "rows": rows},
                                                  indent=1) + "\n", encoding="utf-8")
    sample = density(REPO / "content" / "articles")
    corpus = rows[0]["density"]
    text = (f"Machine: {machine}.\n\nCorpus per article (paragraphs, relations, events, figures, "
            f"quotes): {', '.join(str(corpus[k]) for k in sample)}; the sample content: "
            f"{', '.join(str(sample[k]) for k in sample)}.\n\n"
            f"{_dates_line(rows, date_precision(REPO / 'content' / 'articles'))}{table(rows)}\n")
    (HERE / "results.md").write_text(text, encoding="utf-8")
    print(text)


def _dates_line(rows: list[dict], sample: dict[str, int]) -> str:
    """How precisely the corpus dates events and figures, beside the sample (rows kept from a
    run before this was recorded have none)."""
    made = next((row["dates"] for row in rows if "dates" in row), None)
    if made is None:
        return ""
    return (f"Dates, in per cent ({', '.join(sample)}): "
            f"{', '.join(str(made.get(k, '–')) for k in sample)}; the sample: "
            f"{', '.join(str(v) for v in sample.values())}.\n\n")


if __name__ == "__main__":
    main()
