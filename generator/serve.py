"""`briefings serve`: mkdocs' live-reloading server, fed by regenerating on every saved change.

We watch content/ and templates/ and regenerate into the docs folder, rewriting only the
pages that changed; then we rewrite a signal file, and mkdocs, which watches that file
instead of polling the whole docs folder (engine/mkdocs_runner.rebuild_on_signal), builds
the changed pages again and reloads the browser. The site it serves is kept from one start
to the next (kept_site), so that a start renders only what changed since the last.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .build import BuildFailed, Project, exclusive, site_config
from .engine.incremental import digest, site_key
from .engine.mkdocs_runner import (
    SERVE_DOCS,
    SERVE_SEARCH,
    SERVE_SIGNAL,
    SERVE_SITE,
    SIGNAL_FILE,
    mkdocs_environment,
    runner_command,
    stop_as_on_ctrl_c,
    write_signal,
)
from .engine.output import MANIFEST, write_atomically
from .site.previous_site import built_with

QUIET_PERIOD = 0.2  # seconds: editors' save bursts (write, rename) become one regeneration
SIGNAL_FOLDER = ".briefings-serve"  # beside the docs folder: mkdocs rebuilds when it changes
# Beside the signal folder, not in it: mkdocs watches that folder, and each file it wrote
# into its own site would start another rebuild.
SITE_FOLDER = ".briefings-serve-site"  # the site serve serves, kept from one start to the next
SERVE_LOCK = ".briefings-serve.lock"  # held while a serve runs: one serve per build folder
# The trimmed copies of the served pages that its search index is made from (serve's own: the
# published build's are trusted by its next incremental build).
SEARCH_FOLDER = ".briefings-serve-search"
STOP_PATIENCE = 30  # seconds serve's mkdocs gets to end once terminated


@contextmanager
def serve_lock(project: Project):
    """One serve at a time per build folder: two would regenerate the same docs folder on
    every saved change, and the second (on another port) would empty the site the first
    serves. A second one is told, not queued."""
    with exclusive(project, project.docs_dir.parent / SERVE_LOCK,
                   f"another briefings serve is running for {project.docs_dir.parent}; use "
                   "that one (its address is in the terminal it runs in) or stop it with "
                   "Ctrl+C and run this again"):
        yield


def signal_folder(project: Project) -> Path:
    return project.docs_dir.parent / SIGNAL_FOLDER


def signal_regenerated(project: Project, count: int, underway: bool = False) -> None:
    """Tell mkdocs serve to rebuild: the docs folder is complete again, or (``underway``) a
    preview's pages are written and the regeneration goes on (a new file under the name, so
    that its watcher sees the change whatever the clock's resolution)."""
    write_signal(signal_folder(project) / SIGNAL_FILE, count, underway)


def signal_complete_at_start(project: Project) -> None:
    """Before mkdocs starts: a serve stopped during a regeneration left its signal saying
    "underway", and mkdocs would keep quiet about links to missing pages until the next
    save; the docs folder is complete now (serve starts after a generate)."""
    if (signal_folder(project) / SIGNAL_FILE).is_file():
        signal_regenerated(project, 0)


def kept_site(project: Project, configuration: Path, port: int) -> Path:
    """The folder mkdocs serve builds into and serves from, kept from one start to the next
    (engine/mkdocs_runner.keep_serve_site), so that a start renders only the pages whose
    Markdown changed since. It is emptied first when anything else every page depends on
    changed: the configuration, the theme, the builders' versions or serve's address."""
    folder = project.docs_dir.parent / SITE_FOLDER
    key = digest(site_key([project.config_file, configuration], project.templates / "theme")
                 .encode(), f"127.0.0.1:{port}".encode())
    if built_with(folder) != key:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / MANIFEST, (json.dumps(
            {"generator": "briefings", "serve site": True, "key": key}) + "\n").encode())
    return folder


class _Regenerate(FileSystemEventHandler):
    """Regenerates after each burst of saved changes, tells mkdocs, then does what can wait
    (``afterwards``: saving the article cache while mkdocs rebuilds). ``preview``, given the
    files saved in the burst, writes the saved articles' own pages first (see preview.py) and
    says whether it wrote any: mkdocs is told at once, and again after the regeneration."""

    def __init__(self, regenerate: Callable, regenerated: Callable[[int, bool], None],
                 afterwards: Callable[[], None],
                 preview: Callable[[set[Path]], bool] = lambda saved: False):
        self.regenerate = regenerate
        self.regenerated = regenerated
        self.afterwards = afterwards
        self.preview = preview
        self.count = 0
        self.pending = threading.Event()
        self.lock = threading.Lock()
        self.saved: set[Path] = set()
        self.saved_lock = threading.Lock()  # the watcher's thread adds, run_forever takes

    def on_any_event(self, event):
        if event.event_type in ("opened", "closed_no_write"):
            return
        if not event.is_directory:  # a folder changes with every file made in it
            with self.saved_lock:
                self.saved.update(Path(os.fsdecode(path)) for path in
                                  (event.src_path, getattr(event, "dest_path", "")) if path)
        self.pending.set()

    def run_forever(self):
        while True:
            self.pending.wait()
            time.sleep(QUIET_PERIOD)
            self.pending.clear()
            with self.saved_lock:
                saved, self.saved = self.saved, set()
            with self.lock:
                if _quietly(self.preview, saved):
                    self._signal(underway=True)
                _quietly(self.regenerate)
                self._signal()
                self.afterwards()

    def _signal(self, underway: bool = False) -> None:
        self.count += 1
        self.regenerated(self.count, underway)


class _ConfigWatch(FileSystemEventHandler):
    """Notices a saved mkdocs.yml among the other files of the project folder, or a new nav
    in the configuration built from it (an editor's page added or moved)."""

    def __init__(self, *paths):
        self.names = {path.name for path in paths}
        self.changed = threading.Event()

    def on_any_event(self, event):
        if event.event_type in ("opened", "closed_no_write"):
            return
        names = {os.path.basename(event.src_path),
                 os.path.basename(getattr(event, "dest_path", "") or "")}
        if self.names & names:
            self.changed.set()


def serve(project: Project, port: int, regenerate: Callable,
          afterwards: Callable[[], None] = lambda: None,
          preview: Callable[[set[Path]], bool] = lambda saved: False) -> int:
    """Serve the site; ``preview`` the saved files and ``regenerate`` on every saved change,
    then ``afterwards`` once mkdocs has been told to rebuild."""
    handler = _Regenerate(regenerate, functools.partial(signal_regenerated, project),
                          afterwards, preview)
    configuration = site_config(project)
    config = _ConfigWatch(project.config_file, configuration)
    observer = Observer()
    for folder in (project.content, project.templates):
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.schedule(config, str(project.root), recursive=False)
    observer.start()
    threading.Thread(target=handler.run_forever, daemon=True).start()
    # --livereload: with click > 8.2.1 mkdocs serve does not reload unless asked (click's changelog).
    # --dirty: rebuild only the pages we rewrote, so a saved change shows within a second or
    # two even on a large site (its search index, made after each build, lags a little).
    # --no-strict: mkdocs warns about every dirty build; `briefings build` stays strict.
    command = runner_command("serve", "--livereload", "--dirty", "--no-strict",
                             "--config-file", str(configuration), "--dev-addr", f"127.0.0.1:{port}")
    environment = {**mkdocs_environment(), SERVE_DOCS: str(project.docs_dir.resolve()),
                   SERVE_SIGNAL: str(signal_folder(project).resolve()),
                   SERVE_SEARCH: str((project.docs_dir.parent / SEARCH_FOLDER).resolve())}
    signal_complete_at_start(project)
    print(f"serving on http://127.0.0.1:{port}/ (Ctrl+C stops)", flush=True)
    if threading.current_thread() is threading.main_thread():
        stop_as_on_ctrl_c()  # terminated (a process manager, the benchmark): stop mkdocs too
    process = None
    try:
        while True:
            site = kept_site(project, configuration, port)
            process = subprocess.Popen(command, cwd=project.root,
                                       env={**environment, SERVE_SITE: str(site.resolve())})
            while process.poll() is None:
                if config.changed.wait(0.3):
                    break
            else:
                return process.returncode
            # A dirty rebuild would leave every unchanged page with the old configuration (or
            # nav): start mkdocs afresh; the open page reloads when the new server answers.
            time.sleep(QUIET_PERIOD)
            config.changed.clear()
            with handler.lock:
                _quietly(regenerate)
                afterwards()
            end_process(process)
    except KeyboardInterrupt:
        return 0
    finally:
        if process is not None:
            end_process(process)
        observer.stop()


def end_process(process: subprocess.Popen, patience: float = STOP_PATIENCE) -> None:
    """Terminate serve's mkdocs and wait until it has ended, so that it lets go of the port
    (a serve started next, or the one restarted after a configuration change, can have it at
    once); killed if it is still running after ``patience`` seconds (in the middle of a
    build of ten thousand pages it may not answer a termination soon)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=patience)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _quietly(step: Callable, *arguments):
    """A step's result; a failed build is reported and serve goes on (None)."""
    try:
        return step(*arguments)
    except BuildFailed as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        return None
