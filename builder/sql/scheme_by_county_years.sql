-- Each scheme's frame per county and year (counties as they were that year).
-- params: none
-- per: ordning
SELECT ordning_id AS key_ordning, aar, fylkesnummer, fylke, belop, status, kilde_id
FROM v_rammer
ORDER BY aar, fylkesnummer;
