"""Measure the generator and the site builders on seeded synthetic corpora.

For each size: check+generate (cold) time and peak memory, pages written; the mkdocs build
time, site size, largest and median HTML page, search payload; one added article: the
regenerate time, files rewritten, and the time until `briefings serve` shows it; and the
ProperDocs and Zensical build times beside mkdocs when they are installed
(`make benchmark` installs them into .venv-builders/).

    python benchmarks/run.py                      # 1,000 and 10,000 articles
    python benchmarks/run.py --sizes 1000 --skip-serve

Writes benchmarks/results.json and benchmarks/results.md (the table in the README).
"""

from __future__ import annotations

import argparse
import gzip
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
import time
import urllib.request
from pathlib import Path

from make_corpus import REPO, country_names, make_article, make_corpus

HERE = Path(__file__).resolve().parent
BUILDERS = REPO / ".venv-builders" / "bin"
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Wall seconds, peak memory (MB) of the process, and its output."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=ENVIRONMENT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return seconds, usage.ru_maxrss // 1024, output


def briefings(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "--project", str(project), *args]


def site_figures(site: Path) -> dict:
    pages = [path.stat().st_size for path in site.rglob("*.html")]
    index = site / "search" / "search_index.json"
    payload = len(gzip.compress(index.read_bytes(), 6)) if index.exists() else 0
    return {"site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
                             / 1e6, 1),
            "html_pages": len(pages), "largest_html_kb": round(max(pages) / 1e3, 1),
            "median_html_kb": round(statistics.median(pages) / 1e3, 1),
            "search_index_gzip_kb": round(payload / 1e3)}


def add_article(project: Path, number: int) -> str:
    import random

    slug, article, annotation = make_article(number, random.Random(number), country_names())
    folder = project / "content" / "articles"
    (folder / f"{slug}.md").write_text(article, encoding="utf-8")
    (folder / f"{slug}.yml").write_text(annotation, encoding="utf-8")
    return slug


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_latency(project: Path, number: int) -> float:
    """Seconds from saving a new article until `briefings serve` serves its page."""
    port = free_port()
    server = subprocess.Popen(briefings(project, "--quiet", "serve", "--port", str(port)),
                              env=ENVIRONMENT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)

    def answers(path: str) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as reply:
                return reply.status == 200
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 3600
        while not answers("/") and time.monotonic() < deadline:
            time.sleep(1)
        time.sleep(3)  # let the first build settle before the change
        slug = add_article(project, number)
        started = time.monotonic()
        while not answers(f"/articles/{slug}/"):
            if time.monotonic() - started > 600:
                return float("inf")
            time.sleep(0.1)
        return time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def other_builders(project: Path) -> dict:
    results = {}
    if (BUILDERS / "properdocs").exists():
        seconds, _, _ = timed([str(BUILDERS / "properdocs"), "build", "--strict", "--quiet",
                               "-d", str(project / "build" / "site-properdocs")], project)
        results["properdocs_build_s"] = round(seconds, 1)
    if (BUILDERS / "zensical").exists():  # Zensical writes to site_dir; it runs last
        shutil.rmtree(project / "build" / "site", ignore_errors=True)
        seconds, _, _ = timed([str(BUILDERS / "zensical"), "build", "-f", "mkdocs.yml"], project)
        results["zensical_build_s"] = round(seconds, 1)
    return results


def measure(count: int, folder: Path, skip_serve: bool) -> dict:
    project = folder / f"corpus-{count}"
    make_corpus(count, project)
    seconds, memory, _ = timed(briefings(project, "--quiet", "generate"), project)
    row = {"articles": count, "generate_s": round(seconds, 1), "generate_peak_mb": memory,
           "pages_written": sum(1 for _ in (project / "build" / "docs").rglob("*.md"))}
    # Not into site_dir: that folder is briefings' own (a build swaps it in with a marker).
    site = project / "build" / "site-mkdocs"
    seconds, _, _ = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                           "-d", str(site)], project)
    row["mkdocs_build_s"] = round(seconds, 1)
    row.update(site_figures(site))
    add_article(project, count + 1)
    seconds, _, output = timed(briefings(project, "generate"), project)
    changed = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", output)
    row["add_one_regenerate_s"] = round(seconds, 1)
    row["add_one_files_rewritten"] = sum(int(n) for n in changed.groups()) if changed else None
    if not skip_serve:
        row["add_one_serve_s"] = round(serve_latency(project, count + 2), 1)
    row.update(other_builders(project))
    shutil.rmtree(project)
    return row


def table(rows: list[dict]) -> str:
    columns = [("articles", "articles"), ("generate_s", "check+generate (s)"),
               ("generate_peak_mb", "peak memory (MB)"), ("pages_written", "pages"),
               ("mkdocs_build_s", "mkdocs build (s)"), ("properdocs_build_s", "ProperDocs (s)"),
               ("zensical_build_s", "Zensical (s)"), ("site_mb", "site (MB)"),
               ("median_html_kb", "median page (KB)"), ("largest_html_kb", "largest page (KB)"),
               ("search_index_gzip_kb", "search index, gzip (KB)"),
               ("add_one_regenerate_s", "+1 article: regenerate (s)"),
               ("add_one_files_rewritten", "+1 article: files rewritten"),
               ("add_one_serve_s", "+1 article: shown by serve (s)")]
    present = [(key, label) for key, label in columns if any(key in row for row in rows)]
    lines = ["| " + " | ".join(label for _, label in present) + " |",
             "|" + "---|" * len(present)]
    for row in rows:
        lines.append("| " + " | ".join(f"{row.get(key, '–'):,}" if isinstance(row.get(key), int)
                                       else str(row.get(key, "–")) for key, _ in present) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--skip-serve", action="store_true", help="skip the serve latency")
    args = parser.parse_args()
    machine = (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
               f"Python {platform.python_version()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefings-bench-") as folder:
        for count in args.sizes:
            print(f"measuring {count} articles...", flush=True)
            rows.append(measure(count, Path(folder), args.skip_serve))
            print(json.dumps(rows[-1]), flush=True)
    (HERE / "results.json").write_text(json.dumps({"machine": machine, "rows": rows},
                                                  indent=1) + "\n", encoding="utf-8")
    text = f"Machine: {machine}.\n\n{table(rows)}\n"
    (HERE / "results.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
