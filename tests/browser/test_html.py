"""The Nu HTML checker finds nothing on our pages beyond the theme's known `autocomplete`."""

from __future__ import annotations

import json
import shutil
import subprocess

from tests.browser.conftest import missing_tool
from tests.conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material puts autocomplete="off" on its hidden checkbox toggles (the theme's own markup).
THEME_MESSAGE = "Attribute “autocomplete” is only allowed when the input type is"


def test_nu_html_checker_finds_nothing_of_ours(built_site):
    java = shutil.which("java")
    if not java or not VNU.exists():
        missing_tool("the Nu HTML checker needs Java and npm's vnu-jar: run 'make test' "
                     "(scripts/setup-test-tools installs both)")
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             str(built_site)], capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr)["messages"]
    assert len({m["url"] for m in messages}) > 50, "the checker did not read the site"
    ours = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if not m["message"].startswith(THEME_MESSAGE)]
    assert ours == []
