"""Controllers: they connect widgets and models to library operations."""
