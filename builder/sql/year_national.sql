-- One year's national total per scheme, with every scheme that ran that year (no total: belop NULL).
-- params: aar
SELECT o.ordning_id, o.kortnavn AS ordning, n.belop, n.status, n.kilde_id, n.merknad,
       (SELECT count(*) FROM v_rammer r WHERE r.ordning_id = o.ordning_id AND r.aar = $aar) AS fylker,
       (SELECT sum(r.belop) FROM v_rammer r WHERE r.ordning_id = o.ordning_id AND r.aar = $aar) AS fylker_sum
FROM ordninger o
LEFT JOIN nasjonale_rammer n ON n.ordning_id = o.ordning_id AND n.aar = $aar
WHERE o.fra_aar <= $aar AND (o.til_aar IS NULL OR $aar <= o.til_aar)
ORDER BY o.fra_aar, o.ordning_id;
