"""STAGE 1: the data contract, the CSV and Excel readers, cell and cross-file rules, and the DuckDB tables."""
