-- National total per scheme and year.
-- params: none
SELECT n.aar, n.ordning_id, o.navn AS ordning, o.kortnavn, n.belop, n.status, n.kilde_id, n.merknad
FROM nasjonale_rammer n
JOIN ordninger o USING (ordning_id)
ORDER BY n.aar, o.fra_aar, n.ordning_id;
