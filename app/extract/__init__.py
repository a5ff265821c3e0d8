"""PDF parsing. `pdfparse` runs inside worker processes; `pool` owns those processes."""
