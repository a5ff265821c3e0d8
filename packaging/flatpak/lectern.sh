#!/bin/sh
# Flatpak launcher: the same GUI-or-CLI choice as the bundle's executable (packaging/entry.py).
export PYTHONPATH=/app/lib/lectern${PYTHONPATH:+:$PYTHONPATH}
exec python3 /app/lib/lectern/lectern_entry.py "$@"
