"""Shared test set-up: small projects written into a temporary folder, and the CLI run in-process."""

from __future__ import annotations

import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
# The real seed article is not part of the repository: tests marked `seed` read it from the path
# in BRIEFINGS_SEED, and only `make check-seed` runs them (the suite itself needs nothing
# outside the repository).
SEED = Path(os.environ.get("BRIEFINGS_SEED", "") or "/nonexistent/seed.txt")
NO_SEED = ("the seed tests read the real seed article from the path in BRIEFINGS_SEED: run "
           "them with 'make check-seed SEED=path/to/000_e7307fcfda2f9286.txt'")

ENTITIES = {
    "countries.yml": """\
        - id: TR
          name: Türkiye
          aliases: [Turkey, Turkiye]
          demonyms: [Turkish]
        - id: KZ
          demonyms: [Kazakh]
        """,
    "regions.yml": """\
        - id: central-asia
          name: Central Asia
          members: [KZ]
        """,
    "organisations.yml": """\
        - id: ots
          name: Organization of Turkic States
          short: OTS
          members: [KZ, TR]
        """,
    "people.yml": """\
        - id: kassym-jomart-tokayev
          name: Kassym-Jomart Tokayev
          country: KZ
        """,
    "topics.yml": """\
        - id: middle-corridor
          name: Middle Corridor
        """,
}

ARTICLE = """\
    ---
    title: Kazakhstan and Türkiye talk trade
    date: 2025-05-07
    publication: Test Desk
    summary: A short test article.
    topics: [middle-corridor]
    ---
    President Kassym-Jomart Tokayev went to Ankara for talks.

    Both sides spoke of an “expanded strategic partnership” in transport.

    Trade passed $5 billion in 2024, officials said.
    """

ANNOTATION = """\
    countries:
      - id: KZ
        evidence: Tokayev went to Ankara
    relations:
      - actors: [TR, KZ]
        label: expanded strategic partnership
        stance: cooperative
        sectors: [transport]
        frameworks: [ots]
        evidence: an "expanded strategic partnership"
    figures:
      - metric: bilateral trade
        actors: [KZ, TR]
        value: 5
        unit: billion USD
        bound: more than
        period: 2024
        evidence: Trade passed $5 billion in 2024
    """


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line and not line.startswith(
            tuple("0123456789"))]


def dedent(text: str) -> str:
    return textwrap.dedent(text)


def copy_project(root: Path, with_content: bool) -> Path:
    """The repository's mkdocs.yml and templates (and its sample content) in a fresh folder."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "templates", root / "templates")
    if with_content:
        shutil.copytree(REPO / "content", root / "content")
    return root


def write_small_project(root: Path) -> Path:
    """A minimal valid project: our mkdocs.yml and templates, one article, a few entities."""
    copy_project(root, with_content=False)
    entities = root / "content" / "entities"
    entities.mkdir(parents=True)
    for name, text in ENTITIES.items():
        (entities / name).write_text(dedent(text), encoding="utf-8")
    articles = root / "content" / "articles"
    articles.mkdir()
    (articles / "2025-test.md").write_text(dedent(ARTICLE), encoding="utf-8")
    (articles / "2025-test.yml").write_text(dedent(ANNOTATION), encoding="utf-8")
    return root


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    return write_small_project(tmp_path / "site")


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of the repository's real sample site, safe to change."""
    return copy_project(tmp_path / "sample", with_content=True)


@pytest.fixture
def run(capsys):
    def runner(project: Path, *args: str) -> Run:
        code = main(["--project", str(project), *args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return runner


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample site, built once per test run with the real command (strict)."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project", with_content=True)
    assert main(["--project", str(root), "build"]) == 0
    return root / "build" / "site"
