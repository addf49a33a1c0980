"""The Nu HTML checker finds nothing on our pages beyond the theme's known `autocomplete`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.browser.conftest import missing_tool
from tests.conftest import REPO
from tests.test_markdown_bodies import SLUG, build_every_construct

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material puts autocomplete="off" on its hidden checkbox toggles (the theme's own markup).
THEME_MESSAGE = "Attribute “autocomplete” is only allowed when the input type is"


def checker_messages(target: Path) -> list[dict]:
    java = shutil.which("java")
    if not java or not VNU.exists():
        missing_tool("the Nu HTML checker needs Java and npm's vnu-jar: run 'make test' "
                     "(scripts/setup-test-tools installs both)")
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             str(target)], capture_output=True, text=True, check=False)
    return json.loads(result.stderr)["messages"]


def test_nu_html_checker_finds_nothing_of_ours(built_site):
    messages = checker_messages(built_site)
    assert len({m["url"] for m in messages}) > 50, "the checker did not read the site"
    ours = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if not m["message"].startswith(THEME_MESSAGE)]
    assert ours == []


def test_every_markdown_construct_of_an_article_is_valid_html(tmp_path):
    """Tables, lists, code, quotes and notes in an article (tests/fixtures/markdown)."""
    site = build_every_construct(tmp_path) / "site"
    messages = checker_messages(site / "articles" / SLUG / "index.html")
    ours = [f"{m.get('lastLine')}: {m['message']}" for m in messages
            if not m["message"].startswith(THEME_MESSAGE)]
    assert ours == []
