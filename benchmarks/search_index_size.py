"""Report what search costs a reader: Pagefind's files for the sample site and a synthetic
corpus (the whole bundle on disk; a query fetches only a few of its fragments, which
benchmarks/run.py measures in the browser).

    python benchmarks/search_index_size.py            # sample site and 1,000 articles
    python benchmarks/search_index_size.py --count 200
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from make_corpus import REPO, make_corpus

from generator.cli import main as briefings


def build(project: Path) -> Path:
    if briefings(["--project", str(project), "build"]) != 0:
        raise SystemExit(f"the build of {project} failed")
    return project / "build" / "site" / "pagefind"


def measure(bundle: Path) -> dict:
    files = [path for path in bundle.rglob("*") if path.is_file()]
    fragments = [path for path in files if path.parent.name == "fragment"]
    return {"fragments": len(fragments), "bytes": sum(path.stat().st_size for path in files)}


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
    print("| corpus | page fragments | Pagefind files in all |")
    print("|---|---|---|")
    for name, row in rows.items():
        print(f"| {name} | {row['fragments']:,} | {row['bytes'] / 1e6:.2f} MB |")


if __name__ == "__main__":
    main()
