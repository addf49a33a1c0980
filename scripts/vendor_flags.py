"""Copy the country flags the site can show from the flag-icons npm package into
generator/data/flags/.

flag-icons (MIT licence, https://github.com/lipis/flag-icons) draws every ISO 3166-1 country's
flag as a 4:3 SVG. The site shows a flag on each country page and in the countries index, and
a build copies only the flags of the countries that have pages into the site (no request to
another host). Fetch the package from the npm registry and run this once per new version:

    npm pack flag-icons@7.5.0          # writes flag-icons-7.5.0.tgz
    python scripts/vendor_flags.py flag-icons-7.5.0.tgz

Copied: the 4:3 flag of every ISO 3166-1 alpha-2 code pycountry knows, and of the
user-assigned codes the site uses (XK, Kosovo), byte for byte, with the package's licence;
regional and organisation flags (EU, UN, England, ...) are left out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tarfile
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "generator" / "data" / "flags"
USER_ASSIGNED = ("XK",)  # codes outside ISO 3166-1 that the site knows (see the map data)
FOLDER = "package/flags/4x3/"


def codes() -> list[str]:
    return sorted({country.alpha_2 for country in pycountry.countries} | set(USER_ASSIGNED))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, help="the flag-icons-VERSION.tgz npm pack wrote")
    args = parser.parse_args()
    digest = hashlib.sha256(args.package.read_bytes()).hexdigest()
    with tarfile.open(args.package) as archive:
        members = {member.name: member for member in archive.getmembers() if member.isfile()}
        version = _version(archive, members)
        missing = [code for code in codes() if f"{FOLDER}{code.lower()}.svg" not in members]
        if missing:
            print(f"flag-icons {version} has no flag for {', '.join(missing)}", file=sys.stderr)
        shutil.rmtree(OUTPUT, ignore_errors=True)
        OUTPUT.mkdir(parents=True)
        for code in codes():
            member = members.get(f"{FOLDER}{code.lower()}.svg")
            if member is not None:
                (OUTPUT / f"{code.lower()}.svg").write_bytes(archive.extractfile(member).read())
        (OUTPUT / "LICENSE").write_bytes(archive.extractfile(members["package/LICENSE"]).read())
    (OUTPUT / "SOURCE").write_text(
        f"flag-icons {version} (npm), flags/4x3, MIT licence (LICENSE)\n"
        f"sha256 of {args.package.name}: {digest}\n"
        "made by scripts/vendor_flags.py\n", encoding="utf-8")
    print(f"copied {len(codes()) - len(missing)} flags from flag-icons {version} to {OUTPUT}")
    return 0


def _version(archive: tarfile.TarFile, members: dict) -> str:
    package = json.loads(archive.extractfile(members["package/package.json"]).read())
    return str(package.get("version", "?"))


if __name__ == "__main__":
    sys.exit(main())
