-- Each scheme with its years and its national total in the latest year (NULL where none is published).
-- params: none
WITH siste AS (
    SELECT ordning_id, max(aar) AS aar FROM nasjonale_rammer GROUP BY ordning_id
)
SELECT o.ordning_id, o.navn, o.kortnavn, o.forvalter, o.fra_aar, n.aar, n.belop, n.status, n.kilde_id
FROM ordninger o
LEFT JOIN siste s USING (ordning_id)
LEFT JOIN nasjonale_rammer n ON n.ordning_id = s.ordning_id AND n.aar = s.aar
ORDER BY o.fra_aar, o.ordning_id;
