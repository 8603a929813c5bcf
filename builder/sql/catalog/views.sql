-- The views that exist and are not yet materialised as tables, in creation order (builder/load/database.py).
-- params: none
SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_oid
