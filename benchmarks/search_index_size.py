"""Report the search index a reader downloads: for the sample site and a synthetic corpus.

    python benchmarks/search_index_size.py            # sample site and 1,000 articles
    python benchmarks/search_index_size.py --count 200
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import tempfile
from pathlib import Path

from make_corpus import REPO, make_corpus

from generator.cli import main as briefings


def build(project: Path) -> Path:
    if briefings(["--project", str(project), "build"]) != 0:
        raise SystemExit(f"the build of {project} failed")
    return project / "build" / "site" / "search" / "search_index.json"


def measure(index: Path) -> dict:
    data = index.read_bytes()
    return {"entries": len(json.loads(data)["docs"]), "bytes": len(data),
            "gzip_bytes": len(gzip.compress(data, 6))}  # as benchmarks/run.py


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="synthetic articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "sample"
        sample.mkdir()
        for name in ("mkdocs.yml", "templates", "content"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, sample / name)
        corpus = Path(folder) / f"corpus-{args.count}"
        make_corpus(args.count, corpus)
        rows = {"sample site": measure(build(sample)),
                f"{args.count} synthetic articles": measure(build(corpus))}
    print("| corpus | index entries | search_index.json | gzip |")
    print("|---|---|---|---|")
    for name, row in rows.items():
        print(f"| {name} | {row['entries']:,} | {row['bytes'] / 1e6:.2f} MB | "
              f"{row['gzip_bytes'] / 1e3:.0f} KB |")


if __name__ == "__main__":
    main()
