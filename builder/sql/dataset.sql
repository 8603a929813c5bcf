-- One published input table in full, in a stable order.
-- params: tabell
SELECT * FROM query_table($tabell) ORDER BY ALL;
