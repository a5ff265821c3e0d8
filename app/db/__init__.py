"""The SQLite database: typed models, engine set-up and migrations."""
