"""Write Lectern's desktop entry for a package, from the template `lectern install-desktop` uses.

    python packaging/desktop_entry.py --exec lectern --icon org.lectern.Lectern OUTPUT

Needs only the standard library and this checkout (run with PYTHONPATH set to the checkout).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.desktop import entry_template, render_entry


def main(argv: list[str] | None = None) -> int:
    """Render the entry into OUTPUT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--exec",
        dest="command",
        required=True,
        help="the program Exec runs (files are appended as %%F)",
    )
    parser.add_argument("--icon", required=True, help="icon name in the icon theme")
    parser.add_argument("--try-exec", default=None, help="executable whose absence hides the entry")
    parser.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    entry = render_entry(
        entry_template(), command=[args.command], icon=args.icon, try_exec=args.try_exec
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(entry, encoding="utf-8")
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
