"""Listing a folder's files: the same names in the same order as a sorted os.walk."""

from __future__ import annotations

import os
from pathlib import Path

from generator.engine.tree import files_under


def _walked(folder: Path, skip_top: str) -> list[str]:
    found = []
    for current, folders, names in os.walk(folder):
        if Path(current) == folder and skip_top in folders:
            folders.remove(skip_top)
        folders.sort()
        relative = Path(current).relative_to(folder).as_posix()
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in sorted(names)]
    return found


def test_the_same_files_in_the_same_order_as_a_sorted_walk(tmp_path):
    site = tmp_path / "site"
    for name in ("index.html", "b/index.html", "a/index.html", "a/feed.xml", "a/z/index.html",
                 "a-b/index.html", "pagefind/pagefind.js", "assets/flags/mn.svg",
                 "deep/er/pagefind/kept.txt", "404.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    (site / "empty").mkdir()
    (site / "linked").symlink_to(site / "a", target_is_directory=True)
    listed = list(files_under(site, skip_top="pagefind"))
    assert listed == _walked(site, "pagefind")
    assert "pagefind/pagefind.js" not in listed  # only the top-level one is left out
    assert "deep/er/pagefind/kept.txt" in listed
    assert not any(name.startswith("linked/") for name in listed)  # not followed


def test_a_missing_folder_has_no_files(tmp_path):
    assert list(files_under(tmp_path / "missing")) == []
