-- Each year's national total per scheme, with every scheme that ran that year (no total: belop NULL).
-- params: none
-- per: aar
WITH aar AS (
    SELECT aar FROM nasjonale_rammer UNION SELECT aar FROM v_rammer
), fylker AS (
    SELECT aar, ordning_id, count(*) AS fylker, sum(belop) AS fylker_sum FROM v_rammer GROUP BY aar, ordning_id
)
SELECT a.aar AS key_aar, o.ordning_id, o.navn AS ordning, o.kortnavn, n.belop, n.status, n.kilde_id, n.merknad,
       coalesce(f.fylker, 0) AS fylker, f.fylker_sum
FROM aar a
JOIN ordninger o ON o.fra_aar <= a.aar AND (o.til_aar IS NULL OR a.aar <= o.til_aar)
LEFT JOIN nasjonale_rammer n ON n.ordning_id = o.ordning_id AND n.aar = a.aar
LEFT JOIN fylker f ON f.ordning_id = o.ordning_id AND f.aar = a.aar
ORDER BY o.fra_aar, o.ordning_id;
