"""The `lectern` command line: everything headless, with `--json` output for scripts."""
