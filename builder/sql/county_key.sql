-- Each county's frames in schemes keyed on teacher FTEs, next to what the key gives, per year, with their statuses.
-- params: none
-- per: fylke
-- Only frames not themselves computed by the key (offisiell, or beregnet by another method).
SELECT fylkesnummer AS key_fylke, aar, ordning_id, ordning, kortnavn, belop, status, kilde_id, nevner_kilder, etter_nokkel,
       nokkel_status, differanse, differanse_status
FROM v_nokkel
WHERE NOT fra_nokkel
ORDER BY aar, ordning_id;
