-- The notes on a scheme's frames computed by us with the key (e.g. «Forenklet nøkkel: …»), shown with the key.
-- params: ordning
SELECT DISTINCT r.merknad
FROM v_rammer r
JOIN kilder k USING (kilde_id)
WHERE r.ordning_id = $ordning AND k.type = 'beregning' AND coalesce(r.merknad, '') <> ''
ORDER BY r.merknad;
