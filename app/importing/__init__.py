"""The import pipeline: paths → worker parsing → duplicate checks → one transaction per batch."""
