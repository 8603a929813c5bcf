-- One scheme's latest-year frame per county next to what its documented key gives on teacher FTEs.
-- params: ordning
-- Only frames not themselves computed by the key (offisiell, or beregnet by another method).
SELECT aar, fylkesnummer, fylke, belop, status, kilde_id, larerarsverk, nevner_status, nevner_kilder, per_larerarsverk,
       per_status, etter_nokkel, nokkel_status, differanse, differanse_status, omtrent, merknad
FROM v_nokkel
WHERE ordning_id = $ordning AND NOT fra_nokkel
  AND aar = (SELECT max(aar) FROM v_nokkel WHERE ordning_id = $ordning AND NOT fra_nokkel)
ORDER BY fylkesnummer;
