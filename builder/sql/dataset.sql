-- One published input table in full, in a stable order.
SELECT * FROM query_table($tabell) ORDER BY ALL;
