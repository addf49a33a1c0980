"""Pagefind reads trimmed copies of the pages, and writes the index it writes from the pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from generator.engine.output import MANIFEST
from generator.engine.pagefind_order import put_in_order
from generator.engine.search_index import (
    COPIES_KEY,
    RECORD,
    copies_digest,
    searchable_part,
    update_copies,
)
from tests.conftest import REPO


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_index_from_trimmed_copies_is_the_index_from_the_pages(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    put_in_order(site / "pagefind")
    from_pages = files(site / "pagefind")
    assert from_pages == files(built_site / "pagefind")


def test_a_copy_keeps_the_language_and_the_searchable_element_only():
    page = ('<!doctype html><html lang="en" class="no-js"><head><title>T</title></head><body>'
            '<nav><div>menu</div></nav><div data-pagefind-body><h1>Kazakhstan</h1>'
            '<div class="x"><div>inner</div></div><p>text</p></div><footer>foot</footer>'
            '</body></html>')
    part = searchable_part(page)
    assert '<html lang="en">' in part
    assert ('<div data-pagefind-body><h1>Kazakhstan</h1><div class="x"><div>inner</div></div>'
            '<p>text</p></div>') in part
    assert "menu" not in part and "foot" not in part and "<title>" not in part
    assert searchable_part("<html><body><p>no searchable part</p></body></html>") is None


def test_copies_follow_the_pages_that_changed(tmp_path):
    site, copies = tmp_path / "site", tmp_path / "copies"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text('<div data-pagefind-body>one</div>', encoding="utf-8")
    (site / "b.html").write_text('<div data-pagefind-body>two</div>', encoding="utf-8")
    (site / "skip.html").write_text("<p>not searched</p>", encoding="utf-8")
    assert update_copies(site, copies) == 3
    assert sorted(name for name in files(copies) if name.endswith(".html")) == [
        "a/index.html", "b.html"]
    assert update_copies(site, copies) == 0  # nothing changed: nothing copied again
    # A page with new bytes (here of the same size and time) is copied again; a removed page's
    # copy goes; a page that is no longer searched loses its copy.
    page = site / "a" / "index.html"
    stamp = page.stat()
    page.write_text('<div data-pagefind-body>uno</div>', encoding="utf-8")
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    (site / "b.html").unlink()
    (site / "c.html").write_text('<div data-pagefind-body>three</div>', encoding="utf-8")
    assert update_copies(site, copies) == 2
    held = files(copies)
    assert b"uno" in held["a/index.html"] and "b.html" not in held and b"three" in held["c.html"]
    # Without the record of what they were made from, every page is copied again.
    (copies / RECORD).unlink()
    (copies / "stray.html").write_text("left by an interrupted build", encoding="utf-8")
    assert update_copies(site, copies) == 3
    assert "stray.html" not in files(copies)


def _site_with_record(tmp_path):
    site, copies = tmp_path / "site", tmp_path / "copies"
    site.mkdir()
    for name in ("a", "b", "c"):
        (site / f"{name}.html").write_text(f"<div data-pagefind-body>{name}</div>",
                                           encoding="utf-8")
    assert update_copies(site, copies) == 3
    return site, copies


def test_pages_kept_from_the_previous_site_are_not_read_again(tmp_path, monkeypatch):
    site, copies = _site_with_record(tmp_path)
    (site / MANIFEST).write_text(json.dumps({COPIES_KEY: copies_digest(copies)}),
                                 encoding="utf-8")
    overlay = tmp_path / "overlay"  # what an incremental build made again
    overlay.mkdir()
    (overlay / "b.html").write_text("<div data-pagefind-body>bee</div>", encoding="utf-8")
    (overlay / "d.html").write_text("<div data-pagefind-body>dee</div>", encoding="utf-8")
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or original(path))
    assert update_copies(overlay, copies, previous=site, kept=["a.html", "b.html"]) == 2
    assert sorted(name for name in read if name.endswith(".html")) == ["b.html", "d.html"]
    held = files(copies)
    assert b"bee" in held["b.html"] and b"dee" in held["d.html"] and b"a" in held["a.html"]
    assert "c.html" not in held  # not kept: the page is gone


def test_a_record_the_previous_site_does_not_name_is_not_trusted(tmp_path):
    """A build that failed after the copies changed leaves a record of pages that were never
    published: the previous site's manifest names another record, so its pages are read."""
    site, copies = _site_with_record(tmp_path)
    (site / MANIFEST).write_text(json.dumps({COPIES_KEY: "another record"}), encoding="utf-8")
    (site / "c.html").write_text("<div data-pagefind-body>sea</div>", encoding="utf-8")
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    assert update_copies(overlay, copies, previous=site,
                         kept=["a.html", "b.html", "c.html"]) == 1
    assert b"sea" in files(copies)["c.html"]


def test_a_folder_not_ours_where_the_copies_go_is_left_alone(small_project, run):
    foreign = small_project / "build" / "site-search-pages"
    foreign.mkdir(parents=True)
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    result = run(small_project, "build")
    assert result.code != 0
    assert "site-search-pages" in result.err and "not created by briefings" in result.err
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_copy_leaves_out_what_pagefind_skips_whole():
    page = ('<html lang="en"><body><div data-pagefind-body><h1>Georgia</h1>'
            '<figure class="map" data-pagefind-ignore="all"><svg><g><path d="M0"/></g></svg>'
            '<figure><p>nested</p></figure></figure>'
            '<p>Trade grew<span class="cite" data-pagefind-ignore="all">[<a href="#">1</a>]'
            '</span>.</p><img src="x.png" data-pagefind-ignore="all">'
            '<p data-pagefind-ignore>kept for Pagefind to weigh</p>'
            '<div data-pagefind-ignore="all"><span>never closed</div>'
            '<p>after</p></div></body></html>')
    part = searchable_part(page)
    assert "<svg" not in part and "nested" not in part and "cite" not in part
    assert "x.png" not in part
    assert "<p>Trade grew.</p>" in part
    assert "kept for Pagefind to weigh" in part and "<p>after</p>" in part


def test_serve_says_a_failed_index_once_not_after_every_build(capfd):
    """serve indexes its site after each build; Pagefind missing (or failing the same way)
    is said once, and said again only when what it says changes."""
    from generator.engine.mkdocs_runner import SearchIndexer

    failing = [sys.executable, "-c", "import sys; sys.exit('Pagefind is not installed')"]
    indexer = SearchIndexer("site", "copies", command=failing)
    for runs in (1, 2):
        indexer.request()
        deadline = time.monotonic() + 30
        while indexer.runs < runs and time.monotonic() < deadline:
            time.sleep(0.05)
        assert indexer.runs == runs
    assert capfd.readouterr().err.count("Pagefind is not installed") == 1


def test_serve_starts_no_indexer_once_it_stops():
    """A build that finishes as serve stops asks for an index: an indexer started then went
    on writing into the build folder after serve had gone."""
    from generator.engine.mkdocs_runner import SearchIndexer

    slow = [sys.executable, "-c", "import time; time.sleep(60)"]
    indexer = SearchIndexer("site", "copies", command=slow)
    indexer.request()
    deadline = time.monotonic() + 30
    while indexer.process is None and time.monotonic() < deadline:
        time.sleep(0.05)
    first = indexer.process
    indexer.stop()
    assert first.poll() is not None  # terminated
    indexer.request()  # the last build's request, too late
    indexer.thread.join(timeout=30)
    assert not indexer.thread.is_alive() and indexer.process is first


# The indexer as serve's mkdocs starts it once terminated: it inherits "ignore terminations".
_INDEXER_STARTED_IGNORING_TERMINATIONS = """
import signal, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
from generator.engine import search_index
search_index.index_served_site = lambda site, copies: time.sleep(60)
print("indexing", flush=True)
sys.exit(search_index.main(["site", "copies"]))
"""


def test_the_indexer_stops_when_terminated_whatever_it_inherits():
    import signal

    indexer = subprocess.Popen([sys.executable, "-c", _INDEXER_STARTED_IGNORING_TERMINATIONS],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert indexer.stdout.readline() == "indexing\n"
        indexer.send_signal(signal.SIGTERM)
        _, said = indexer.communicate(timeout=30)
    finally:
        indexer.kill()
    assert indexer.returncode == 128 + signal.SIGTERM and "Traceback" not in said, said


# serve's mkdocs with its search indexer running, terminated: mkdocs winds down only once the
# build under way has ended, and that build asks for an index as it ends.
_MKDOCS_TERMINATED_WHILE_INDEXING = """
import os, signal, sys, time
from generator.engine import mkdocs_runner

slow = [sys.executable, "-c", "import time; time.sleep(60)"]
made = mkdocs_runner.SearchIndexer.__init__
mkdocs_runner.SearchIndexer.__init__ = lambda self, site, copies: made(self, site, copies, slow)
mkdocs_runner.keep_serve_site(sys.argv[1], sys.argv[2])
mkdocs_runner.stop_as_on_ctrl_c()
indexer = mkdocs_runner._AT_INTERRUPTION[-1].__self__
indexer.request()
while indexer.process is None:
    time.sleep(0.05)
running = indexer.process
try:
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(30)
except KeyboardInterrupt:
    running.wait(timeout=10)  # already terminated: mkdocs has not wound down yet
    indexer.request()  # the build under way ends and asks for an index
    indexer.thread.join(timeout=30)
    print("stopped", indexer.process is running, not indexer.thread.is_alive(), flush=True)
"""


def test_serve_stops_its_indexer_as_soon_as_it_is_terminated(tmp_path):
    result = subprocess.run([sys.executable, "-c", _MKDOCS_TERMINATED_WHILE_INDEXING,
                             str(tmp_path / "site"), str(tmp_path / "copies")], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines() == ["stopped True True"], result.stderr
