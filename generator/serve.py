"""`briefings serve`: mkdocs' live-reloading server, fed by regenerating on every saved change.

mkdocs watches the generated docs folder and reloads the browser; we watch content/ and
templates/ and regenerate into that folder, rewriting only the pages that changed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .build import BuildFailed, Project

QUIET_PERIOD = 0.2  # seconds: editors' save bursts (write, rename) become one regeneration


class _Regenerate(FileSystemEventHandler):
    def __init__(self, regenerate: Callable):
        self.regenerate = regenerate
        self.pending = threading.Event()
        self.lock = threading.Lock()

    def on_any_event(self, event):
        if event.event_type in ("opened", "closed_no_write"):
            return
        self.pending.set()

    def run_forever(self):
        while True:
            self.pending.wait()
            time.sleep(QUIET_PERIOD)
            self.pending.clear()
            with self.lock:
                try:
                    self.regenerate()
                except BuildFailed as error:
                    print(f"error: {error}", file=sys.stderr, flush=True)


def serve(project: Project, port: int, regenerate: Callable) -> int:
    handler = _Regenerate(regenerate)
    observer = Observer()
    for folder in (project.content, project.templates):
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    threading.Thread(target=handler.run_forever, daemon=True).start()
    # --livereload: with click > 8.2.1 mkdocs serve does not reload unless asked (GUIDE §4).
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--config-file",
               str(project.config_file), "--dev-addr", f"127.0.0.1:{port}"]
    print(f"serving on http://127.0.0.1:{port}/ (Ctrl+C stops)", flush=True)
    try:
        return subprocess.call(command, cwd=project.root,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
