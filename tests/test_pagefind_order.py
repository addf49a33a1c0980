"""Pagefind's filter files, which it writes in a new order on every run, come out the same."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from generator.engine import pagefind_order
from generator.engine.pagefind_order import SIGNATURE, UnknownIndex, put_in_order


def _site(folder: Path) -> Path:
    for number in range(60):
        page = folder / f"p{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>Page {number}</h1>'
            f"<p>word{number} energy talks</p>"
            f'<span data-pagefind-filter="kind">kind{number % 5}</span>'
            f'<span data-pagefind-filter="year">{2020 + number % 6}</span>'
            f'<span data-pagefind-filter="country">C{number % 9}</span></main></body></html>',
            encoding="utf-8")
    return folder


def _index(site: Path, output: Path) -> dict[str, bytes]:
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site),
                             "--output-path", str(output), "--silent"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    put_in_order(output)
    return {path.relative_to(output).as_posix(): path.read_bytes()
            for path in sorted(output.rglob("*")) if path.is_file()}


def _value(path: Path):
    data = gzip.decompress(path.read_bytes())
    value, end = pagefind_order._decode(data, len(SIGNATURE))
    assert end == len(data)
    return value


def test_three_runs_give_the_same_files_with_values_in_order(tmp_path):
    site = _site(tmp_path / "site")
    runs = [_index(site, tmp_path / f"out{number}") for number in range(3)]
    assert runs[0] == runs[1] == runs[2]
    filters = sorted((tmp_path / "out0" / "filter").glob("*.pf_filter"))
    assert len(filters) == 3
    for path in filters:
        name, values = _value(path)
        assert [value for value, _ in values] == sorted(value for value, _ in values)
        assert sum(len(pages) for _, pages in values) == 60  # every page, once per filter
    [meta] = (tmp_path / "out0").glob("pagefind.*.pf_meta")
    names = [name for name, _ in _value(meta)[3]]
    assert names == ["country", "kind", "year"]


def test_every_file_pagefind_writes_reads_back_to_its_own_bytes(tmp_path):
    site = _site(tmp_path / "site")
    output = tmp_path / "out"
    _index(site, output)
    for path in [*output.glob("*.pf_meta"), *output.glob("filter/*"), *output.glob("index/*")]:
        data = gzip.decompress(path.read_bytes())
        assert pagefind_order._encode(_value(path)) == data[len(SIGNATURE):], path.name


@pytest.mark.parametrize("value", [b"\xa1\x61a\x01", b"\xf9\x3c\x00", b"\x9f\x01\xff"])
def test_a_form_pagefind_does_not_write_is_refused(tmp_path, value):
    # a map, a float, an array of indefinite length
    (tmp_path / "filter").mkdir()
    (tmp_path / "pagefind.en_0.pf_meta").write_bytes(gzip.compress(SIGNATURE + value))
    (tmp_path / "pagefind-entry.json").write_text(
        '{"version":"1.5.2","languages":{"en":{"hash":"en_0","wasm":"en","page_count":1}}}',
        encoding="utf-8")
    with pytest.raises(UnknownIndex, match="cannot put Pagefind's index"):
        put_in_order(tmp_path)
