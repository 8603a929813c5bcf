-- Shortcode figures and tables: the national total per year, for one scheme or all.
-- params: ordning
SELECT aar, sum(belop) AS belop, arg_max(n.status, s.rang) AS status,
       string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id
FROM nasjonale_rammer n
JOIN v_status s USING (status)
WHERE ($ordning IS NULL OR ordning_id = $ordning)
GROUP BY aar
ORDER BY aar;
