-- One county's frames in schemes keyed on teacher FTEs, next to what the key gives, per year.
-- params: fylke
SELECT aar, ordning_id, ordning, belop, status, kilde_id, nevner_kilder, etter_nokkel, differanse
FROM v_nokkel
WHERE fylkesnummer = $fylke
ORDER BY aar, ordning_id;
