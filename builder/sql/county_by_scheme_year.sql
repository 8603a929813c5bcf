-- One county's frame per scheme and year.
-- params: fylke
SELECT aar, ordning_id, ordning, belop, status, kilde_id, merknad
FROM v_rammer
WHERE fylkesnummer = $fylke
ORDER BY aar, ordning_id;
