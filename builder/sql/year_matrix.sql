-- Each year's frames per county and scheme, for the heat table.
-- params: none
-- per: aar
SELECT aar AS key_aar, fylkesnummer, fylke, ordning_id, ordning, belop, status, kilde_id
FROM v_rammer
ORDER BY fylkesnummer, ordning_id;
