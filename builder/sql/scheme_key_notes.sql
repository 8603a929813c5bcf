-- The notes on each scheme's frames computed by us with the key (e.g. «Forenklet nøkkel: …»), shown with the key.
-- params: none
-- per: ordning
SELECT DISTINCT r.ordning_id AS key_ordning, r.merknad
FROM v_rammer r
JOIN kilder k USING (kilde_id)
WHERE k.type = 'beregning' AND coalesce(r.merknad, '') <> ''
ORDER BY r.merknad;
