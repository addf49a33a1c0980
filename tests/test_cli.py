"""The command line as a user meets it: help, exit codes, and serve's regeneration."""

from __future__ import annotations

import gc
import gzip
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.cli import build_parser


@pytest.mark.parametrize("command", ["check", "generate", "build", "serve"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([command, "--help"])
    assert exit_info.value.code == 0
    assert f"briefings {command}" in capsys.readouterr().out


# Every global option, with the arguments each command needs besides it.
GLOBAL_OPTIONS = [["--project", "elsewhere"], ["-q"], ["--quiet"], ["-v"], ["--verbose"]]
COMMAND_ARGUMENTS = {"check": [], "generate": [], "build": [], "serve": [],
                     "new": ["saved.html"], "schema": []}


@pytest.mark.parametrize("option", GLOBAL_OPTIONS, ids=lambda option: option[0])
@pytest.mark.parametrize("command", list(COMMAND_ARGUMENTS))
def test_a_global_option_means_the_same_before_and_after_the_command(command, option):
    rest = COMMAND_ARGUMENTS[command]
    before = build_parser().parse_args([*option, command, *rest])
    after = build_parser().parse_args([command, *rest, *option])
    plain = build_parser().parse_args([command, *rest])
    assert vars(after) == vars(before)
    assert vars(after) != vars(plain)  # the option was not lost


def test_quiet_and_verbose_together_are_refused_in_any_position(capsys):
    for arguments in (["-q", "check", "-v"], ["check", "-q", "-v"], ["-v", "check", "--quiet"]):
        with pytest.raises(SystemExit) as exit_info:
            build_parser().parse_args(arguments)
        assert exit_info.value.code == 2
        assert "not allowed with" in capsys.readouterr().err


def test_generate_dash_q_after_the_command_is_quiet(small_project, capsys):
    from generator.cli import main

    assert main(["generate", "-q", "--project", str(small_project)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert (small_project / "build" / "docs" / "articles" / "2025-test.md").exists()
    assert main(["--project", str(small_project), "generate"]) == 0
    assert "generated build/docs" in capsys.readouterr().out


def test_python_m_generator_runs_the_same_cli(small_project):
    result = subprocess.run([sys.executable, "-m", "generator", "--project", str(small_project),
                             "check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok:")


def test_missing_project_is_a_clear_error(tmp_path, run):
    result = run(tmp_path, "check")
    assert result.code == 2
    assert "mkdocs.yml: not found" in result.err


@pytest.mark.parametrize(("text", "said"), [
    ("site_name: Briefings\ntheme:\n  name: material\n - features: []\n",
     "mkdocs.yml:4: invalid YAML: expected <block end>, but found '<block sequence start>'"),
    ("site_name: \"Briefings\ntheme: material\n",
     "mkdocs.yml:1: invalid YAML: found unexpected end of stream (while scanning a quoted "
     "scalar) (close the quotes that were opened)"),
    ("site_name: Briefings\n\ttheme: material\n", "(indent with spaces, not tabs)"),
    ("- site_name: Briefings\n", "mkdocs.yml: not a mapping of settings"),
    ("site_name: Caf\xe9\n".encode("latin-1"), "mkdocs.yml: the file is not UTF-8 text"),
])
def test_a_broken_mkdocs_yml_is_named_at_its_line(small_project, run, text, said):
    """Every command reads mkdocs.yml first: a mistake in it is one line naming the file and
    where (not a parser's dump of the text), and nothing is written."""
    config = small_project / "mkdocs.yml"
    if isinstance(text, bytes):
        config.write_bytes(text)
    else:
        config.write_text(text, encoding="utf-8")
    result = run(small_project, "generate")
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.count("error:") == 1 and said in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert str(small_project) not in result.err
    assert not (small_project / "build").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    return None


def stop(process: subprocess.Popen) -> None:
    """Stop serve and the mkdocs it started: its whole process group on POSIX systems, its
    process tree on Windows, which has no process groups."""
    if hasattr(os, "killpg"):
        os.killpg(process.pid, signal.SIGTERM)
    else:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], check=False,
                       capture_output=True)


def _start_serve(project, port: int, environment: dict) -> subprocess.Popen:
    """briefings serve in a session of its own (so that stop() ends mkdocs with it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--project", str(project), "serve", "--port",
         str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment,
        start_new_session=True)


def _indexed(site: Path, text: str) -> bool:
    """Whether the search index of the site serve keeps in ``site`` has a page holding
    ``text``: Pagefind's fragments are gzip-compressed JSON (after a signature), one per page."""
    return any(text in gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
               for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"))


def _files(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("shared", [False, True], ids=["one-core", "first-build-shared"])
def test_serve_regenerates_when_an_article_is_saved(small_project, shared, tmp_path):
    content_before = _files(small_project / "content")
    port = _free_port()
    temporary = tmp_path / "temporary"  # where mkdocs serve builds the site it serves
    temporary.mkdir()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    if shared:  # the first build shared out over two mkdocs, as on a large site
        environment.update(BRIEFINGS_WORKERS="2", BRIEFINGS_PAGES_PER_MKDOCS="1")
    server = _start_serve(small_project, port, environment)
    try:
        url = f"http://127.0.0.1:{port}/articles/2025-test/"
        assert _wait_for(lambda: "went to Ankara" in _fetch(url), 60), "serve did not start"
        # Built for serve's address, whichever process built it.
        assert f'<link rel="canonical" href="{url}">' in _fetch(url)
        article = small_project / "content" / "articles" / "2025-test.md"
        article.write_text(article.read_text().replace("went to Ankara", "travelled to Astana"))
        annotation = small_project / "content" / "articles" / "2025-test.yml"
        annotation.write_text(annotation.read_text().replace("went to Ankara", "travelled to Astana"))
        assert _wait_for(lambda: "travelled to Astana" in _fetch(url), 30), "no regeneration"
        # Search works in serve too: Pagefind indexes the served site again after each build,
        # and serve serves the index.
        served = small_project / "build" / ".briefings-serve-site"
        assert _wait_for(lambda: _indexed(served, "travelled to Astana"), 60), "not indexed"
        assert not _indexed(served, "went to Ankara")
        assert '"page_count":' in _fetch(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json")
        # The checked article is saved in the cache too, once mkdocs has been told to rebuild.
        cache = small_project / "build" / ".briefings-cache"
        assert _wait_for(lambda: "travelled to Astana" in cache.read_text(encoding="utf-8"), 30)
    finally:
        stop(server)
        server.wait(timeout=30)
    if hasattr(os, "killpg"):  # serve waited for its mkdocs: nothing holds the port any more
        with pytest.raises(ProcessLookupError):
            os.killpg(server.pid, 0)
    said = server.stdout.read().decode("utf-8", "replace")
    assert ("building the site on 2 cores first" in said) is shared, said
    # The site it served is kept beside the docs folder for the next start, never left in the
    # system's temporary folder (1.5 GB at ten thousand articles).
    assert not list(temporary.glob("mkdocs_*")), list(temporary.iterdir())
    assert "travelled to Astana" in (small_project / "build" / ".briefings-serve-site" /
                                     "articles" / "2025-test" / "index.html").read_text()
    assert "Traceback" not in said and "contains a link" not in said, said
    # The pages left out of the nav on purpose are not listed on every build (a line each).
    assert "not included in the" not in said, said
    # Its first build and, for each burst of saved files, one for the preview of the saved
    # article and one after the regeneration: mkdocs does not rebuild on its own writes (the
    # site it keeps is outside the folder it watches).
    assert said.count("Building documentation") <= 5, said.count("Building documentation")
    # serve writes nothing into content/: the two saved files are the only change there
    content_after = _files(small_project / "content")
    assert content_after.keys() == content_before.keys()
    assert {name for name in content_after if content_after[name] != content_before[name]} == \
        {"articles/2025-test.md", "articles/2025-test.yml"}


@pytest.mark.parametrize("setting", ["site_name", "site_url"])
def test_serve_regenerates_with_the_site_settings_mkdocs_yml_has_now(small_project, setting,
                                                                      monkeypatch):
    """Saving mkdocs.yml restarts serve's mkdocs and regenerates: the pages' metadata and the
    feeds follow the saved name and address, as a fresh generate's do."""
    from generator import serve as serving
    from generator.cli import main

    config = small_project / "mkdocs.yml"
    saved = {"site_name": "site_name: Neighbourhood Weekly",
             "site_url": 'site_url: !ENV [SITE_URL, "https://weekly.example.net/briefs/"]'}
    monkeypatch.delenv("SITE_URL", raising=False)

    def serve_one_saved_config(project, port, regenerate, *rest):
        lines = [saved[setting] if line.startswith(f"{setting}: ") else line
                 for line in config.read_text(encoding="utf-8").split("\n")]
        config.write_text("\n".join(lines), encoding="utf-8")
        regenerate()  # as serve does once mkdocs.yml is saved
        return 0

    monkeypatch.setattr(serving, "serve", serve_one_saved_config)
    assert main(["--project", str(small_project), "--quiet", "serve"]) == 0
    docs = small_project / "build" / "docs"
    page = (docs / "articles" / "2025-test.md").read_text(encoding="utf-8")
    feed = (docs / "feed.xml").read_text(encoding="utf-8")
    if setting == "site_name":
        assert '\\"name\\":\\"Neighbourhood Weekly\\"' in page, page[:600]
        assert "European Neighbourhood Briefings" not in page
    else:
        assert "https://weekly.example.net/briefs/articles/2025-test/" in feed
        assert "briefings.example.org" not in feed + page
    # A cold generate of the project as saved writes the same pages (serve leaves the data
    # downloads as its first generate made them: generate and build bring them up to date).
    from tests.incremental_fuzz import _without_data

    regenerated = _without_data(_files(docs))
    shutil.rmtree(small_project / "build")
    assert main(["--project", str(small_project), "--quiet", "generate"]) == 0
    assert _without_data(_files(docs)) == regenerated


def test_serve_says_once_that_a_moved_docs_folder_needs_a_restart(small_project, monkeypatch,
                                                                    capsys):
    from generator import serve as serving
    from generator.cli import main

    config = small_project / "mkdocs.yml"

    def serve_with_docs_dir_moved(project, port, regenerate, *rest):
        config.write_text(config.read_text(encoding="utf-8").replace(
            "docs_dir: build/docs", "docs_dir: build/elsewhere"), encoding="utf-8")
        assert regenerate() and regenerate()  # two saves: both regenerate the docs folder
        return 0

    monkeypatch.setattr(serving, "serve", serve_with_docs_dir_moved)
    assert main(["--project", str(small_project), "--quiet", "serve"]) == 0
    said = capsys.readouterr().err
    assert said.count("docs_dir or site_dir changed in mkdocs.yml") == 1, said
    assert "restart it" in said
    assert (small_project / "build" / "docs" / "articles" / "2025-test.md").is_file()
    assert not (small_project / "build" / "elsewhere").exists()


def test_serve_reports_a_broken_mkdocs_yml_and_regenerates_once_it_is_mended(small_project,
                                                                              monkeypatch,
                                                                              capsys):
    """A saved mkdocs.yml that cannot be read fails that regeneration with the file named and
    the docs folder as it was; serve goes on, and the next save regenerates."""
    from generator import serve as serving
    from generator.cli import main

    config = small_project / "mkdocs.yml"
    docs = small_project / "build" / "docs"
    good = config.read_text(encoding="utf-8")

    def serve_a_broken_then_mended_config(project, port, regenerate, *rest):
        before = _files(docs)
        config.write_text(good.replace("site_name: ", "site_name: [unclosed "),
                          encoding="utf-8")
        assert serving._quietly(regenerate) is None  # as serve runs it: reported, not raised
        assert _files(docs) == before
        config.write_text(good.replace("site_name: European", "site_name: Mended European"),
                          encoding="utf-8")
        assert serving._quietly(regenerate)
        return 0

    monkeypatch.setattr(serving, "serve", serve_a_broken_then_mended_config)
    assert main(["--project", str(small_project), "--quiet", "serve"]) == 0
    said = capsys.readouterr().err
    assert said.count("mkdocs.yml:1: invalid YAML") == 1, said
    assert "Traceback" not in said
    assert "Mended European" in (docs / "articles" / "2025-test.md").read_text(encoding="utf-8")


def test_serve_has_mkdocs_watch_the_signal_not_the_docs_folder(tmp_path, monkeypatch):
    """mkdocs serve polls what it watches; at ten thousand articles polling the docs folder
    kept a core busy. It watches the folder briefings serve signals in instead, and the
    other folders it watches stay as they are."""
    from mkdocs.livereload import LiveReloadServer

    from generator.engine.mkdocs_runner import rebuild_on_signal

    monkeypatch.setattr(LiveReloadServer, "watch", LiveReloadServer.watch)  # undone after
    monkeypatch.setattr(logging.getLogger("mkdocs.structure.pages"), "filters", [])
    docs, signal_folder, theme = tmp_path / "docs", tmp_path / "signal", tmp_path / "theme"
    docs.mkdir()
    theme.mkdir()
    rebuild_on_signal(str(docs), str(signal_folder))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path / "site"))
    try:
        server.watch(str(docs))
        server.watch(str(theme))
        assert set(server._watched_paths) == {str(signal_folder), str(theme)}
        assert signal_folder.is_dir()
    finally:
        server.server_close()


def test_serve_starts_with_its_signal_saying_the_docs_are_complete(small_project):
    """A serve stopped during a regeneration leaves its signal saying "underway"; the next
    one starts after a generate, and mkdocs must report links to missing pages again."""
    from generator.build import load_project
    from generator.engine.mkdocs_runner import SIGNAL_FILE, UNDERWAY
    from generator.serve import signal_complete_at_start, signal_folder, signal_regenerated

    project = load_project(small_project)
    signal_complete_at_start(project)  # none yet: none made
    assert not (signal_folder(project) / SIGNAL_FILE).exists()
    signal_regenerated(project, 3, underway=True)
    assert UNDERWAY in (signal_folder(project) / SIGNAL_FILE).read_text(encoding="utf-8")
    signal_complete_at_start(project)
    assert UNDERWAY not in (signal_folder(project) / SIGNAL_FILE).read_text(encoding="utf-8")


def test_main_leaves_the_collector_as_it_found_it(small_project, run):
    """The collector's thresholds are process-wide: a build tunes them for itself only."""
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's defaults, whatever ran in this process before
    try:
        assert run(small_project, "check").code == 0
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def _serve_until_it_answers(project, port: int, environment: dict) -> str:
    """Start serve, wait until it serves the article's page, stop it; what it said."""
    server = _start_serve(project, port, environment)
    try:
        url = f"http://127.0.0.1:{port}/articles/2025-test/"
        assert _wait_for(lambda: "went to Ankara" in _fetch(url), 60), "serve did not start"
    finally:
        stop(server)
        server.wait(timeout=10)
    said = server.stdout.read().decode("utf-8", "replace")
    assert "Traceback" not in said, said
    return said


def test_a_new_start_of_serve_renders_only_what_changed_since_the_last(small_project,
                                                                        tmp_path):
    """At ten thousand articles serve's first build takes ten minutes; the site it served is
    kept, so the next start renders only the pages whose Markdown changed, and removes what
    the site no longer has."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp_path)}
    port = _free_port()
    _serve_until_it_answers(small_project, port, environment)
    site = small_project / "build" / ".briefings-serve-site"
    page, home = site / "articles" / "2025-test" / "index.html", site / "index.html"
    built = page.stat().st_mtime_ns, home.stat().st_mtime_ns
    stale = site / "articles" / "gone" / "index.html"  # a page no longer made
    stale.parent.mkdir()
    stale.write_text("<p>an article since removed</p>", encoding="utf-8")
    _serve_until_it_answers(small_project, port, environment)
    assert (page.stat().st_mtime_ns, home.stat().st_mtime_ns) == built
    assert not stale.exists()


def test_a_deleted_article_leaves_the_served_site_and_its_search(small_project, tmp_path):
    """A --dirty build leaves the HTML of a page no longer made; serve removes it after the
    build, so the deleted article is neither served nor found."""
    articles = small_project / "content" / "articles"
    second = articles / "2025-second.md"
    second.write_text((articles / "2025-test.md").read_text(encoding="utf-8")
                      .replace("talk trade", "meet in Zhezkazgan")
                      .replace("for talks", "for talks on copper"), encoding="utf-8")
    second.with_suffix(".yml").write_bytes((articles / "2025-test.yml").read_bytes())
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp_path)}
    port = _free_port()
    server = _start_serve(small_project, port, environment)
    served = small_project / "build" / ".briefings-serve-site"
    try:
        url = f"http://127.0.0.1:{port}/articles/2025-second/"
        assert _wait_for(lambda: "Zhezkazgan" in _fetch(url), 60), "serve did not start"
        assert _wait_for(lambda: _indexed(served, "Zhezkazgan"), 60), "not indexed"
        second.unlink()
        second.with_suffix(".yml").unlink()

        def gone() -> bool:
            try:
                _fetch(url)
            except urllib.error.HTTPError as error:
                return error.code == 404
            return False

        assert _wait_for(gone, 30), "the deleted article is still served"
        assert not (served / "articles" / "2025-second" / "index.html").exists()
        assert _wait_for(lambda: not _indexed(served, "Zhezkazgan"), 60), "still found"
        assert "went to Ankara" in _fetch(f"http://127.0.0.1:{port}/articles/2025-test/")
    finally:
        stop(server)
        server.wait(timeout=30)
    said = server.stdout.read().decode("utf-8", "replace")
    assert "Traceback" not in said, said


def test_serve_empties_its_kept_site_when_every_page_would_change(small_project):
    from generator.build import load_project, site_config
    from generator.serve import kept_site

    project = load_project(small_project)
    configuration = site_config(project)
    folder = kept_site(project, configuration, 8000)
    (folder / "index.html").write_text("built before", encoding="utf-8")
    assert kept_site(project, configuration, 8000) == folder
    assert (folder / "index.html").exists()  # nothing changed: kept
    kept_site(project, configuration, 8001)  # another address: every canonical link changes
    assert not (folder / "index.html").exists()
    (folder / "index.html").write_text("built before", encoding="utf-8")
    config = project.config_file
    config.write_text(config.read_text(encoding="utf-8") + "\ncopyright: Someone\n",
                      encoding="utf-8")
    kept_site(project, site_config(project), 8001)  # another configuration: every page changes
    assert not (folder / "index.html").exists()


def test_a_second_serve_of_the_same_project_is_refused(small_project, capsys):
    """Two serves would regenerate the same docs folder, and one on another port would empty
    the site the first serves: the second is told, and changes nothing."""
    from generator.build import load_project
    from generator.cli import EXIT_FAILED, main
    from generator.serve import serve_lock

    with serve_lock(load_project(small_project)):
        code = main(["--project", str(small_project), "serve", "--port", str(_free_port())])
    assert code == EXIT_FAILED
    error = capsys.readouterr().err
    assert "another briefings serve is running" in error
    assert error.count("error:") == 1
    assert not (small_project / "build" / "docs").exists()
    assert not (small_project / "build" / ".briefings-serve-site").exists()


def test_serve_prints_a_warning_once_not_on_every_save(capsys):
    """serve checks the content on every save: after its first check it prints only the
    warnings and reminders it has not printed yet, and counts the others."""
    from generator.cli import Reporter
    from generator.engine.problems import Problems
    from generator.engine.progress import NORMAL, Progress

    def checked(*warnings: str) -> Problems:
        problems = Problems()
        for message in warnings:
            problems.warn("content/articles/a.yml", 3, "events", message, "give both an id")
        problems.remind("content/articles/a.yml", 5, "events[0].draft", "draft not confirmed")
        return problems

    reporter = Reporter("text", Progress(NORMAL))
    reporter.problems(checked("likely the same event"), ok=True)
    first = capsys.readouterr().err
    assert "likely the same event" in first and "draft not confirmed" in first
    reporter.problems(checked("likely the same event"), ok=True)  # a plain `check`: all again
    assert capsys.readouterr().err == first
    reporter.repeat_notes = False  # serve, after its first check
    reporter.problems(checked("likely the same event", "a new doubt"), ok=True)
    later = capsys.readouterr().err
    assert "a new doubt" in later
    assert "likely the same event" not in later and "draft not confirmed" not in later
    assert "1 warning as before, not shown again" in later
    assert "1 reminder as before, not shown again" in later
    # Fixed, then back: shown again.
    reporter.problems(checked("a new doubt"), ok=True)
    reporter.problems(checked("likely the same event", "a new doubt"), ok=True)
    assert "likely the same event" in capsys.readouterr().err
