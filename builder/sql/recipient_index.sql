-- One row when some grant (tilsagn) names a recipient, so the recipient list has its page; no row otherwise.
-- params: none
SELECT count(DISTINCT mottaker_id) AS mottakere
FROM v_tilsagn
HAVING count(*) > 0
ORDER BY mottakere;
