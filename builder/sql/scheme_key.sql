-- Each scheme's latest-year frame per county next to what its documented key gives on teacher FTEs.
-- params: none
-- per: ordning
-- Only frames not themselves computed by the key (offisiell, or beregnet by another method).
SELECT k.ordning_id AS key_ordning, k.aar, k.fylkesnummer, k.fylke, k.belop, k.status, k.kilde_id, k.larerarsverk,
       k.nevner_status, k.nevner_kilder, k.per_larerarsverk, k.per_status, k.etter_nokkel, k.nokkel_status,
       k.differanse, k.differanse_status, k.omtrent, k.merknad
FROM v_nokkel k
JOIN (SELECT ordning_id, max(aar) AS aar FROM v_nokkel WHERE NOT fra_nokkel GROUP BY ordning_id) siste
  USING (ordning_id, aar)
WHERE NOT k.fra_nokkel
ORDER BY k.fylkesnummer;
