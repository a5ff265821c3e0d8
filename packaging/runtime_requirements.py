"""Print the runtime part of requirements.lock, hashes included.

    python packaging/runtime_requirements.py > runtime.txt

Starts from `[project].dependencies` in pyproject.toml and follows the lock file's
`# via` annotations, leaving out the development and test tools. Installers that ship
Lectern without PyInstaller (the Flatpak) install exactly this list, `--no-deps --require-hashes`.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==")
# pip-compile's annotations: "    # via NAME", or "    # via" followed by "    #   NAME" lines.
VIA = re.compile(r"^    #(?: via|  ) +([A-Za-z0-9][A-Za-z0-9._-]*)$")
NAME_END = re.compile(r"[<>=!~ ;\[]")


def normalize(name: str) -> str:
    """A distribution name in its PEP 503 form."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_lock(text: str) -> dict[str, tuple[list[str], set[str]]]:
    """Each pinned package: its requirement lines (with hashes) and what needs it (`# via`)."""
    packages: dict[str, tuple[list[str], set[str]]] = {}
    current: str | None = None
    for line in text.splitlines():
        match = REQUIREMENT.match(line)
        if match:
            current = normalize(match.group(1))
            packages[current] = ([line], set())
        elif current is None:
            continue
        elif line.startswith("    --hash"):
            packages[current][0].append(line)
        elif line.startswith("    #"):
            via = VIA.match(line)
            if via:
                packages[current][1].add(normalize(via.group(1)))
        else:
            current = None
    return packages


def runtime_packages(packages: dict[str, tuple[list[str], set[str]]], roots: set[str]) -> list[str]:
    """`roots` and everything the lock says they need, in lock-file order."""
    chosen = set(roots)
    grew = True
    while grew:
        grew = False
        for name, (_, needed_by) in packages.items():
            if name not in chosen and needed_by & chosen:
                chosen.add(name)
                grew = True
    missing = chosen - packages.keys()
    if missing:
        raise SystemExit(f"not in requirements.lock: {', '.join(sorted(missing))}")
    return [name for name in packages if name in chosen]


def main() -> int:
    """Write the runtime requirements to stdout."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    roots = {normalize(NAME_END.split(dep, maxsplit=1)[0]) for dep in project["dependencies"]}
    packages = parse_lock((REPO / "requirements.lock").read_text(encoding="utf-8"))
    print("# Lectern's runtime dependencies: generated from requirements.lock by")
    print("# packaging/runtime_requirements.py; install with --no-deps --require-hashes.")
    for name in runtime_packages(packages, roots):
        print("\n".join(packages[name][0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
