"""Item models of the main window: they hold ids and answer by role."""
