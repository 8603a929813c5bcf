-- One scheme's frame per county and year (counties as they were that year).
-- params: ordning
SELECT aar, fylkesnummer, fylke, belop, status, kilde_id
FROM v_rammer
WHERE ordning_id = $ordning
ORDER BY aar, fylkesnummer;
