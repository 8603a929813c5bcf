-- One year's frames per county and scheme, for the heat table.
-- params: aar
SELECT fylkesnummer, fylke, ordning_id, ordning, belop, status, kilde_id
FROM v_rammer
WHERE aar = $aar
ORDER BY fylkesnummer, ordning_id;
