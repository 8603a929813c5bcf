-- Every source with its id, for the source list and the "Kilde" lines.
-- params: none
SELECT kilde_id, tittel, utgiver, dato, type, url, merknad
FROM kilder
ORDER BY kilde_id;
