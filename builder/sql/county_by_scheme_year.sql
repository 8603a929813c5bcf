-- Each county's frame per scheme and year.
-- params: none
-- per: fylke
SELECT fylkesnummer AS key_fylke, aar, ordning_id, ordning, belop, status, kilde_id, merknad
FROM v_rammer
ORDER BY aar, ordning_id;
