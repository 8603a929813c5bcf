-- Reported use of funds and co-financing (egenandel) per year for each scheme.
-- params: none
-- per: ordning
SELECT ordning_id AS key_ordning, aar, count(*) AS rapporter, sum(brukt_belop) AS brukt, sum(egenandel) AS egenandel,
       CASE WHEN sum(brukt_belop) > 0 THEN CAST(sum(egenandel) / sum(brukt_belop) AS DECIMAL(18, 6)) END AS andel,
       arg_max(status, s.rang) AS status, string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id
FROM rapportering
JOIN v_status s USING (status)
WHERE egenandel IS NOT NULL
GROUP BY ordning_id, aar
ORDER BY aar;
